<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>大字體</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>高對比度</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>可信旅客自助機</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>開始</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>您是否攜帶水果、蔬菜、植物、種子、肉類或其他食品？</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>您是否攜帶價值超過10,000美元或等值的現金或貨幣票據？</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>您是否攜帶商業貨物或待售物品？</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>出行期間，您是否到過農場或牧場，或接觸過牲畜？</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>第 %1 題，共 %2 題</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>請僅就您本人作答。申報沒有問題，工作人員會協助您。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>請將右手拇指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>請將右手食指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>請將右手中指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>請將右手無名指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>請將右手小指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>請將左手拇指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>請將左手食指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>請將左手中指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>請將左手無名指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>請將左手小指放在掃描器上</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>請將手指放在掃描器上</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>輕輕按壓，保持不動，直到指示燈熄滅。</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>第 %1 次嘗試，共 %2 次</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>正在核對您的指紋…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>未偵測到手指。請將手指放在玻璃面上。</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>請稍微用力按壓。</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>手指太濕。請擦乾後重試。</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>請將手指中部放在玻璃面上。</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>請重試：抬起手指，再平放上去。</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>掃描器無回應。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>您需要更多時間嗎？</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>本次操作將在 %1 秒後結束。</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>是，需要更多時間</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>否，結束</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>可信旅客自助機</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>請將護照放在讀取器上</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>翻開照片頁，面朝下放在玻璃面上。</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>正在讀取護照…請保持不動。</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>無法辨識您的護照。請將照片頁平放在玻璃面上。</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>請拿起護照，重新放置並壓平。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>請前往出口</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>請找工作人員</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>請使用一般護照查驗通道</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>您的護照已過期</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>本自助機無法讀取此護照</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>請取走憑條和護照，並在出口出示。</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>請將憑條和護照交給工作人員。</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>本自助機僅供可信旅客計畫會員使用。工作人員將在一般通道為您辦理。</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>請取走護照並找工作人員。</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>憑條無法列印。請找工作人員並告知此編號：%1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>請從螢幕下方的出口取走憑條。</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>正在列印憑條…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>交易編號 %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>請取走護照和憑條</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>請取走護照</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>請取走憑條</translation>
    </message>
</context>
</TS>
