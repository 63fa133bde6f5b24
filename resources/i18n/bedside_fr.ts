<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
    <context>
        <name>AppointmentsTab</name>
        <message>
            <source>Time not set</source>
            <translation>Heure non précisée</translation>
        </message>
        <message>
            <source>Proposed</source>
            <translation>Proposé</translation>
        </message>
        <message>
            <source>Not confirmed yet</source>
            <translation>Pas encore confirmé</translation>
        </message>
        <message>
            <source>Patient arrived</source>
            <translation>Patient arrivé</translation>
        </message>
        <message>
            <source>✓ Done</source>
            <translation>✓ Effectué</translation>
        </message>
        <message>
            <source>Checked in</source>
            <translation>Enregistré à l'accueil</translation>
        </message>
        <message>
            <source>On the waiting list</source>
            <translation>Sur liste d'attente</translation>
        </message>
        <message>
            <source>Today, %1</source>
            <translation>Aujourd'hui, %1</translation>
        </message>
        <message>
            <source>Tomorrow, %1</source>
            <translation>Demain, %1</translation>
        </message>
        <message>
            <source>Appointments</source>
            <translation>Rendez-vous</translation>
        </message>
        <message>
            <source>Reading the appointments…</source>
            <translation>Lecture des rendez-vous…</translation>
        </message>
        <message>
            <source>The appointments could not be read from the cache.</source>
            <translation>Les rendez-vous n'ont pas pu être lus depuis la mémoire de la tablette.</translation>
        </message>
        <message>
            <source>Nothing planned</source>
            <translation>Rien de prévu</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Rendez-vous</translation>
        </message>
        <message>
            <source>Where: %1</source>
            <translation>Lieu : %1</translation>
        </message>
        <message>
            <source>With: %1</source>
            <translation>Avec : %1</translation>
        </message>
        <message>
            <source>⚠ Before: %1</source>
            <translation>⚠ Avant : %1</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>Female</source>
            <translation>Femme</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Homme</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>Sex unknown</source>
            <translation>Sexe inconnu</translation>
        </message>
        <message>
            <source>Sex not recorded</source>
            <translation>Sexe non renseigné</translation>
        </message>
        <message>
            <source>born %1</source>
            <translation>né(e) le %1</translation>
        </message>
        <message numerus="yes">
            <source>(%n years)</source>
            <translation>
                <numerusform>(%n an)</numerusform>
                <numerusform>(%n ans)</numerusform>
            </translation>
        </message>
        <message>
            <source>Bed %1</source>
            <translation>Lit %1</translation>
        </message>
        <message>
            <source>Hospital no. %1</source>
            <translation>IPP %1</translation>
        </message>
        <message>
            <source>INS %1</source>
            <translation>INS %1</translation>
        </message>
        <message>
            <source>KVNR %1</source>
            <translation>KVNR %1</translation>
        </message>
        <message>
            <source>? Allergies not recorded</source>
            <translation>? Allergies non renseignées</translation>
        </message>
        <message>
            <source>✓ No known allergies</source>
            <translation>✓ Aucune allergie connue</translation>
        </message>
        <message>
            <source>⚠ Allergies: %1</source>
            <translation>⚠ Allergies : %1</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth until %1</source>
            <translation>⊘ À jeun jusqu'au %1</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth</source>
            <translation>⊘ À jeun</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth from %1</source>
            <translation>⊘ À jeun à partir du %1</translation>
        </message>
        <message>
            <source>No diet order</source>
            <translation>Pas de régime prescrit</translation>
        </message>
        <message>
            <source>Diet: %1</source>
            <translation>Régime : %1</translation>
        </message>
        <message>
            <source>ordered</source>
            <translation>prescrit</translation>
        </message>
        <message>
            <source>Patient banner</source>
            <translation>Bandeau patient</translation>
        </message>
        <message>
            <source>Patient: %1</source>
            <translation>Patient : %1</translation>
        </message>
    </context>
    <context>
        <name>Board</name>
        <message>
            <source>F</source>
            <translation>F</translation>
        </message>
        <message>
            <source>M</source>
            <translation>H</translation>
        </message>
        <message>
            <source>X</source>
            <translation>X</translation>
        </message>
        <message>
            <source>no obs. 24 h</source>
            <translation>pas de constantes 24 h</translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n critical result(s)</source>
            <translation>
                <numerusform>⚠ %n résultat critique</numerusform>
                <numerusform>⚠ %n résultats critiques</numerusform>
            </translation>
        </message>
        <message>
            <source>⚠ Allergy</source>
            <translation>⚠ Allergie</translation>
        </message>
        <message>
            <source>? Allergies not recorded</source>
            <translation>? Allergies non renseignées</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth</source>
            <translation>⊘ À jeun</translation>
        </message>
        <message>
            <source>No diet order</source>
            <translation>Pas de régime prescrit</translation>
        </message>
        <message>
            <source>⚠ Same name</source>
            <translation>⚠ Homonyme</translation>
        </message>
        <message>
            <source>Diet: %1</source>
            <translation>Régime : %1</translation>
        </message>
        <message numerus="yes">
            <source>%n missed</source>
            <translation>
                <numerusform>%n non donnée</numerusform>
                <numerusform>%n non données</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n late</source>
            <translation>
                <numerusform>%n en retard</numerusform>
                <numerusform>%n en retard</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n due</source>
            <translation>
                <numerusform>%n à donner</numerusform>
                <numerusform>%n à donner</numerusform>
            </translation>
        </message>
        <message>
            <source>Bed</source>
            <translation>Lit</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Age · sex</source>
            <translation>Âge · sexe</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>Jour</translation>
        </message>
        <message>
            <source>NEWS2</source>
            <translation>NEWS2</translation>
        </message>
        <message>
            <source>Doses</source>
            <translation>Doses</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>⚠ Two current stays for this bed — check the admission</source>
            <translation>⚠ Deux séjours en cours pour ce lit — vérifiez l'admission</translation>
        </message>
        <message>
            <source>Free bed</source>
            <translation>Lit libre</translation>
        </message>
        <message>
            <source>Patient details not available</source>
            <translation>Informations patient indisponibles</translation>
        </message>
        <message>
            <source>%1 y</source>
            <translation>%1 ans</translation>
        </message>
        <message>
            <source>Day %1</source>
            <translation>Jour %1</translation>
        </message>
        <message>
            <source>All beds</source>
            <translation>Tous les lits</translation>
        </message>
        <message>
            <source>My patients</source>
            <translation>Mes patients</translation>
        </message>
        <message>
            <source>Alerts first</source>
            <translation>Alertes d'abord</translation>
        </message>
        <message>
            <source>Ward board</source>
            <translation>Tableau du service</translation>
        </message>
        <message>
            <source>Column headings</source>
            <translation>En-têtes de colonnes</translation>
        </message>
        <message>
            <source>%1 of %2 beds occupied</source>
            <translation>%1 lits occupés sur %2</translation>
        </message>
        <message numerus="yes">
            <source>%n of them yours</source>
            <translation>
                <numerusform>dont %n à votre charge</numerusform>
                <numerusform>dont %n à votre charge</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CareRecord</name>
        <message>
            <source>mild</source>
            <translation>légère</translation>
        </message>
        <message>
            <source>moderate</source>
            <translation>modérée</translation>
        </message>
        <message>
            <source>severe</source>
            <translation>sévère</translation>
        </message>
        <message>
            <source>high risk</source>
            <translation>risque élevé</translation>
        </message>
        <message>
            <source>low risk</source>
            <translation>risque faible</translation>
        </message>
        <message>
            <source>risk not assessed</source>
            <translation>risque non évalué</translation>
        </message>
        <message>
            <source>Care record</source>
            <translation>Dossier de soins</translation>
        </message>
        <message>
            <source>Reading the record…</source>
            <translation>Lecture du dossier…</translation>
        </message>
        <message>
            <source>The care record could not be read from the cache.</source>
            <translation>Le dossier de soins n'a pas pu être lu depuis la mémoire de la tablette.</translation>
        </message>
        <message>
            <source>Active problems</source>
            <translation>Problèmes en cours</translation>
        </message>
        <message>
            <source>Allergies and intolerances</source>
            <translation>Allergies et intolérances</translation>
        </message>
        <message>
            <source>Flags</source>
            <translation>Points de vigilance</translation>
        </message>
        <message>
            <source>Recent notes</source>
            <translation>Notes récentes</translation>
        </message>
        <message>
            <source>No active problem recorded.</source>
            <translation>Aucun problème en cours enregistré.</translation>
        </message>
        <message>
            <source>since %1</source>
            <translation>depuis le %1</translation>
        </message>
        <message>
            <source>? Allergies not recorded — ask the patient and record them</source>
            <translation>? Allergies non renseignées — demandez au patient et renseignez-les</translation>
        </message>
        <message>
            <source>✓ No known allergies (recorded)</source>
            <translation>✓ Aucune allergie connue (noté au dossier)</translation>
        </message>
        <message>
            <source>reaction</source>
            <translation>réaction</translation>
        </message>
        <message>
            <source>Reaction: %1</source>
            <translation>Réaction : %1</translation>
        </message>
        <message>
            <source>unconfirmed</source>
            <translation>non confirmée</translation>
        </message>
        <message>
            <source>refuted</source>
            <translation>infirmée</translation>
        </message>
        <message>
            <source>No active flag.</source>
            <translation>Aucun point de vigilance actif.</translation>
        </message>
        <message>
            <source>No recent note.</source>
            <translation>Aucune note récente.</translation>
        </message>
    </context>
    <context>
        <name>Chart</name>
        <message>
            <source>Parts of the chart</source>
            <translation>Sections du dossier</translation>
        </message>
    </context>
    <context>
        <name>ChartWords</name>
        <message>
            <source>%1 and %2</source>
            <translation>%1 et %2</translation>
        </message>
    </context>
    <context>
        <name>FirstRun</name>
        <message>
            <source>Bed %1 is ready: %2 resources downloaded.</source>
            <translation>Le lit %1 est prêt : %2 ressources téléchargées.</translation>
        </message>
        <message>
            <source>Ward %1 is ready: %2 resources downloaded.</source>
            <translation>Le service %1 est prêt : %2 ressources téléchargées.</translation>
        </message>
        <message>
            <source>Downloading bed %1…</source>
            <translation>Téléchargement du lit %1…</translation>
        </message>
        <message>
            <source>Downloading ward %1…</source>
            <translation>Téléchargement du service %1…</translation>
        </message>
        <message>
            <source>Downloading bed %1: %2 resources so far…</source>
            <translation>Téléchargement du lit %1 : %2 ressources pour l'instant…</translation>
        </message>
        <message>
            <source>Downloading ward %1: %2 resources so far…</source>
            <translation>Téléchargement du service %1 : %2 ressources pour l'instant…</translation>
        </message>
        <message>
            <source>Downloading bed %1: %2 of ~%3 resources…</source>
            <translation>Téléchargement du lit %1 : %2 sur ~%3 ressources…</translation>
        </message>
        <message>
            <source>Downloading ward %1: %2 of ~%3 resources…</source>
            <translation>Téléchargement du service %1 : %2 sur ~%3 ressources…</translation>
        </message>
        <message>
            <source>Download of bed %1 paused.</source>
            <translation>Téléchargement du lit %1 interrompu.</translation>
        </message>
        <message>
            <source>Download of ward %1 paused.</source>
            <translation>Téléchargement du service %1 interrompu.</translation>
        </message>
        <message>
            <source>Download of bed %1 paused at %2 resources.</source>
            <translation>Téléchargement du lit %1 interrompu à %2 ressources.</translation>
        </message>
        <message>
            <source>Download of ward %1 paused at %2 resources.</source>
            <translation>Téléchargement du service %1 interrompu à %2 ressources.</translation>
        </message>
        <message>
            <source>Download of bed %1 paused at %2 of ~%3 resources.</source>
            <translation>Téléchargement du lit %1 interrompu à %2 sur ~%3 ressources.</translation>
        </message>
        <message>
            <source>%1 is ready: %2 resources downloaded.</source>
            <translation>« %1 » est prêt : %2 ressources téléchargées.</translation>
        </message>
        <message>
            <source>Downloading %1…</source>
            <translation>Téléchargement de « %1 »…</translation>
        </message>
        <message>
            <source>Downloading %1: %2 resources so far…</source>
            <translation>Téléchargement de « %1 » : %2 ressources pour l'instant…</translation>
        </message>
        <message>
            <source>Downloading %1: %2 of ~%3 resources…</source>
            <translation>Téléchargement de « %1 » : %2 sur ~%3 ressources…</translation>
        </message>
        <message>
            <source>Download of %1 paused.</source>
            <translation>Téléchargement de « %1 » interrompu.</translation>
        </message>
        <message>
            <source>Download of %1 paused at %2 resources.</source>
            <translation>Téléchargement de « %1 » interrompu à %2 ressources.</translation>
        </message>
        <message>
            <source>Download of %1 paused at %2 of ~%3 resources.</source>
            <translation>Téléchargement de « %1 » interrompu à %2 sur ~%3 ressources.</translation>
        </message>
        <message>
            <source>Download of ward %1 paused at %2 of ~%3 resources.</source>
            <translation>Téléchargement du service %1 interrompu à %2 sur ~%3 ressources.</translation>
        </message>
        <message>
            <source>Downloading the wards, rooms and beds…</source>
            <translation>Téléchargement des services, chambres et lits…</translation>
        </message>
        <message>
            <source>Downloading the staff list…</source>
            <translation>Téléchargement de la liste du personnel…</translation>
        </message>
        <message>
            <source>Downloading the medicines list…</source>
            <translation>Téléchargement de la liste des médicaments…</translation>
        </message>
        <message>
            <source>Downloading the menus…</source>
            <translation>Téléchargement des menus…</translation>
        </message>
        <message>
            <source>Downloading who is in which bed…</source>
            <translation>Téléchargement de l'occupation des lits…</translation>
        </message>
        <message>
            <source>Downloading the patients…</source>
            <translation>Téléchargement des patients…</translation>
        </message>
        <message>
            <source>Downloading allergies…</source>
            <translation>Téléchargement des allergies…</translation>
        </message>
        <message>
            <source>Downloading diagnoses…</source>
            <translation>Téléchargement des diagnostics…</translation>
        </message>
        <message>
            <source>Downloading alerts…</source>
            <translation>Téléchargement des alertes…</translation>
        </message>
        <message>
            <source>Downloading prescriptions…</source>
            <translation>Téléchargement des prescriptions…</translation>
        </message>
        <message>
            <source>Downloading doses given…</source>
            <translation>Téléchargement des administrations de médicaments…</translation>
        </message>
        <message>
            <source>Downloading diets and meal orders…</source>
            <translation>Téléchargement des régimes et commandes de repas…</translation>
        </message>
        <message>
            <source>Downloading appointments…</source>
            <translation>Téléchargement des rendez-vous…</translation>
        </message>
        <message>
            <source>Downloading vital signs and results…</source>
            <translation>Téléchargement des constantes et des résultats…</translation>
        </message>
        <message>
            <source>Downloading reports…</source>
            <translation>Téléchargement des comptes rendus…</translation>
        </message>
        <message>
            <source>Downloading nursing tasks…</source>
            <translation>Téléchargement des tâches de soins…</translation>
        </message>
        <message>
            <source>Downloading…</source>
            <translation>Téléchargement…</translation>
        </message>
        <message>
            <source>Connecting to the EHR and signing in…</source>
            <translation>Connexion au DPI et authentification…</translation>
        </message>
        <message>
            <source>Saving and checking the download…</source>
            <translation>Enregistrement et vérification du téléchargement…</translation>
        </message>
        <message>
            <source>What was already downloaded is kept.</source>
            <translation>Ce qui a déjà été téléchargé est conservé.</translation>
        </message>
        <message>
            <source>Opening Bedside…</source>
            <translation>Ouverture de Bedside…</translation>
        </message>
        <message>
            <source>This tablet cannot reach the EHR: check its network connection.</source>
            <translation>Cette tablette ne peut pas joindre le DPI : vérifiez sa connexion au réseau.</translation>
        </message>
        <message>
            <source>The EHR refused this tablet's credentials: ask IT to check its enrollment.</source>
            <translation>Le DPI a refusé les identifiants de cette tablette : demandez à l'informatique de vérifier son inscription.</translation>
        </message>
        <message>
            <source>This tablet does not trust the EHR's certificate: ask IT to check the certificates installed on it.</source>
            <translation>Cette tablette ne fait pas confiance au certificat du DPI : demandez à l'informatique de vérifier les certificats qui y sont installés.</translation>
        </message>
        <message>
            <source>The EHR answered with an error: it may be busy or under maintenance.</source>
            <translation>Le DPI a répondu par une erreur : il est peut-être surchargé ou en maintenance.</translation>
        </message>
        <message>
            <source>This tablet could not save the download: ask IT to check its storage.</source>
            <translation>Cette tablette n'a pas pu enregistrer le téléchargement : demandez à l'informatique de vérifier son stockage.</translation>
        </message>
        <message>
            <source>Something unexpected stopped the download: ask IT to look at the log.</source>
            <translation>Un problème inattendu a arrêté le téléchargement : demandez à l'informatique de consulter le journal.</translation>
        </message>
        <message>
            <source>Trying again now…</source>
            <translation>Nouvel essai en cours…</translation>
        </message>
        <message numerus="yes">
            <source>Trying again in %n second(s).</source>
            <translation>
                <numerusform>Nouvel essai dans %n seconde.</numerusform>
                <numerusform>Nouvel essai dans %n secondes.</numerusform>
            </translation>
        </message>
        <message>
            <source>Setting up this tablet</source>
            <translation>Préparation de cette tablette</translation>
        </message>
        <message>
            <source>Bedside copies the records it needs from the EHR once, so that it keeps working without a network. It opens by itself when this is done.</source>
            <translation>Bedside copie une fois depuis le DPI les dossiers dont il a besoin, pour continuer à fonctionner sans réseau. Il s'ouvrira tout seul une fois la copie terminée.</translation>
        </message>
        <message>
            <source>Try again now</source>
            <translation>Réessayer maintenant</translation>
        </message>
        <message>
            <source>Download progress</source>
            <translation>Progression du téléchargement</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <source>Staff sign-in</source>
            <translation>Connexion du personnel</translation>
        </message>
        <message>
            <source>Scan your badge, or type its number, then enter your PIN.</source>
            <translation>Scannez votre badge ou saisissez son numéro, puis entrez votre code PIN.</translation>
        </message>
        <message>
            <source>Badge</source>
            <translation>Badge</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>Code PIN</translation>
        </message>
        <message>
            <source>Password of your hospital account</source>
            <translation>Mot de passe de votre compte de l'hôpital</translation>
        </message>
        <message>
            <source>New PIN</source>
            <translation>Nouveau code PIN</translation>
        </message>
        <message>
            <source>The same PIN again</source>
            <translation>Confirmez le code PIN</translation>
        </message>
        <message>
            <source>Badge number</source>
            <translation>Numéro de badge</translation>
        </message>
        <message>
            <source>Scan or type the badge</source>
            <translation>Scannez ou saisissez le badge</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Erase the last digit</source>
            <translation>Effacer le dernier chiffre</translation>
        </message>
        <message>
            <source>Save PIN</source>
            <translation>Enregistrer le code PIN</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Se connecter</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Retour</translation>
        </message>
        <message>
            <source>Sign in with my password</source>
            <translation>Me connecter avec mon mot de passe</translation>
        </message>
        <message>
            <source>Digit %1</source>
            <translation>Chiffre %1</translation>
        </message>
        <message>
            <source>Demo ward: badge %1, PIN %2</source>
            <translation>Service de démonstration : badge %1, code PIN %2</translation>
        </message>
        <message>
            <source>First sign-in of your shift</source>
            <translation>Première connexion de votre poste</translation>
        </message>
        <message>
            <source>Enter the password of your hospital account. Then you choose a PIN for this tablet, for the rest of your shift.</source>
            <translation>Entrez le mot de passe de votre compte de l'hôpital. Vous choisirez ensuite un code PIN pour cette tablette, pour le reste de votre poste.</translation>
        </message>
        <message>
            <source>Choose a PIN for this tablet</source>
            <translation>Choisissez un code PIN pour cette tablette</translation>
        </message>
        <message numerus="yes">
            <source>At least %n digit(s), twice. Not 0000 or 1234.</source>
            <translation>
                <numerusform>Au moins %n chiffre, deux fois. Pas 0000 ni 1234.</numerusform>
                <numerusform>Au moins %n chiffres, deux fois. Pas 0000 ni 1234.</numerusform>
            </translation>
        </message>
        <message>
            <source>It works on this tablet until %1.</source>
            <translation>Il fonctionne sur cette tablette jusqu'à %1.</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Vérification…</translation>
        </message>
        <message>
            <source>Scan your badge or type its number first.</source>
            <translation>Scannez d'abord votre badge ou saisissez son numéro.</translation>
        </message>
        <message>
            <source>Enter your password.</source>
            <translation>Entrez votre mot de passe.</translation>
        </message>
        <message>
            <source>Enter the new PIN in both fields.</source>
            <translation>Entrez le nouveau code PIN dans les deux champs.</translation>
        </message>
        <message>
            <source>Enter your PIN.</source>
            <translation>Entrez votre code PIN.</translation>
        </message>
        <message>
            <source>Wrong PIN.</source>
            <translation>Code PIN incorrect.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong PIN. %n attempt(s) left before this badge is locked.</source>
            <translation>
                <numerusform>Code PIN incorrect. Il vous reste %n essai avant le blocage de ce badge.</numerusform>
                <numerusform>Code PIN incorrect. Il vous reste %n essais avant le blocage de ce badge.</numerusform>
            </translation>
        </message>
        <message>
            <source>Wrong password.</source>
            <translation>Mot de passe incorrect.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong password. %n attempt(s) left before this badge is locked.</source>
            <translation>
                <numerusform>Mot de passe incorrect. Il vous reste %n essai avant le blocage de ce badge.</numerusform>
                <numerusform>Mot de passe incorrect. Il vous reste %n essais avant le blocage de ce badge.</numerusform>
            </translation>
        </message>
        <message>
            <source>This badge is not known. Check the number, or ask the ward manager.</source>
            <translation>Ce badge n'est pas reconnu. Vérifiez le numéro ou demandez au cadre de santé.</translation>
        </message>
        <message>
            <source>Too many failed attempts: this badge is locked on this tablet until %1.</source>
            <translation>Trop d'essais échoués : ce badge est bloqué sur cette tablette jusqu'à %1.</translation>
        </message>
        <message>
            <source>Several failed attempts: please wait until %1 before trying again.</source>
            <translation>Plusieurs essais échoués : patientez jusqu'à %1 avant de réessayer.</translation>
        </message>
        <message>
            <source>The hospital directory cannot be reached to check your password, and this badge has no PIN on this tablet yet. Try again when the network works.</source>
            <translation>L'annuaire de l'hôpital est injoignable pour vérifier votre mot de passe, et ce badge n'a pas encore de code PIN sur cette tablette. Réessayez quand le réseau fonctionne.</translation>
        </message>
        <message>
            <source>Staff sign-in through the hospital directory is not set up on this tablet — contact IT.</source>
            <translation>La connexion du personnel par l'annuaire de l'hôpital n'est pas configurée sur cette tablette — contactez le service informatique.</translation>
        </message>
        <message>
            <source>Staff sign-in is not set up for this EHR — contact IT.</source>
            <translation>La connexion du personnel n'est pas configurée pour ce DPI — contactez le service informatique.</translation>
        </message>
        <message>
            <source>Your PIN on this tablet ended with your last shift: enter your password.</source>
            <translation>Votre code PIN sur cette tablette a pris fin avec votre dernier poste : entrez votre mot de passe.</translation>
        </message>
        <message>
            <source>First sign-in of your shift on this tablet: enter your password.</source>
            <translation>Première connexion de votre poste sur cette tablette : entrez votre mot de passe.</translation>
        </message>
        <message>
            <source>Your hospital account may not sign in now (locked, disabled or password expired) — contact IT.</source>
            <translation>Votre compte de l'hôpital ne peut pas se connecter pour l'instant (verrouillé, désactivé ou mot de passe expiré) — contactez le service informatique.</translation>
        </message>
        <message>
            <source>Your hospital account is not linked to a staff record in the EHR — contact IT.</source>
            <translation>Votre compte de l'hôpital n'est relié à aucune fiche du personnel dans le DPI — contactez le service informatique.</translation>
        </message>
        <message>
            <source>Password checked. Choose your PIN for this tablet.</source>
            <translation>Mot de passe vérifié. Choisissez votre code PIN pour cette tablette.</translation>
        </message>
        <message>
            <source>The two PINs differ. Enter the new PIN twice.</source>
            <translation>Les deux codes PIN diffèrent. Entrez deux fois le nouveau code PIN.</translation>
        </message>
        <message numerus="yes">
            <source>This PIN is too easy to guess: use at least %n digit(s), not one repeated digit and not a run such as 1234.</source>
            <translation>
                <numerusform>Ce code PIN est trop facile à deviner : utilisez au moins %n chiffre, pas un seul chiffre répété ni une suite comme 1234.</numerusform>
                <numerusform>Ce code PIN est trop facile à deviner : utilisez au moins %n chiffres, pas un seul chiffre répété ni une suite comme 1234.</numerusform>
            </translation>
        </message>
        <message>
            <source>Too long since your password was checked: enter your password again.</source>
            <translation>Votre mot de passe a été vérifié il y a trop longtemps : entrez-le à nouveau.</translation>
        </message>
        <message>
            <source>The EHR cannot be reached, and this badge has never signed in on this tablet while connected. Sign in once where the network works.</source>
            <translation>Le DPI est injoignable et ce badge ne s'est jamais connecté sur cette tablette avec le réseau. Connectez-vous une première fois là où le réseau fonctionne.</translation>
        </message>
        <message>
            <source>Scan your badge, then your PIN for this tablet. First sign-in of a shift: your hospital password.</source>
            <translation>Scannez votre badge, puis votre code PIN pour cette tablette. Première connexion d'un poste : votre mot de passe de l'hôpital.</translation>
        </message>
        <message>
            <source>The hospital directory cannot be reached, and the PIN you chose on this tablet ended with your last shift. Try again when the network works.</source>
            <translation>L'annuaire de l'hôpital est injoignable, et le code PIN choisi sur cette tablette a pris fin avec votre dernier poste. Réessayez quand le réseau fonctionne.</translation>
        </message>
        <message>
            <source>The EHR cannot be reached, and your last connected sign-in on this tablet is too old for an offline sign-in. Sign in where the network works.</source>
            <translation>Le DPI est injoignable et votre dernière connexion en ligne sur cette tablette est trop ancienne pour une connexion hors ligne. Connectez-vous là où le réseau fonctionne.</translation>
        </message>
        <message>
            <source>The hospital directory cannot be reached: sign in with the PIN you chose on this tablet.</source>
            <translation>L'annuaire de l'hôpital est injoignable : connectez-vous avec le code PIN choisi sur cette tablette.</translation>
        </message>
        <message>
            <source>The hospital directory did not check the sign-in. Try again.</source>
            <translation>L'annuaire de l'hôpital n'a pas vérifié la connexion. Réessayez.</translation>
        </message>
        <message>
            <source>The EHR did not answer the sign-in. Try again in a moment.</source>
            <translation>Le DPI n'a pas répondu à la demande de connexion. Réessayez dans un instant.</translation>
        </message>
    </context>
    <context>
        <name>MealChooser</name>
        <message>
            <source>Picture of the dish</source>
            <translation>Photo du plat</translation>
        </message>
        <message>
            <source>Your choice</source>
            <translation>Votre choix</translation>
        </message>
        <message>
            <source>Choose</source>
            <translation>Choisir</translation>
        </message>
        <message>
            <source>Choose %1</source>
            <translation>Choisir %1</translation>
        </message>
        <message>
            <source>Loading the menu…</source>
            <translation>Chargement du menu…</translation>
        </message>
        <message>
            <source>Cancel my choice</source>
            <translation>Annuler mon choix</translation>
        </message>
        <message>
            <source>The menu cannot be shown just now. Please ask your nurse.</source>
            <translation>Le menu ne peut pas s'afficher pour le moment. Demandez à l'équipe soignante.</translation>
        </message>
        <message>
            <source>No meals to choose</source>
            <translation>Aucun repas à choisir</translation>
        </message>
        <message>
            <source>There is no meal left to order for these days.</source>
            <translation>Il n'y a plus de repas à commander pour ces jours-ci.</translation>
        </message>
        <message>
            <source>%1 · %2 at %3</source>
            <translation>%1 · %2 à %3</translation>
        </message>
        <message>
            <source>Your allergy to %1 cannot be checked against the menu: ask your nurse before choosing.</source>
            <translation>Votre allergie (%1) ne peut pas être vérifiée avec le menu : demandez à l'équipe soignante avant de choisir.</translation>
        </message>
        <message>
            <source>The menu has not reached this tablet yet. It will appear once the connection is back.</source>
            <translation>Le menu n'est pas encore arrivé sur cette tablette. Il s'affichera dès le retour de la connexion.</translation>
        </message>
        <message>
            <source>Chosen</source>
            <translation>Choisi</translation>
        </message>
        <message>
            <source>Late order (staff)</source>
            <translation>Hors délai (personnel)</translation>
        </message>
        <message>
            <source>Choose by %1</source>
            <translation>À choisir avant %1</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Fermé</translation>
        </message>
        <message>
            <source>Nothing to eat</source>
            <translation>Rien à manger</translation>
        </message>
        <message>
            <source>Ask your nurse</source>
            <translation>Voir un soignant</translation>
        </message>
        <message>
            <source>Served</source>
            <translation>Servi</translation>
        </message>
        <message>
            <source>The patients' order closed %1. As staff you can still order.</source>
            <translation>Les commandes des patients ont été clôturées %1. En tant que soignant, vous pouvez encore commander.</translation>
        </message>
        <message>
            <source>Open — choose by %1 (%2 left)</source>
            <translation>Ouvert — vous pouvez choisir jusqu'à %1 (encore %2)</translation>
        </message>
        <message>
            <source>Closed — choices ended %1. Your nurse can still help.</source>
            <translation>Fermé — les choix ont pris fin %1. L'équipe soignante peut encore vous aider.</translation>
        </message>
        <message>
            <source>Your care team has not set your diet yet, so meals cannot be chosen here. Please ask your nurse.</source>
            <translation>Votre régime n'a pas encore été fixé par l'équipe médicale : vous ne pouvez donc pas choisir vos repas ici. Demandez à l'équipe soignante.</translation>
        </message>
        <message>
            <source>This meal is being served.</source>
            <translation>Ce repas est en cours de service.</translation>
        </message>
        <message>
            <source>Nothing chosen yet.</source>
            <translation>Rien de choisi pour le moment.</translation>
        </message>
        <message>
            <source>a dish no longer on the menu</source>
            <translation>un plat qui n'est plus au menu</translation>
        </message>
        <message>
            <source>Your choice: %1</source>
            <translation>Votre choix : %1</translation>
        </message>
        <message>
            <source>No dishes are listed for this meal yet.</source>
            <translation>Aucun plat n'est encore prévu pour ce repas.</translation>
        </message>
        <message>
            <source>Saving your choice…</source>
            <translation>Enregistrement de votre choix…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Annulation…</translation>
        </message>
        <message>
            <source>Your choice is saved.</source>
            <translation>Votre choix est enregistré.</translation>
        </message>
        <message>
            <source>Your choice is cancelled.</source>
            <translation>Votre choix est annulé.</translation>
        </message>
        <message>
            <source>Your choice could not be saved. Please try again or ask your nurse.</source>
            <translation>Votre choix n'a pas pu être enregistré. Réessayez ou demandez à l'équipe soignante.</translation>
        </message>
        <message>
            <source>Too late: choices for this meal have just closed.</source>
            <translation>Trop tard : les choix pour ce repas viennent de se terminer.</translation>
        </message>
        <message>
            <source>Not saved: you must not eat or drink at this time.</source>
            <translation>Non enregistré : vous ne devez rien manger ni boire pour le moment.</translation>
        </message>
        <message>
            <source>Not saved: your diet has not been set. Please ask your nurse.</source>
            <translation>Non enregistré : votre régime n'a pas encore été fixé. Demandez à l'équipe soignante.</translation>
        </message>
        <message>
            <source>Too late: this meal is already being served.</source>
            <translation>Trop tard : ce repas est déjà en cours de service.</translation>
        </message>
        <message>
            <source>Not saved: this dish is not suitable for you.</source>
            <translation>Non enregistré : ce plat ne vous convient pas.</translation>
        </message>
        <message>
            <source>Not saved: this dish is no longer on the menu.</source>
            <translation>Non enregistré : ce plat n'est plus au menu.</translation>
        </message>
    </context>
    <context>
        <name>MealWords</name>
        <message>
            <source>Breakfast</source>
            <translation>Petit-déjeuner</translation>
        </message>
        <message>
            <source>Lunch</source>
            <translation>Déjeuner</translation>
        </message>
        <message>
            <source>Dinner</source>
            <translation>Dîner</translation>
        </message>
        <message>
            <source>gluten</source>
            <translation>gluten</translation>
        </message>
        <message>
            <source>crustaceans</source>
            <translation>crustacés</translation>
        </message>
        <message>
            <source>eggs</source>
            <translation>œufs</translation>
        </message>
        <message>
            <source>fish</source>
            <translation>poisson</translation>
        </message>
        <message>
            <source>peanuts</source>
            <translation>arachides</translation>
        </message>
        <message>
            <source>soya</source>
            <translation>soja</translation>
        </message>
        <message>
            <source>milk</source>
            <translation>lait</translation>
        </message>
        <message>
            <source>tree nuts</source>
            <translation>fruits à coque</translation>
        </message>
        <message>
            <source>celery</source>
            <translation>céleri</translation>
        </message>
        <message>
            <source>mustard</source>
            <translation>moutarde</translation>
        </message>
        <message>
            <source>sesame</source>
            <translation>sésame</translation>
        </message>
        <message>
            <source>sulphites</source>
            <translation>sulfites</translation>
        </message>
        <message>
            <source>lupin</source>
            <translation>lupin</translation>
        </message>
        <message>
            <source>molluscs</source>
            <translation>mollusques</translation>
        </message>
        <message>
            <source>normal</source>
            <translation>normal</translation>
        </message>
        <message>
            <source>diabetic</source>
            <translation>diabétique</translation>
        </message>
        <message>
            <source>low-salt</source>
            <translation>pauvre en sel</translation>
        </message>
        <message>
            <source>low-fat</source>
            <translation>pauvre en graisses</translation>
        </message>
        <message>
            <source>renal</source>
            <translation>rénal</translation>
        </message>
        <message>
            <source>vegetarian</source>
            <translation>végétarien</translation>
        </message>
        <message>
            <source>vegan</source>
            <translation>végétalien</translation>
        </message>
        <message>
            <source>halal</source>
            <translation>halal</translation>
        </message>
        <message>
            <source>kosher</source>
            <translation>casher</translation>
        </message>
        <message>
            <source>gluten-free</source>
            <translation>sans gluten</translation>
        </message>
        <message>
            <source>dairy-free</source>
            <translation>sans produits laitiers</translation>
        </message>
        <message>
            <source>nut-free</source>
            <translation>sans fruits à coque</translation>
        </message>
        <message>
            <source>liquidised</source>
            <translation>mixé liquide</translation>
        </message>
        <message>
            <source>pureed</source>
            <translation>mixé lisse</translation>
        </message>
        <message>
            <source>minced and moist</source>
            <translation>haché et humide</translation>
        </message>
        <message>
            <source>soft and bite-sized</source>
            <translation>tendre, en petites bouchées</translation>
        </message>
        <message>
            <source>regular</source>
            <translation>normal</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>inconnu</translation>
        </message>
        <message>
            <source>Contains %1 — allergy recorded</source>
            <translation>Contient : %1 — allergie signalée</translation>
        </message>
        <message>
            <source>Contains %1 — left out of your diet</source>
            <translation>Contient : %1 — à éviter dans votre régime</translation>
        </message>
        <message>
            <source>Allergens not declared — cannot be checked for you</source>
            <translation>Allergènes non indiqués — vérification impossible pour vous</translation>
        </message>
        <message>
            <source>Not allowed on your %1 diet</source>
            <translation>Non autorisé dans votre régime %1</translation>
        </message>
        <message>
            <source>Your diet (%1) cannot be checked here</source>
            <translation>Votre régime (%1) ne peut pas être vérifié ici</translation>
        </message>
        <message>
            <source>Not %1</source>
            <translation>Pas un plat %1</translation>
        </message>
        <message>
            <source>Not suitable for the %1 texture</source>
            <translation>Ne vous convient pas : il vous faut un plat %1</translation>
        </message>
        <message>
            <source>Texture not given — cannot be checked for you</source>
            <translation>Texture non indiquée — vérification impossible pour vous</translation>
        </message>
        <message>
            <source>Allergens: not declared</source>
            <translation>Allergènes : non indiqués</translation>
        </message>
        <message>
            <source>None of the 14 main allergens</source>
            <translation>Aucun des 14 allergènes principaux</translation>
        </message>
        <message>
            <source>Contains: %1</source>
            <translation>Contient : %1</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Aujourd'hui</translation>
        </message>
        <message>
            <source>Tomorrow</source>
            <translation>Demain</translation>
        </message>
        <message>
            <source>less than a minute</source>
            <translation>moins d'une minute</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n jour</numerusform>
                <numerusform>%n jours</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <source>today at %1</source>
            <translation>aujourd'hui à %1</translation>
        </message>
        <message>
            <source>tomorrow at %1</source>
            <translation>demain à %1</translation>
        </message>
        <message>
            <source>yesterday at %1</source>
            <translation>hier à %1</translation>
        </message>
        <message>
            <source>%1 at %2</source>
            <translation>%1 à %2</translation>
        </message>
        <message>
            <source>Nothing to eat or drink until %1</source>
            <translation>Ne rien manger ni boire jusqu'à %1</translation>
        </message>
        <message>
            <source>Nothing to eat or drink until your care team says so</source>
            <translation>Ne rien manger ni boire jusqu'à ce que l'équipe soignante vous le dise</translation>
        </message>
        <message>
            <source>%1 — to prepare for: %2</source>
            <translation>%1 — pour préparer : %2</translation>
        </message>
        <message>
            <source>%1 — your care team's instruction</source>
            <translation>%1 — consigne de l'équipe soignante</translation>
        </message>
        <message>
            <source>Sent to the kitchen</source>
            <translation>Transmis à la cuisine</translation>
        </message>
        <message>
            <source>Saved — will be sent when the connection is back</source>
            <translation>Enregistré — sera envoyé au retour de la connexion</translation>
        </message>
        <message>
            <source>Not accepted — please ask your nurse</source>
            <translation>Refusé — demandez à l'équipe soignante</translation>
        </message>
    </context>
    <context>
        <name>MealsTab</name>
        <message>
            <source>Meals</source>
            <translation>Repas</translation>
        </message>
    </context>
    <context>
        <name>MedicationsTab</name>
        <message>
            <source>○ Upcoming</source>
            <translation>○ À venir</translation>
        </message>
        <message>
            <source>● Due</source>
            <translation>● À donner</translation>
        </message>
        <message>
            <source>⚠ Late</source>
            <translation>⚠ En retard</translation>
        </message>
        <message>
            <source>✕ Missed</source>
            <translation>✕ Non donnée</translation>
        </message>
        <message>
            <source>✓ Given</source>
            <translation>✓ Donnée</translation>
        </message>
        <message>
            <source>⊘ Not given</source>
            <translation>⊘ Non administrée</translation>
        </message>
        <message>
            <source>‖ On hold</source>
            <translation>‖ Suspendue</translation>
        </message>
        <message numerus="yes">
            <source>%n due now</source>
            <translation>
                <numerusform>%n à donner maintenant</numerusform>
                <numerusform>%n à donner maintenant</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n late</source>
            <translation>
                <numerusform>%n en retard</numerusform>
                <numerusform>%n en retard</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n missed</source>
            <translation>
                <numerusform>%n non donnée</numerusform>
                <numerusform>%n non données</numerusform>
            </translation>
        </message>
        <message>
            <source>Prescriptions</source>
            <translation>Prescriptions</translation>
        </message>
        <message>
            <source>Reading the prescriptions…</source>
            <translation>Lecture des prescriptions…</translation>
        </message>
        <message>
            <source>The prescriptions could not be read from the cache.</source>
            <translation>Les prescriptions n'ont pas pu être lues depuis la mémoire de la tablette.</translation>
        </message>
        <message>
            <source>No current prescription.</source>
            <translation>Aucune prescription en cours.</translation>
        </message>
        <message>
            <source>Current prescriptions</source>
            <translation>Prescriptions en cours</translation>
        </message>
        <message>
            <source>On hold</source>
            <translation>Prescriptions suspendues</translation>
        </message>
        <message>
            <source>◇ As needed</source>
            <translation>◇ Si besoin</translation>
        </message>
        <message>
            <source>◴ Time-critical</source>
            <translation>◴ Horaire impératif</translation>
        </message>
        <message>
            <source>As needed for: %1</source>
            <translation>Si besoin, pour : %1</translation>
        </message>
        <message>
            <source>Maximum %1</source>
            <translation>Maximum %1</translation>
        </message>
        <message>
            <source>Instruction as prescribed</source>
            <translation>Consigne de la prescription</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Aujourd'hui</translation>
        </message>
        <message>
            <source>No fixed times: given when needed.</source>
            <translation>Pas d'horaire fixe : à donner si besoin.</translation>
        </message>
        <message>
            <source>morning</source>
            <translation>matin</translation>
        </message>
        <message>
            <source>early morning</source>
            <translation>tôt le matin</translation>
        </message>
        <message>
            <source>late morning</source>
            <translation>fin de matinée</translation>
        </message>
        <message>
            <source>noon</source>
            <translation>midi</translation>
        </message>
        <message>
            <source>afternoon</source>
            <translation>après-midi</translation>
        </message>
        <message>
            <source>early afternoon</source>
            <translation>début d'après-midi</translation>
        </message>
        <message>
            <source>late afternoon</source>
            <translation>fin d'après-midi</translation>
        </message>
        <message>
            <source>evening</source>
            <translation>soir</translation>
        </message>
        <message>
            <source>early evening</source>
            <translation>début de soirée</translation>
        </message>
        <message>
            <source>late evening</source>
            <translation>fin de soirée</translation>
        </message>
        <message>
            <source>night</source>
            <translation>nuit</translation>
        </message>
        <message>
            <source>after sleep</source>
            <translation>après le sommeil</translation>
        </message>
        <message>
            <source>at bedtime</source>
            <translation>au coucher</translation>
        </message>
        <message>
            <source>on waking</source>
            <translation>au réveil</translation>
        </message>
        <message>
            <source>with meals</source>
            <translation>pendant les repas</translation>
        </message>
        <message>
            <source>with breakfast</source>
            <translation>au petit-déjeuner</translation>
        </message>
        <message>
            <source>with lunch</source>
            <translation>au déjeuner</translation>
        </message>
        <message>
            <source>with dinner</source>
            <translation>au dîner</translation>
        </message>
        <message>
            <source>before meals</source>
            <translation>avant les repas</translation>
        </message>
        <message>
            <source>before breakfast</source>
            <translation>avant le petit-déjeuner</translation>
        </message>
        <message>
            <source>before lunch</source>
            <translation>avant le déjeuner</translation>
        </message>
        <message>
            <source>before dinner</source>
            <translation>avant le dîner</translation>
        </message>
        <message>
            <source>after meals</source>
            <translation>après les repas</translation>
        </message>
        <message>
            <source>after breakfast</source>
            <translation>après le petit-déjeuner</translation>
        </message>
        <message>
            <source>after lunch</source>
            <translation>après le déjeuner</translation>
        </message>
        <message>
            <source>after dinner</source>
            <translation>après le dîner</translation>
        </message>
        <message>
            <source>between meals</source>
            <translation>entre les repas</translation>
        </message>
        <message>
            <source>between breakfast and lunch</source>
            <translation>entre le petit-déjeuner et le déjeuner</translation>
        </message>
        <message>
            <source>between lunch and dinner</source>
            <translation>entre le déjeuner et le dîner</translation>
        </message>
        <message>
            <source>between dinner and bedtime</source>
            <translation>entre le dîner et le coucher</translation>
        </message>
        <message>
            <source>once a day</source>
            <translation>une fois par jour</translation>
        </message>
        <message>
            <source>once a week</source>
            <translation>une fois par semaine</translation>
        </message>
        <message>
            <source>once an hour</source>
            <translation>une fois par heure</translation>
        </message>
        <message>
            <source>once a minute</source>
            <translation>une fois par minute</translation>
        </message>
        <message>
            <source>once a month</source>
            <translation>une fois par mois</translation>
        </message>
        <message>
            <source>once a year</source>
            <translation>une fois par an</translation>
        </message>
        <message>
            <source>once a second</source>
            <translation>une fois par seconde</translation>
        </message>
        <message>
            <source>twice a day</source>
            <translation>deux fois par jour</translation>
        </message>
        <message numerus="yes">
            <source>%n times a day</source>
            <translation>
                <numerusform>%n fois par jour</numerusform>
                <numerusform>%n fois par jour</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a week</source>
            <translation>
                <numerusform>%n fois par semaine</numerusform>
                <numerusform>%n fois par semaine</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times an hour</source>
            <translation>
                <numerusform>%n fois par heure</numerusform>
                <numerusform>%n fois par heure</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a minute</source>
            <translation>
                <numerusform>%n fois par minute</numerusform>
                <numerusform>%n fois par minute</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a month</source>
            <translation>
                <numerusform>%n fois par mois</numerusform>
                <numerusform>%n fois par mois</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a year</source>
            <translation>
                <numerusform>%n fois par an</numerusform>
                <numerusform>%n fois par an</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a second</source>
            <translation>
                <numerusform>%n fois par seconde</numerusform>
                <numerusform>%n fois par seconde</numerusform>
            </translation>
        </message>
        <message>
            <source>every day</source>
            <translation>tous les jours</translation>
        </message>
        <message>
            <source>every week</source>
            <translation>toutes les semaines</translation>
        </message>
        <message>
            <source>every hour</source>
            <translation>toutes les heures</translation>
        </message>
        <message>
            <source>every minute</source>
            <translation>toutes les minutes</translation>
        </message>
        <message>
            <source>every month</source>
            <translation>tous les mois</translation>
        </message>
        <message>
            <source>every year</source>
            <translation>tous les ans</translation>
        </message>
        <message>
            <source>every second</source>
            <translation>toutes les secondes</translation>
        </message>
        <message numerus="yes">
            <source>every %n days</source>
            <translation>
                <numerusform>tous les %n jours</numerusform>
                <numerusform>tous les %n jours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n weeks</source>
            <translation>
                <numerusform>toutes les %n semaines</numerusform>
                <numerusform>toutes les %n semaines</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n hours</source>
            <translation>
                <numerusform>toutes les %n heures</numerusform>
                <numerusform>toutes les %n heures</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n minutes</source>
            <translation>
                <numerusform>toutes les %n minutes</numerusform>
                <numerusform>toutes les %n minutes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n months</source>
            <translation>
                <numerusform>tous les %n mois</numerusform>
                <numerusform>tous les %n mois</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n years</source>
            <translation>
                <numerusform>tous les %n ans</numerusform>
                <numerusform>tous les %n ans</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n seconds</source>
            <translation>
                <numerusform>toutes les %n secondes</numerusform>
                <numerusform>toutes les %n secondes</numerusform>
            </translation>
        </message>
        <message>
            <source>by mouth</source>
            <translation>per os</translation>
        </message>
        <message>
            <source>intravenous</source>
            <translation>IV</translation>
        </message>
        <message>
            <source>subcutaneous</source>
            <translation>SC</translation>
        </message>
        <message>
            <source>intramuscular</source>
            <translation>IM</translation>
        </message>
        <message>
            <source>inhaled</source>
            <translation>inhalé</translation>
        </message>
        <message>
            <source>nasal</source>
            <translation>nasal</translation>
        </message>
        <message>
            <source>rectal</source>
            <translation>rectal</translation>
        </message>
        <message>
            <source>on the skin</source>
            <translation>cutané</translation>
        </message>
        <message>
            <source>transdermal patch</source>
            <translation>patch transdermique</translation>
        </message>
        <message>
            <source>under the tongue</source>
            <translation>sublingual</translation>
        </message>
        <message>
            <source>once</source>
            <translation>une fois</translation>
        </message>
        <message numerus="yes">
            <source>%n times</source>
            <translation>
                <numerusform>%n fois</numerusform>
                <numerusform>%n fois</numerusform>
            </translation>
        </message>
        <message>
            <source>seconds</source>
            <translation>secondes</translation>
        </message>
        <message>
            <source>minutes</source>
            <translation>minutes</translation>
        </message>
        <message>
            <source>hours</source>
            <translation>heures</translation>
        </message>
        <message>
            <source>days</source>
            <translation>jours</translation>
        </message>
        <message>
            <source>weeks</source>
            <translation>semaines</translation>
        </message>
        <message>
            <source>months</source>
            <translation>mois</translation>
        </message>
        <message>
            <source>years</source>
            <translation>ans</translation>
        </message>
        <message>
            <source>every %1 %2</source>
            <translation>à intervalles de %1 %2</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <translation>%1 %2</translation>
        </message>
        <message>
            <source>at most %1</source>
            <translation>au maximum %1</translation>
        </message>
        <message>
            <source>at %1</source>
            <translation>à %1</translation>
        </message>
        <message>
            <source>on %1</source>
            <translation>le %1</translation>
        </message>
    </context>
    <context>
        <name>PatientDisplay</name>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>Taille du texte</translation>
        </message>
        <message>
            <source>Contrast</source>
            <translation>Contraste</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normale</translation>
        </message>
        <message>
            <source>Large</source>
            <translation>Grande</translation>
        </message>
        <message>
            <source>Very large</source>
            <translation>Très grande</translation>
        </message>
        <message>
            <source>Text size: %1</source>
            <translation>Taille du texte : %1</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>Standard</translation>
        </message>
        <message>
            <source>Standard contrast</source>
            <translation>Contraste standard</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>Contraste élevé</translation>
        </message>
        <message>
            <source>The tablet keeps these choices until you leave this bed.</source>
            <translation>La tablette garde ces réglages jusqu'à votre départ de ce lit.</translation>
        </message>
    </context>
    <context>
        <name>PatientHome</name>
        <message>
            <source>My meals</source>
            <translation>Mes repas</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>Your diet has not been set yet. Please ask your nurse.</source>
            <translation>Votre régime n'a pas encore été fixé. Demandez à l'équipe soignante.</translation>
        </message>
        <message>
            <source>nothing to eat</source>
            <translation>rien à manger</translation>
        </message>
        <message>
            <source>chosen</source>
            <translation>choisi</translation>
        </message>
        <message>
            <source>choose by %1</source>
            <translation>à choisir avant %1</translation>
        </message>
        <message>
            <source>choices closed</source>
            <translation>choix terminés</translation>
        </message>
        <message>
            <source>Tap here to choose your meals.</source>
            <translation>Touchez ici pour choisir vos repas.</translation>
        </message>
        <message>
            <source>Nothing to choose right now.</source>
            <translation>Rien à choisir pour le moment.</translation>
        </message>
        <message>
            <source>My day</source>
            <translation>Ma journée</translation>
        </message>
        <message>
            <source>No appointments today or tomorrow.</source>
            <translation>Aucun rendez-vous aujourd'hui ni demain.</translation>
        </message>
        <message>
            <source>Tap here to see your meal times.</source>
            <translation>Touchez ici pour voir les heures des repas.</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Rendez-vous</translation>
        </message>
        <message>
            <source>Start fasting</source>
            <translation>Début du jeûne</translation>
        </message>
        <message>
            <source>Preparation: %1</source>
            <translation>Préparation : %1</translation>
        </message>
        <message>
            <source>nothing to eat or drink from %1</source>
            <translation>ne rien manger ni boire à partir de %1</translation>
        </message>
    </context>
    <context>
        <name>PatientSchedule</name>
        <message>
            <source>Nothing to eat or drink until your care team says so</source>
            <translation>Ne rien manger ni boire jusqu'à ce que l'équipe soignante vous le dise</translation>
        </message>
        <message>
            <source>Nothing to eat or drink until %1</source>
            <translation>Ne rien manger ni boire jusqu'à %1</translation>
        </message>
        <message>
            <source>Your choice: %1</source>
            <translation>Votre choix : %1</translation>
        </message>
        <message>
            <source>No dish chosen yet</source>
            <translation>Pas encore de plat choisi</translation>
        </message>
        <message>
            <source>Start fasting: nothing to eat or drink</source>
            <translation>Début du jeûne : ne plus rien manger ni boire</translation>
        </message>
        <message>
            <source>To prepare for: %1</source>
            <translation>Pour préparer : %1</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Rendez-vous</translation>
        </message>
        <message>
            <source>Until %1</source>
            <translation>Jusqu'à %1</translation>
        </message>
        <message>
            <source>Where: %1</source>
            <translation>Lieu : %1</translation>
        </message>
        <message>
            <source>With: %1</source>
            <translation>Avec : %1</translation>
        </message>
        <message>
            <source>To prepare: %1</source>
            <translation>À préparer : %1</translation>
        </message>
        <message>
            <source>My day</source>
            <translation>Ma journée</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>Times can change. Your nurse will tell you if they do.</source>
            <translation>Les horaires peuvent changer. L'équipe soignante vous préviendra si c'est le cas.</translation>
        </message>
        <message>
            <source>Nothing planned.</source>
            <translation>Rien de prévu.</translation>
        </message>
    </context>
    <context>
        <name>PatientWindow</name>
        <message>
            <source>Home</source>
            <translation>Accueil</translation>
        </message>
        <message>
            <source>Meals</source>
            <translation>Repas</translation>
        </message>
        <message>
            <source>My day</source>
            <translation>Ma journée</translation>
        </message>
        <message>
            <source>Language and text size</source>
            <translation>Langue et taille du texte</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>Personnel</translation>
        </message>
        <message>
            <source>Staff sign-in</source>
            <translation>Connexion du personnel</translation>
        </message>
        <message>
            <source>This bed is ready for its next patient</source>
            <translation>Ce lit est prêt pour le prochain patient</translation>
        </message>
        <message>
            <source>When you are admitted to this bed, this screen will show your meals and your day. Staff can sign in below.</source>
            <translation>Quand vous serez installé dans ce lit, cet écran affichera vos repas et votre journée. Le personnel soignant peut se connecter ci-dessous.</translation>
        </message>
        <message>
            <source>Good morning, %1</source>
            <translation>Bonjour %1</translation>
        </message>
        <message>
            <source>Good afternoon, %1</source>
            <translation>Bonjour %1</translation>
        </message>
        <message>
            <source>Good evening, %1</source>
            <translation>Bonsoir %1</translation>
        </message>
        <message>
            <source>No connection · information as of %1</source>
            <translation>Pas de connexion · informations de %1</translation>
        </message>
        <message>
            <source>Information as of %1</source>
            <translation>Informations à jour à %1</translation>
        </message>
        <message>
            <source>Time: %1</source>
            <translation>Heure : %1</translation>
        </message>
    </context>
    <context>
        <name>ResultsTab</name>
        <message>
            <source>no value</source>
            <translation>pas de valeur</translation>
        </message>
        <message>
            <source>✓ Normal</source>
            <translation>✓ Normal</translation>
        </message>
        <message>
            <source>↓ Low</source>
            <translation>↓ Bas</translation>
        </message>
        <message>
            <source>↑ High</source>
            <translation>↑ Élevé</translation>
        </message>
        <message>
            <source>⚠ Critically low</source>
            <translation>⚠ Critique bas</translation>
        </message>
        <message>
            <source>⚠ Critically high</source>
            <translation>⚠ Critique haut</translation>
        </message>
        <message>
            <source>! Abnormal</source>
            <translation>! Anormal</translation>
        </message>
        <message>
            <source>⚠ Critical</source>
            <translation>⚠ Critique</translation>
        </message>
        <message>
            <source>%1 (from the range)</source>
            <translation>%1 (selon les valeurs normales)</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>Enregistré</translation>
        </message>
        <message>
            <source>Partial</source>
            <translation>Partiel</translation>
        </message>
        <message>
            <source>Preliminary</source>
            <translation>Préliminaire</translation>
        </message>
        <message>
            <source>Final</source>
            <translation>Définitif</translation>
        </message>
        <message>
            <source>Amended</source>
            <translation>Modifié</translation>
        </message>
        <message>
            <source>Corrected</source>
            <translation>Corrigé</translation>
        </message>
        <message>
            <source>Appended</source>
            <translation>Complété</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Annulé</translation>
        </message>
        <message>
            <source>Entered in error</source>
            <translation>Saisi par erreur</translation>
        </message>
        <message>
            <source>Status unknown</source>
            <translation>Statut inconnu</translation>
        </message>
        <message>
            <source>✓ Acknowledged by %1 at %2</source>
            <translation>✓ Pris connaissance par %1 à %2</translation>
        </message>
        <message>
            <source>✓ Acknowledged at %1</source>
            <translation>✓ Pris connaissance à %1</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>Résultats</translation>
        </message>
        <message>
            <source>Reading the results…</source>
            <translation>Lecture des résultats…</translation>
        </message>
        <message>
            <source>The results could not be read from the cache.</source>
            <translation>Les résultats n'ont pas pu être lus sur la tablette.</translation>
        </message>
        <message>
            <source>Recording the acknowledgement…</source>
            <translation>Enregistrement de la prise de connaissance…</translation>
        </message>
        <message>
            <source>✓ Acknowledgement recorded.</source>
            <translation>✓ Prise de connaissance enregistrée.</translation>
        </message>
        <message>
            <source>⚠ The acknowledgement could not be recorded. Try again.</source>
            <translation>⚠ La prise de connaissance n'a pas pu être enregistrée. Veuillez réessayer.</translation>
        </message>
        <message>
            <source>No laboratory results in the cache.</source>
            <translation>Aucun résultat de laboratoire enregistré sur la tablette.</translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n critical result(s) to acknowledge</source>
            <translation>
                <numerusform>⚠ %n résultat critique : prise de connaissance requise</numerusform>
                <numerusform>⚠ %n résultats critiques : prise de connaissance requise</numerusform>
            </translation>
        </message>
        <message>
            <source>Other results</source>
            <translation>Autres résultats</translation>
        </message>
        <message>
            <source>Taken %1</source>
            <translation>Prélevé le %1</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Analyse</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <source>Normal range</source>
            <translation>Valeurs normales</translation>
        </message>
        <message>
            <source>Interpretation</source>
            <translation>Interprétation</translation>
        </message>
        <message>
            <source>Acknowledge</source>
            <translation>Prendre connaissance</translation>
        </message>
        <message>
            <source>Acknowledge the critical result %1</source>
            <translation>Prendre connaissance du résultat critique %1</translation>
        </message>
    </context>
    <context>
        <name>StaffWindow</name>
        <message>
            <source>← Board</source>
            <translation>← Tableau</translation>
        </message>
        <message>
            <source>Back to the ward board</source>
            <translation>Retour au tableau du service</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>Verrouiller</translation>
        </message>
        <message>
            <source>Lock the screen</source>
            <translation>Verrouiller l'écran</translation>
        </message>
        <message>
            <source>Patient screen</source>
            <translation>Écran patient</translation>
        </message>
        <message>
            <source>Lock and return to the patient screen</source>
            <translation>Verrouiller et revenir à l'écran patient</translation>
        </message>
        <message>
            <source>← Chart</source>
            <translation>← Dossier</translation>
        </message>
        <message>
            <source>Back to the patient chart</source>
            <translation>Retour au dossier du patient</translation>
        </message>
        <message>
            <source>Synchronisation</source>
            <translation>Synchronisation</translation>
        </message>
        <message>
            <source>Patient chart</source>
            <translation>Dossier du patient</translation>
        </message>
        <message>
            <source>Ward board</source>
            <translation>Tableau du service</translation>
        </message>
        <message>
            <source>The sign-in could not be checked. Try again.</source>
            <translation>La connexion n'a pas pu être vérifiée. Veuillez réessayer.</translation>
        </message>
        <message>
            <source>Locked after a while without use.</source>
            <translation>Verrouillé après une période d'inactivité.</translation>
        </message>
        <message>
            <source>Locked: another badge was read.</source>
            <translation>Verrouillé : un autre badge a été lu.</translation>
        </message>
    </context>
    <context>
        <name>SyncBadge</name>
        <message>
            <source>Connecting…</source>
            <translation>Connexion…</translation>
        </message>
        <message>
            <source>● Online</source>
            <translation>● En ligne</translation>
        </message>
        <message>
            <source>○ Offline</source>
            <translation>○ Hors ligne</translation>
        </message>
        <message>
            <source>data as of %1</source>
            <translation>données à jour à %1</translation>
        </message>
        <message>
            <source>not yet synchronised</source>
            <translation>pas encore synchronisé</translation>
        </message>
        <message numerus="yes">
            <source>%n to upload</source>
            <translation>
                <numerusform>%n à envoyer</numerusform>
                <numerusform>%n à envoyer</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n conflict(s)</source>
            <translation>
                <numerusform>⚠ %n conflit</numerusform>
                <numerusform>⚠ %n conflits</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n rejected</source>
            <translation>
                <numerusform>⚠ %n refus</numerusform>
                <numerusform>⚠ %n refus</numerusform>
            </translation>
        </message>
        <message>
            <source>Observation</source>
            <translation>Mesure</translation>
        </message>
        <message>
            <source>Access record</source>
            <translation>Trace d'accès</translation>
        </message>
        <message>
            <source>Acknowledgement</source>
            <translation>Prise de connaissance</translation>
        </message>
        <message>
            <source>Meal order</source>
            <translation>Commande de repas</translation>
        </message>
        <message>
            <source>Administration</source>
            <translation>Administration</translation>
        </message>
        <message>
            <source>Synchronisation: %1</source>
            <translation>Synchronisation : %1</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Synchroniser</translation>
        </message>
        <message>
            <source>Waiting (%1)</source>
            <translation>En attente (%1)</translation>
        </message>
        <message>
            <source>Conflicts (%1)</source>
            <translation>Conflits (%1)</translation>
        </message>
        <message>
            <source>Rejected (%1)</source>
            <translation>Refus (%1)</translation>
        </message>
        <message>
            <source>Lists of changes</source>
            <translation>Listes des modifications</translation>
        </message>
        <message>
            <source>Last problem: %1</source>
            <translation>Dernier problème : %1</translation>
        </message>
        <message>
            <source>Nothing is waiting: every change has reached the EHR.</source>
            <translation>Rien en attente : toutes les modifications sont arrivées dans le DPI.</translation>
        </message>
        <message>
            <source>No conflicts.</source>
            <translation>Aucun conflit.</translation>
        </message>
        <message>
            <source>No rejected changes.</source>
            <translation>Aucune modification refusée.</translation>
        </message>
        <message>
            <source>Keep the tablet's version</source>
            <translation>Garder la version de la tablette</translation>
        </message>
        <message>
            <source>Take the EHR's version</source>
            <translation>Prendre la version du DPI</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Réessayer</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Abandonner</translation>
        </message>
        <message>
            <source>The EHR deleted this record meanwhile.</source>
            <translation>Entre-temps, cet élément a été supprimé dans le DPI.</translation>
        </message>
        <message>
            <source>Element</source>
            <translation>Élément</translation>
        </message>
        <message>
            <source>On this tablet</source>
            <translation>Sur cette tablette</translation>
        </message>
        <message>
            <source>On the EHR</source>
            <translation>Dans le DPI</translation>
        </message>
    </context>
    <context>
        <name>VitalsPad</name>
        <message>
            <source>Heart rate</source>
            <translation>Fréquence cardiaque</translation>
        </message>
        <message>
            <source>Respiratory rate</source>
            <translation>Fréquence respiratoire</translation>
        </message>
        <message>
            <source>SpO2</source>
            <translation>SpO2</translation>
        </message>
        <message>
            <source>Oxygen flow</source>
            <translation>Débit d'oxygène</translation>
        </message>
        <message>
            <source>Systolic pressure</source>
            <translation>Pression systolique</translation>
        </message>
        <message>
            <source>Diastolic pressure</source>
            <translation>Pression diastolique</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>Température</translation>
        </message>
        <message>
            <source>Consciousness</source>
            <translation>Conscience</translation>
        </message>
        <message>
            <source>Pain</source>
            <translation>Douleur</translation>
        </message>
        <message>
            <source>Enter at least one value.</source>
            <translation>Saisissez au moins une valeur.</translation>
        </message>
        <message>
            <source>These values do not fit together.</source>
            <translation>Ces valeurs ne sont pas cohérentes entre elles.</translation>
        </message>
        <message>
            <source>%1 %2 is not plausible (%3–%4)</source>
            <translation>%1 %2 : valeur non plausible (%3–%4)</translation>
        </message>
        <message>
            <source>%1 %2 is unusual (usually %3–%4): check it</source>
            <translation>%1 %2 : valeur inhabituelle (habituellement %3–%4), vérifiez-la</translation>
        </message>
        <message>
            <source>Enter both systolic and diastolic pressure.</source>
            <translation>Saisissez la pression systolique et la pression diastolique.</translation>
        </message>
        <message>
            <source>Diastolic must be lower than systolic.</source>
            <translation>La diastolique doit être inférieure à la systolique.</translation>
        </message>
        <message>
            <source>A flow needs Oxygen selected.</source>
            <translation>Pour saisir un débit, sélectionnez Oxygène.</translation>
        </message>
        <message>
            <source>Enter the oxygen flow.</source>
            <translation>Saisissez le débit d'oxygène.</translation>
        </message>
        <message>
            <source>Enter the SpO2 measured on air or oxygen.</source>
            <translation>Saisissez la SpO2 mesurée en air ambiant ou sous oxygène.</translation>
        </message>
        <message>
            <source>Choose Air or Oxygen for this SpO2.</source>
            <translation>Choisissez Air ambiant ou Oxygène pour cette SpO2.</translation>
        </message>
        <message>
            <source>%1 does not fit with the other values.</source>
            <translation>%1 : valeur incohérente avec les autres valeurs.</translation>
        </message>
        <message>
            <source>NEWS2 preview: %1 — %2</source>
            <translation>Aperçu NEWS2 : %1 — %2</translation>
        </message>
        <message numerus="yes">
            <source>(%n parameter(s) missing)</source>
            <translation>
                <numerusform>(%n paramètre manquant)</numerusform>
                <numerusform>(%n paramètres manquants)</numerusform>
            </translation>
        </message>
        <message>
            <source>Record vital signs</source>
            <translation>Saisir les constantes</translation>
        </message>
        <message>
            <source>beats/min</source>
            <translation>batt/min</translation>
        </message>
        <message>
            <source>breaths/min</source>
            <translation>cycles/min</translation>
        </message>
        <message>
            <source>Breathing</source>
            <translation>Respiration</translation>
        </message>
        <message>
            <source>Air</source>
            <translation>Air ambiant</translation>
        </message>
        <message>
            <source>Oxygen</source>
            <translation>Oxygène</translation>
        </message>
        <message>
            <source>L/min</source>
            <translation>L/min</translation>
        </message>
        <message>
            <source>Blood pressure</source>
            <translation>Pression artérielle</translation>
        </message>
        <message>
            <source>mmHg</source>
            <translation>mmHg</translation>
        </message>
        <message>
            <source>°C</source>
            <translation>°C</translation>
        </message>
        <message>
            <source>Consciousness (ACVPU)</source>
            <translation>Conscience (ACVPU)</translation>
        </message>
        <message>
            <source>Pain (0 = none, 10 = worst imaginable)</source>
            <translation>Douleur (0 = aucune, 10 = pire douleur imaginable)</translation>
        </message>
        <message>
            <source>Heart rate, beats per minute</source>
            <translation>Fréquence cardiaque, battements par minute</translation>
        </message>
        <message>
            <source>Respiratory rate, breaths per minute</source>
            <translation>Fréquence respiratoire, cycles par minute</translation>
        </message>
        <message>
            <source>SpO2, percent</source>
            <translation>SpO2, en pourcentage</translation>
        </message>
        <message>
            <source>Oxygen flow, litres per minute</source>
            <translation>Débit d'oxygène, litres par minute</translation>
        </message>
        <message>
            <source>Systolic pressure, mmHg</source>
            <translation>Pression systolique, mmHg</translation>
        </message>
        <message>
            <source>Diastolic pressure, mmHg</source>
            <translation>Pression diastolique, mmHg</translation>
        </message>
        <message>
            <source>Temperature, degrees Celsius</source>
            <translation>Température, degrés Celsius</translation>
        </message>
        <message>
            <source>Pain %1</source>
            <translation>Douleur %1</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Save anyway</source>
            <translation>Enregistrer quand même</translation>
        </message>
        <message>
            <source>Not saved: the tablet could not write to its cache. Try again.</source>
            <translation>Non enregistré : la tablette n'a pas pu écrire dans sa mémoire. Veuillez réessayer.</translation>
        </message>
        <message>
            <source>Some values are unusual. Check them; if they are right, tap Save anyway.</source>
            <translation>Certaines valeurs sont inhabituelles. Vérifiez-les ; si elles sont justes, touchez Enregistrer quand même.</translation>
        </message>
        <message>
            <source>Not saved: correct the values marked in red.</source>
            <translation>Non enregistré : corrigez les valeurs marquées en rouge.</translation>
        </message>
        <message>
            <source>NEWS2 preview: type the values</source>
            <translation>Aperçu NEWS2 : saisissez les valeurs</translation>
        </message>
    </context>
    <context>
        <name>VitalsTab</name>
        <message>
            <source>✓ Low</source>
            <translation>✓ Faible</translation>
        </message>
        <message>
            <source>! Low–medium</source>
            <translation>! Faible–moyen</translation>
        </message>
        <message>
            <source>▲ Medium</source>
            <translation>▲ Moyen</translation>
        </message>
        <message>
            <source>⚠ High</source>
            <translation>⚠ Élevé</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Éveillé</translation>
        </message>
        <message>
            <source>New confusion</source>
            <translation>Confusion récente</translation>
        </message>
        <message>
            <source>Responds to voice</source>
            <translation>Réagit à la voix</translation>
        </message>
        <message>
            <source>Responds to pain</source>
            <translation>Réagit à la douleur</translation>
        </message>
        <message>
            <source>Unresponsive</source>
            <translation>Aréactif</translation>
        </message>
        <message>
            <source>Respiratory rate</source>
            <translation>Fréquence respiratoire</translation>
        </message>
        <message>
            <source>SpO2</source>
            <translation>SpO2</translation>
        </message>
        <message>
            <source>Air or oxygen</source>
            <translation>Air ambiant ou oxygène</translation>
        </message>
        <message>
            <source>Systolic pressure</source>
            <translation>Pression systolique</translation>
        </message>
        <message>
            <source>Pulse</source>
            <translation>Pouls</translation>
        </message>
        <message>
            <source>Consciousness</source>
            <translation>Conscience</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>Température</translation>
        </message>
        <message>
            <source>Air</source>
            <translation>Air ambiant</translation>
        </message>
        <message>
            <source>Oxygen</source>
            <translation>Oxygène</translation>
        </message>
        <message>
            <source>Oxygen %1 L/min</source>
            <translation>Oxygène %1 L/min</translation>
        </message>
        <message>
            <source>%1 /min</source>
            <translation>%1 /min</translation>
        </message>
        <message>
            <source>%1 %</source>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>%1/%2 mmHg</source>
            <translation>%1/%2 mmHg</translation>
        </message>
        <message>
            <source>%1 mmHg</source>
            <translation>%1 mmHg</translation>
        </message>
        <message>
            <source>%1 °C</source>
            <translation>%1 °C</translation>
        </message>
        <message numerus="yes">
            <source>%n point(s)</source>
            <translation>
                <numerusform>%n point</numerusform>
                <numerusform>%n points</numerusform>
            </translation>
        </message>
        <message>
            <source>just now</source>
            <translation>à l'instant</translation>
        </message>
        <message>
            <source>%1 min ago</source>
            <translation>il y a %1 min</translation>
        </message>
        <message>
            <source>%1 h %2 min ago</source>
            <translation>il y a %1 h %2 min</translation>
        </message>
        <message>
            <source>at %1, %2</source>
            <translation>%1, %2</translation>
        </message>
        <message>
            <source>Vital signs</source>
            <translation>Constantes</translation>
        </message>
        <message>
            <source>Latest NEWS2</source>
            <translation>Dernier NEWS2</translation>
        </message>
        <message>
            <source>Record vital signs</source>
            <translation>Saisir les constantes</translation>
        </message>
        <message>
            <source>Trends</source>
            <translation>Évolution</translation>
        </message>
        <message>
            <source>Shaded: NEWS2</source>
            <translation>Fond coloré : NEWS2</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 h</translation>
        </message>
        <message>
            <source>Show the last %1 hours</source>
            <translation>Afficher les %1 dernières heures</translation>
        </message>
        <message>
            <source>Recent rounds</source>
            <translation>Derniers relevés</translation>
        </message>
        <message>
            <source>Recent rounds, newest first</source>
            <translation>Derniers relevés, du plus récent au plus ancien</translation>
        </message>
        <message>
            <source>Column headings</source>
            <translation>En-têtes de colonnes</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Heure</translation>
        </message>
        <message>
            <source>NEWS2</source>
            <translation>NEWS2</translation>
        </message>
        <message>
            <source>Resp.</source>
            <translation>FR</translation>
        </message>
        <message>
            <source>O2 L/min</source>
            <translation>O2 L/min</translation>
        </message>
        <message>
            <source>BP</source>
            <translation>PA</translation>
        </message>
        <message>
            <source>ACVPU</source>
            <translation>ACVPU</translation>
        </message>
        <message>
            <source>Temp.</source>
            <translation>Temp.</translation>
        </message>
        <message>
            <source>Pain</source>
            <translation>Douleur</translation>
        </message>
        <message>
            <source>trend over the last %1 hours</source>
            <translation>évolution sur les %1 dernières heures</translation>
        </message>
        <message>
            <source>Heart rate</source>
            <translation>Fréquence cardiaque</translation>
        </message>
        <message>
            <source>/min</source>
            <translation>/min</translation>
        </message>
        <message>
            <source>SpO2 (scale 2) — ■ on oxygen</source>
            <translation>SpO2 (échelle 2) — ■ sous oxygène</translation>
        </message>
        <message>
            <source>SpO2 — ■ on oxygen</source>
            <translation>SpO2 — ■ sous oxygène</translation>
        </message>
        <message>
            <source>Blood pressure — ● systolic, ▼ diastolic</source>
            <translation>Pression artérielle — ● systolique, ▼ diastolique</translation>
        </message>
        <message>
            <source>mmHg</source>
            <translation>mmHg</translation>
        </message>
        <message>
            <source>°C</source>
            <translation>°C</translation>
        </message>
        <message>
            <source>0–10</source>
            <translation>0–10</translation>
        </message>
        <message>
            <source>NEWS2 total — ■ incomplete round</source>
            <translation>NEWS2 total — ■ relevé incomplet</translation>
        </message>
        <message>
            <source>points</source>
            <translation>points</translation>
        </message>
        <message>
            <source>Reading vital signs…</source>
            <translation>Lecture des constantes…</translation>
        </message>
        <message>
            <source>No vital signs recorded in the last 72 hours.</source>
            <translation>Aucune constante relevée au cours des 72 dernières heures.</translation>
        </message>
        <message>
            <source>The vital signs could not be read from the cache.</source>
            <translation>Les constantes n'ont pas pu être lues sur la tablette.</translation>
        </message>
        <message>
            <source>No NEWS2 in the last 72 hours.</source>
            <translation>Aucun NEWS2 au cours des 72 dernières heures.</translation>
        </message>
        <message>
            <source>NEWS2 total %1</source>
            <translation>NEWS2 total %1</translation>
        </message>
        <message numerus="yes">
            <source>incomplete: %n parameter(s) not measured</source>
            <translation>
                <numerusform>incomplet : %n paramètre non mesuré</numerusform>
                <numerusform>incomplet : %n paramètres non mesurés</numerusform>
            </translation>
        </message>
        <message>
            <source>SpO2 scale 2</source>
            <translation>SpO2 échelle 2</translation>
        </message>
        <message>
            <source>⚠ older than 24 h</source>
            <translation>⚠ date de plus de 24 h</translation>
        </message>
        <message>
            <source>not measured</source>
            <translation>non mesuré</translation>
        </message>
        <message numerus="yes">
            <source>✓ %n value(s) saved and sent to the EHR.</source>
            <translation>
                <numerusform>✓ %n valeur enregistrée et envoyée au DPI.</numerusform>
                <numerusform>✓ %n valeurs enregistrées et envoyées au DPI.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n value(s) saved here, but the EHR refused them: see Synchronisation.</source>
            <translation>
                <numerusform>⚠ %n valeur enregistrée ici, mais refusée par le DPI : voir Synchronisation.</numerusform>
                <numerusform>⚠ %n valeurs enregistrées ici, mais refusées par le DPI : voir Synchronisation.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>✓ %n value(s) saved on this tablet — they will be sent to the EHR when connected.</source>
            <translation>
                <numerusform>✓ %n valeur enregistrée sur cette tablette — elle sera envoyée au DPI dès la reconnexion.</numerusform>
                <numerusform>✓ %n valeurs enregistrées sur cette tablette — elles seront envoyées au DPI dès la reconnexion.</numerusform>
            </translation>
        </message>
    </context>
</TS>