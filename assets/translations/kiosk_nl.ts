<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>Grotere tekst</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>Hoog contrast</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Kiosk voor vertrouwde reizigers</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>Starten</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>Heeft u fruit, groenten, planten, zaden, vlees of ander voedsel bij u?</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>Heeft u contant geld of betaalmiddelen bij u met een waarde van meer dan 10.000 USD of het equivalent?</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>Heeft u handelswaar of goederen voor verkoop bij u?</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>Bent u sinds uw vertrek op een boerderij of ranch geweest, of heeft u vee aangeraakt?</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>Vraag %1 van %2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>Antwoord alleen voor uzelf. Aangeven is geen probleem: een beambte helpt u.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nee</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>Leg uw rechterduim op de scanner</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>Leg uw rechterwijsvinger op de scanner</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>Leg uw rechtermiddelvinger op de scanner</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>Leg uw rechterringvinger op de scanner</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>Leg uw rechterpink op de scanner</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>Leg uw linkerduim op de scanner</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>Leg uw linkerwijsvinger op de scanner</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>Leg uw linkermiddelvinger op de scanner</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>Leg uw linkerringvinger op de scanner</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>Leg uw linkerpink op de scanner</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>Leg uw vinger op de scanner</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>Druk zachtjes en houd stil tot het lampje uitgaat.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>Poging %1 van %2</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>Uw vingerafdruk wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>Geen vinger gedetecteerd. Leg uw vinger op het glas.</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>Druk iets harder.</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>Uw vinger is te nat. Droog hem af en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>Leg het midden van uw vinger op het glas.</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>Probeer het opnieuw: til uw vinger op en leg hem plat neer.</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>De scanner reageert niet.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>Heeft u meer tijd nodig?</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>Deze sessie eindigt over %1 seconden.</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>Ja, meer tijd</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>Nee, stoppen</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Kiosk voor vertrouwde reizigers</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>Leg uw paspoort op de lezer</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>Open hem op de pagina met de foto en leg hem met die kant naar beneden op het glas.</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>Uw paspoort wordt gelezen… houd het stil.</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>We zien uw paspoort niet. Leg de fotopagina plat op het glas.</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>Til uw paspoort op en leg het opnieuw neer, plat aangedrukt.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>Ga naar de uitgang</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>Meld u bij een beambte</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>Gebruik de gewone rij voor paspoortcontrole</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>Uw paspoort is verlopen</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>Dit paspoort kan bij deze kiosk niet worden gelezen</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>Neem uw bon en uw paspoort mee en toon ze bij de uitgang.</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>Breng uw bon en uw paspoort naar de beambte.</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>Deze kiosk is voor leden van programma’s voor vertrouwde reizigers. Een beambte helpt u in de gewone rij.</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>Neem uw paspoort mee en meld u bij een beambte.</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>Uw bon kon niet worden afgedrukt. Meld u bij een beambte en geef dit nummer: %1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>Neem uw bon uit de gleuf onder het scherm.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Uw bon wordt afgedrukt…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>Transactie %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>Stap %1 van %2</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>Neem uw paspoort en uw bon mee</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>Neem uw paspoort mee</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>Neem uw bon mee</translation>
    </message>
</context>
</TS>
