<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>Testo più grande</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>Contrasto elevato</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Chiosco per viaggiatori fidati</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>Inizia</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>Porta con sé frutta, verdura, piante, semi, carne o altri alimenti?</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>Porta con sé contanti o strumenti monetari per oltre 10.000 USD o l’equivalente?</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>Porta con sé merce commerciale o articoli destinati alla vendita?</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>Da quando è partito, è stato in una fattoria o in un ranch, o ha toccato del bestiame?</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>Domanda %1 di %2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>Risponda solo per sé. Dichiarare non è un problema: un agente la aiuterà.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>Appoggi il pollice destro sullo scanner</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>Appoggi l’indice destro sullo scanner</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>Appoggi il medio destro sullo scanner</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>Appoggi l’anulare destro sullo scanner</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>Appoggi il mignolo destro sullo scanner</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>Appoggi il pollice sinistro sullo scanner</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>Appoggi l’indice sinistro sullo scanner</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>Appoggi il medio sinistro sullo scanner</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>Appoggi l’anulare sinistro sullo scanner</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>Appoggi il mignolo sinistro sullo scanner</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>Appoggi il dito sullo scanner</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>Prema delicatamente e resti fermo finché la luce non si spegne.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>Tentativo %1 di %2</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>Verifica dell’impronta in corso…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>Nessun dito rilevato. Appoggi il dito sul vetro.</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>Prema un po’ più forte.</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>Il dito è troppo umido. Lo asciughi e riprovi.</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>Appoggi il centro del dito sul vetro.</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>Riprovi: sollevi il dito e lo appoggi ben piatto.</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>Lo scanner non risponde.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>Le serve più tempo?</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>Questa sessione terminerà tra %1 secondi.</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>Sì, più tempo</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>No, termina</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Chiosco per viaggiatori fidati</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>Appoggi il passaporto sul lettore</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>Lo apra alla pagina con la foto e lo appoggi a faccia in giù sul vetro.</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>Lettura del passaporto… lo tenga fermo.</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>Non vediamo il passaporto. Appoggi la pagina con la foto ben piatta sul vetro.</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>Sollevi il passaporto e lo riappoggi premendolo ben piatto.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>Proceda verso l’uscita</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>Si rivolga a un agente</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>Utilizzi la corsia normale del controllo passaporti</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>Il passaporto è scaduto</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>Questo passaporto non può essere letto da questo chiosco</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>Prenda la ricevuta e il passaporto e li mostri all’uscita.</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>Porti la ricevuta e il passaporto all’agente.</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>Questo chiosco è riservato ai membri dei programmi per viaggiatori fidati. Un agente la accoglierà nella corsia normale.</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>Prenda il passaporto e si rivolga a un agente.</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>Non è stato possibile stampare la ricevuta. Si rivolga a un agente e indichi questo numero: %1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>Prenda la ricevuta dalla fessura sotto lo schermo.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Stampa della ricevuta in corso…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>Transazione %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fatto</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>Passo %1 di %2</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>Prenda il passaporto e la ricevuta</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>Prenda il passaporto</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>Prenda la ricevuta</translation>
    </message>
</context>
</TS>
