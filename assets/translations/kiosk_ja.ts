<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>文字を大きく</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>ハイコントラスト</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>信頼できる渡航者用キオスク</translation>
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
        <translation>果物、野菜、植物、種子、肉、その他の食品を持ち込んでいますか？</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>1万米ドル相当を超える現金または有価証券をお持ちですか？</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>商用の商品または販売用の品物を持ち込んでいますか？</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>出国後、農場や牧場に行ったり、家畜に触れたりしましたか？</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>質問 %1/%2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>ご自身についてのみお答えください。申告しても問題ありません。係官がお手伝いします。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>右手の親指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>右手の人差し指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>右手の中指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>右手の薬指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>右手の小指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>左手の親指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>左手の人差し指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>左手の中指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>左手の薬指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>左手の小指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>指をスキャナーに置いてください</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>ランプが消えるまで軽く押したまま動かさないでください。</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>%1 回目 / 全 %2 回</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>指紋を確認しています…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>指が検出されません。ガラス面に指を置いてください。</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>もう少し強く押してください。</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>指が濡れすぎています。拭いてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>指の中心をガラス面に置いてください。</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>もう一度お試しください。指を離してから平らに置いてください。</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>スキャナーが応答しません。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>もっと時間が必要ですか？</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>このセッションはあと %1 秒で終了します。</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>はい、延長します</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>いいえ、終了します</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>信頼できる渡航者用キオスク</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>パスポートをリーダーに置いてください</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>顔写真のページを開き、下向きにしてガラス面に置いてください。</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>パスポートを読み取っています…動かさないでください。</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>パスポートを認識できません。顔写真のページをガラス面に平らに置いてください。</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>パスポートを一度持ち上げ、平らに押さえてもう一度置いてください。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>出口へお進みください</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>係官のところへお越しください</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>通常の入国審査レーンをご利用ください</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>パスポートの有効期限が切れています</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>このキオスクではこのパスポートを読み取れません</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>レシートとパスポートを受け取り、出口で提示してください。</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>レシートとパスポートを係官にお渡しください。</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>このキオスクは信頼できる渡航者プログラムの会員専用です。通常のレーンで係官がご案内します。</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>パスポートをお持ちになり、係官のところへお越しください。</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>レシートを印刷できませんでした。係官にこの番号をお伝えください：%1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>画面下の取り出し口からレシートをお取りください。</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>レシートを印刷しています…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>取引番号 %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>ステップ %1/%2</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>パスポートとレシートをお取りください</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>パスポートをお取りください</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>レシートをお取りください</translation>
    </message>
</context>
</TS>
