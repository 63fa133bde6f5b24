<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
    <context>
        <name>AppointmentsTab</name>
        <message>
            <source>Time not set</source>
            <translation>Uhrzeit offen</translation>
        </message>
        <message>
            <source>Proposed</source>
            <translation>Vorgeschlagen</translation>
        </message>
        <message>
            <source>Not confirmed yet</source>
            <translation>Noch nicht bestätigt</translation>
        </message>
        <message>
            <source>Patient arrived</source>
            <translation>Patient eingetroffen</translation>
        </message>
        <message>
            <source>✓ Done</source>
            <translation>✓ Erledigt</translation>
        </message>
        <message>
            <source>Checked in</source>
            <translation>Angemeldet</translation>
        </message>
        <message>
            <source>On the waiting list</source>
            <translation>Auf der Warteliste</translation>
        </message>
        <message>
            <source>Today, %1</source>
            <translation>Heute, %1</translation>
        </message>
        <message>
            <source>Tomorrow, %1</source>
            <translation>Morgen, %1</translation>
        </message>
        <message>
            <source>Appointments</source>
            <translation>Termine</translation>
        </message>
        <message>
            <source>Reading the appointments…</source>
            <translation>Termine werden gelesen…</translation>
        </message>
        <message>
            <source>The appointments could not be read from the cache.</source>
            <translation>Die Termine konnten nicht aus dem Zwischenspeicher gelesen werden.</translation>
        </message>
        <message>
            <source>Nothing planned</source>
            <translation>Nichts geplant</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Termin</translation>
        </message>
        <message>
            <source>Where: %1</source>
            <translation>Wo: %1</translation>
        </message>
        <message>
            <source>With: %1</source>
            <translation>Bei: %1</translation>
        </message>
        <message>
            <source>⚠ Before: %1</source>
            <translation>⚠ Vorher: %1</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>Female</source>
            <translation>Weiblich</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Männlich</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Divers</translation>
        </message>
        <message>
            <source>Sex unknown</source>
            <translation>Geschlecht unbekannt</translation>
        </message>
        <message>
            <source>Sex not recorded</source>
            <translation>Geschlecht nicht erfasst</translation>
        </message>
        <message>
            <source>born %1</source>
            <translation>geb. %1</translation>
        </message>
        <message numerus="yes">
            <source>(%n years)</source>
            <translation>
                <numerusform>(%n Jahr)</numerusform>
                <numerusform>(%n Jahre)</numerusform>
            </translation>
        </message>
        <message>
            <source>Bed %1</source>
            <translation>Bett %1</translation>
        </message>
        <message>
            <source>Hospital no. %1</source>
            <translation>Pat.-Nr. %1</translation>
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
            <translation>? Allergien nicht erfasst</translation>
        </message>
        <message>
            <source>✓ No known allergies</source>
            <translation>✓ Keine bekannten Allergien</translation>
        </message>
        <message>
            <source>⚠ Allergies: %1</source>
            <translation>⚠ Allergien: %1</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth until %1</source>
            <translation>⊘ Nüchtern bis %1</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth</source>
            <translation>⊘ Nüchtern</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth from %1</source>
            <translation>⊘ Nüchtern ab %1</translation>
        </message>
        <message>
            <source>No diet order</source>
            <translation>Keine Kostform verordnet</translation>
        </message>
        <message>
            <source>Diet: %1</source>
            <translation>Kostform: %1</translation>
        </message>
        <message>
            <source>ordered</source>
            <translation>verordnet</translation>
        </message>
        <message>
            <source>Patient banner</source>
            <translation>Patientenleiste</translation>
        </message>
        <message>
            <source>Patient: %1</source>
            <translation>Patient: %1</translation>
        </message>
    </context>
    <context>
        <name>Board</name>
        <message>
            <source>F</source>
            <translation>W</translation>
        </message>
        <message>
            <source>M</source>
            <translation>M</translation>
        </message>
        <message>
            <source>X</source>
            <translation>D</translation>
        </message>
        <message>
            <source>no obs. 24 h</source>
            <translation>24 h ohne Messung</translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n critical result(s)</source>
            <translation>
                <numerusform>⚠ %n kritischer Befund</numerusform>
                <numerusform>⚠ %n kritische Befunde</numerusform>
            </translation>
        </message>
        <message>
            <source>⚠ Allergy</source>
            <translation>⚠ Allergie</translation>
        </message>
        <message>
            <source>? Allergies not recorded</source>
            <translation>? Allergien nicht erfasst</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth</source>
            <translation>⊘ Nüchtern</translation>
        </message>
        <message>
            <source>No diet order</source>
            <translation>Keine Kostform verordnet</translation>
        </message>
        <message>
            <source>⚠ Same name</source>
            <translation>⚠ Namensgleichheit</translation>
        </message>
        <message>
            <source>Diet: %1</source>
            <translation>Kostform: %1</translation>
        </message>
        <message numerus="yes">
            <source>%n missed</source>
            <translation>
                <numerusform>%n versäumt</numerusform>
                <numerusform>%n versäumt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n late</source>
            <translation>
                <numerusform>%n verspätet</numerusform>
                <numerusform>%n verspätet</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n due</source>
            <translation>
                <numerusform>%n fällig</numerusform>
                <numerusform>%n fällig</numerusform>
            </translation>
        </message>
        <message>
            <source>Bed</source>
            <translation>Bett</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Age · sex</source>
            <translation>Alter · Geschl.</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>NEWS2</source>
            <translation>NEWS2</translation>
        </message>
        <message>
            <source>Doses</source>
            <translation>Dosen</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Warnungen</translation>
        </message>
        <message>
            <source>⚠ Two current stays for this bed — check the admission</source>
            <translation>⚠ Zwei aktuelle Aufenthalte für dieses Bett — Aufnahme prüfen</translation>
        </message>
        <message>
            <source>Free bed</source>
            <translation>Freies Bett</translation>
        </message>
        <message>
            <source>Patient details not available</source>
            <translation>Patientendaten nicht verfügbar</translation>
        </message>
        <message>
            <source>%1 y</source>
            <translation>%1 J.</translation>
        </message>
        <message>
            <source>Day %1</source>
            <translation>Tag %1</translation>
        </message>
        <message>
            <source>All beds</source>
            <translation>Alle Betten</translation>
        </message>
        <message>
            <source>My patients</source>
            <translation>Meine Patienten</translation>
        </message>
        <message>
            <source>Alerts first</source>
            <translation>Warnungen zuerst</translation>
        </message>
        <message>
            <source>Ward board</source>
            <translation>Stationsübersicht</translation>
        </message>
        <message>
            <source>Column headings</source>
            <translation>Spaltenüberschriften</translation>
        </message>
        <message>
            <source>%1 of %2 beds occupied</source>
            <translation>%1 von %2 Betten belegt</translation>
        </message>
        <message numerus="yes">
            <source>%n of them yours</source>
            <translation>
                <numerusform>davon %n Ihnen zugewiesen</numerusform>
                <numerusform>davon %n Ihnen zugewiesen</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CareRecord</name>
        <message>
            <source>mild</source>
            <translation>leicht</translation>
        </message>
        <message>
            <source>moderate</source>
            <translation>mittel</translation>
        </message>
        <message>
            <source>severe</source>
            <translation>schwer</translation>
        </message>
        <message>
            <source>high risk</source>
            <translation>hohes Risiko</translation>
        </message>
        <message>
            <source>low risk</source>
            <translation>geringes Risiko</translation>
        </message>
        <message>
            <source>risk not assessed</source>
            <translation>Risiko nicht beurteilt</translation>
        </message>
        <message>
            <source>Care record</source>
            <translation>Pflegedokumentation</translation>
        </message>
        <message>
            <source>Reading the record…</source>
            <translation>Dokumentation wird gelesen…</translation>
        </message>
        <message>
            <source>The care record could not be read from the cache.</source>
            <translation>Die Pflegedokumentation konnte nicht aus dem Zwischenspeicher gelesen werden.</translation>
        </message>
        <message>
            <source>Active problems</source>
            <translation>Aktive Probleme</translation>
        </message>
        <message>
            <source>Allergies and intolerances</source>
            <translation>Allergien und Unverträglichkeiten</translation>
        </message>
        <message>
            <source>Flags</source>
            <translation>Hinweise</translation>
        </message>
        <message>
            <source>Recent notes</source>
            <translation>Letzte Notizen</translation>
        </message>
        <message>
            <source>No active problem recorded.</source>
            <translation>Kein aktives Problem erfasst.</translation>
        </message>
        <message>
            <source>since %1</source>
            <translation>seit %1</translation>
        </message>
        <message>
            <source>? Allergies not recorded — ask the patient and record them</source>
            <translation>? Allergien nicht erfasst — bitte beim Patienten erfragen und erfassen</translation>
        </message>
        <message>
            <source>✓ No known allergies (recorded)</source>
            <translation>✓ Keine bekannten Allergien (erfasst)</translation>
        </message>
        <message>
            <source>reaction</source>
            <translation>Reaktion</translation>
        </message>
        <message>
            <source>Reaction: %1</source>
            <translation>Reaktion: %1</translation>
        </message>
        <message>
            <source>unconfirmed</source>
            <translation>unbestätigt</translation>
        </message>
        <message>
            <source>refuted</source>
            <translation>ausgeschlossen</translation>
        </message>
        <message>
            <source>No active flag.</source>
            <translation>Kein aktiver Hinweis.</translation>
        </message>
        <message>
            <source>No recent note.</source>
            <translation>Keine aktuelle Notiz.</translation>
        </message>
    </context>
    <context>
        <name>Chart</name>
        <message>
            <source>Parts of the chart</source>
            <translation>Bereiche der Akte</translation>
        </message>
    </context>
    <context>
        <name>ChartWords</name>
        <message>
            <source>%1 and %2</source>
            <translation>%1 und %2</translation>
        </message>
    </context>
    <context>
        <name>FirstRun</name>
        <message>
            <source>Bed %1 is ready: %2 resources downloaded.</source>
            <translation>Bett %1 ist bereit: %2 Ressourcen heruntergeladen.</translation>
        </message>
        <message>
            <source>Ward %1 is ready: %2 resources downloaded.</source>
            <translation>Station %1 ist bereit: %2 Ressourcen heruntergeladen.</translation>
        </message>
        <message>
            <source>Downloading bed %1…</source>
            <translation>Bett %1 wird heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading ward %1…</source>
            <translation>Station %1 wird heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading bed %1: %2 resources so far…</source>
            <translation>Bett %1 wird heruntergeladen: bisher %2 Ressourcen…</translation>
        </message>
        <message>
            <source>Downloading ward %1: %2 resources so far…</source>
            <translation>Station %1 wird heruntergeladen: bisher %2 Ressourcen…</translation>
        </message>
        <message>
            <source>Downloading bed %1: %2 of ~%3 resources…</source>
            <translation>Bett %1 wird heruntergeladen: %2 von ca. %3 Ressourcen…</translation>
        </message>
        <message>
            <source>Downloading ward %1: %2 of ~%3 resources…</source>
            <translation>Station %1 wird heruntergeladen: %2 von ca. %3 Ressourcen…</translation>
        </message>
        <message>
            <source>Download of bed %1 paused.</source>
            <translation>Download von Bett %1 unterbrochen.</translation>
        </message>
        <message>
            <source>Download of ward %1 paused.</source>
            <translation>Download von Station %1 unterbrochen.</translation>
        </message>
        <message>
            <source>Download of bed %1 paused at %2 resources.</source>
            <translation>Download von Bett %1 bei %2 Ressourcen unterbrochen.</translation>
        </message>
        <message>
            <source>Download of ward %1 paused at %2 resources.</source>
            <translation>Download von Station %1 bei %2 Ressourcen unterbrochen.</translation>
        </message>
        <message>
            <source>Download of bed %1 paused at %2 of ~%3 resources.</source>
            <translation>Download von Bett %1 bei %2 von ca. %3 Ressourcen unterbrochen.</translation>
        </message>
        <message>
            <source>%1 is ready: %2 resources downloaded.</source>
            <translation>„%1“ ist bereit: %2 Ressourcen heruntergeladen.</translation>
        </message>
        <message>
            <source>Downloading %1…</source>
            <translation>„%1“ wird heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading %1: %2 resources so far…</source>
            <translation>„%1“ wird heruntergeladen: bisher %2 Ressourcen…</translation>
        </message>
        <message>
            <source>Downloading %1: %2 of ~%3 resources…</source>
            <translation>„%1“ wird heruntergeladen: %2 von ca. %3 Ressourcen…</translation>
        </message>
        <message>
            <source>Download of %1 paused.</source>
            <translation>Download von „%1“ unterbrochen.</translation>
        </message>
        <message>
            <source>Download of %1 paused at %2 resources.</source>
            <translation>Download von „%1“ bei %2 Ressourcen unterbrochen.</translation>
        </message>
        <message>
            <source>Download of %1 paused at %2 of ~%3 resources.</source>
            <translation>Download von „%1“ bei %2 von ca. %3 Ressourcen unterbrochen.</translation>
        </message>
        <message>
            <source>Download of ward %1 paused at %2 of ~%3 resources.</source>
            <translation>Download von Station %1 bei %2 von ca. %3 Ressourcen unterbrochen.</translation>
        </message>
        <message>
            <source>Downloading the wards, rooms and beds…</source>
            <translation>Stationen, Zimmer und Betten werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading the staff list…</source>
            <translation>Personalliste wird heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading the medicines list…</source>
            <translation>Arzneimittelliste wird heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading the menus…</source>
            <translation>Speisepläne werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading who is in which bed…</source>
            <translation>Bettenbelegung wird heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading the patients…</source>
            <translation>Patientendaten werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading allergies…</source>
            <translation>Allergien werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading diagnoses…</source>
            <translation>Diagnosen werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading alerts…</source>
            <translation>Warnhinweise werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading prescriptions…</source>
            <translation>Verordnungen werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading doses given…</source>
            <translation>Verabreichungen werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading diets and meal orders…</source>
            <translation>Kostformen und Essensbestellungen werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading appointments…</source>
            <translation>Termine werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading vital signs and results…</source>
            <translation>Vitalwerte und Befunde werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading reports…</source>
            <translation>Berichte werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading nursing tasks…</source>
            <translation>Pflegeaufgaben werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Downloading…</source>
            <translation>Wird heruntergeladen…</translation>
        </message>
        <message>
            <source>Connecting to the EHR and signing in…</source>
            <translation>Verbindung zum KIS und Anmeldung…</translation>
        </message>
        <message>
            <source>Saving and checking the download…</source>
            <translation>Download wird gespeichert und geprüft…</translation>
        </message>
        <message>
            <source>What was already downloaded is kept.</source>
            <translation>Bereits Heruntergeladenes bleibt erhalten.</translation>
        </message>
        <message>
            <source>Opening Bedside…</source>
            <translation>Bedside wird geöffnet…</translation>
        </message>
        <message>
            <source>This tablet cannot reach the EHR: check its network connection.</source>
            <translation>Dieses Tablet erreicht das KIS nicht: Prüfen Sie seine Netzverbindung.</translation>
        </message>
        <message>
            <source>The EHR refused this tablet's credentials: ask IT to check its enrollment.</source>
            <translation>Das KIS hat die Zugangsdaten dieses Tablets abgelehnt: Bitten Sie die IT, seine Registrierung zu prüfen.</translation>
        </message>
        <message>
            <source>This tablet does not trust the EHR's certificate: ask IT to check the certificates installed on it.</source>
            <translation>Dieses Tablet vertraut dem Zertifikat des KIS nicht: Bitten Sie die IT, die darauf installierten Zertifikate zu prüfen.</translation>
        </message>
        <message>
            <source>The EHR answered with an error: it may be busy or under maintenance.</source>
            <translation>Das KIS hat mit einem Fehler geantwortet: Es ist vielleicht überlastet oder wird gewartet.</translation>
        </message>
        <message>
            <source>This tablet could not save the download: ask IT to check its storage.</source>
            <translation>Dieses Tablet konnte den Download nicht speichern: Bitten Sie die IT, seinen Speicher zu prüfen.</translation>
        </message>
        <message>
            <source>Something unexpected stopped the download: ask IT to look at the log.</source>
            <translation>Ein unerwarteter Fehler hat den Download angehalten: Bitten Sie die IT, das Protokoll anzusehen.</translation>
        </message>
        <message>
            <source>Trying again now…</source>
            <translation>Neuer Versuch läuft…</translation>
        </message>
        <message numerus="yes">
            <source>Trying again in %n second(s).</source>
            <translation>
                <numerusform>Neuer Versuch in %n Sekunde.</numerusform>
                <numerusform>Neuer Versuch in %n Sekunden.</numerusform>
            </translation>
        </message>
        <message>
            <source>Setting up this tablet</source>
            <translation>Dieses Tablet wird eingerichtet</translation>
        </message>
        <message>
            <source>Bedside copies the records it needs from the EHR once, so that it keeps working without a network. It opens by itself when this is done.</source>
            <translation>Bedside kopiert einmalig die benötigten Daten aus dem KIS, damit es auch ohne Netz funktioniert. Es öffnet sich von selbst, sobald das erledigt ist.</translation>
        </message>
        <message>
            <source>Try again now</source>
            <translation>Jetzt erneut versuchen</translation>
        </message>
        <message>
            <source>Download progress</source>
            <translation>Download-Fortschritt</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <source>Staff sign-in</source>
            <translation>Anmeldung Personal</translation>
        </message>
        <message>
            <source>Scan your badge, or type its number, then enter your PIN.</source>
            <translation>Scannen Sie Ihren Ausweis oder geben Sie seine Nummer ein, dann Ihre PIN.</translation>
        </message>
        <message>
            <source>Badge</source>
            <translation>Ausweis</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>Password of your hospital account</source>
            <translation>Passwort Ihres Krankenhauskontos</translation>
        </message>
        <message>
            <source>New PIN</source>
            <translation>Neue PIN</translation>
        </message>
        <message>
            <source>The same PIN again</source>
            <translation>PIN wiederholen</translation>
        </message>
        <message>
            <source>Badge number</source>
            <translation>Ausweisnummer</translation>
        </message>
        <message>
            <source>Scan or type the badge</source>
            <translation>Ausweis scannen oder eingeben</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>Erase the last digit</source>
            <translation>Letzte Ziffer löschen</translation>
        </message>
        <message>
            <source>Save PIN</source>
            <translation>PIN speichern</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Anmelden</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Zurück</translation>
        </message>
        <message>
            <source>Sign in with my password</source>
            <translation>Mit meinem Passwort anmelden</translation>
        </message>
        <message>
            <source>Digit %1</source>
            <translation>Ziffer %1</translation>
        </message>
        <message>
            <source>Demo ward: badge %1, PIN %2</source>
            <translation>Demo-Station: Ausweis %1, PIN %2</translation>
        </message>
        <message>
            <source>First sign-in of your shift</source>
            <translation>Erste Anmeldung Ihrer Schicht</translation>
        </message>
        <message>
            <source>Enter the password of your hospital account. Then you choose a PIN for this tablet, for the rest of your shift.</source>
            <translation>Geben Sie das Passwort Ihres Krankenhauskontos ein. Danach wählen Sie eine PIN für dieses Tablet, für den Rest Ihrer Schicht.</translation>
        </message>
        <message>
            <source>Choose a PIN for this tablet</source>
            <translation>Wählen Sie eine PIN für dieses Tablet</translation>
        </message>
        <message numerus="yes">
            <source>At least %n digit(s), twice. Not 0000 or 1234.</source>
            <translation>
                <numerusform>Mindestens %n Ziffer, zweimal. Nicht 0000 oder 1234.</numerusform>
                <numerusform>Mindestens %n Ziffern, zweimal. Nicht 0000 oder 1234.</numerusform>
            </translation>
        </message>
        <message>
            <source>It works on this tablet until %1.</source>
            <translation>Sie gilt auf diesem Tablet bis %1.</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Wird geprüft…</translation>
        </message>
        <message>
            <source>Scan your badge or type its number first.</source>
            <translation>Scannen Sie zuerst Ihren Ausweis oder geben Sie seine Nummer ein.</translation>
        </message>
        <message>
            <source>Enter your password.</source>
            <translation>Geben Sie Ihr Passwort ein.</translation>
        </message>
        <message>
            <source>Enter the new PIN in both fields.</source>
            <translation>Geben Sie die neue PIN in beide Felder ein.</translation>
        </message>
        <message>
            <source>Enter your PIN.</source>
            <translation>Geben Sie Ihre PIN ein.</translation>
        </message>
        <message>
            <source>Wrong PIN.</source>
            <translation>Falsche PIN.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong PIN. %n attempt(s) left before this badge is locked.</source>
            <translation>
                <numerusform>Falsche PIN. Noch %n Versuch, bevor dieser Ausweis gesperrt wird.</numerusform>
                <numerusform>Falsche PIN. Noch %n Versuche, bevor dieser Ausweis gesperrt wird.</numerusform>
            </translation>
        </message>
        <message>
            <source>Wrong password.</source>
            <translation>Falsches Passwort.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong password. %n attempt(s) left before this badge is locked.</source>
            <translation>
                <numerusform>Falsches Passwort. Noch %n Versuch, bevor dieser Ausweis gesperrt wird.</numerusform>
                <numerusform>Falsches Passwort. Noch %n Versuche, bevor dieser Ausweis gesperrt wird.</numerusform>
            </translation>
        </message>
        <message>
            <source>This badge is not known. Check the number, or ask the ward manager.</source>
            <translation>Dieser Ausweis ist nicht bekannt. Prüfen Sie die Nummer oder fragen Sie die Stationsleitung.</translation>
        </message>
        <message>
            <source>Too many failed attempts: this badge is locked on this tablet until %1.</source>
            <translation>Zu viele Fehlversuche: Dieser Ausweis ist auf diesem Tablet bis %1 gesperrt.</translation>
        </message>
        <message>
            <source>Several failed attempts: please wait until %1 before trying again.</source>
            <translation>Mehrere Fehlversuche: Bitte warten Sie bis %1, bevor Sie es erneut versuchen.</translation>
        </message>
        <message>
            <source>The hospital directory cannot be reached to check your password, and this badge has no PIN on this tablet yet. Try again when the network works.</source>
            <translation>Das Verzeichnis des Krankenhauses ist nicht erreichbar, um Ihr Passwort zu prüfen, und dieser Ausweis hat auf diesem Tablet noch keine PIN. Versuchen Sie es erneut, wenn das Netz funktioniert.</translation>
        </message>
        <message>
            <source>Staff sign-in through the hospital directory is not set up on this tablet — contact IT.</source>
            <translation>Die Anmeldung des Personals über das Verzeichnis des Krankenhauses ist auf diesem Tablet nicht eingerichtet — wenden Sie sich an die IT.</translation>
        </message>
        <message>
            <source>Staff sign-in is not set up for this EHR — contact IT.</source>
            <translation>Die Anmeldung des Personals ist für dieses KIS nicht eingerichtet — wenden Sie sich an die IT.</translation>
        </message>
        <message>
            <source>Your PIN on this tablet ended with your last shift: enter your password.</source>
            <translation>Ihre PIN auf diesem Tablet ist mit Ihrer letzten Schicht abgelaufen: Geben Sie Ihr Passwort ein.</translation>
        </message>
        <message>
            <source>First sign-in of your shift on this tablet: enter your password.</source>
            <translation>Erste Anmeldung Ihrer Schicht auf diesem Tablet: Geben Sie Ihr Passwort ein.</translation>
        </message>
        <message>
            <source>Your hospital account may not sign in now (locked, disabled or password expired) — contact IT.</source>
            <translation>Ihr Krankenhauskonto kann sich derzeit nicht anmelden (gesperrt, deaktiviert oder Passwort abgelaufen) — wenden Sie sich an die IT.</translation>
        </message>
        <message>
            <source>Your hospital account is not linked to a staff record in the EHR — contact IT.</source>
            <translation>Ihr Krankenhauskonto ist mit keinem Personaleintrag im KIS verknüpft — wenden Sie sich an die IT.</translation>
        </message>
        <message>
            <source>Password checked. Choose your PIN for this tablet.</source>
            <translation>Passwort geprüft. Wählen Sie Ihre PIN für dieses Tablet.</translation>
        </message>
        <message>
            <source>The two PINs differ. Enter the new PIN twice.</source>
            <translation>Die beiden PINs sind verschieden. Geben Sie die neue PIN zweimal ein.</translation>
        </message>
        <message numerus="yes">
            <source>This PIN is too easy to guess: use at least %n digit(s), not one repeated digit and not a run such as 1234.</source>
            <translation>
                <numerusform>Diese PIN ist zu leicht zu erraten: Verwenden Sie mindestens %n Ziffer, nicht eine wiederholte Ziffer und keine Folge wie 1234.</numerusform>
                <numerusform>Diese PIN ist zu leicht zu erraten: Verwenden Sie mindestens %n Ziffern, nicht eine wiederholte Ziffer und keine Folge wie 1234.</numerusform>
            </translation>
        </message>
        <message>
            <source>Too long since your password was checked: enter your password again.</source>
            <translation>Ihr Passwort wurde vor zu langer Zeit geprüft: Geben Sie es erneut ein.</translation>
        </message>
        <message>
            <source>The EHR cannot be reached, and this badge has never signed in on this tablet while connected. Sign in once where the network works.</source>
            <translation>Das KIS ist nicht erreichbar, und mit diesem Ausweis wurde auf diesem Tablet noch nie mit Verbindung angemeldet. Melden Sie sich einmal an einem Ort mit Netzverbindung an.</translation>
        </message>
        <message>
            <source>Scan your badge, then your PIN for this tablet. First sign-in of a shift: your hospital password.</source>
            <translation>Scannen Sie Ihren Ausweis, dann Ihre PIN für dieses Tablet. Erste Anmeldung einer Schicht: Ihr Krankenhauspasswort.</translation>
        </message>
        <message>
            <source>The hospital directory cannot be reached, and the PIN you chose on this tablet ended with your last shift. Try again when the network works.</source>
            <translation>Das Verzeichnis des Krankenhauses ist nicht erreichbar, und die auf diesem Tablet gewählte PIN ist mit Ihrer letzten Schicht abgelaufen. Versuchen Sie es erneut, wenn das Netz funktioniert.</translation>
        </message>
        <message>
            <source>The EHR cannot be reached, and your last connected sign-in on this tablet is too old for an offline sign-in. Sign in where the network works.</source>
            <translation>Das KIS ist nicht erreichbar, und Ihre letzte Anmeldung mit Verbindung auf diesem Tablet liegt für eine Offline-Anmeldung zu lange zurück. Melden Sie sich an einem Ort mit Netzverbindung an.</translation>
        </message>
        <message>
            <source>The hospital directory cannot be reached: sign in with the PIN you chose on this tablet.</source>
            <translation>Das Verzeichnis des Krankenhauses ist nicht erreichbar: Melden Sie sich mit der auf diesem Tablet gewählten PIN an.</translation>
        </message>
        <message>
            <source>The hospital directory did not check the sign-in. Try again.</source>
            <translation>Das Verzeichnis des Krankenhauses hat die Anmeldung nicht geprüft. Versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The EHR did not answer the sign-in. Try again in a moment.</source>
            <translation>Das KIS hat auf die Anmeldung nicht geantwortet. Versuchen Sie es gleich noch einmal.</translation>
        </message>
    </context>
    <context>
        <name>MealChooser</name>
        <message>
            <source>Picture of the dish</source>
            <translation>Bild des Gerichts</translation>
        </message>
        <message>
            <source>Your choice</source>
            <translation>Ihre Wahl</translation>
        </message>
        <message>
            <source>Choose</source>
            <translation>Auswählen</translation>
        </message>
        <message>
            <source>Choose %1</source>
            <translation>%1 auswählen</translation>
        </message>
        <message>
            <source>Loading the menu…</source>
            <translation>Der Speiseplan wird geladen…</translation>
        </message>
        <message>
            <source>Cancel my choice</source>
            <translation>Meine Wahl zurücknehmen</translation>
        </message>
        <message>
            <source>The menu cannot be shown just now. Please ask your nurse.</source>
            <translation>Der Speiseplan kann gerade nicht angezeigt werden. Bitte fragen Sie Ihre Pflegekraft.</translation>
        </message>
        <message>
            <source>No meals to choose</source>
            <translation>Keine Mahlzeiten zur Auswahl</translation>
        </message>
        <message>
            <source>There is no meal left to order for these days.</source>
            <translation>Für diese Tage kann keine Mahlzeit mehr bestellt werden.</translation>
        </message>
        <message>
            <source>%1 · %2 at %3</source>
            <translation>%1 · %2 um %3</translation>
        </message>
        <message>
            <source>Your allergy to %1 cannot be checked against the menu: ask your nurse before choosing.</source>
            <translation>Ihre Allergie gegen %1 kann nicht mit dem Speiseplan abgeglichen werden. Bitte fragen Sie Ihre Pflegekraft, bevor Sie wählen.</translation>
        </message>
        <message>
            <source>The menu has not reached this tablet yet. It will appear once the connection is back.</source>
            <translation>Der Speiseplan ist noch nicht auf diesem Tablet angekommen. Er erscheint, sobald die Verbindung wieder da ist.</translation>
        </message>
        <message>
            <source>Chosen</source>
            <translation>Gewählt</translation>
        </message>
        <message>
            <source>Late order (staff)</source>
            <translation>Nachbestellung (Personal)</translation>
        </message>
        <message>
            <source>Choose by %1</source>
            <translation>Wählen bis %1</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Geschlossen</translation>
        </message>
        <message>
            <source>Nothing to eat</source>
            <translation>Nichts essen</translation>
        </message>
        <message>
            <source>Ask your nurse</source>
            <translation>Pflegekraft fragen</translation>
        </message>
        <message>
            <source>Served</source>
            <translation>Serviert</translation>
        </message>
        <message>
            <source>The patients' order closed %1. As staff you can still order.</source>
            <translation>Die Bestellung für Patienten wurde %1 geschlossen. Als Personal können Sie noch bestellen.</translation>
        </message>
        <message>
            <source>Open — choose by %1 (%2 left)</source>
            <translation>Offen — wählen Sie bis %1 (noch %2)</translation>
        </message>
        <message>
            <source>Closed — choices ended %1. Your nurse can still help.</source>
            <translation>Geschlossen — die Auswahl endete %1. Ihre Pflegekraft kann Ihnen trotzdem helfen.</translation>
        </message>
        <message>
            <source>Your care team has not set your diet yet, so meals cannot be chosen here. Please ask your nurse.</source>
            <translation>Ihr Behandlungsteam hat Ihre Kost noch nicht festgelegt. Deshalb können Sie hier noch keine Mahlzeiten wählen. Bitte fragen Sie Ihre Pflegekraft.</translation>
        </message>
        <message>
            <source>This meal is being served.</source>
            <translation>Diese Mahlzeit wird gerade serviert.</translation>
        </message>
        <message>
            <source>Nothing chosen yet.</source>
            <translation>Noch nichts gewählt.</translation>
        </message>
        <message>
            <source>a dish no longer on the menu</source>
            <translation>ein Gericht, das nicht mehr auf dem Speiseplan steht</translation>
        </message>
        <message>
            <source>Your choice: %1</source>
            <translation>Ihre Wahl: %1</translation>
        </message>
        <message>
            <source>No dishes are listed for this meal yet.</source>
            <translation>Für diese Mahlzeit sind noch keine Gerichte eingetragen.</translation>
        </message>
        <message>
            <source>Saving your choice…</source>
            <translation>Ihre Wahl wird gespeichert…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Wird zurückgenommen…</translation>
        </message>
        <message>
            <source>Your choice is saved.</source>
            <translation>Ihre Wahl ist gespeichert.</translation>
        </message>
        <message>
            <source>Your choice is cancelled.</source>
            <translation>Ihre Wahl ist zurückgenommen.</translation>
        </message>
        <message>
            <source>Your choice could not be saved. Please try again or ask your nurse.</source>
            <translation>Ihre Wahl konnte nicht gespeichert werden. Bitte versuchen Sie es noch einmal oder fragen Sie Ihre Pflegekraft.</translation>
        </message>
        <message>
            <source>Too late: choices for this meal have just closed.</source>
            <translation>Zu spät: Die Auswahl für diese Mahlzeit wurde gerade geschlossen.</translation>
        </message>
        <message>
            <source>Not saved: you must not eat or drink at this time.</source>
            <translation>Nicht gespeichert: Sie dürfen zurzeit nichts essen und trinken.</translation>
        </message>
        <message>
            <source>Not saved: your diet has not been set. Please ask your nurse.</source>
            <translation>Nicht gespeichert: Ihre Kost ist noch nicht festgelegt. Bitte fragen Sie Ihre Pflegekraft.</translation>
        </message>
        <message>
            <source>Too late: this meal is already being served.</source>
            <translation>Zu spät: Diese Mahlzeit wird bereits serviert.</translation>
        </message>
        <message>
            <source>Not saved: this dish is not suitable for you.</source>
            <translation>Nicht gespeichert: Dieses Gericht ist für Sie nicht geeignet.</translation>
        </message>
        <message>
            <source>Not saved: this dish is no longer on the menu.</source>
            <translation>Nicht gespeichert: Dieses Gericht steht nicht mehr auf dem Speiseplan.</translation>
        </message>
    </context>
    <context>
        <name>MealWords</name>
        <message>
            <source>Breakfast</source>
            <translation>Frühstück</translation>
        </message>
        <message>
            <source>Lunch</source>
            <translation>Mittagessen</translation>
        </message>
        <message>
            <source>Dinner</source>
            <translation>Abendessen</translation>
        </message>
        <message>
            <source>gluten</source>
            <translation>Gluten</translation>
        </message>
        <message>
            <source>crustaceans</source>
            <translation>Krebstiere</translation>
        </message>
        <message>
            <source>eggs</source>
            <translation>Eier</translation>
        </message>
        <message>
            <source>fish</source>
            <translation>Fisch</translation>
        </message>
        <message>
            <source>peanuts</source>
            <translation>Erdnüsse</translation>
        </message>
        <message>
            <source>soya</source>
            <translation>Soja</translation>
        </message>
        <message>
            <source>milk</source>
            <translation>Milch</translation>
        </message>
        <message>
            <source>tree nuts</source>
            <translation>Nüsse</translation>
        </message>
        <message>
            <source>celery</source>
            <translation>Sellerie</translation>
        </message>
        <message>
            <source>mustard</source>
            <translation>Senf</translation>
        </message>
        <message>
            <source>sesame</source>
            <translation>Sesam</translation>
        </message>
        <message>
            <source>sulphites</source>
            <translation>Sulfite</translation>
        </message>
        <message>
            <source>lupin</source>
            <translation>Lupinen</translation>
        </message>
        <message>
            <source>molluscs</source>
            <translation>Weichtiere</translation>
        </message>
        <message>
            <source>normal</source>
            <translation>normal</translation>
        </message>
        <message>
            <source>diabetic</source>
            <translation>diabetesgerecht</translation>
        </message>
        <message>
            <source>low-salt</source>
            <translation>salzarm</translation>
        </message>
        <message>
            <source>low-fat</source>
            <translation>fettarm</translation>
        </message>
        <message>
            <source>renal</source>
            <translation>nierengerecht</translation>
        </message>
        <message>
            <source>vegetarian</source>
            <translation>vegetarisch</translation>
        </message>
        <message>
            <source>vegan</source>
            <translation>vegan</translation>
        </message>
        <message>
            <source>halal</source>
            <translation>halal</translation>
        </message>
        <message>
            <source>kosher</source>
            <translation>koscher</translation>
        </message>
        <message>
            <source>gluten-free</source>
            <translation>glutenfrei</translation>
        </message>
        <message>
            <source>dairy-free</source>
            <translation>milchfrei</translation>
        </message>
        <message>
            <source>nut-free</source>
            <translation>nussfrei</translation>
        </message>
        <message>
            <source>liquidised</source>
            <translation>flüssig</translation>
        </message>
        <message>
            <source>pureed</source>
            <translation>püriert</translation>
        </message>
        <message>
            <source>minced and moist</source>
            <translation>zerkleinert und feucht</translation>
        </message>
        <message>
            <source>soft and bite-sized</source>
            <translation>weich und mundgerecht</translation>
        </message>
        <message>
            <source>regular</source>
            <translation>normal</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>unbekannt</translation>
        </message>
        <message>
            <source>Contains %1 — allergy recorded</source>
            <translation>Enthält %1 — Allergie vermerkt</translation>
        </message>
        <message>
            <source>Contains %1 — left out of your diet</source>
            <translation>Enthält %1 — wird bei Ihrer Kost weggelassen</translation>
        </message>
        <message>
            <source>Allergens not declared — cannot be checked for you</source>
            <translation>Allergene nicht angegeben — kann für Sie nicht geprüft werden</translation>
        </message>
        <message>
            <source>Not allowed on your %1 diet</source>
            <translation>Nicht erlaubt bei Ihrer Kost (%1)</translation>
        </message>
        <message>
            <source>Your diet (%1) cannot be checked here</source>
            <translation>Ihre Kost (%1) kann hier nicht geprüft werden</translation>
        </message>
        <message>
            <source>Not %1</source>
            <translation>Nicht %1</translation>
        </message>
        <message>
            <source>Not suitable for the %1 texture</source>
            <translation>Nicht geeignet: Ihr Essen muss %1 sein</translation>
        </message>
        <message>
            <source>Texture not given — cannot be checked for you</source>
            <translation>Konsistenz nicht angegeben — kann für Sie nicht geprüft werden</translation>
        </message>
        <message>
            <source>Allergens: not declared</source>
            <translation>Allergene: nicht angegeben</translation>
        </message>
        <message>
            <source>None of the 14 main allergens</source>
            <translation>Keines der 14 Hauptallergene</translation>
        </message>
        <message>
            <source>Contains: %1</source>
            <translation>Enthält: %1</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Heute</translation>
        </message>
        <message>
            <source>Tomorrow</source>
            <translation>Morgen</translation>
        </message>
        <message>
            <source>less than a minute</source>
            <translation>weniger als eine Minute</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n Tag</numerusform>
                <numerusform>%n Tage</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 Std. %2 Min.</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 Min.</translation>
        </message>
        <message>
            <source>today at %1</source>
            <translation>heute um %1</translation>
        </message>
        <message>
            <source>tomorrow at %1</source>
            <translation>morgen um %1</translation>
        </message>
        <message>
            <source>yesterday at %1</source>
            <translation>gestern um %1</translation>
        </message>
        <message>
            <source>%1 at %2</source>
            <translation>%1 um %2</translation>
        </message>
        <message>
            <source>Nothing to eat or drink until %1</source>
            <translation>Bis %1 nichts essen und trinken</translation>
        </message>
        <message>
            <source>Nothing to eat or drink until your care team says so</source>
            <translation>Nichts essen und trinken, bis Ihr Behandlungsteam es erlaubt</translation>
        </message>
        <message>
            <source>%1 — to prepare for: %2</source>
            <translation>%1 — zur Vorbereitung auf: %2</translation>
        </message>
        <message>
            <source>%1 — your care team's instruction</source>
            <translation>%1 — Anweisung Ihres Behandlungsteams</translation>
        </message>
        <message>
            <source>Sent to the kitchen</source>
            <translation>An die Küche übermittelt</translation>
        </message>
        <message>
            <source>Saved — will be sent when the connection is back</source>
            <translation>Gespeichert — wird übermittelt, sobald die Verbindung wieder da ist</translation>
        </message>
        <message>
            <source>Not accepted — please ask your nurse</source>
            <translation>Nicht angenommen — bitte fragen Sie Ihre Pflegekraft</translation>
        </message>
    </context>
    <context>
        <name>MealsTab</name>
        <message>
            <source>Meals</source>
            <translation>Mahlzeiten</translation>
        </message>
    </context>
    <context>
        <name>MedicationsTab</name>
        <message>
            <source>○ Upcoming</source>
            <translation>○ Geplant</translation>
        </message>
        <message>
            <source>● Due</source>
            <translation>● Fällig</translation>
        </message>
        <message>
            <source>⚠ Late</source>
            <translation>⚠ Verspätet</translation>
        </message>
        <message>
            <source>✕ Missed</source>
            <translation>✕ Versäumt</translation>
        </message>
        <message>
            <source>✓ Given</source>
            <translation>✓ Gegeben</translation>
        </message>
        <message>
            <source>⊘ Not given</source>
            <translation>⊘ Nicht gegeben</translation>
        </message>
        <message>
            <source>‖ On hold</source>
            <translation>‖ Pausiert</translation>
        </message>
        <message numerus="yes">
            <source>%n due now</source>
            <translation>
                <numerusform>%n jetzt fällig</numerusform>
                <numerusform>%n jetzt fällig</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n late</source>
            <translation>
                <numerusform>%n verspätet</numerusform>
                <numerusform>%n verspätet</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n missed</source>
            <translation>
                <numerusform>%n versäumt</numerusform>
                <numerusform>%n versäumt</numerusform>
            </translation>
        </message>
        <message>
            <source>Prescriptions</source>
            <translation>Verordnungen</translation>
        </message>
        <message>
            <source>Reading the prescriptions…</source>
            <translation>Verordnungen werden gelesen…</translation>
        </message>
        <message>
            <source>The prescriptions could not be read from the cache.</source>
            <translation>Die Verordnungen konnten nicht aus dem Zwischenspeicher gelesen werden.</translation>
        </message>
        <message>
            <source>No current prescription.</source>
            <translation>Keine aktuelle Verordnung.</translation>
        </message>
        <message>
            <source>Current prescriptions</source>
            <translation>Aktuelle Verordnungen</translation>
        </message>
        <message>
            <source>On hold</source>
            <translation>Pausiert</translation>
        </message>
        <message>
            <source>◇ As needed</source>
            <translation>◇ Bei Bedarf</translation>
        </message>
        <message>
            <source>◴ Time-critical</source>
            <translation>◴ Zeitkritisch</translation>
        </message>
        <message>
            <source>As needed for: %1</source>
            <translation>Bei Bedarf bei: %1</translation>
        </message>
        <message>
            <source>Maximum %1</source>
            <translation>Maximal %1</translation>
        </message>
        <message>
            <source>Instruction as prescribed</source>
            <translation>Anweisung laut Verordnung</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Heute</translation>
        </message>
        <message>
            <source>No fixed times: given when needed.</source>
            <translation>Keine festen Zeiten: Gabe bei Bedarf.</translation>
        </message>
        <message>
            <source>morning</source>
            <translation>morgens</translation>
        </message>
        <message>
            <source>early morning</source>
            <translation>frühmorgens</translation>
        </message>
        <message>
            <source>late morning</source>
            <translation>vormittags</translation>
        </message>
        <message>
            <source>noon</source>
            <translation>mittags</translation>
        </message>
        <message>
            <source>afternoon</source>
            <translation>nachmittags</translation>
        </message>
        <message>
            <source>early afternoon</source>
            <translation>früher Nachmittag</translation>
        </message>
        <message>
            <source>late afternoon</source>
            <translation>später Nachmittag</translation>
        </message>
        <message>
            <source>evening</source>
            <translation>abends</translation>
        </message>
        <message>
            <source>early evening</source>
            <translation>früher Abend</translation>
        </message>
        <message>
            <source>late evening</source>
            <translation>später Abend</translation>
        </message>
        <message>
            <source>night</source>
            <translation>nachts</translation>
        </message>
        <message>
            <source>after sleep</source>
            <translation>nach dem Schlafen</translation>
        </message>
        <message>
            <source>at bedtime</source>
            <translation>zur Nacht</translation>
        </message>
        <message>
            <source>on waking</source>
            <translation>beim Aufwachen</translation>
        </message>
        <message>
            <source>with meals</source>
            <translation>zu den Mahlzeiten</translation>
        </message>
        <message>
            <source>with breakfast</source>
            <translation>zum Frühstück</translation>
        </message>
        <message>
            <source>with lunch</source>
            <translation>zum Mittagessen</translation>
        </message>
        <message>
            <source>with dinner</source>
            <translation>zum Abendessen</translation>
        </message>
        <message>
            <source>before meals</source>
            <translation>vor den Mahlzeiten</translation>
        </message>
        <message>
            <source>before breakfast</source>
            <translation>vor dem Frühstück</translation>
        </message>
        <message>
            <source>before lunch</source>
            <translation>vor dem Mittagessen</translation>
        </message>
        <message>
            <source>before dinner</source>
            <translation>vor dem Abendessen</translation>
        </message>
        <message>
            <source>after meals</source>
            <translation>nach den Mahlzeiten</translation>
        </message>
        <message>
            <source>after breakfast</source>
            <translation>nach dem Frühstück</translation>
        </message>
        <message>
            <source>after lunch</source>
            <translation>nach dem Mittagessen</translation>
        </message>
        <message>
            <source>after dinner</source>
            <translation>nach dem Abendessen</translation>
        </message>
        <message>
            <source>between meals</source>
            <translation>zwischen den Mahlzeiten</translation>
        </message>
        <message>
            <source>between breakfast and lunch</source>
            <translation>zwischen Frühstück und Mittagessen</translation>
        </message>
        <message>
            <source>between lunch and dinner</source>
            <translation>zwischen Mittag- und Abendessen</translation>
        </message>
        <message>
            <source>between dinner and bedtime</source>
            <translation>zwischen Abendessen und Schlafengehen</translation>
        </message>
        <message>
            <source>once a day</source>
            <translation>einmal täglich</translation>
        </message>
        <message>
            <source>once a week</source>
            <translation>einmal wöchentlich</translation>
        </message>
        <message>
            <source>once an hour</source>
            <translation>einmal pro Stunde</translation>
        </message>
        <message>
            <source>once a minute</source>
            <translation>einmal pro Minute</translation>
        </message>
        <message>
            <source>once a month</source>
            <translation>einmal monatlich</translation>
        </message>
        <message>
            <source>once a year</source>
            <translation>einmal jährlich</translation>
        </message>
        <message>
            <source>once a second</source>
            <translation>einmal pro Sekunde</translation>
        </message>
        <message>
            <source>twice a day</source>
            <translation>zweimal täglich</translation>
        </message>
        <message numerus="yes">
            <source>%n times a day</source>
            <translation>
                <numerusform>%n-mal täglich</numerusform>
                <numerusform>%n-mal täglich</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a week</source>
            <translation>
                <numerusform>%n-mal wöchentlich</numerusform>
                <numerusform>%n-mal wöchentlich</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times an hour</source>
            <translation>
                <numerusform>%n-mal pro Stunde</numerusform>
                <numerusform>%n-mal pro Stunde</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a minute</source>
            <translation>
                <numerusform>%n-mal pro Minute</numerusform>
                <numerusform>%n-mal pro Minute</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a month</source>
            <translation>
                <numerusform>%n-mal monatlich</numerusform>
                <numerusform>%n-mal monatlich</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a year</source>
            <translation>
                <numerusform>%n-mal jährlich</numerusform>
                <numerusform>%n-mal jährlich</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a second</source>
            <translation>
                <numerusform>%n-mal pro Sekunde</numerusform>
                <numerusform>%n-mal pro Sekunde</numerusform>
            </translation>
        </message>
        <message>
            <source>every day</source>
            <translation>täglich</translation>
        </message>
        <message>
            <source>every week</source>
            <translation>wöchentlich</translation>
        </message>
        <message>
            <source>every hour</source>
            <translation>stündlich</translation>
        </message>
        <message>
            <source>every minute</source>
            <translation>jede Minute</translation>
        </message>
        <message>
            <source>every month</source>
            <translation>monatlich</translation>
        </message>
        <message>
            <source>every year</source>
            <translation>jährlich</translation>
        </message>
        <message>
            <source>every second</source>
            <translation>jede Sekunde</translation>
        </message>
        <message numerus="yes">
            <source>every %n days</source>
            <translation>
                <numerusform>alle %n Tage</numerusform>
                <numerusform>alle %n Tage</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n weeks</source>
            <translation>
                <numerusform>alle %n Wochen</numerusform>
                <numerusform>alle %n Wochen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n hours</source>
            <translation>
                <numerusform>alle %n Stunden</numerusform>
                <numerusform>alle %n Stunden</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n minutes</source>
            <translation>
                <numerusform>alle %n Minuten</numerusform>
                <numerusform>alle %n Minuten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n months</source>
            <translation>
                <numerusform>alle %n Monate</numerusform>
                <numerusform>alle %n Monate</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n years</source>
            <translation>
                <numerusform>alle %n Jahre</numerusform>
                <numerusform>alle %n Jahre</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n seconds</source>
            <translation>
                <numerusform>alle %n Sekunden</numerusform>
                <numerusform>alle %n Sekunden</numerusform>
            </translation>
        </message>
        <message>
            <source>by mouth</source>
            <translation>p.o.</translation>
        </message>
        <message>
            <source>intravenous</source>
            <translation>i.v.</translation>
        </message>
        <message>
            <source>subcutaneous</source>
            <translation>s.c.</translation>
        </message>
        <message>
            <source>intramuscular</source>
            <translation>i.m.</translation>
        </message>
        <message>
            <source>inhaled</source>
            <translation>inhalativ</translation>
        </message>
        <message>
            <source>nasal</source>
            <translation>nasal</translation>
        </message>
        <message>
            <source>rectal</source>
            <translation>rektal</translation>
        </message>
        <message>
            <source>on the skin</source>
            <translation>auf die Haut</translation>
        </message>
        <message>
            <source>transdermal patch</source>
            <translation>transdermales Pflaster</translation>
        </message>
        <message>
            <source>under the tongue</source>
            <translation>sublingual</translation>
        </message>
        <message>
            <source>once</source>
            <translation>einmal</translation>
        </message>
        <message numerus="yes">
            <source>%n times</source>
            <translation>
                <numerusform>%n-mal</numerusform>
                <numerusform>%n-mal</numerusform>
            </translation>
        </message>
        <message>
            <source>seconds</source>
            <translation>Sekunden</translation>
        </message>
        <message>
            <source>minutes</source>
            <translation>Minuten</translation>
        </message>
        <message>
            <source>hours</source>
            <translation>Stunden</translation>
        </message>
        <message>
            <source>days</source>
            <translation>Tage</translation>
        </message>
        <message>
            <source>weeks</source>
            <translation>Wochen</translation>
        </message>
        <message>
            <source>months</source>
            <translation>Monate</translation>
        </message>
        <message>
            <source>years</source>
            <translation>Jahre</translation>
        </message>
        <message>
            <source>every %1 %2</source>
            <translation>alle %1 %2</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <translation>%1 %2</translation>
        </message>
        <message>
            <source>at most %1</source>
            <translation>höchstens %1</translation>
        </message>
        <message>
            <source>at %1</source>
            <translation>um %1</translation>
        </message>
        <message>
            <source>on %1</source>
            <translation>am %1</translation>
        </message>
    </context>
    <context>
        <name>PatientDisplay</name>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>Schriftgröße</translation>
        </message>
        <message>
            <source>Contrast</source>
            <translation>Kontrast</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>Large</source>
            <translation>Groß</translation>
        </message>
        <message>
            <source>Very large</source>
            <translation>Sehr groß</translation>
        </message>
        <message>
            <source>Text size: %1</source>
            <translation>Schriftgröße: %1</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>Standard</translation>
        </message>
        <message>
            <source>Standard contrast</source>
            <translation>Normaler Kontrast</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>Hoher Kontrast</translation>
        </message>
        <message>
            <source>The tablet keeps these choices until you leave this bed.</source>
            <translation>Das Tablet behält diese Einstellungen, bis Sie dieses Bett verlassen.</translation>
        </message>
    </context>
    <context>
        <name>PatientHome</name>
        <message>
            <source>My meals</source>
            <translation>Meine Mahlzeiten</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <source>Your diet has not been set yet. Please ask your nurse.</source>
            <translation>Ihre Kost ist noch nicht festgelegt. Bitte fragen Sie Ihre Pflegekraft.</translation>
        </message>
        <message>
            <source>nothing to eat</source>
            <translation>nichts essen</translation>
        </message>
        <message>
            <source>chosen</source>
            <translation>gewählt</translation>
        </message>
        <message>
            <source>choose by %1</source>
            <translation>wählen bis %1</translation>
        </message>
        <message>
            <source>choices closed</source>
            <translation>Auswahl geschlossen</translation>
        </message>
        <message>
            <source>Tap here to choose your meals.</source>
            <translation>Tippen Sie hier, um Ihre Mahlzeiten zu wählen.</translation>
        </message>
        <message>
            <source>Nothing to choose right now.</source>
            <translation>Im Moment gibt es nichts zu wählen.</translation>
        </message>
        <message>
            <source>My day</source>
            <translation>Mein Tag</translation>
        </message>
        <message>
            <source>No appointments today or tomorrow.</source>
            <translation>Heute und morgen keine Termine.</translation>
        </message>
        <message>
            <source>Tap here to see your meal times.</source>
            <translation>Tippen Sie hier, um Ihre Essenszeiten zu sehen.</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Termin</translation>
        </message>
        <message>
            <source>Start fasting</source>
            <translation>Nüchtern bleiben</translation>
        </message>
        <message>
            <source>Preparation: %1</source>
            <translation>Vorbereitung: %1</translation>
        </message>
        <message>
            <source>nothing to eat or drink from %1</source>
            <translation>ab %1 nichts essen und trinken</translation>
        </message>
    </context>
    <context>
        <name>PatientSchedule</name>
        <message>
            <source>Nothing to eat or drink until your care team says so</source>
            <translation>Nichts essen und trinken, bis Ihr Behandlungsteam es erlaubt</translation>
        </message>
        <message>
            <source>Nothing to eat or drink until %1</source>
            <translation>Bis %1 nichts essen und trinken</translation>
        </message>
        <message>
            <source>Your choice: %1</source>
            <translation>Ihre Wahl: %1</translation>
        </message>
        <message>
            <source>No dish chosen yet</source>
            <translation>Noch kein Gericht gewählt</translation>
        </message>
        <message>
            <source>Start fasting: nothing to eat or drink</source>
            <translation>Nüchtern bleiben: nichts essen und trinken</translation>
        </message>
        <message>
            <source>To prepare for: %1</source>
            <translation>Zur Vorbereitung auf: %1</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Termin</translation>
        </message>
        <message>
            <source>Until %1</source>
            <translation>Bis %1</translation>
        </message>
        <message>
            <source>Where: %1</source>
            <translation>Wo: %1</translation>
        </message>
        <message>
            <source>With: %1</source>
            <translation>Mit: %1</translation>
        </message>
        <message>
            <source>To prepare: %1</source>
            <translation>Zur Vorbereitung: %1</translation>
        </message>
        <message>
            <source>My day</source>
            <translation>Mein Tag</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <source>Times can change. Your nurse will tell you if they do.</source>
            <translation>Zeiten können sich ändern. Ihre Pflegekraft sagt Ihnen Bescheid, wenn das passiert.</translation>
        </message>
        <message>
            <source>Nothing planned.</source>
            <translation>Nichts geplant.</translation>
        </message>
    </context>
    <context>
        <name>PatientWindow</name>
        <message>
            <source>Home</source>
            <translation>Start</translation>
        </message>
        <message>
            <source>Meals</source>
            <translation>Mahlzeiten</translation>
        </message>
        <message>
            <source>My day</source>
            <translation>Mein Tag</translation>
        </message>
        <message>
            <source>Language and text size</source>
            <translation>Sprache und Schriftgröße</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>Personal</translation>
        </message>
        <message>
            <source>Staff sign-in</source>
            <translation>Anmeldung Personal</translation>
        </message>
        <message>
            <source>This bed is ready for its next patient</source>
            <translation>Dieses Bett ist bereit für den nächsten Patienten</translation>
        </message>
        <message>
            <source>When you are admitted to this bed, this screen will show your meals and your day. Staff can sign in below.</source>
            <translation>Wenn Sie in diesem Bett aufgenommen werden, zeigt dieser Bildschirm Ihre Mahlzeiten und Ihren Tag. Das Personal kann sich unten anmelden.</translation>
        </message>
        <message>
            <source>Good morning, %1</source>
            <translation>Guten Morgen, %1</translation>
        </message>
        <message>
            <source>Good afternoon, %1</source>
            <translation>Guten Tag, %1</translation>
        </message>
        <message>
            <source>Good evening, %1</source>
            <translation>Guten Abend, %1</translation>
        </message>
        <message>
            <source>No connection · information as of %1</source>
            <translation>Keine Verbindung · Stand %1 Uhr</translation>
        </message>
        <message>
            <source>Information as of %1</source>
            <translation>Stand %1 Uhr</translation>
        </message>
        <message>
            <source>Time: %1</source>
            <translation>Uhrzeit: %1</translation>
        </message>
    </context>
    <context>
        <name>ResultsTab</name>
        <message>
            <source>no value</source>
            <translation>kein Wert</translation>
        </message>
        <message>
            <source>✓ Normal</source>
            <translation>✓ Normal</translation>
        </message>
        <message>
            <source>↓ Low</source>
            <translation>↓ Niedrig</translation>
        </message>
        <message>
            <source>↑ High</source>
            <translation>↑ Hoch</translation>
        </message>
        <message>
            <source>⚠ Critically low</source>
            <translation>⚠ Kritisch niedrig</translation>
        </message>
        <message>
            <source>⚠ Critically high</source>
            <translation>⚠ Kritisch hoch</translation>
        </message>
        <message>
            <source>! Abnormal</source>
            <translation>! Auffällig</translation>
        </message>
        <message>
            <source>⚠ Critical</source>
            <translation>⚠ Kritisch</translation>
        </message>
        <message>
            <source>%1 (from the range)</source>
            <translation>%1 (nach Normbereich)</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>Registriert</translation>
        </message>
        <message>
            <source>Partial</source>
            <translation>Teilbefund</translation>
        </message>
        <message>
            <source>Preliminary</source>
            <translation>Vorläufig</translation>
        </message>
        <message>
            <source>Final</source>
            <translation>Endgültig</translation>
        </message>
        <message>
            <source>Amended</source>
            <translation>Geändert</translation>
        </message>
        <message>
            <source>Corrected</source>
            <translation>Korrigiert</translation>
        </message>
        <message>
            <source>Appended</source>
            <translation>Ergänzt</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Storniert</translation>
        </message>
        <message>
            <source>Entered in error</source>
            <translation>Irrtümlich erfasst</translation>
        </message>
        <message>
            <source>Status unknown</source>
            <translation>Status unbekannt</translation>
        </message>
        <message>
            <source>✓ Acknowledged by %1 at %2</source>
            <translation>✓ Zur Kenntnis genommen von %1 um %2</translation>
        </message>
        <message>
            <source>✓ Acknowledged at %1</source>
            <translation>✓ Zur Kenntnis genommen um %1</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>Befunde</translation>
        </message>
        <message>
            <source>Reading the results…</source>
            <translation>Befunde werden geladen…</translation>
        </message>
        <message>
            <source>The results could not be read from the cache.</source>
            <translation>Die Befunde konnten nicht aus dem Zwischenspeicher gelesen werden.</translation>
        </message>
        <message>
            <source>Recording the acknowledgement…</source>
            <translation>Kenntnisnahme wird gespeichert…</translation>
        </message>
        <message>
            <source>✓ Acknowledgement recorded.</source>
            <translation>✓ Kenntnisnahme gespeichert.</translation>
        </message>
        <message>
            <source>⚠ The acknowledgement could not be recorded. Try again.</source>
            <translation>⚠ Die Kenntnisnahme konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>No laboratory results in the cache.</source>
            <translation>Keine Laborbefunde im Zwischenspeicher.</translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n critical result(s) to acknowledge</source>
            <translation>
                <numerusform>⚠ %n kritischer Befund noch nicht zur Kenntnis genommen</numerusform>
                <numerusform>⚠ %n kritische Befunde noch nicht zur Kenntnis genommen</numerusform>
            </translation>
        </message>
        <message>
            <source>Other results</source>
            <translation>Weitere Befunde</translation>
        </message>
        <message>
            <source>Taken %1</source>
            <translation>Abnahme %1</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Parameter</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <source>Normal range</source>
            <translation>Normbereich</translation>
        </message>
        <message>
            <source>Interpretation</source>
            <translation>Bewertung</translation>
        </message>
        <message>
            <source>Acknowledge</source>
            <translation>Zur Kenntnis nehmen</translation>
        </message>
        <message>
            <source>Acknowledge the critical result %1</source>
            <translation>Kritischen Befund %1 zur Kenntnis nehmen</translation>
        </message>
    </context>
    <context>
        <name>StaffWindow</name>
        <message>
            <source>← Board</source>
            <translation>← Übersicht</translation>
        </message>
        <message>
            <source>Back to the ward board</source>
            <translation>Zurück zur Stationsübersicht</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>Sperren</translation>
        </message>
        <message>
            <source>Lock the screen</source>
            <translation>Bildschirm sperren</translation>
        </message>
        <message>
            <source>Patient screen</source>
            <translation>Patientenansicht</translation>
        </message>
        <message>
            <source>Lock and return to the patient screen</source>
            <translation>Sperren und zur Patientenansicht zurückkehren</translation>
        </message>
        <message>
            <source>← Chart</source>
            <translation>← Akte</translation>
        </message>
        <message>
            <source>Back to the patient chart</source>
            <translation>Zurück zur Patientenakte</translation>
        </message>
        <message>
            <source>Synchronisation</source>
            <translation>Synchronisierung</translation>
        </message>
        <message>
            <source>Patient chart</source>
            <translation>Patientenakte</translation>
        </message>
        <message>
            <source>Ward board</source>
            <translation>Stationsübersicht</translation>
        </message>
        <message>
            <source>The sign-in could not be checked. Try again.</source>
            <translation>Die Anmeldung konnte nicht geprüft werden. Bitte versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Locked after a while without use.</source>
            <translation>Nach längerer Nichtbenutzung gesperrt.</translation>
        </message>
        <message>
            <source>Locked: another badge was read.</source>
            <translation>Gesperrt: Ein anderer Ausweis wurde gelesen.</translation>
        </message>
    </context>
    <context>
        <name>SyncBadge</name>
        <message>
            <source>Connecting…</source>
            <translation>Verbindungsaufbau…</translation>
        </message>
        <message>
            <source>● Online</source>
            <translation>● Online</translation>
        </message>
        <message>
            <source>○ Offline</source>
            <translation>○ Offline</translation>
        </message>
        <message>
            <source>data as of %1</source>
            <translation>Datenstand %1</translation>
        </message>
        <message>
            <source>not yet synchronised</source>
            <translation>noch nicht synchronisiert</translation>
        </message>
        <message numerus="yes">
            <source>%n to upload</source>
            <translation>
                <numerusform>%n ausstehend</numerusform>
                <numerusform>%n ausstehend</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n conflict(s)</source>
            <translation>
                <numerusform>⚠ %n Konflikt</numerusform>
                <numerusform>⚠ %n Konflikte</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n rejected</source>
            <translation>
                <numerusform>⚠ %n abgelehnt</numerusform>
                <numerusform>⚠ %n abgelehnt</numerusform>
            </translation>
        </message>
        <message>
            <source>Observation</source>
            <translation>Messwert</translation>
        </message>
        <message>
            <source>Access record</source>
            <translation>Zugriffsprotokoll</translation>
        </message>
        <message>
            <source>Acknowledgement</source>
            <translation>Kenntnisnahme</translation>
        </message>
        <message>
            <source>Meal order</source>
            <translation>Essensbestellung</translation>
        </message>
        <message>
            <source>Administration</source>
            <translation>Medikamentengabe</translation>
        </message>
        <message>
            <source>Synchronisation: %1</source>
            <translation>Synchronisierung: %1</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Synchronisieren</translation>
        </message>
        <message>
            <source>Waiting (%1)</source>
            <translation>Ausstehend (%1)</translation>
        </message>
        <message>
            <source>Conflicts (%1)</source>
            <translation>Konflikte (%1)</translation>
        </message>
        <message>
            <source>Rejected (%1)</source>
            <translation>Abgelehnt (%1)</translation>
        </message>
        <message>
            <source>Lists of changes</source>
            <translation>Änderungslisten</translation>
        </message>
        <message>
            <source>Last problem: %1</source>
            <translation>Letztes Problem: %1</translation>
        </message>
        <message>
            <source>Nothing is waiting: every change has reached the EHR.</source>
            <translation>Nichts ausstehend: Alle Änderungen sind im KIS angekommen.</translation>
        </message>
        <message>
            <source>No conflicts.</source>
            <translation>Keine Konflikte.</translation>
        </message>
        <message>
            <source>No rejected changes.</source>
            <translation>Keine abgelehnten Änderungen.</translation>
        </message>
        <message>
            <source>Keep the tablet's version</source>
            <translation>Version des Tablets behalten</translation>
        </message>
        <message>
            <source>Take the EHR's version</source>
            <translation>Version des KIS übernehmen</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Erneut versuchen</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Verwerfen</translation>
        </message>
        <message>
            <source>The EHR deleted this record meanwhile.</source>
            <translation>Das KIS hat diesen Eintrag inzwischen gelöscht.</translation>
        </message>
        <message>
            <source>Element</source>
            <translation>Feld</translation>
        </message>
        <message>
            <source>On this tablet</source>
            <translation>Auf diesem Tablet</translation>
        </message>
        <message>
            <source>On the EHR</source>
            <translation>Im KIS</translation>
        </message>
    </context>
    <context>
        <name>VitalsPad</name>
        <message>
            <source>Heart rate</source>
            <translation>Herzfrequenz</translation>
        </message>
        <message>
            <source>Respiratory rate</source>
            <translation>Atemfrequenz</translation>
        </message>
        <message>
            <source>SpO2</source>
            <translation>SpO2</translation>
        </message>
        <message>
            <source>Oxygen flow</source>
            <translation>Sauerstoff-Flow</translation>
        </message>
        <message>
            <source>Systolic pressure</source>
            <translation>Systolischer Blutdruck</translation>
        </message>
        <message>
            <source>Diastolic pressure</source>
            <translation>Diastolischer Blutdruck</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>Temperatur</translation>
        </message>
        <message>
            <source>Consciousness</source>
            <translation>Bewusstsein</translation>
        </message>
        <message>
            <source>Pain</source>
            <translation>Schmerz</translation>
        </message>
        <message>
            <source>Enter at least one value.</source>
            <translation>Geben Sie mindestens einen Wert ein.</translation>
        </message>
        <message>
            <source>These values do not fit together.</source>
            <translation>Diese Werte passen nicht zusammen.</translation>
        </message>
        <message>
            <source>%1 %2 is not plausible (%3–%4)</source>
            <translation>%1 %2 ist nicht plausibel (%3–%4)</translation>
        </message>
        <message>
            <source>%1 %2 is unusual (usually %3–%4): check it</source>
            <translation>%1 %2 ist ungewöhnlich (meist %3–%4): bitte prüfen</translation>
        </message>
        <message>
            <source>Enter both systolic and diastolic pressure.</source>
            <translation>Geben Sie den systolischen und den diastolischen Wert ein.</translation>
        </message>
        <message>
            <source>Diastolic must be lower than systolic.</source>
            <translation>Der diastolische Wert muss niedriger als der systolische sein.</translation>
        </message>
        <message>
            <source>A flow needs Oxygen selected.</source>
            <translation>Für einen Flow bitte Sauerstoff auswählen.</translation>
        </message>
        <message>
            <source>Enter the oxygen flow.</source>
            <translation>Geben Sie den Sauerstoff-Flow ein.</translation>
        </message>
        <message>
            <source>Enter the SpO2 measured on air or oxygen.</source>
            <translation>Geben Sie die SpO2 unter Raumluft oder Sauerstoff ein.</translation>
        </message>
        <message>
            <source>Choose Air or Oxygen for this SpO2.</source>
            <translation>Wählen Sie Raumluft oder Sauerstoff für diese SpO2.</translation>
        </message>
        <message>
            <source>%1 does not fit with the other values.</source>
            <translation>%1 passt nicht zu den anderen Werten.</translation>
        </message>
        <message>
            <source>NEWS2 preview: %1 — %2</source>
            <translation>NEWS2-Vorschau: %1 — %2</translation>
        </message>
        <message numerus="yes">
            <source>(%n parameter(s) missing)</source>
            <translation>
                <numerusform>(%n Parameter fehlt)</numerusform>
                <numerusform>(%n Parameter fehlen)</numerusform>
            </translation>
        </message>
        <message>
            <source>Record vital signs</source>
            <translation>Vitalzeichen erfassen</translation>
        </message>
        <message>
            <source>beats/min</source>
            <translation>Schläge/min</translation>
        </message>
        <message>
            <source>breaths/min</source>
            <translation>Atemzüge/min</translation>
        </message>
        <message>
            <source>Breathing</source>
            <translation>Atmung</translation>
        </message>
        <message>
            <source>Air</source>
            <translation>Raumluft</translation>
        </message>
        <message>
            <source>Oxygen</source>
            <translation>Sauerstoff</translation>
        </message>
        <message>
            <source>L/min</source>
            <translation>L/min</translation>
        </message>
        <message>
            <source>Blood pressure</source>
            <translation>Blutdruck</translation>
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
            <translation>Bewusstsein (ACVPU)</translation>
        </message>
        <message>
            <source>Pain (0 = none, 10 = worst imaginable)</source>
            <translation>Schmerz (0 = kein Schmerz, 10 = stärkster vorstellbarer)</translation>
        </message>
        <message>
            <source>Heart rate, beats per minute</source>
            <translation>Herzfrequenz, Schläge pro Minute</translation>
        </message>
        <message>
            <source>Respiratory rate, breaths per minute</source>
            <translation>Atemfrequenz, Atemzüge pro Minute</translation>
        </message>
        <message>
            <source>SpO2, percent</source>
            <translation>SpO2, Prozent</translation>
        </message>
        <message>
            <source>Oxygen flow, litres per minute</source>
            <translation>Sauerstoff-Flow, Liter pro Minute</translation>
        </message>
        <message>
            <source>Systolic pressure, mmHg</source>
            <translation>Systolischer Blutdruck, mmHg</translation>
        </message>
        <message>
            <source>Diastolic pressure, mmHg</source>
            <translation>Diastolischer Blutdruck, mmHg</translation>
        </message>
        <message>
            <source>Temperature, degrees Celsius</source>
            <translation>Temperatur, Grad Celsius</translation>
        </message>
        <message>
            <source>Pain %1</source>
            <translation>Schmerz %1</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <source>Save anyway</source>
            <translation>Trotzdem speichern</translation>
        </message>
        <message>
            <source>Not saved: the tablet could not write to its cache. Try again.</source>
            <translation>Nicht gespeichert: Das Tablet konnte nicht in seinen Zwischenspeicher schreiben. Bitte versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Some values are unusual. Check them; if they are right, tap Save anyway.</source>
            <translation>Einige Werte sind ungewöhnlich. Bitte prüfen Sie sie; wenn sie stimmen, tippen Sie auf „Trotzdem speichern“.</translation>
        </message>
        <message>
            <source>Not saved: correct the values marked in red.</source>
            <translation>Nicht gespeichert: Bitte korrigieren Sie die rot markierten Werte.</translation>
        </message>
        <message>
            <source>NEWS2 preview: type the values</source>
            <translation>NEWS2-Vorschau: Werte eingeben</translation>
        </message>
    </context>
    <context>
        <name>VitalsTab</name>
        <message>
            <source>✓ Low</source>
            <translation>✓ Niedrig</translation>
        </message>
        <message>
            <source>! Low–medium</source>
            <translation>! Niedrig–mittel</translation>
        </message>
        <message>
            <source>▲ Medium</source>
            <translation>▲ Mittel</translation>
        </message>
        <message>
            <source>⚠ High</source>
            <translation>⚠ Hoch</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Wach</translation>
        </message>
        <message>
            <source>New confusion</source>
            <translation>Neu verwirrt</translation>
        </message>
        <message>
            <source>Responds to voice</source>
            <translation>Reagiert auf Ansprache</translation>
        </message>
        <message>
            <source>Responds to pain</source>
            <translation>Reagiert auf Schmerz</translation>
        </message>
        <message>
            <source>Unresponsive</source>
            <translation>Reagiert nicht</translation>
        </message>
        <message>
            <source>Respiratory rate</source>
            <translation>Atemfrequenz</translation>
        </message>
        <message>
            <source>SpO2</source>
            <translation>SpO2</translation>
        </message>
        <message>
            <source>Air or oxygen</source>
            <translation>Raumluft oder Sauerstoff</translation>
        </message>
        <message>
            <source>Systolic pressure</source>
            <translation>Systolischer Blutdruck</translation>
        </message>
        <message>
            <source>Pulse</source>
            <translation>Puls</translation>
        </message>
        <message>
            <source>Consciousness</source>
            <translation>Bewusstsein</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>Temperatur</translation>
        </message>
        <message>
            <source>Air</source>
            <translation>Raumluft</translation>
        </message>
        <message>
            <source>Oxygen</source>
            <translation>Sauerstoff</translation>
        </message>
        <message>
            <source>Oxygen %1 L/min</source>
            <translation>Sauerstoff %1 L/min</translation>
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
                <numerusform>%n Punkt</numerusform>
                <numerusform>%n Punkte</numerusform>
            </translation>
        </message>
        <message>
            <source>just now</source>
            <translation>gerade eben</translation>
        </message>
        <message>
            <source>%1 min ago</source>
            <translation>vor %1 min</translation>
        </message>
        <message>
            <source>%1 h %2 min ago</source>
            <translation>vor %1 h %2 min</translation>
        </message>
        <message>
            <source>at %1, %2</source>
            <translation>%1, %2</translation>
        </message>
        <message>
            <source>Vital signs</source>
            <translation>Vitalzeichen</translation>
        </message>
        <message>
            <source>Latest NEWS2</source>
            <translation>Letzter NEWS2</translation>
        </message>
        <message>
            <source>Record vital signs</source>
            <translation>Vitalzeichen erfassen</translation>
        </message>
        <message>
            <source>Trends</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>Shaded: NEWS2</source>
            <translation>Hinterlegt: NEWS2</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 h</translation>
        </message>
        <message>
            <source>Show the last %1 hours</source>
            <translation>Die letzten %1 Stunden anzeigen</translation>
        </message>
        <message>
            <source>Recent rounds</source>
            <translation>Letzte Messungen</translation>
        </message>
        <message>
            <source>Recent rounds, newest first</source>
            <translation>Letzte Messungen, neueste zuerst</translation>
        </message>
        <message>
            <source>Column headings</source>
            <translation>Spaltenüberschriften</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>NEWS2</source>
            <translation>NEWS2</translation>
        </message>
        <message>
            <source>Resp.</source>
            <translation>AF</translation>
        </message>
        <message>
            <source>O2 L/min</source>
            <translation>O2 L/min</translation>
        </message>
        <message>
            <source>BP</source>
            <translation>RR</translation>
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
            <translation>Schmerz</translation>
        </message>
        <message>
            <source>trend over the last %1 hours</source>
            <translation>Verlauf der letzten %1 Stunden</translation>
        </message>
        <message>
            <source>Heart rate</source>
            <translation>Herzfrequenz</translation>
        </message>
        <message>
            <source>/min</source>
            <translation>/min</translation>
        </message>
        <message>
            <source>SpO2 (scale 2) — ■ on oxygen</source>
            <translation>SpO2 (Skala 2) — ■ mit Sauerstoff</translation>
        </message>
        <message>
            <source>SpO2 — ■ on oxygen</source>
            <translation>SpO2 — ■ mit Sauerstoff</translation>
        </message>
        <message>
            <source>Blood pressure — ● systolic, ▼ diastolic</source>
            <translation>Blutdruck — ● systolisch, ▼ diastolisch</translation>
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
            <translation>NEWS2 gesamt — ■ unvollständige Messung</translation>
        </message>
        <message>
            <source>points</source>
            <translation>Punkte</translation>
        </message>
        <message>
            <source>Reading vital signs…</source>
            <translation>Vitalzeichen werden geladen…</translation>
        </message>
        <message>
            <source>No vital signs recorded in the last 72 hours.</source>
            <translation>In den letzten 72 Stunden wurden keine Vitalzeichen erfasst.</translation>
        </message>
        <message>
            <source>The vital signs could not be read from the cache.</source>
            <translation>Die Vitalzeichen konnten nicht aus dem Zwischenspeicher gelesen werden.</translation>
        </message>
        <message>
            <source>No NEWS2 in the last 72 hours.</source>
            <translation>Kein NEWS2 in den letzten 72 Stunden.</translation>
        </message>
        <message>
            <source>NEWS2 total %1</source>
            <translation>NEWS2 gesamt %1</translation>
        </message>
        <message numerus="yes">
            <source>incomplete: %n parameter(s) not measured</source>
            <translation>
                <numerusform>unvollständig: %n Parameter nicht gemessen</numerusform>
                <numerusform>unvollständig: %n Parameter nicht gemessen</numerusform>
            </translation>
        </message>
        <message>
            <source>SpO2 scale 2</source>
            <translation>SpO2 Skala 2</translation>
        </message>
        <message>
            <source>⚠ older than 24 h</source>
            <translation>⚠ älter als 24 h</translation>
        </message>
        <message>
            <source>not measured</source>
            <translation>nicht gemessen</translation>
        </message>
        <message numerus="yes">
            <source>✓ %n value(s) saved and sent to the EHR.</source>
            <translation>
                <numerusform>✓ %n Wert gespeichert und an das KIS gesendet.</numerusform>
                <numerusform>✓ %n Werte gespeichert und an das KIS gesendet.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n value(s) saved here, but the EHR refused them: see Synchronisation.</source>
            <translation>
                <numerusform>⚠ %n Wert hier gespeichert, aber vom KIS abgelehnt: siehe Synchronisierung.</numerusform>
                <numerusform>⚠ %n Werte hier gespeichert, aber vom KIS abgelehnt: siehe Synchronisierung.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>✓ %n value(s) saved on this tablet — they will be sent to the EHR when connected.</source>
            <translation>
                <numerusform>✓ %n Wert auf diesem Tablet gespeichert — er wird an das KIS gesendet, sobald eine Verbindung besteht.</numerusform>
                <numerusform>✓ %n Werte auf diesem Tablet gespeichert — sie werden an das KIS gesendet, sobald eine Verbindung besteht.</numerusform>
            </translation>
        </message>
    </context>
</TS>