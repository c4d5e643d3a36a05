<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>Größere Schrift</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>Hoher Kontrast</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Kiosk für vertrauenswürdige Reisende</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>Führen Sie Obst, Gemüse, Pflanzen, Samen, Fleisch oder andere Lebensmittel mit?</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>Führen Sie Bargeld oder Zahlungsmittel im Wert von mehr als 10.000 US-Dollar oder dem Gegenwert mit?</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>Führen Sie Handelswaren oder Waren zum Verkauf mit?</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>Waren Sie seit Ihrer Abreise auf einem Bauernhof oder einer Ranch oder hatten Sie Kontakt mit Nutztieren?</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>Frage %1 von %2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>Antworten Sie nur für sich selbst. Anmelden ist kein Problem: Ein Beamter hilft Ihnen.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>Legen Sie den rechten Daumen auf den Scanner</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>Legen Sie den rechten Zeigefinger auf den Scanner</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>Legen Sie den rechten Mittelfinger auf den Scanner</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>Legen Sie den rechten Ringfinger auf den Scanner</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>Legen Sie den rechten kleinen Finger auf den Scanner</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>Legen Sie den linken Daumen auf den Scanner</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>Legen Sie den linken Zeigefinger auf den Scanner</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>Legen Sie den linken Mittelfinger auf den Scanner</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>Legen Sie den linken Ringfinger auf den Scanner</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>Legen Sie den linken kleinen Finger auf den Scanner</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>Legen Sie den Finger auf den Scanner</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>Leicht andrücken und ruhig halten, bis das Licht erlischt.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>Versuch %1 von %2</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>Ihr Fingerabdruck wird geprüft…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>Kein Finger erkannt. Legen Sie den Finger auf das Glas.</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>Drücken Sie etwas fester.</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>Ihr Finger ist zu feucht. Trocknen Sie ihn ab und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>Legen Sie die Fingermitte auf das Glas.</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>Bitte erneut versuchen: Finger anheben und flach auflegen.</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>Der Scanner reagiert nicht.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>Brauchen Sie mehr Zeit?</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>Diese Sitzung endet in %1 Sekunden.</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>Ja, mehr Zeit</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>Nein, beenden</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Kiosk für vertrauenswürdige Reisende</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>Legen Sie Ihren Reisepass auf das Lesegerät</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>Öffnen Sie die Seite mit dem Foto und legen Sie ihn mit dieser Seite nach unten auf das Glas.</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>Ihr Reisepass wird gelesen… bitte nicht bewegen.</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>Ihr Reisepass wurde nicht erkannt. Legen Sie die Fotoseite flach auf das Glas.</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>Heben Sie den Reisepass an und legen Sie ihn erneut flach gedrückt auf.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>Gehen Sie zum Ausgang</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>Bitte wenden Sie sich an einen Beamten</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>Bitte nutzen Sie die normale Passkontrolle</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>Ihr Reisepass ist abgelaufen</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>Dieser Reisepass kann hier nicht gelesen werden</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>Nehmen Sie Beleg und Reisepass und zeigen Sie beides am Ausgang vor.</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>Bringen Sie Beleg und Reisepass zum Beamten.</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>Dieser Kiosk ist für Mitglieder von Trusted-Traveler-Programmen. Ein Beamter empfängt Sie an der normalen Kontrolle.</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>Nehmen Sie Ihren Reisepass und wenden Sie sich an einen Beamten.</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>Ihr Beleg konnte nicht gedruckt werden. Wenden Sie sich an einen Beamten und nennen Sie diese Nummer: %1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>Nehmen Sie Ihren Beleg aus dem Schlitz unter dem Bildschirm.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Ihr Beleg wird gedruckt…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>Vorgang %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>Schritt %1 von %2</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>Nehmen Sie Reisepass und Beleg mit</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>Nehmen Sie Ihren Reisepass mit</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>Nehmen Sie Ihren Beleg mit</translation>
    </message>
</context>
</TS>
