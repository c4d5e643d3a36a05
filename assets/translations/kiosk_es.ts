<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>Texto más grande</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Accessibility toggle: black background, white and yellow text</extracomment>
        <translation>Alto contraste</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Quiosco para viajeros de confianza</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>Comenzar</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>¿Trae frutas, verduras, plantas, semillas, carne u otros alimentos?</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>¿Lleva dinero en efectivo o instrumentos monetarios por más de 10.000 USD o su equivalente?</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>¿Trae mercancía comercial o artículos para la venta?</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>Desde que salió, ¿ha estado en una granja o rancho, o ha tocado ganado?</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>Pregunta %1 de %2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>Responda solo por usted. Declarar no es un problema: un agente le ayudará.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
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
        <translation>Coloque el pulgar derecho en el escáner</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>Coloque el índice derecho en el escáner</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>Coloque el dedo medio derecho en el escáner</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>Coloque el anular derecho en el escáner</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>Coloque el meñique derecho en el escáner</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>Coloque el pulgar izquierdo en el escáner</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>Coloque el índice izquierdo en el escáner</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>Coloque el dedo medio izquierdo en el escáner</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>Coloque el anular izquierdo en el escáner</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>Coloque el meñique izquierdo en el escáner</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>Coloque el dedo en el escáner</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>Presione suavemente y no lo mueva hasta que se apague la luz.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>Intento %1 de %2</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>Comprobando su huella…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>No se detecta ningún dedo. Coloque el dedo sobre el cristal.</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>Presione un poco más fuerte.</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>Su dedo está demasiado húmedo. Séquelo e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>Coloque el centro del dedo sobre el cristal.</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>Inténtelo de nuevo: levante el dedo y colóquelo plano.</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>El escáner no responde.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Do you need more time?</source>
        <translation>¿Necesita más tiempo?</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>Esta sesión terminará en %1 segundos.</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>Sí, más tiempo</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>No, terminar</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Quiosco para viajeros de confianza</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>Coloque su pasaporte en el lector</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>Ábralo por la página de la foto y colóquelo boca abajo sobre el cristal.</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>Leyendo su pasaporte… no lo mueva.</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>No vemos su pasaporte. Coloque la página de la foto plana sobre el cristal.</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>Levante el pasaporte y vuelva a colocarlo, presionándolo bien plano.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Proceed to the exit</source>
        <translation>Diríjase a la salida</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>Diríjase a un agente</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>Utilice el carril normal de control de pasaportes</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>Su pasaporte está vencido</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>Este quiosco no puede leer este pasaporte</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>Tome su comprobante y su pasaporte y muéstrelos en la salida.</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>Lleve su comprobante y su pasaporte al agente.</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>Este quiosco es para miembros de programas de viajeros de confianza. Un agente le atenderá en el carril normal.</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>Tome su pasaporte y diríjase a un agente.</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>No se pudo imprimir su comprobante. Diríjase a un agente y dé este número: %1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>Tome su comprobante de la ranura bajo la pantalla.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Imprimiendo su comprobante…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>Transacción %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>Paso %1 de %2</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>Tome su pasaporte y su comprobante</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>Tome su pasaporte</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>Tome su comprobante</translation>
    </message>
</context>
</TS>
