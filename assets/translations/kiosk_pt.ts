<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Larger text</source>
        <extracomment>Accessibility toggle: make all text larger</extracomment>
        <translation>Texto maior</translation>
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
        <translation>Quiosque para viajantes confiáveis</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Button on the attract screen that starts a transaction</extracomment>
        <translation>Começar</translation>
    </message>
</context>
<context>
    <name>CustomsScreen</name>
    <message>
        <source>Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?</source>
        <translation>Está trazendo frutas, legumes, plantas, sementes, carne ou outros alimentos?</translation>
    </message>
    <message>
        <source>Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?</source>
        <translation>Está levando dinheiro ou instrumentos monetários acima de US$ 10.000 ou o equivalente?</translation>
    </message>
    <message>
        <source>Are you bringing commercial merchandise or goods for sale?</source>
        <translation>Está trazendo mercadorias comerciais ou artigos para venda?</translation>
    </message>
    <message>
        <source>Have you been on a farm or ranch, or touched livestock, since you left?</source>
        <translation>Desde que partiu, esteve em uma fazenda ou rancho, ou tocou em animais de criação?</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <extracomment>Customs questions progress, e.g. &quot;Question 1 of 4&quot;</extracomment>
        <translation>Pergunta %1 de %2</translation>
    </message>
    <message>
        <source>Answer for yourself only. Declaring is not a problem: an officer will help you.</source>
        <translation>Responda apenas por você. Declarar não é problema: um agente vai ajudá-lo.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <source>Place your right thumb on the scanner</source>
        <translation>Coloque o polegar direito no leitor</translation>
    </message>
    <message>
        <source>Place your right index finger on the scanner</source>
        <translation>Coloque o indicador direito no leitor</translation>
    </message>
    <message>
        <source>Place your right middle finger on the scanner</source>
        <translation>Coloque o dedo médio direito no leitor</translation>
    </message>
    <message>
        <source>Place your right ring finger on the scanner</source>
        <translation>Coloque o anelar direito no leitor</translation>
    </message>
    <message>
        <source>Place your right little finger on the scanner</source>
        <translation>Coloque o dedo mínimo direito no leitor</translation>
    </message>
    <message>
        <source>Place your left thumb on the scanner</source>
        <translation>Coloque o polegar esquerdo no leitor</translation>
    </message>
    <message>
        <source>Place your left index finger on the scanner</source>
        <translation>Coloque o indicador esquerdo no leitor</translation>
    </message>
    <message>
        <source>Place your left middle finger on the scanner</source>
        <translation>Coloque o dedo médio esquerdo no leitor</translation>
    </message>
    <message>
        <source>Place your left ring finger on the scanner</source>
        <translation>Coloque o anelar esquerdo no leitor</translation>
    </message>
    <message>
        <source>Place your left little finger on the scanner</source>
        <translation>Coloque o dedo mínimo esquerdo no leitor</translation>
    </message>
    <message>
        <source>Place your finger on the scanner</source>
        <translation>Coloque o dedo no leitor</translation>
    </message>
    <message>
        <source>Press gently and keep it still until the light goes out.</source>
        <translation>Pressione levemente e não mova até a luz apagar.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <extracomment>Attempts at the fingerprint scanner, e.g. &quot;Attempt 2 of 3&quot;</extracomment>
        <translation>Tentativa %1 de %2</translation>
    </message>
    <message>
        <source>Checking your fingerprint…</source>
        <translation>Verificando sua impressão digital…</translation>
    </message>
    <message>
        <source>No finger detected. Place your finger on the glass.</source>
        <translation>Nenhum dedo detectado. Coloque o dedo sobre o vidro.</translation>
    </message>
    <message>
        <source>Press a little harder.</source>
        <translation>Pressione um pouco mais forte.</translation>
    </message>
    <message>
        <source>Your finger is too wet. Dry it and try again.</source>
        <translation>Seu dedo está muito úmido. Seque-o e tente novamente.</translation>
    </message>
    <message>
        <source>Place the centre of your finger on the glass.</source>
        <translation>Coloque o centro do dedo sobre o vidro.</translation>
    </message>
    <message>
        <source>Please try again: lift your finger and place it flat.</source>
        <translation>Tente novamente: levante o dedo e coloque-o plano.</translation>
    </message>
    <message>
        <source>The scanner is not responding.</source>
        <translation>O leitor não está respondendo.</translation>
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
        <translation>Precisa de mais tempo?</translation>
    </message>
    <message>
        <source>This session will end in %1 seconds.</source>
        <extracomment>%1 is a number of seconds counting down</extracomment>
        <translation>Esta sessão terminará em %1 segundos.</translation>
    </message>
    <message>
        <source>Yes, more time</source>
        <translation>Sim, mais tempo</translation>
    </message>
    <message>
        <source>No, end</source>
        <translation>Não, encerrar</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trusted traveler kiosk</source>
        <translation>Quiosque para viajantes confiáveis</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <source>Place your passport on the reader</source>
        <translation>Coloque seu passaporte no leitor</translation>
    </message>
    <message>
        <source>Open it at the photo page and lay it face down on the glass.</source>
        <translation>Abra na página da foto e coloque-o virado para baixo sobre o vidro.</translation>
    </message>
    <message>
        <source>Reading your passport… please hold it still.</source>
        <translation>Lendo seu passaporte… mantenha-o parado.</translation>
    </message>
    <message>
        <source>We could not see your passport. Place the photo page flat on the glass.</source>
        <translation>Não conseguimos ver seu passaporte. Coloque a página da foto plana sobre o vidro.</translation>
    </message>
    <message>
        <source>Please lift your passport and place it again, pressing it flat.</source>
        <translation>Levante o passaporte e coloque-o novamente, pressionando-o bem plano.</translation>
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
        <translation>Siga para a saída</translation>
    </message>
    <message>
        <source>Please see an officer</source>
        <translation>Procure um agente</translation>
    </message>
    <message>
        <source>Please use the regular passport control lane</source>
        <translation>Use a fila normal do controle de passaportes</translation>
    </message>
    <message>
        <source>Your passport has expired</source>
        <translation>Seu passaporte está vencido</translation>
    </message>
    <message>
        <source>This passport cannot be read at this kiosk</source>
        <translation>Este quiosque não consegue ler este passaporte</translation>
    </message>
    <message>
        <source>Take your receipt and your passport, and show them at the exit.</source>
        <translation>Pegue o comprovante e o passaporte e apresente-os na saída.</translation>
    </message>
    <message>
        <source>Take your receipt and your passport to the officer.</source>
        <translation>Leve o comprovante e o passaporte ao agente.</translation>
    </message>
    <message>
        <source>This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.</source>
        <translation>Este quiosque é para membros de programas de viajantes confiáveis. Um agente vai atendê-lo na fila normal.</translation>
    </message>
    <message>
        <source>Please take your passport and see an officer.</source>
        <translation>Pegue seu passaporte e procure um agente.</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Please see an officer and give this number: %1</source>
        <extracomment>%1 is the transaction number, shown when the receipt could not be printed</extracomment>
        <translation>Não foi possível imprimir seu comprovante. Procure um agente e informe este número: %1</translation>
    </message>
    <message>
        <source>Take your receipt from the slot below the screen.</source>
        <translation>Retire o comprovante da abertura abaixo da tela.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Imprimindo seu comprovante…</translation>
    </message>
    <message>
        <source>Transaction %1</source>
        <extracomment>%1 is the transaction number</extracomment>
        <translation>Transação %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Concluído</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step %1 of %2</source>
        <extracomment>Progress through the kiosk&apos;s steps, e.g. &quot;Step 2 of 4&quot;</extracomment>
        <translation>Etapa %1 de %2</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <source>Take your passport and your receipt</source>
        <translation>Pegue seu passaporte e seu comprovante</translation>
    </message>
    <message>
        <source>Take your passport</source>
        <translation>Pegue seu passaporte</translation>
    </message>
    <message>
        <source>Take your receipt</source>
        <translation>Pegue seu comprovante</translation>
    </message>
</context>
</TS>
