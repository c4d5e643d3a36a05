<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>큰 글자</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>고대비</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>신뢰 여행자 키오스크</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>시작</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>과일, 채소, 식물, 씨앗, 육류 또는 기타 식품을 가지고 있습니까?</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>미화 10,000달러 또는 그에 상당하는 금액을 초과하는 현금이나 유가증권을 소지하고 있습니까?</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>판매용 상품이나 상업용 물품을 가지고 있습니까?</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>출국 후 농장이나 목장에 가거나 가축을 만진 적이 있습니까?</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>질문 %1/%2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>본인에 대해서만 답하십시오. 신고해도 괜찮습니다. 담당관이 도와드립니다.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니요</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>오른손 엄지를 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>오른손 검지를 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>오른손 중지를 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>오른손 약지를 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>오른손 새끼손가락을 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>왼손 엄지를 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>왼손 검지를 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>왼손 중지를 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>왼손 약지를 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>왼손 새끼손가락을 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>손가락을 스캐너에 올려 주십시오</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>불이 꺼질 때까지 살짝 누른 채 움직이지 마십시오.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>시도 %1/%2</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>지문을 확인하는 중…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>손가락이 감지되지 않았습니다. 유리면에 손가락을 올려 주십시오.</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>조금 더 세게 눌러 주십시오.</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>손가락이 너무 젖어 있습니다. 닦은 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>손가락 가운데 부분을 유리면에 올려 주십시오.</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>다시 시도해 주십시오. 손가락을 뗐다가 평평하게 올려 주십시오.</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>스캐너가 응답하지 않습니다.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>시간이 더 필요하십니까?</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>%1초 후에 이 세션이 종료됩니다.</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>예, 시간을 더 주세요</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>아니요, 종료</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>신뢰 여행자 키오스크</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>여권을 판독기에 올려 주십시오</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>사진이 있는 면을 펼쳐 유리면에 엎어 놓으십시오.</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>여권을 읽는 중입니다… 움직이지 마십시오.</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>여권을 인식할 수 없습니다. 사진면을 유리면에 평평하게 올려 주십시오.</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>여권을 들었다가 평평하게 눌러 다시 올려 주십시오.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>출구로 가십시오</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>담당관에게 가십시오</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>일반 출입국 심사대를 이용해 주십시오</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>여권이 만료되었습니다</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>이 키오스크에서는 이 여권을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>영수증과 여권을 챙겨 출구에서 보여 주십시오.</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>영수증과 여권을 담당관에게 가져가십시오.</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>이 키오스크는 신뢰 여행자 프로그램 회원 전용입니다. 일반 심사대에서 담당관이 안내해 드립니다.</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>여권을 챙겨 담당관에게 가십시오.</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>영수증을 인쇄하지 못했습니다. 담당관에게 가서 이 번호를 알려 주십시오: %1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>화면 아래 투입구에서 영수증을 가져가십시오.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>영수증을 인쇄하는 중…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>거래 번호 %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>%2단계 중 %1단계</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>여권과 영수증을 챙기십시오</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>여권을 챙기십시오</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>영수증을 챙기십시오</translation>
    </message>
</context>
</TS>
