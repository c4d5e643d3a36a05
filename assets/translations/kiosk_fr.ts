<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>Texte plus grand</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>Contraste élevé</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Borne des voyageurs de confiance</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>Commencer</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>Apportez-vous des fruits, légumes, plantes, graines, viande ou autres aliments ?</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>Transportez-vous des espèces ou des titres d’une valeur supérieure à 10 000 USD ou l’équivalent ?</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>Apportez-vous des marchandises commerciales ou des articles destinés à la vente ?</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>Depuis votre départ, êtes-vous allé dans une ferme ou un ranch, ou avez-vous touché du bétail ?</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>Question %1 sur %2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>Répondez pour vous seul. Déclarer n’est pas un problème : un agent vous aidera.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>Posez le pouce droit sur le lecteur</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>Posez l’index droit sur le lecteur</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>Posez le majeur droit sur le lecteur</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>Posez l’annulaire droit sur le lecteur</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>Posez l’auriculaire droit sur le lecteur</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>Posez le pouce gauche sur le lecteur</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>Posez l’index gauche sur le lecteur</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>Posez le majeur gauche sur le lecteur</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>Posez l’annulaire gauche sur le lecteur</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>Posez l’auriculaire gauche sur le lecteur</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>Posez le doigt sur le lecteur</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>Appuyez doucement sans bouger jusqu’à ce que la lumière s’éteigne.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>Essai %1 sur %2</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>Vérification de votre empreinte…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>Aucun doigt détecté. Posez le doigt sur la vitre.</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>Appuyez un peu plus fort.</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>Votre doigt est trop humide. Séchez-le et réessayez.</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>Posez le centre du doigt sur la vitre.</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>Réessayez : levez le doigt et reposez-le bien à plat.</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>Le lecteur ne répond pas.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>Avez-vous besoin de plus de temps ?</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>Cette session se terminera dans %1 secondes.</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>Oui, plus de temps</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>Non, terminer</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Borne des voyageurs de confiance</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>Posez votre passeport sur le lecteur</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>Ouvrez-le à la page de la photo et posez-le face contre la vitre.</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>Lecture du passeport… ne le bougez pas.</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>Nous ne voyons pas votre passeport. Posez la page de la photo bien à plat sur la vitre.</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>Soulevez votre passeport et reposez-le en l’appuyant bien à plat.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>Dirigez-vous vers la sortie</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>Veuillez voir un agent</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>Veuillez utiliser la file normale du contrôle des passeports</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>Votre passeport a expiré</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>Cette borne ne peut pas lire ce passeport</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>Prenez votre reçu et votre passeport, et présentez-les à la sortie.</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>Apportez votre reçu et votre passeport à l’agent.</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>Cette borne est réservée aux membres des programmes de voyageurs de confiance. Un agent vous accueillera dans la file normale.</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>Prenez votre passeport et allez voir un agent.</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>Votre reçu n’a pas pu être imprimé. Allez voir un agent et donnez ce numéro : %1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>Prenez votre reçu dans la fente sous l’écran.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Impression de votre reçu…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>Transaction %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>Étape %1 sur %2</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>Prenez votre passeport et votre reçu</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>Prenez votre passeport</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>Prenez votre reçu</translation>
    </message>
</context>
</TS>
