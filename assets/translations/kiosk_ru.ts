<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>Крупный текст</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>Высокий контраст</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Киоск для доверенных путешественников</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>Начать</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>Везёте ли вы фрукты, овощи, растения, семена, мясо или другие продукты питания?</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>Везёте ли вы наличные или денежные инструменты на сумму более 10 000 долларов США или эквивалент?</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>Везёте ли вы коммерческие товары или товары для продажи?</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>После отъезда вы были на ферме или ранчо или контактировали со скотом?</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>Вопрос %1 из %2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>Отвечайте только за себя. Декларировать — не проблема: вам поможет сотрудник.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>Приложите большой палец правой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>Приложите указательный палец правой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>Приложите средний палец правой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>Приложите безымянный палец правой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>Приложите мизинец правой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>Приложите большой палец левой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>Приложите указательный палец левой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>Приложите средний палец левой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>Приложите безымянный палец левой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>Приложите мизинец левой руки к сканеру</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>Приложите палец к сканеру</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>Слегка прижмите и не двигайте, пока не погаснет свет.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>Попытка %1 из %2</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>Проверяем отпечаток…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>Палец не обнаружен. Приложите палец к стеклу.</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>Прижмите чуть сильнее.</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>Палец слишком влажный. Вытрите его и попробуйте снова.</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>Приложите к стеклу середину пальца.</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>Попробуйте снова: поднимите палец и приложите его плоско.</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>Сканер не отвечает.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>Вам нужно больше времени?</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>Сеанс завершится через %1 с.</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>Да, ещё время</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>Нет, завершить</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Киоск для доверенных путешественников</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>Положите паспорт на считыватель</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>Откройте страницу с фотографией и положите паспорт ею вниз на стекло.</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>Читаем паспорт… не двигайте его.</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>Паспорт не виден. Положите страницу с фотографией плоско на стекло.</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>Поднимите паспорт и положите снова, плотно прижав.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>Пройдите к выходу</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>Обратитесь к сотруднику</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>Пройдите обычный паспортный контроль</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>Срок действия паспорта истёк</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>Этот киоск не может прочитать паспорт</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>Возьмите квитанцию и паспорт и предъявите их на выходе.</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>Отнесите квитанцию и паспорт сотруднику.</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>Этот киоск — для участников программ доверенных путешественников. Сотрудник примет вас в обычной очереди.</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>Возьмите паспорт и обратитесь к сотруднику.</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>Квитанцию не удалось напечатать. Обратитесь к сотруднику и назовите номер: %1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>Возьмите квитанцию из щели под экраном.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Печатаем квитанцию…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>Операция %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>Шаг %1 из %2</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>Заберите паспорт и квитанцию</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>Заберите паспорт</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>Заберите квитанцию</translation>
    </message>
</context>
</TS>
