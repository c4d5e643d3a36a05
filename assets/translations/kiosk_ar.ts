<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>نص أكبر</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>تباين عالٍ</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>كشك المسافرين الموثوقين</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>ابدأ</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>هل تحمل أي فواكه أو خضروات أو نباتات أو بذور أو لحوم أو أطعمة أخرى؟</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>هل تحمل نقودًا أو أدوات نقدية تزيد قيمتها على 10,000 دولار أمريكي أو ما يعادلها؟</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>هل تحمل بضائع تجارية أو سلعًا للبيع؟</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>هل زرت مزرعة أو مرعى، أو لمست ماشية، منذ مغادرتك؟</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>السؤال %1 من %2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>أجب عن نفسك فقط. التصريح ليس مشكلة: سيساعدك أحد الموظفين.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>ضع إبهام يدك اليمنى على الماسح</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>ضع سبابة يدك اليمنى على الماسح</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>ضع الإصبع الوسطى من يدك اليمنى على الماسح</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>ضع البنصر من يدك اليمنى على الماسح</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>ضع الخنصر من يدك اليمنى على الماسح</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>ضع إبهام يدك اليسرى على الماسح</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>ضع سبابة يدك اليسرى على الماسح</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>ضع الإصبع الوسطى من يدك اليسرى على الماسح</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>ضع البنصر من يدك اليسرى على الماسح</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>ضع الخنصر من يدك اليسرى على الماسح</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>ضع إصبعك على الماسح</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>اضغط برفق وثبّت إصبعك حتى ينطفئ الضوء.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>المحاولة %1 من %2</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>جارٍ التحقق من بصمتك…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>لم يتم اكتشاف إصبع. ضع إصبعك على الزجاج.</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>اضغط بقوة أكبر قليلًا.</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>إصبعك مبلل جدًا. جففه وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>ضع منتصف إصبعك على الزجاج.</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>حاول مرة أخرى: ارفع إصبعك وضعه بشكل مسطح.</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>الماسح لا يستجيب.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>هل تحتاج إلى مزيد من الوقت؟</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>ستنتهي هذه الجلسة خلال %1 ثانية.</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>نعم، مزيد من الوقت</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>لا، إنهاء</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>كشك المسافرين الموثوقين</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>ضع جواز سفرك على القارئ</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>افتحه على صفحة الصورة وضعه مقلوبًا على الزجاج.</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>جارٍ قراءة جواز سفرك… يرجى إبقاؤه ثابتًا.</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>لم نتمكن من رؤية جواز سفرك. ضع صفحة الصورة مسطحة على الزجاج.</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>ارفع جواز سفرك وضعه مرة أخرى مع الضغط عليه ليكون مسطحًا.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>توجّه إلى المخرج</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>يرجى التوجّه إلى أحد الموظفين</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>يرجى استخدام مسار مراقبة الجوازات العادي</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>انتهت صلاحية جواز سفرك</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>لا يمكن قراءة جواز السفر هذا في هذا الكشك</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>خذ إيصالك وجواز سفرك، وأظهرهما عند المخرج.</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>خذ إيصالك وجواز سفرك إلى الموظف.</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>هذا الكشك مخصص لأعضاء برامج المسافرين الموثوقين. سيستقبلك أحد الموظفين في المسار العادي.</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>خذ جواز سفرك وتوجّه إلى أحد الموظفين.</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>تعذرت طباعة إيصالك. يرجى التوجّه إلى أحد الموظفين وإعطاؤه هذا الرقم: %1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>خذ إيصالك من الفتحة أسفل الشاشة.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>جارٍ طباعة إيصالك…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>المعاملة %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>الخطوة %1 من %2</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>خذ جواز سفرك وإيصالك</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>خذ جواز سفرك</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>خذ إيصالك</translation>
    </message>
</context>
</TS>
