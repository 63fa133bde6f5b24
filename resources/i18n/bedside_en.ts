<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
    <context>
        <name>AppointmentsTab</name>
        <message>
            <source>Time not set</source>
            <translation>Time not set</translation>
        </message>
        <message>
            <source>Proposed</source>
            <translation>Proposed</translation>
        </message>
        <message>
            <source>Not confirmed yet</source>
            <translation>Not confirmed yet</translation>
        </message>
        <message>
            <source>Patient arrived</source>
            <translation>Patient arrived</translation>
        </message>
        <message>
            <source>✓ Done</source>
            <translation>✓ Done</translation>
        </message>
        <message>
            <source>Checked in</source>
            <translation>Checked in</translation>
        </message>
        <message>
            <source>On the waiting list</source>
            <translation>On the waiting list</translation>
        </message>
        <message>
            <source>Today, %1</source>
            <translation>Today, %1</translation>
        </message>
        <message>
            <source>Tomorrow, %1</source>
            <translation>Tomorrow, %1</translation>
        </message>
        <message>
            <source>Appointments</source>
            <translation>Appointments</translation>
        </message>
        <message>
            <source>Reading the appointments…</source>
            <translation>Reading the appointments…</translation>
        </message>
        <message>
            <source>The appointments could not be read from the cache.</source>
            <translation>The appointments could not be read from the cache.</translation>
        </message>
        <message>
            <source>Nothing planned</source>
            <translation>Nothing planned</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Appointment</translation>
        </message>
        <message>
            <source>Where: %1</source>
            <translation>Where: %1</translation>
        </message>
        <message>
            <source>With: %1</source>
            <translation>With: %1</translation>
        </message>
        <message>
            <source>⚠ Before: %1</source>
            <translation>⚠ Before: %1</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>Female</source>
            <translation>Female</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Male</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Other</translation>
        </message>
        <message>
            <source>Sex unknown</source>
            <translation>Sex unknown</translation>
        </message>
        <message>
            <source>Sex not recorded</source>
            <translation>Sex not recorded</translation>
        </message>
        <message>
            <source>born %1</source>
            <translation>born %1</translation>
        </message>
        <message numerus="yes">
            <source>(%n years)</source>
            <translation>
                <numerusform>(%n year)</numerusform>
                <numerusform>(%n years)</numerusform>
            </translation>
        </message>
        <message>
            <source>Bed %1</source>
            <translation>Bed %1</translation>
        </message>
        <message>
            <source>Hospital no. %1</source>
            <translation>Hospital no. %1</translation>
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
            <translation>? Allergies not recorded</translation>
        </message>
        <message>
            <source>✓ No known allergies</source>
            <translation>✓ No known allergies</translation>
        </message>
        <message>
            <source>⚠ Allergies: %1</source>
            <translation>⚠ Allergies: %1</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth until %1</source>
            <translation>⊘ Nil by mouth until %1</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth</source>
            <translation>⊘ Nil by mouth</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth from %1</source>
            <translation>⊘ Nil by mouth from %1</translation>
        </message>
        <message>
            <source>No diet order</source>
            <translation>No diet order</translation>
        </message>
        <message>
            <source>Diet: %1</source>
            <translation>Diet: %1</translation>
        </message>
        <message>
            <source>ordered</source>
            <translation>ordered</translation>
        </message>
        <message>
            <source>Patient banner</source>
            <translation>Patient banner</translation>
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
            <translation>F</translation>
        </message>
        <message>
            <source>M</source>
            <translation>M</translation>
        </message>
        <message>
            <source>X</source>
            <translation>X</translation>
        </message>
        <message>
            <source>no obs. 24 h</source>
            <translation>no obs. 24 h</translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n critical result(s)</source>
            <translation>
                <numerusform>⚠ %n critical result</numerusform>
                <numerusform>⚠ %n critical results</numerusform>
            </translation>
        </message>
        <message>
            <source>⚠ Allergy</source>
            <translation>⚠ Allergy</translation>
        </message>
        <message>
            <source>? Allergies not recorded</source>
            <translation>? Allergies not recorded</translation>
        </message>
        <message>
            <source>⊘ Nil by mouth</source>
            <translation>⊘ Nil by mouth</translation>
        </message>
        <message>
            <source>No diet order</source>
            <translation>No diet order</translation>
        </message>
        <message>
            <source>⚠ Same name</source>
            <translation>⚠ Same name</translation>
        </message>
        <message>
            <source>Diet: %1</source>
            <translation>Diet: %1</translation>
        </message>
        <message numerus="yes">
            <source>%n missed</source>
            <translation>
                <numerusform>%n missed</numerusform>
                <numerusform>%n missed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n late</source>
            <translation>
                <numerusform>%n late</numerusform>
                <numerusform>%n late</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n due</source>
            <translation>
                <numerusform>%n due</numerusform>
                <numerusform>%n due</numerusform>
            </translation>
        </message>
        <message>
            <source>Bed</source>
            <translation>Bed</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Age · sex</source>
            <translation>Age · sex</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>Day</translation>
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
            <translation>Alerts</translation>
        </message>
        <message>
            <source>⚠ Two current stays for this bed — check the admission</source>
            <translation>⚠ Two current stays for this bed — check the admission</translation>
        </message>
        <message>
            <source>Free bed</source>
            <translation>Free bed</translation>
        </message>
        <message>
            <source>Patient details not available</source>
            <translation>Patient details not available</translation>
        </message>
        <message>
            <source>%1 y</source>
            <translation>%1 y</translation>
        </message>
        <message>
            <source>Day %1</source>
            <translation>Day %1</translation>
        </message>
        <message>
            <source>All beds</source>
            <translation>All beds</translation>
        </message>
        <message>
            <source>My patients</source>
            <translation>My patients</translation>
        </message>
        <message>
            <source>Alerts first</source>
            <translation>Alerts first</translation>
        </message>
        <message>
            <source>Ward board</source>
            <translation>Ward board</translation>
        </message>
        <message>
            <source>Column headings</source>
            <translation>Column headings</translation>
        </message>
        <message>
            <source>%1 of %2 beds occupied</source>
            <translation>%1 of %2 beds occupied</translation>
        </message>
        <message numerus="yes">
            <source>%n of them yours</source>
            <translation>
                <numerusform>%n of them yours</numerusform>
                <numerusform>%n of them yours</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CareRecord</name>
        <message>
            <source>mild</source>
            <translation>mild</translation>
        </message>
        <message>
            <source>moderate</source>
            <translation>moderate</translation>
        </message>
        <message>
            <source>severe</source>
            <translation>severe</translation>
        </message>
        <message>
            <source>high risk</source>
            <translation>high risk</translation>
        </message>
        <message>
            <source>low risk</source>
            <translation>low risk</translation>
        </message>
        <message>
            <source>risk not assessed</source>
            <translation>risk not assessed</translation>
        </message>
        <message>
            <source>Care record</source>
            <translation>Care record</translation>
        </message>
        <message>
            <source>Reading the record…</source>
            <translation>Reading the record…</translation>
        </message>
        <message>
            <source>The care record could not be read from the cache.</source>
            <translation>The care record could not be read from the cache.</translation>
        </message>
        <message>
            <source>Active problems</source>
            <translation>Active problems</translation>
        </message>
        <message>
            <source>Allergies and intolerances</source>
            <translation>Allergies and intolerances</translation>
        </message>
        <message>
            <source>Flags</source>
            <translation>Flags</translation>
        </message>
        <message>
            <source>Recent notes</source>
            <translation>Recent notes</translation>
        </message>
        <message>
            <source>No active problem recorded.</source>
            <translation>No active problem recorded.</translation>
        </message>
        <message>
            <source>since %1</source>
            <translation>since %1</translation>
        </message>
        <message>
            <source>? Allergies not recorded — ask the patient and record them</source>
            <translation>? Allergies not recorded — ask the patient and record them</translation>
        </message>
        <message>
            <source>✓ No known allergies (recorded)</source>
            <translation>✓ No known allergies (recorded)</translation>
        </message>
        <message>
            <source>reaction</source>
            <translation>reaction</translation>
        </message>
        <message>
            <source>Reaction: %1</source>
            <translation>Reaction: %1</translation>
        </message>
        <message>
            <source>unconfirmed</source>
            <translation>unconfirmed</translation>
        </message>
        <message>
            <source>refuted</source>
            <translation>refuted</translation>
        </message>
        <message>
            <source>No active flag.</source>
            <translation>No active flag.</translation>
        </message>
        <message>
            <source>No recent note.</source>
            <translation>No recent note.</translation>
        </message>
    </context>
    <context>
        <name>Chart</name>
        <message>
            <source>Parts of the chart</source>
            <translation>Parts of the chart</translation>
        </message>
    </context>
    <context>
        <name>ChartWords</name>
        <message>
            <source>%1 and %2</source>
            <translation>%1 and %2</translation>
        </message>
    </context>
    <context>
        <name>FirstRun</name>
        <message>
            <source>Bed %1 is ready: %2 resources downloaded.</source>
            <translation>Bed %1 is ready: %2 resources downloaded.</translation>
        </message>
        <message>
            <source>Ward %1 is ready: %2 resources downloaded.</source>
            <translation>Ward %1 is ready: %2 resources downloaded.</translation>
        </message>
        <message>
            <source>Downloading bed %1…</source>
            <translation>Downloading bed %1…</translation>
        </message>
        <message>
            <source>Downloading ward %1…</source>
            <translation>Downloading ward %1…</translation>
        </message>
        <message>
            <source>Downloading bed %1: %2 resources so far…</source>
            <translation>Downloading bed %1: %2 resources so far…</translation>
        </message>
        <message>
            <source>Downloading ward %1: %2 resources so far…</source>
            <translation>Downloading ward %1: %2 resources so far…</translation>
        </message>
        <message>
            <source>Downloading bed %1: %2 of ~%3 resources…</source>
            <translation>Downloading bed %1: %2 of ~%3 resources…</translation>
        </message>
        <message>
            <source>Downloading ward %1: %2 of ~%3 resources…</source>
            <translation>Downloading ward %1: %2 of ~%3 resources…</translation>
        </message>
        <message>
            <source>Download of bed %1 paused.</source>
            <translation>Download of bed %1 paused.</translation>
        </message>
        <message>
            <source>Download of ward %1 paused.</source>
            <translation>Download of ward %1 paused.</translation>
        </message>
        <message>
            <source>Download of bed %1 paused at %2 resources.</source>
            <translation>Download of bed %1 paused at %2 resources.</translation>
        </message>
        <message>
            <source>Download of ward %1 paused at %2 resources.</source>
            <translation>Download of ward %1 paused at %2 resources.</translation>
        </message>
        <message>
            <source>Download of bed %1 paused at %2 of ~%3 resources.</source>
            <translation>Download of bed %1 paused at %2 of ~%3 resources.</translation>
        </message>
        <message>
            <source>%1 is ready: %2 resources downloaded.</source>
            <translation>%1 is ready: %2 resources downloaded.</translation>
        </message>
        <message>
            <source>Downloading %1…</source>
            <translation>Downloading %1…</translation>
        </message>
        <message>
            <source>Downloading %1: %2 resources so far…</source>
            <translation>Downloading %1: %2 resources so far…</translation>
        </message>
        <message>
            <source>Downloading %1: %2 of ~%3 resources…</source>
            <translation>Downloading %1: %2 of ~%3 resources…</translation>
        </message>
        <message>
            <source>Download of %1 paused.</source>
            <translation>Download of %1 paused.</translation>
        </message>
        <message>
            <source>Download of %1 paused at %2 resources.</source>
            <translation>Download of %1 paused at %2 resources.</translation>
        </message>
        <message>
            <source>Download of %1 paused at %2 of ~%3 resources.</source>
            <translation>Download of %1 paused at %2 of ~%3 resources.</translation>
        </message>
        <message>
            <source>Download of ward %1 paused at %2 of ~%3 resources.</source>
            <translation>Download of ward %1 paused at %2 of ~%3 resources.</translation>
        </message>
        <message>
            <source>Downloading the wards, rooms and beds…</source>
            <translation>Downloading the wards, rooms and beds…</translation>
        </message>
        <message>
            <source>Downloading the staff list…</source>
            <translation>Downloading the staff list…</translation>
        </message>
        <message>
            <source>Downloading the medicines list…</source>
            <translation>Downloading the medicines list…</translation>
        </message>
        <message>
            <source>Downloading the menus…</source>
            <translation>Downloading the menus…</translation>
        </message>
        <message>
            <source>Downloading who is in which bed…</source>
            <translation>Downloading who is in which bed…</translation>
        </message>
        <message>
            <source>Downloading the patients…</source>
            <translation>Downloading the patients…</translation>
        </message>
        <message>
            <source>Downloading allergies…</source>
            <translation>Downloading allergies…</translation>
        </message>
        <message>
            <source>Downloading diagnoses…</source>
            <translation>Downloading diagnoses…</translation>
        </message>
        <message>
            <source>Downloading alerts…</source>
            <translation>Downloading alerts…</translation>
        </message>
        <message>
            <source>Downloading prescriptions…</source>
            <translation>Downloading prescriptions…</translation>
        </message>
        <message>
            <source>Downloading doses given…</source>
            <translation>Downloading doses given…</translation>
        </message>
        <message>
            <source>Downloading diets and meal orders…</source>
            <translation>Downloading diets and meal orders…</translation>
        </message>
        <message>
            <source>Downloading appointments…</source>
            <translation>Downloading appointments…</translation>
        </message>
        <message>
            <source>Downloading vital signs and results…</source>
            <translation>Downloading vital signs and results…</translation>
        </message>
        <message>
            <source>Downloading reports…</source>
            <translation>Downloading reports…</translation>
        </message>
        <message>
            <source>Downloading nursing tasks…</source>
            <translation>Downloading nursing tasks…</translation>
        </message>
        <message>
            <source>Downloading…</source>
            <translation>Downloading…</translation>
        </message>
        <message>
            <source>Connecting to the EHR and signing in…</source>
            <translation>Connecting to the EHR and signing in…</translation>
        </message>
        <message>
            <source>Saving and checking the download…</source>
            <translation>Saving and checking the download…</translation>
        </message>
        <message>
            <source>What was already downloaded is kept.</source>
            <translation>What was already downloaded is kept.</translation>
        </message>
        <message>
            <source>Opening Bedside…</source>
            <translation>Opening Bedside…</translation>
        </message>
        <message>
            <source>This tablet cannot reach the EHR: check its network connection.</source>
            <translation>This tablet cannot reach the EHR: check its network connection.</translation>
        </message>
        <message>
            <source>The EHR refused this tablet's credentials: ask IT to check its enrollment.</source>
            <translation>The EHR refused this tablet's credentials: ask IT to check its enrollment.</translation>
        </message>
        <message>
            <source>This tablet does not trust the EHR's certificate: ask IT to check the certificates installed on it.</source>
            <translation>This tablet does not trust the EHR's certificate: ask IT to check the certificates installed on it.</translation>
        </message>
        <message>
            <source>The EHR answered with an error: it may be busy or under maintenance.</source>
            <translation>The EHR answered with an error: it may be busy or under maintenance.</translation>
        </message>
        <message>
            <source>This tablet could not save the download: ask IT to check its storage.</source>
            <translation>This tablet could not save the download: ask IT to check its storage.</translation>
        </message>
        <message>
            <source>Something unexpected stopped the download: ask IT to look at the log.</source>
            <translation>Something unexpected stopped the download: ask IT to look at the log.</translation>
        </message>
        <message>
            <source>Trying again now…</source>
            <translation>Trying again now…</translation>
        </message>
        <message numerus="yes">
            <source>Trying again in %n second(s).</source>
            <translation>
                <numerusform>Trying again in %n second.</numerusform>
                <numerusform>Trying again in %n seconds.</numerusform>
            </translation>
        </message>
        <message>
            <source>Setting up this tablet</source>
            <translation>Setting up this tablet</translation>
        </message>
        <message>
            <source>Bedside copies the records it needs from the EHR once, so that it keeps working without a network. It opens by itself when this is done.</source>
            <translation>Bedside copies the records it needs from the EHR once, so that it keeps working without a network. It opens by itself when this is done.</translation>
        </message>
        <message>
            <source>Try again now</source>
            <translation>Try again now</translation>
        </message>
        <message>
            <source>Download progress</source>
            <translation>Download progress</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <source>Staff sign-in</source>
            <translation>Staff sign-in</translation>
        </message>
        <message>
            <source>Scan your badge, or type its number, then enter your PIN.</source>
            <translation>Scan your badge, or type its number, then enter your PIN.</translation>
        </message>
        <message>
            <source>Badge</source>
            <translation>Badge</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>Password of your hospital account</source>
            <translation>Password of your hospital account</translation>
        </message>
        <message>
            <source>New PIN</source>
            <translation>New PIN</translation>
        </message>
        <message>
            <source>The same PIN again</source>
            <translation>The same PIN again</translation>
        </message>
        <message>
            <source>Badge number</source>
            <translation>Badge number</translation>
        </message>
        <message>
            <source>Scan or type the badge</source>
            <translation>Scan or type the badge</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Erase the last digit</source>
            <translation>Erase the last digit</translation>
        </message>
        <message>
            <source>Save PIN</source>
            <translation>Save PIN</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Sign in with my password</source>
            <translation>Sign in with my password</translation>
        </message>
        <message>
            <source>Digit %1</source>
            <translation>Digit %1</translation>
        </message>
        <message>
            <source>Demo ward: badge %1, PIN %2</source>
            <translation>Demo ward: badge %1, PIN %2</translation>
        </message>
        <message>
            <source>First sign-in of your shift</source>
            <translation>First sign-in of your shift</translation>
        </message>
        <message>
            <source>Enter the password of your hospital account. Then you choose a PIN for this tablet, for the rest of your shift.</source>
            <translation>Enter the password of your hospital account. Then you choose a PIN for this tablet, for the rest of your shift.</translation>
        </message>
        <message>
            <source>Choose a PIN for this tablet</source>
            <translation>Choose a PIN for this tablet</translation>
        </message>
        <message numerus="yes">
            <source>At least %n digit(s), twice. Not 0000 or 1234.</source>
            <translation>
                <numerusform>At least %n digit, twice. Not 0000 or 1234.</numerusform>
                <numerusform>At least %n digits, twice. Not 0000 or 1234.</numerusform>
            </translation>
        </message>
        <message>
            <source>It works on this tablet until %1.</source>
            <translation>It works on this tablet until %1.</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <source>Scan your badge or type its number first.</source>
            <translation>Scan your badge or type its number first.</translation>
        </message>
        <message>
            <source>Enter your password.</source>
            <translation>Enter your password.</translation>
        </message>
        <message>
            <source>Enter the new PIN in both fields.</source>
            <translation>Enter the new PIN in both fields.</translation>
        </message>
        <message>
            <source>Enter your PIN.</source>
            <translation>Enter your PIN.</translation>
        </message>
        <message>
            <source>Wrong PIN.</source>
            <translation>Wrong PIN.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong PIN. %n attempt(s) left before this badge is locked.</source>
            <translation>
                <numerusform>Wrong PIN. %n attempt left before this badge is locked.</numerusform>
                <numerusform>Wrong PIN. %n attempts left before this badge is locked.</numerusform>
            </translation>
        </message>
        <message>
            <source>Wrong password.</source>
            <translation>Wrong password.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong password. %n attempt(s) left before this badge is locked.</source>
            <translation>
                <numerusform>Wrong password. %n attempt left before this badge is locked.</numerusform>
                <numerusform>Wrong password. %n attempts left before this badge is locked.</numerusform>
            </translation>
        </message>
        <message>
            <source>This badge is not known. Check the number, or ask the ward manager.</source>
            <translation>This badge is not known. Check the number, or ask the ward manager.</translation>
        </message>
        <message>
            <source>Too many failed attempts: this badge is locked on this tablet until %1.</source>
            <translation>Too many failed attempts: this badge is locked on this tablet until %1.</translation>
        </message>
        <message>
            <source>Several failed attempts: please wait until %1 before trying again.</source>
            <translation>Several failed attempts: please wait until %1 before trying again.</translation>
        </message>
        <message>
            <source>The hospital directory cannot be reached to check your password, and this badge has no PIN on this tablet yet. Try again when the network works.</source>
            <translation>The hospital directory cannot be reached to check your password, and this badge has no PIN on this tablet yet. Try again when the network works.</translation>
        </message>
        <message>
            <source>Staff sign-in through the hospital directory is not set up on this tablet — contact IT.</source>
            <translation>Staff sign-in through the hospital directory is not set up on this tablet — contact IT.</translation>
        </message>
        <message>
            <source>Staff sign-in is not set up for this EHR — contact IT.</source>
            <translation>Staff sign-in is not set up for this EHR — contact IT.</translation>
        </message>
        <message>
            <source>Your PIN on this tablet ended with your last shift: enter your password.</source>
            <translation>Your PIN on this tablet ended with your last shift: enter your password.</translation>
        </message>
        <message>
            <source>First sign-in of your shift on this tablet: enter your password.</source>
            <translation>First sign-in of your shift on this tablet: enter your password.</translation>
        </message>
        <message>
            <source>Your hospital account may not sign in now (locked, disabled or password expired) — contact IT.</source>
            <translation>Your hospital account may not sign in now (locked, disabled or password expired) — contact IT.</translation>
        </message>
        <message>
            <source>Your hospital account is not linked to a staff record in the EHR — contact IT.</source>
            <translation>Your hospital account is not linked to a staff record in the EHR — contact IT.</translation>
        </message>
        <message>
            <source>Password checked. Choose your PIN for this tablet.</source>
            <translation>Password checked. Choose your PIN for this tablet.</translation>
        </message>
        <message>
            <source>The two PINs differ. Enter the new PIN twice.</source>
            <translation>The two PINs differ. Enter the new PIN twice.</translation>
        </message>
        <message numerus="yes">
            <source>This PIN is too easy to guess: use at least %n digit(s), not one repeated digit and not a run such as 1234.</source>
            <translation>
                <numerusform>This PIN is too easy to guess: use at least %n digit, not one repeated digit and not a run such as 1234.</numerusform>
                <numerusform>This PIN is too easy to guess: use at least %n digits, not one repeated digit and not a run such as 1234.</numerusform>
            </translation>
        </message>
        <message>
            <source>Too long since your password was checked: enter your password again.</source>
            <translation>Too long since your password was checked: enter your password again.</translation>
        </message>
        <message>
            <source>The EHR cannot be reached, and this badge has never signed in on this tablet while connected. Sign in once where the network works.</source>
            <translation>The EHR cannot be reached, and this badge has never signed in on this tablet while connected. Sign in once where the network works.</translation>
        </message>
        <message>
            <source>Scan your badge, then your PIN for this tablet. First sign-in of a shift: your hospital password.</source>
            <translation>Scan your badge, then your PIN for this tablet. First sign-in of a shift: your hospital password.</translation>
        </message>
        <message>
            <source>The hospital directory cannot be reached, and the PIN you chose on this tablet ended with your last shift. Try again when the network works.</source>
            <translation>The hospital directory cannot be reached, and the PIN you chose on this tablet ended with your last shift. Try again when the network works.</translation>
        </message>
        <message>
            <source>The EHR cannot be reached, and your last connected sign-in on this tablet is too old for an offline sign-in. Sign in where the network works.</source>
            <translation>The EHR cannot be reached, and your last connected sign-in on this tablet is too old for an offline sign-in. Sign in where the network works.</translation>
        </message>
        <message>
            <source>The hospital directory cannot be reached: sign in with the PIN you chose on this tablet.</source>
            <translation>The hospital directory cannot be reached: sign in with the PIN you chose on this tablet.</translation>
        </message>
        <message>
            <source>The hospital directory did not check the sign-in. Try again.</source>
            <translation>The hospital directory did not check the sign-in. Try again.</translation>
        </message>
        <message>
            <source>The EHR did not answer the sign-in. Try again in a moment.</source>
            <translation>The EHR did not answer the sign-in. Try again in a moment.</translation>
        </message>
    </context>
    <context>
        <name>MealChooser</name>
        <message>
            <source>Picture of the dish</source>
            <translation>Picture of the dish</translation>
        </message>
        <message>
            <source>Your choice</source>
            <translation>Your choice</translation>
        </message>
        <message>
            <source>Choose</source>
            <translation>Choose</translation>
        </message>
        <message>
            <source>Choose %1</source>
            <translation>Choose %1</translation>
        </message>
        <message>
            <source>Loading the menu…</source>
            <translation>Loading the menu…</translation>
        </message>
        <message>
            <source>Cancel my choice</source>
            <translation>Cancel my choice</translation>
        </message>
        <message>
            <source>The menu cannot be shown just now. Please ask your nurse.</source>
            <translation>The menu cannot be shown just now. Please ask your nurse.</translation>
        </message>
        <message>
            <source>No meals to choose</source>
            <translation>No meals to choose</translation>
        </message>
        <message>
            <source>There is no meal left to order for these days.</source>
            <translation>There is no meal left to order for these days.</translation>
        </message>
        <message>
            <source>%1 · %2 at %3</source>
            <translation>%1 · %2 at %3</translation>
        </message>
        <message>
            <source>Your allergy to %1 cannot be checked against the menu: ask your nurse before choosing.</source>
            <translation>Your allergy to %1 cannot be checked against the menu: ask your nurse before choosing.</translation>
        </message>
        <message>
            <source>The menu has not reached this tablet yet. It will appear once the connection is back.</source>
            <translation>The menu has not reached this tablet yet. It will appear once the connection is back.</translation>
        </message>
        <message>
            <source>Chosen</source>
            <translation>Chosen</translation>
        </message>
        <message>
            <source>Late order (staff)</source>
            <translation>Late order (staff)</translation>
        </message>
        <message>
            <source>Choose by %1</source>
            <translation>Choose by %1</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <source>Nothing to eat</source>
            <translation>Nothing to eat</translation>
        </message>
        <message>
            <source>Ask your nurse</source>
            <translation>Ask your nurse</translation>
        </message>
        <message>
            <source>Served</source>
            <translation>Served</translation>
        </message>
        <message>
            <source>The patients' order closed %1. As staff you can still order.</source>
            <translation>The patients' order closed %1. As staff you can still order.</translation>
        </message>
        <message>
            <source>Open — choose by %1 (%2 left)</source>
            <translation>Open — choose by %1 (%2 left)</translation>
        </message>
        <message>
            <source>Closed — choices ended %1. Your nurse can still help.</source>
            <translation>Closed — choices ended %1. Your nurse can still help.</translation>
        </message>
        <message>
            <source>Your care team has not set your diet yet, so meals cannot be chosen here. Please ask your nurse.</source>
            <translation>Your care team has not set your diet yet, so meals cannot be chosen here. Please ask your nurse.</translation>
        </message>
        <message>
            <source>This meal is being served.</source>
            <translation>This meal is being served.</translation>
        </message>
        <message>
            <source>Nothing chosen yet.</source>
            <translation>Nothing chosen yet.</translation>
        </message>
        <message>
            <source>a dish no longer on the menu</source>
            <translation>a dish no longer on the menu</translation>
        </message>
        <message>
            <source>Your choice: %1</source>
            <translation>Your choice: %1</translation>
        </message>
        <message>
            <source>No dishes are listed for this meal yet.</source>
            <translation>No dishes are listed for this meal yet.</translation>
        </message>
        <message>
            <source>Saving your choice…</source>
            <translation>Saving your choice…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Cancelling…</translation>
        </message>
        <message>
            <source>Your choice is saved.</source>
            <translation>Your choice is saved.</translation>
        </message>
        <message>
            <source>Your choice is cancelled.</source>
            <translation>Your choice is cancelled.</translation>
        </message>
        <message>
            <source>Your choice could not be saved. Please try again or ask your nurse.</source>
            <translation>Your choice could not be saved. Please try again or ask your nurse.</translation>
        </message>
        <message>
            <source>Too late: choices for this meal have just closed.</source>
            <translation>Too late: choices for this meal have just closed.</translation>
        </message>
        <message>
            <source>Not saved: you must not eat or drink at this time.</source>
            <translation>Not saved: you must not eat or drink at this time.</translation>
        </message>
        <message>
            <source>Not saved: your diet has not been set. Please ask your nurse.</source>
            <translation>Not saved: your diet has not been set. Please ask your nurse.</translation>
        </message>
        <message>
            <source>Too late: this meal is already being served.</source>
            <translation>Too late: this meal is already being served.</translation>
        </message>
        <message>
            <source>Not saved: this dish is not suitable for you.</source>
            <translation>Not saved: this dish is not suitable for you.</translation>
        </message>
        <message>
            <source>Not saved: this dish is no longer on the menu.</source>
            <translation>Not saved: this dish is no longer on the menu.</translation>
        </message>
    </context>
    <context>
        <name>MealWords</name>
        <message>
            <source>Breakfast</source>
            <translation>Breakfast</translation>
        </message>
        <message>
            <source>Lunch</source>
            <translation>Lunch</translation>
        </message>
        <message>
            <source>Dinner</source>
            <translation>Dinner</translation>
        </message>
        <message>
            <source>gluten</source>
            <translation>gluten</translation>
        </message>
        <message>
            <source>crustaceans</source>
            <translation>crustaceans</translation>
        </message>
        <message>
            <source>eggs</source>
            <translation>eggs</translation>
        </message>
        <message>
            <source>fish</source>
            <translation>fish</translation>
        </message>
        <message>
            <source>peanuts</source>
            <translation>peanuts</translation>
        </message>
        <message>
            <source>soya</source>
            <translation>soya</translation>
        </message>
        <message>
            <source>milk</source>
            <translation>milk</translation>
        </message>
        <message>
            <source>tree nuts</source>
            <translation>tree nuts</translation>
        </message>
        <message>
            <source>celery</source>
            <translation>celery</translation>
        </message>
        <message>
            <source>mustard</source>
            <translation>mustard</translation>
        </message>
        <message>
            <source>sesame</source>
            <translation>sesame</translation>
        </message>
        <message>
            <source>sulphites</source>
            <translation>sulphites</translation>
        </message>
        <message>
            <source>lupin</source>
            <translation>lupin</translation>
        </message>
        <message>
            <source>molluscs</source>
            <translation>molluscs</translation>
        </message>
        <message>
            <source>normal</source>
            <translation>normal</translation>
        </message>
        <message>
            <source>diabetic</source>
            <translation>diabetic</translation>
        </message>
        <message>
            <source>low-salt</source>
            <translation>low-salt</translation>
        </message>
        <message>
            <source>low-fat</source>
            <translation>low-fat</translation>
        </message>
        <message>
            <source>renal</source>
            <translation>renal</translation>
        </message>
        <message>
            <source>vegetarian</source>
            <translation>vegetarian</translation>
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
            <translation>kosher</translation>
        </message>
        <message>
            <source>gluten-free</source>
            <translation>gluten-free</translation>
        </message>
        <message>
            <source>dairy-free</source>
            <translation>dairy-free</translation>
        </message>
        <message>
            <source>nut-free</source>
            <translation>nut-free</translation>
        </message>
        <message>
            <source>liquidised</source>
            <translation>liquidised</translation>
        </message>
        <message>
            <source>pureed</source>
            <translation>pureed</translation>
        </message>
        <message>
            <source>minced and moist</source>
            <translation>minced and moist</translation>
        </message>
        <message>
            <source>soft and bite-sized</source>
            <translation>soft and bite-sized</translation>
        </message>
        <message>
            <source>regular</source>
            <translation>regular</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>unknown</translation>
        </message>
        <message>
            <source>Contains %1 — allergy recorded</source>
            <translation>Contains %1 — allergy recorded</translation>
        </message>
        <message>
            <source>Contains %1 — left out of your diet</source>
            <translation>Contains %1 — left out of your diet</translation>
        </message>
        <message>
            <source>Allergens not declared — cannot be checked for you</source>
            <translation>Allergens not declared — cannot be checked for you</translation>
        </message>
        <message>
            <source>Not allowed on your %1 diet</source>
            <translation>Not allowed on your %1 diet</translation>
        </message>
        <message>
            <source>Your diet (%1) cannot be checked here</source>
            <translation>Your diet (%1) cannot be checked here</translation>
        </message>
        <message>
            <source>Not %1</source>
            <translation>Not %1</translation>
        </message>
        <message>
            <source>Not suitable for the %1 texture</source>
            <translation>Not suitable for the %1 texture</translation>
        </message>
        <message>
            <source>Texture not given — cannot be checked for you</source>
            <translation>Texture not given — cannot be checked for you</translation>
        </message>
        <message>
            <source>Allergens: not declared</source>
            <translation>Allergens: not declared</translation>
        </message>
        <message>
            <source>None of the 14 main allergens</source>
            <translation>None of the 14 main allergens</translation>
        </message>
        <message>
            <source>Contains: %1</source>
            <translation>Contains: %1</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>Tomorrow</source>
            <translation>Tomorrow</translation>
        </message>
        <message>
            <source>less than a minute</source>
            <translation>less than a minute</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
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
            <translation>today at %1</translation>
        </message>
        <message>
            <source>tomorrow at %1</source>
            <translation>tomorrow at %1</translation>
        </message>
        <message>
            <source>yesterday at %1</source>
            <translation>yesterday at %1</translation>
        </message>
        <message>
            <source>%1 at %2</source>
            <translation>%1 at %2</translation>
        </message>
        <message>
            <source>Nothing to eat or drink until %1</source>
            <translation>Nothing to eat or drink until %1</translation>
        </message>
        <message>
            <source>Nothing to eat or drink until your care team says so</source>
            <translation>Nothing to eat or drink until your care team says so</translation>
        </message>
        <message>
            <source>%1 — to prepare for: %2</source>
            <translation>%1 — to prepare for: %2</translation>
        </message>
        <message>
            <source>%1 — your care team's instruction</source>
            <translation>%1 — your care team's instruction</translation>
        </message>
        <message>
            <source>Sent to the kitchen</source>
            <translation>Sent to the kitchen</translation>
        </message>
        <message>
            <source>Saved — will be sent when the connection is back</source>
            <translation>Saved — will be sent when the connection is back</translation>
        </message>
        <message>
            <source>Not accepted — please ask your nurse</source>
            <translation>Not accepted — please ask your nurse</translation>
        </message>
    </context>
    <context>
        <name>MealsTab</name>
        <message>
            <source>Meals</source>
            <translation>Meals</translation>
        </message>
    </context>
    <context>
        <name>MedicationsTab</name>
        <message>
            <source>○ Upcoming</source>
            <translation>○ Upcoming</translation>
        </message>
        <message>
            <source>● Due</source>
            <translation>● Due</translation>
        </message>
        <message>
            <source>⚠ Late</source>
            <translation>⚠ Late</translation>
        </message>
        <message>
            <source>✕ Missed</source>
            <translation>✕ Missed</translation>
        </message>
        <message>
            <source>✓ Given</source>
            <translation>✓ Given</translation>
        </message>
        <message>
            <source>⊘ Not given</source>
            <translation>⊘ Not given</translation>
        </message>
        <message>
            <source>‖ On hold</source>
            <translation>‖ On hold</translation>
        </message>
        <message numerus="yes">
            <source>%n due now</source>
            <translation>
                <numerusform>%n due now</numerusform>
                <numerusform>%n due now</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n late</source>
            <translation>
                <numerusform>%n late</numerusform>
                <numerusform>%n late</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n missed</source>
            <translation>
                <numerusform>%n missed</numerusform>
                <numerusform>%n missed</numerusform>
            </translation>
        </message>
        <message>
            <source>Prescriptions</source>
            <translation>Prescriptions</translation>
        </message>
        <message>
            <source>Reading the prescriptions…</source>
            <translation>Reading the prescriptions…</translation>
        </message>
        <message>
            <source>The prescriptions could not be read from the cache.</source>
            <translation>The prescriptions could not be read from the cache.</translation>
        </message>
        <message>
            <source>No current prescription.</source>
            <translation>No current prescription.</translation>
        </message>
        <message>
            <source>Current prescriptions</source>
            <translation>Current prescriptions</translation>
        </message>
        <message>
            <source>On hold</source>
            <translation>On hold</translation>
        </message>
        <message>
            <source>◇ As needed</source>
            <translation>◇ As needed</translation>
        </message>
        <message>
            <source>◴ Time-critical</source>
            <translation>◴ Time-critical</translation>
        </message>
        <message>
            <source>As needed for: %1</source>
            <translation>As needed for: %1</translation>
        </message>
        <message>
            <source>Maximum %1</source>
            <translation>Maximum %1</translation>
        </message>
        <message>
            <source>Instruction as prescribed</source>
            <translation>Instruction as prescribed</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>No fixed times: given when needed.</source>
            <translation>No fixed times: given when needed.</translation>
        </message>
        <message>
            <source>morning</source>
            <translation>morning</translation>
        </message>
        <message>
            <source>early morning</source>
            <translation>early morning</translation>
        </message>
        <message>
            <source>late morning</source>
            <translation>late morning</translation>
        </message>
        <message>
            <source>noon</source>
            <translation>noon</translation>
        </message>
        <message>
            <source>afternoon</source>
            <translation>afternoon</translation>
        </message>
        <message>
            <source>early afternoon</source>
            <translation>early afternoon</translation>
        </message>
        <message>
            <source>late afternoon</source>
            <translation>late afternoon</translation>
        </message>
        <message>
            <source>evening</source>
            <translation>evening</translation>
        </message>
        <message>
            <source>early evening</source>
            <translation>early evening</translation>
        </message>
        <message>
            <source>late evening</source>
            <translation>late evening</translation>
        </message>
        <message>
            <source>night</source>
            <translation>night</translation>
        </message>
        <message>
            <source>after sleep</source>
            <translation>after sleep</translation>
        </message>
        <message>
            <source>at bedtime</source>
            <translation>at bedtime</translation>
        </message>
        <message>
            <source>on waking</source>
            <translation>on waking</translation>
        </message>
        <message>
            <source>with meals</source>
            <translation>with meals</translation>
        </message>
        <message>
            <source>with breakfast</source>
            <translation>with breakfast</translation>
        </message>
        <message>
            <source>with lunch</source>
            <translation>with lunch</translation>
        </message>
        <message>
            <source>with dinner</source>
            <translation>with dinner</translation>
        </message>
        <message>
            <source>before meals</source>
            <translation>before meals</translation>
        </message>
        <message>
            <source>before breakfast</source>
            <translation>before breakfast</translation>
        </message>
        <message>
            <source>before lunch</source>
            <translation>before lunch</translation>
        </message>
        <message>
            <source>before dinner</source>
            <translation>before dinner</translation>
        </message>
        <message>
            <source>after meals</source>
            <translation>after meals</translation>
        </message>
        <message>
            <source>after breakfast</source>
            <translation>after breakfast</translation>
        </message>
        <message>
            <source>after lunch</source>
            <translation>after lunch</translation>
        </message>
        <message>
            <source>after dinner</source>
            <translation>after dinner</translation>
        </message>
        <message>
            <source>between meals</source>
            <translation>between meals</translation>
        </message>
        <message>
            <source>between breakfast and lunch</source>
            <translation>between breakfast and lunch</translation>
        </message>
        <message>
            <source>between lunch and dinner</source>
            <translation>between lunch and dinner</translation>
        </message>
        <message>
            <source>between dinner and bedtime</source>
            <translation>between dinner and bedtime</translation>
        </message>
        <message>
            <source>once a day</source>
            <translation>once a day</translation>
        </message>
        <message>
            <source>once a week</source>
            <translation>once a week</translation>
        </message>
        <message>
            <source>once an hour</source>
            <translation>once an hour</translation>
        </message>
        <message>
            <source>once a minute</source>
            <translation>once a minute</translation>
        </message>
        <message>
            <source>once a month</source>
            <translation>once a month</translation>
        </message>
        <message>
            <source>once a year</source>
            <translation>once a year</translation>
        </message>
        <message>
            <source>once a second</source>
            <translation>once a second</translation>
        </message>
        <message>
            <source>twice a day</source>
            <translation>twice a day</translation>
        </message>
        <message numerus="yes">
            <source>%n times a day</source>
            <translation>
                <numerusform>%n time a day</numerusform>
                <numerusform>%n times a day</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a week</source>
            <translation>
                <numerusform>%n time a week</numerusform>
                <numerusform>%n times a week</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times an hour</source>
            <translation>
                <numerusform>%n time an hour</numerusform>
                <numerusform>%n times an hour</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a minute</source>
            <translation>
                <numerusform>%n time a minute</numerusform>
                <numerusform>%n times a minute</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a month</source>
            <translation>
                <numerusform>%n time a month</numerusform>
                <numerusform>%n times a month</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a year</source>
            <translation>
                <numerusform>%n time a year</numerusform>
                <numerusform>%n times a year</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n times a second</source>
            <translation>
                <numerusform>%n time a second</numerusform>
                <numerusform>%n times a second</numerusform>
            </translation>
        </message>
        <message>
            <source>every day</source>
            <translation>every day</translation>
        </message>
        <message>
            <source>every week</source>
            <translation>every week</translation>
        </message>
        <message>
            <source>every hour</source>
            <translation>every hour</translation>
        </message>
        <message>
            <source>every minute</source>
            <translation>every minute</translation>
        </message>
        <message>
            <source>every month</source>
            <translation>every month</translation>
        </message>
        <message>
            <source>every year</source>
            <translation>every year</translation>
        </message>
        <message>
            <source>every second</source>
            <translation>every second</translation>
        </message>
        <message numerus="yes">
            <source>every %n days</source>
            <translation>
                <numerusform>every %n day</numerusform>
                <numerusform>every %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n weeks</source>
            <translation>
                <numerusform>every %n week</numerusform>
                <numerusform>every %n weeks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n hours</source>
            <translation>
                <numerusform>every %n hour</numerusform>
                <numerusform>every %n hours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n minutes</source>
            <translation>
                <numerusform>every %n minute</numerusform>
                <numerusform>every %n minutes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n months</source>
            <translation>
                <numerusform>every %n month</numerusform>
                <numerusform>every %n months</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n years</source>
            <translation>
                <numerusform>every %n year</numerusform>
                <numerusform>every %n years</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n seconds</source>
            <translation>
                <numerusform>every %n second</numerusform>
                <numerusform>every %n seconds</numerusform>
            </translation>
        </message>
        <message>
            <source>by mouth</source>
            <translation>by mouth</translation>
        </message>
        <message>
            <source>intravenous</source>
            <translation>intravenous</translation>
        </message>
        <message>
            <source>subcutaneous</source>
            <translation>subcutaneous</translation>
        </message>
        <message>
            <source>intramuscular</source>
            <translation>intramuscular</translation>
        </message>
        <message>
            <source>inhaled</source>
            <translation>inhaled</translation>
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
            <translation>on the skin</translation>
        </message>
        <message>
            <source>transdermal patch</source>
            <translation>transdermal patch</translation>
        </message>
        <message>
            <source>under the tongue</source>
            <translation>under the tongue</translation>
        </message>
        <message>
            <source>once</source>
            <translation>once</translation>
        </message>
        <message numerus="yes">
            <source>%n times</source>
            <translation>
                <numerusform>%n time</numerusform>
                <numerusform>%n times</numerusform>
            </translation>
        </message>
        <message>
            <source>seconds</source>
            <translation>seconds</translation>
        </message>
        <message>
            <source>minutes</source>
            <translation>minutes</translation>
        </message>
        <message>
            <source>hours</source>
            <translation>hours</translation>
        </message>
        <message>
            <source>days</source>
            <translation>days</translation>
        </message>
        <message>
            <source>weeks</source>
            <translation>weeks</translation>
        </message>
        <message>
            <source>months</source>
            <translation>months</translation>
        </message>
        <message>
            <source>years</source>
            <translation>years</translation>
        </message>
        <message>
            <source>every %1 %2</source>
            <translation>every %1 %2</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <translation>%1 %2</translation>
        </message>
        <message>
            <source>at most %1</source>
            <translation>at most %1</translation>
        </message>
        <message>
            <source>at %1</source>
            <translation>at %1</translation>
        </message>
        <message>
            <source>on %1</source>
            <translation>on %1</translation>
        </message>
    </context>
    <context>
        <name>PatientDisplay</name>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>Text size</translation>
        </message>
        <message>
            <source>Contrast</source>
            <translation>Contrast</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>Large</source>
            <translation>Large</translation>
        </message>
        <message>
            <source>Very large</source>
            <translation>Very large</translation>
        </message>
        <message>
            <source>Text size: %1</source>
            <translation>Text size: %1</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>Standard</translation>
        </message>
        <message>
            <source>Standard contrast</source>
            <translation>Standard contrast</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>High contrast</translation>
        </message>
        <message>
            <source>The tablet keeps these choices until you leave this bed.</source>
            <translation>The tablet keeps these choices until you leave this bed.</translation>
        </message>
    </context>
    <context>
        <name>PatientHome</name>
        <message>
            <source>My meals</source>
            <translation>My meals</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>Your diet has not been set yet. Please ask your nurse.</source>
            <translation>Your diet has not been set yet. Please ask your nurse.</translation>
        </message>
        <message>
            <source>nothing to eat</source>
            <translation>nothing to eat</translation>
        </message>
        <message>
            <source>chosen</source>
            <translation>chosen</translation>
        </message>
        <message>
            <source>choose by %1</source>
            <translation>choose by %1</translation>
        </message>
        <message>
            <source>choices closed</source>
            <translation>choices closed</translation>
        </message>
        <message>
            <source>Tap here to choose your meals.</source>
            <translation>Tap here to choose your meals.</translation>
        </message>
        <message>
            <source>Nothing to choose right now.</source>
            <translation>Nothing to choose right now.</translation>
        </message>
        <message>
            <source>My day</source>
            <translation>My day</translation>
        </message>
        <message>
            <source>No appointments today or tomorrow.</source>
            <translation>No appointments today or tomorrow.</translation>
        </message>
        <message>
            <source>Tap here to see your meal times.</source>
            <translation>Tap here to see your meal times.</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Appointment</translation>
        </message>
        <message>
            <source>Start fasting</source>
            <translation>Start fasting</translation>
        </message>
        <message>
            <source>Preparation: %1</source>
            <translation>Preparation: %1</translation>
        </message>
        <message>
            <source>nothing to eat or drink from %1</source>
            <translation>nothing to eat or drink from %1</translation>
        </message>
    </context>
    <context>
        <name>PatientSchedule</name>
        <message>
            <source>Nothing to eat or drink until your care team says so</source>
            <translation>Nothing to eat or drink until your care team says so</translation>
        </message>
        <message>
            <source>Nothing to eat or drink until %1</source>
            <translation>Nothing to eat or drink until %1</translation>
        </message>
        <message>
            <source>Your choice: %1</source>
            <translation>Your choice: %1</translation>
        </message>
        <message>
            <source>No dish chosen yet</source>
            <translation>No dish chosen yet</translation>
        </message>
        <message>
            <source>Start fasting: nothing to eat or drink</source>
            <translation>Start fasting: nothing to eat or drink</translation>
        </message>
        <message>
            <source>To prepare for: %1</source>
            <translation>To prepare for: %1</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Appointment</translation>
        </message>
        <message>
            <source>Until %1</source>
            <translation>Until %1</translation>
        </message>
        <message>
            <source>Where: %1</source>
            <translation>Where: %1</translation>
        </message>
        <message>
            <source>With: %1</source>
            <translation>With: %1</translation>
        </message>
        <message>
            <source>To prepare: %1</source>
            <translation>To prepare: %1</translation>
        </message>
        <message>
            <source>My day</source>
            <translation>My day</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>Times can change. Your nurse will tell you if they do.</source>
            <translation>Times can change. Your nurse will tell you if they do.</translation>
        </message>
        <message>
            <source>Nothing planned.</source>
            <translation>Nothing planned.</translation>
        </message>
    </context>
    <context>
        <name>PatientWindow</name>
        <message>
            <source>Home</source>
            <translation>Home</translation>
        </message>
        <message>
            <source>Meals</source>
            <translation>Meals</translation>
        </message>
        <message>
            <source>My day</source>
            <translation>My day</translation>
        </message>
        <message>
            <source>Language and text size</source>
            <translation>Language and text size</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>Staff</translation>
        </message>
        <message>
            <source>Staff sign-in</source>
            <translation>Staff sign-in</translation>
        </message>
        <message>
            <source>This bed is ready for its next patient</source>
            <translation>This bed is ready for its next patient</translation>
        </message>
        <message>
            <source>When you are admitted to this bed, this screen will show your meals and your day. Staff can sign in below.</source>
            <translation>When you are admitted to this bed, this screen will show your meals and your day. Staff can sign in below.</translation>
        </message>
        <message>
            <source>Good morning, %1</source>
            <translation>Good morning, %1</translation>
        </message>
        <message>
            <source>Good afternoon, %1</source>
            <translation>Good afternoon, %1</translation>
        </message>
        <message>
            <source>Good evening, %1</source>
            <translation>Good evening, %1</translation>
        </message>
        <message>
            <source>No connection · information as of %1</source>
            <translation>No connection · information as of %1</translation>
        </message>
        <message>
            <source>Information as of %1</source>
            <translation>Information as of %1</translation>
        </message>
        <message>
            <source>Time: %1</source>
            <translation>Time: %1</translation>
        </message>
    </context>
    <context>
        <name>ResultsTab</name>
        <message>
            <source>no value</source>
            <translation>no value</translation>
        </message>
        <message>
            <source>✓ Normal</source>
            <translation>✓ Normal</translation>
        </message>
        <message>
            <source>↓ Low</source>
            <translation>↓ Low</translation>
        </message>
        <message>
            <source>↑ High</source>
            <translation>↑ High</translation>
        </message>
        <message>
            <source>⚠ Critically low</source>
            <translation>⚠ Critically low</translation>
        </message>
        <message>
            <source>⚠ Critically high</source>
            <translation>⚠ Critically high</translation>
        </message>
        <message>
            <source>! Abnormal</source>
            <translation>! Abnormal</translation>
        </message>
        <message>
            <source>⚠ Critical</source>
            <translation>⚠ Critical</translation>
        </message>
        <message>
            <source>%1 (from the range)</source>
            <translation>%1 (from the range)</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>Registered</translation>
        </message>
        <message>
            <source>Partial</source>
            <translation>Partial</translation>
        </message>
        <message>
            <source>Preliminary</source>
            <translation>Preliminary</translation>
        </message>
        <message>
            <source>Final</source>
            <translation>Final</translation>
        </message>
        <message>
            <source>Amended</source>
            <translation>Amended</translation>
        </message>
        <message>
            <source>Corrected</source>
            <translation>Corrected</translation>
        </message>
        <message>
            <source>Appended</source>
            <translation>Appended</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <source>Entered in error</source>
            <translation>Entered in error</translation>
        </message>
        <message>
            <source>Status unknown</source>
            <translation>Status unknown</translation>
        </message>
        <message>
            <source>✓ Acknowledged by %1 at %2</source>
            <translation>✓ Acknowledged by %1 at %2</translation>
        </message>
        <message>
            <source>✓ Acknowledged at %1</source>
            <translation>✓ Acknowledged at %1</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>Results</translation>
        </message>
        <message>
            <source>Reading the results…</source>
            <translation>Reading the results…</translation>
        </message>
        <message>
            <source>The results could not be read from the cache.</source>
            <translation>The results could not be read from the cache.</translation>
        </message>
        <message>
            <source>Recording the acknowledgement…</source>
            <translation>Recording the acknowledgement…</translation>
        </message>
        <message>
            <source>✓ Acknowledgement recorded.</source>
            <translation>✓ Acknowledgement recorded.</translation>
        </message>
        <message>
            <source>⚠ The acknowledgement could not be recorded. Try again.</source>
            <translation>⚠ The acknowledgement could not be recorded. Try again.</translation>
        </message>
        <message>
            <source>No laboratory results in the cache.</source>
            <translation>No laboratory results in the cache.</translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n critical result(s) to acknowledge</source>
            <translation>
                <numerusform>⚠ %n critical result to acknowledge</numerusform>
                <numerusform>⚠ %n critical results to acknowledge</numerusform>
            </translation>
        </message>
        <message>
            <source>Other results</source>
            <translation>Other results</translation>
        </message>
        <message>
            <source>Taken %1</source>
            <translation>Taken %1</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Test</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>Normal range</source>
            <translation>Normal range</translation>
        </message>
        <message>
            <source>Interpretation</source>
            <translation>Interpretation</translation>
        </message>
        <message>
            <source>Acknowledge</source>
            <translation>Acknowledge</translation>
        </message>
        <message>
            <source>Acknowledge the critical result %1</source>
            <translation>Acknowledge the critical result %1</translation>
        </message>
    </context>
    <context>
        <name>StaffWindow</name>
        <message>
            <source>← Board</source>
            <translation>← Board</translation>
        </message>
        <message>
            <source>Back to the ward board</source>
            <translation>Back to the ward board</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>Lock</translation>
        </message>
        <message>
            <source>Lock the screen</source>
            <translation>Lock the screen</translation>
        </message>
        <message>
            <source>Patient screen</source>
            <translation>Patient screen</translation>
        </message>
        <message>
            <source>Lock and return to the patient screen</source>
            <translation>Lock and return to the patient screen</translation>
        </message>
        <message>
            <source>← Chart</source>
            <translation>← Chart</translation>
        </message>
        <message>
            <source>Back to the patient chart</source>
            <translation>Back to the patient chart</translation>
        </message>
        <message>
            <source>Synchronisation</source>
            <translation>Synchronisation</translation>
        </message>
        <message>
            <source>Patient chart</source>
            <translation>Patient chart</translation>
        </message>
        <message>
            <source>Ward board</source>
            <translation>Ward board</translation>
        </message>
        <message>
            <source>The sign-in could not be checked. Try again.</source>
            <translation>The sign-in could not be checked. Try again.</translation>
        </message>
        <message>
            <source>Locked after a while without use.</source>
            <translation>Locked after a while without use.</translation>
        </message>
        <message>
            <source>Locked: another badge was read.</source>
            <translation>Locked: another badge was read.</translation>
        </message>
    </context>
    <context>
        <name>SyncBadge</name>
        <message>
            <source>Connecting…</source>
            <translation>Connecting…</translation>
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
            <translation>data as of %1</translation>
        </message>
        <message>
            <source>not yet synchronised</source>
            <translation>not yet synchronised</translation>
        </message>
        <message numerus="yes">
            <source>%n to upload</source>
            <translation>
                <numerusform>%n to upload</numerusform>
                <numerusform>%n to upload</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n conflict(s)</source>
            <translation>
                <numerusform>⚠ %n conflict</numerusform>
                <numerusform>⚠ %n conflicts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n rejected</source>
            <translation>
                <numerusform>⚠ %n rejected</numerusform>
                <numerusform>⚠ %n rejected</numerusform>
            </translation>
        </message>
        <message>
            <source>Observation</source>
            <translation>Observation</translation>
        </message>
        <message>
            <source>Access record</source>
            <translation>Access record</translation>
        </message>
        <message>
            <source>Acknowledgement</source>
            <translation>Acknowledgement</translation>
        </message>
        <message>
            <source>Meal order</source>
            <translation>Meal order</translation>
        </message>
        <message>
            <source>Administration</source>
            <translation>Administration</translation>
        </message>
        <message>
            <source>Synchronisation: %1</source>
            <translation>Synchronisation: %1</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <source>Waiting (%1)</source>
            <translation>Waiting (%1)</translation>
        </message>
        <message>
            <source>Conflicts (%1)</source>
            <translation>Conflicts (%1)</translation>
        </message>
        <message>
            <source>Rejected (%1)</source>
            <translation>Rejected (%1)</translation>
        </message>
        <message>
            <source>Lists of changes</source>
            <translation>Lists of changes</translation>
        </message>
        <message>
            <source>Last problem: %1</source>
            <translation>Last problem: %1</translation>
        </message>
        <message>
            <source>Nothing is waiting: every change has reached the EHR.</source>
            <translation>Nothing is waiting: every change has reached the EHR.</translation>
        </message>
        <message>
            <source>No conflicts.</source>
            <translation>No conflicts.</translation>
        </message>
        <message>
            <source>No rejected changes.</source>
            <translation>No rejected changes.</translation>
        </message>
        <message>
            <source>Keep the tablet's version</source>
            <translation>Keep the tablet's version</translation>
        </message>
        <message>
            <source>Take the EHR's version</source>
            <translation>Take the EHR's version</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Try again</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Discard</translation>
        </message>
        <message>
            <source>The EHR deleted this record meanwhile.</source>
            <translation>The EHR deleted this record meanwhile.</translation>
        </message>
        <message>
            <source>Element</source>
            <translation>Element</translation>
        </message>
        <message>
            <source>On this tablet</source>
            <translation>On this tablet</translation>
        </message>
        <message>
            <source>On the EHR</source>
            <translation>On the EHR</translation>
        </message>
    </context>
    <context>
        <name>VitalsPad</name>
        <message>
            <source>Heart rate</source>
            <translation>Heart rate</translation>
        </message>
        <message>
            <source>Respiratory rate</source>
            <translation>Respiratory rate</translation>
        </message>
        <message>
            <source>SpO2</source>
            <translation>SpO2</translation>
        </message>
        <message>
            <source>Oxygen flow</source>
            <translation>Oxygen flow</translation>
        </message>
        <message>
            <source>Systolic pressure</source>
            <translation>Systolic pressure</translation>
        </message>
        <message>
            <source>Diastolic pressure</source>
            <translation>Diastolic pressure</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>Temperature</translation>
        </message>
        <message>
            <source>Consciousness</source>
            <translation>Consciousness</translation>
        </message>
        <message>
            <source>Pain</source>
            <translation>Pain</translation>
        </message>
        <message>
            <source>Enter at least one value.</source>
            <translation>Enter at least one value.</translation>
        </message>
        <message>
            <source>These values do not fit together.</source>
            <translation>These values do not fit together.</translation>
        </message>
        <message>
            <source>%1 %2 is not plausible (%3–%4)</source>
            <translation>%1 %2 is not plausible (%3–%4)</translation>
        </message>
        <message>
            <source>%1 %2 is unusual (usually %3–%4): check it</source>
            <translation>%1 %2 is unusual (usually %3–%4): check it</translation>
        </message>
        <message>
            <source>Enter both systolic and diastolic pressure.</source>
            <translation>Enter both systolic and diastolic pressure.</translation>
        </message>
        <message>
            <source>Diastolic must be lower than systolic.</source>
            <translation>Diastolic must be lower than systolic.</translation>
        </message>
        <message>
            <source>A flow needs Oxygen selected.</source>
            <translation>A flow needs Oxygen selected.</translation>
        </message>
        <message>
            <source>Enter the oxygen flow.</source>
            <translation>Enter the oxygen flow.</translation>
        </message>
        <message>
            <source>Enter the SpO2 measured on air or oxygen.</source>
            <translation>Enter the SpO2 measured on air or oxygen.</translation>
        </message>
        <message>
            <source>Choose Air or Oxygen for this SpO2.</source>
            <translation>Choose Air or Oxygen for this SpO2.</translation>
        </message>
        <message>
            <source>%1 does not fit with the other values.</source>
            <translation>%1 does not fit with the other values.</translation>
        </message>
        <message>
            <source>NEWS2 preview: %1 — %2</source>
            <translation>NEWS2 preview: %1 — %2</translation>
        </message>
        <message numerus="yes">
            <source>(%n parameter(s) missing)</source>
            <translation>
                <numerusform>(%n parameter missing)</numerusform>
                <numerusform>(%n parameters missing)</numerusform>
            </translation>
        </message>
        <message>
            <source>Record vital signs</source>
            <translation>Record vital signs</translation>
        </message>
        <message>
            <source>beats/min</source>
            <translation>beats/min</translation>
        </message>
        <message>
            <source>breaths/min</source>
            <translation>breaths/min</translation>
        </message>
        <message>
            <source>Breathing</source>
            <translation>Breathing</translation>
        </message>
        <message>
            <source>Air</source>
            <translation>Air</translation>
        </message>
        <message>
            <source>Oxygen</source>
            <translation>Oxygen</translation>
        </message>
        <message>
            <source>L/min</source>
            <translation>L/min</translation>
        </message>
        <message>
            <source>Blood pressure</source>
            <translation>Blood pressure</translation>
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
            <translation>Consciousness (ACVPU)</translation>
        </message>
        <message>
            <source>Pain (0 = none, 10 = worst imaginable)</source>
            <translation>Pain (0 = none, 10 = worst imaginable)</translation>
        </message>
        <message>
            <source>Heart rate, beats per minute</source>
            <translation>Heart rate, beats per minute</translation>
        </message>
        <message>
            <source>Respiratory rate, breaths per minute</source>
            <translation>Respiratory rate, breaths per minute</translation>
        </message>
        <message>
            <source>SpO2, percent</source>
            <translation>SpO2, percent</translation>
        </message>
        <message>
            <source>Oxygen flow, litres per minute</source>
            <translation>Oxygen flow, litres per minute</translation>
        </message>
        <message>
            <source>Systolic pressure, mmHg</source>
            <translation>Systolic pressure, mmHg</translation>
        </message>
        <message>
            <source>Diastolic pressure, mmHg</source>
            <translation>Diastolic pressure, mmHg</translation>
        </message>
        <message>
            <source>Temperature, degrees Celsius</source>
            <translation>Temperature, degrees Celsius</translation>
        </message>
        <message>
            <source>Pain %1</source>
            <translation>Pain %1</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Save anyway</source>
            <translation>Save anyway</translation>
        </message>
        <message>
            <source>Not saved: the tablet could not write to its cache. Try again.</source>
            <translation>Not saved: the tablet could not write to its cache. Try again.</translation>
        </message>
        <message>
            <source>Some values are unusual. Check them; if they are right, tap Save anyway.</source>
            <translation>Some values are unusual. Check them; if they are right, tap Save anyway.</translation>
        </message>
        <message>
            <source>Not saved: correct the values marked in red.</source>
            <translation>Not saved: correct the values marked in red.</translation>
        </message>
        <message>
            <source>NEWS2 preview: type the values</source>
            <translation>NEWS2 preview: type the values</translation>
        </message>
    </context>
    <context>
        <name>VitalsTab</name>
        <message>
            <source>✓ Low</source>
            <translation>✓ Low</translation>
        </message>
        <message>
            <source>! Low–medium</source>
            <translation>! Low–medium</translation>
        </message>
        <message>
            <source>▲ Medium</source>
            <translation>▲ Medium</translation>
        </message>
        <message>
            <source>⚠ High</source>
            <translation>⚠ High</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Alert</translation>
        </message>
        <message>
            <source>New confusion</source>
            <translation>New confusion</translation>
        </message>
        <message>
            <source>Responds to voice</source>
            <translation>Responds to voice</translation>
        </message>
        <message>
            <source>Responds to pain</source>
            <translation>Responds to pain</translation>
        </message>
        <message>
            <source>Unresponsive</source>
            <translation>Unresponsive</translation>
        </message>
        <message>
            <source>Respiratory rate</source>
            <translation>Respiratory rate</translation>
        </message>
        <message>
            <source>SpO2</source>
            <translation>SpO2</translation>
        </message>
        <message>
            <source>Air or oxygen</source>
            <translation>Air or oxygen</translation>
        </message>
        <message>
            <source>Systolic pressure</source>
            <translation>Systolic pressure</translation>
        </message>
        <message>
            <source>Pulse</source>
            <translation>Pulse</translation>
        </message>
        <message>
            <source>Consciousness</source>
            <translation>Consciousness</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>Temperature</translation>
        </message>
        <message>
            <source>Air</source>
            <translation>Air</translation>
        </message>
        <message>
            <source>Oxygen</source>
            <translation>Oxygen</translation>
        </message>
        <message>
            <source>Oxygen %1 L/min</source>
            <translation>Oxygen %1 L/min</translation>
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
            <translation>just now</translation>
        </message>
        <message>
            <source>%1 min ago</source>
            <translation>%1 min ago</translation>
        </message>
        <message>
            <source>%1 h %2 min ago</source>
            <translation>%1 h %2 min ago</translation>
        </message>
        <message>
            <source>at %1, %2</source>
            <translation>at %1, %2</translation>
        </message>
        <message>
            <source>Vital signs</source>
            <translation>Vital signs</translation>
        </message>
        <message>
            <source>Latest NEWS2</source>
            <translation>Latest NEWS2</translation>
        </message>
        <message>
            <source>Record vital signs</source>
            <translation>Record vital signs</translation>
        </message>
        <message>
            <source>Trends</source>
            <translation>Trends</translation>
        </message>
        <message>
            <source>Shaded: NEWS2</source>
            <translation>Shaded: NEWS2</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 h</translation>
        </message>
        <message>
            <source>Show the last %1 hours</source>
            <translation>Show the last %1 hours</translation>
        </message>
        <message>
            <source>Recent rounds</source>
            <translation>Recent rounds</translation>
        </message>
        <message>
            <source>Recent rounds, newest first</source>
            <translation>Recent rounds, newest first</translation>
        </message>
        <message>
            <source>Column headings</source>
            <translation>Column headings</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>NEWS2</source>
            <translation>NEWS2</translation>
        </message>
        <message>
            <source>Resp.</source>
            <translation>Resp.</translation>
        </message>
        <message>
            <source>O2 L/min</source>
            <translation>O2 L/min</translation>
        </message>
        <message>
            <source>BP</source>
            <translation>BP</translation>
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
            <translation>Pain</translation>
        </message>
        <message>
            <source>trend over the last %1 hours</source>
            <translation>trend over the last %1 hours</translation>
        </message>
        <message>
            <source>Heart rate</source>
            <translation>Heart rate</translation>
        </message>
        <message>
            <source>/min</source>
            <translation>/min</translation>
        </message>
        <message>
            <source>SpO2 (scale 2) — ■ on oxygen</source>
            <translation>SpO2 (scale 2) — ■ on oxygen</translation>
        </message>
        <message>
            <source>SpO2 — ■ on oxygen</source>
            <translation>SpO2 — ■ on oxygen</translation>
        </message>
        <message>
            <source>Blood pressure — ● systolic, ▼ diastolic</source>
            <translation>Blood pressure — ● systolic, ▼ diastolic</translation>
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
            <translation>NEWS2 total — ■ incomplete round</translation>
        </message>
        <message>
            <source>points</source>
            <translation>points</translation>
        </message>
        <message>
            <source>Reading vital signs…</source>
            <translation>Reading vital signs…</translation>
        </message>
        <message>
            <source>No vital signs recorded in the last 72 hours.</source>
            <translation>No vital signs recorded in the last 72 hours.</translation>
        </message>
        <message>
            <source>The vital signs could not be read from the cache.</source>
            <translation>The vital signs could not be read from the cache.</translation>
        </message>
        <message>
            <source>No NEWS2 in the last 72 hours.</source>
            <translation>No NEWS2 in the last 72 hours.</translation>
        </message>
        <message>
            <source>NEWS2 total %1</source>
            <translation>NEWS2 total %1</translation>
        </message>
        <message numerus="yes">
            <source>incomplete: %n parameter(s) not measured</source>
            <translation>
                <numerusform>incomplete: %n parameter not measured</numerusform>
                <numerusform>incomplete: %n parameters not measured</numerusform>
            </translation>
        </message>
        <message>
            <source>SpO2 scale 2</source>
            <translation>SpO2 scale 2</translation>
        </message>
        <message>
            <source>⚠ older than 24 h</source>
            <translation>⚠ older than 24 h</translation>
        </message>
        <message>
            <source>not measured</source>
            <translation>not measured</translation>
        </message>
        <message numerus="yes">
            <source>✓ %n value(s) saved and sent to the EHR.</source>
            <translation>
                <numerusform>✓ %n value saved and sent to the EHR.</numerusform>
                <numerusform>✓ %n values saved and sent to the EHR.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n value(s) saved here, but the EHR refused them: see Synchronisation.</source>
            <translation>
                <numerusform>⚠ %n value saved here, but the EHR refused it: see Synchronisation.</numerusform>
                <numerusform>⚠ %n values saved here, but the EHR refused them: see Synchronisation.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>✓ %n value(s) saved on this tablet — they will be sent to the EHR when connected.</source>
            <translation>
                <numerusform>✓ %n value saved on this tablet — it will be sent to the EHR when connected.</numerusform>
                <numerusform>✓ %n values saved on this tablet — they will be sent to the EHR when connected.</numerusform>
            </translation>
        </message>
    </context>
</TS>