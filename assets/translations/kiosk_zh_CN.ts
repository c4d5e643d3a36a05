<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>大字体</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>高对比度</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>可信旅客自助机</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>开始</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>您是否携带水果、蔬菜、植物、种子、肉类或其他食品？</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>您是否携带价值超过10,000美元或等值的现金或货币票据？</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>您是否携带商业货物或待售物品？</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>出行期间，您是否到过农场或牧场，或接触过牲畜？</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>第 %1 题，共 %2 题</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>请仅就您本人作答。申报没有问题，工作人员会协助您。</translation>
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
        <translation>请将右手拇指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>请将右手食指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>请将右手中指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>请将右手无名指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>请将右手小指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>请将左手拇指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>请将左手食指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>请将左手中指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>请将左手无名指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>请将左手小指放在扫描器上</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>请将手指放在扫描器上</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>轻轻按压，保持不动，直到指示灯熄灭。</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>第 %1 次尝试，共 %2 次</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>正在核对您的指纹…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>未检测到手指。请将手指放在玻璃面上。</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>请稍微用力按压。</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>手指太湿。请擦干后重试。</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>请将手指中部放在玻璃面上。</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>请重试：抬起手指，再平放上去。</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>扫描器无响应。</translation>
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
        <translation>您需要更多时间吗？</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>本次操作将在 %1 秒后结束。</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>是，需要更多时间</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>否，结束</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>可信旅客自助机</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>请将护照放在阅读器上</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>翻开照片页，面朝下放在玻璃面上。</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>正在读取护照…请保持不动。</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>无法识别您的护照。请将照片页平放在玻璃面上。</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>请拿起护照，重新放置并压平。</translation>
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
        <translation>请前往出口</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>请找工作人员</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>请使用普通护照检查通道</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>您的护照已过期</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>本自助机无法读取此护照</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>请取走凭条和护照，并在出口出示。</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>请将凭条和护照交给工作人员。</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>本自助机仅供可信旅客计划会员使用。工作人员将在普通通道为您办理。</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>请取走护照并找工作人员。</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>凭条无法打印。请找工作人员并告知此编号：%1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>请从屏幕下方的出口取走凭条。</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>正在打印凭条…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>交易编号 %1</translation>
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
        <translation>请取走护照和凭条</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>请取走护照</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>请取走凭条</translation>
    </message>
</context>
</TS>
