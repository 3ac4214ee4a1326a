"""32 (negative): bank one-time codes (some after midnight), card alerts, GP, dentist and
optician reminders by SMS; George confirms an appointment by reply."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup

S = Scenario("32-bank-codes-and-reminders", "Europe/London", me=[])
S.profile('''
# George Allen, 52, surveyor in Exeter.
[person]
names = ["George Allen"]
phones = ["+44 7700 903232"]
emails = ["george.allen@example.net"]
handles = []
addresses = ["4 Longbrook Street, Exeter EX4 6AH"]
schools = []
workplaces = ["Allen & Pike Surveyors"]
places = ["Northernhay Gardens"]
region = "GB"
''')
S.expect('''
description = "Bank one-time codes (some after midnight), card alerts and GP, dentist and optician reminders by SMS; George confirms one by reply. Routine, harmless"
kind = "negative"
tz = "Europe/London"
max_severity = "watch"
''')
BK = dict(addr="HARBOURBNK", name="(Unknown)")
GP = dict(addr="StLeonards", name="(Unknown)")
DN = dict(addr="+447700903250", name="Exe Bridge Dental")
OP = dict(addr="VISIONPLUS", name="(Unknown)")
WF = dict(addr="+447700903233", name="Ruth")
i = lambda who, t, b: dict(who, t=t, body=b)
o = lambda who, t, b: dict(who, t=t, body=b, out=True)
sms = [
    i(BK, "2024-02-01 19:02", "Harbour Bank: 482 913 is your code to log in. Never share this code. We will never call to ask for it."),
    i(BK, "2024-02-01 19:05", "Harbour Bank: new payee Exeter Roofing Ltd added. Not you? Call the number on the back of your card."),
    i(BK, "2024-02-03 00:41", "Harbour Bank: 105 377 is your code to approve a payment of £64.99 to EASYJET. Never share this code."),
    i(BK, "2024-02-03 00:43", "Harbour Bank: 228 604 is your code to approve a payment of £64.99 to EASYJET. Never share this code."),
    i(GP, "2024-02-05 09:00", "St Leonards Surgery: reminder of your appointment with Dr Mensah on Thu 8 Feb at 10:20. To cancel reply via https://stleonards-surgery.example.nhs.uk/appointments"),
    i(DN, "2024-02-06 11:30", "Exe Bridge Dental: your check-up is on Mon 12 Feb at 08:45. Reply C to confirm or call 01392 000111 to rearrange."),
    o(DN, "2024-02-06 12:02", "C"),
    i(DN, "2024-02-06 12:02", "Thank you, your appointment is confirmed. See you on Monday."),
    i(BK, "2024-02-07 13:14", "Harbour Bank: card ending 4471 was used for £23.40 at WAITROSE EXETER. Not you? Freeze your card in the app."),
    i(GP, "2024-02-07 17:00", "St Leonards Surgery: tomorrow 10:20 with Dr Mensah. Please arrive 5 minutes early."),
    i(BK, "2024-02-10 23:58", "Harbour Bank: 661 042 is your code to log in. Never share this code."),
    i(BK, "2024-02-11 00:02", "Harbour Bank: 903 158 is your code to log in. Never share this code."),
    i(WF, "2024-02-11 00:05", "Are you still on the banking app? Come to bed x"),
    o(WF, "2024-02-11 00:06", "locked myself out twice. sorted now, coming up"),
    i(DN, "2024-02-11 10:00", "Exe Bridge Dental: see you tomorrow at 08:45."),
    i(OP, "2024-02-14 10:15", "VisionPlus Exeter: your glasses are ready to collect. Opening hours: https://visionplus.example.co.uk/exeter"),
    i(BK, "2024-02-16 08:30", "Harbour Bank: your statement is ready to view in the app."),
    i(BK, "2024-02-19 18:20", "Harbour Bank: 774 201 is your code to set up Harbour Bank on a new device. If this wasn't you, call us now on the number on the back of your card."),
    o(WF, "2024-02-19 18:25", "new phone works. the bank made me do about 6 codes"),
    i(WF, "2024-02-19 18:26", "welcome to the future 😂"),
    i(GP, "2024-02-22 09:00", "St Leonards Surgery: your blood test results are back and no further action is needed. Dr Mensah."),
    i(OP, "2024-02-24 09:00", "VisionPlus Exeter: reminder, your glasses are still waiting for you."),
    i(BK, "2024-02-27 12:05", "Harbour Bank: direct debit to EXETER CITY COUNCIL of £186.00 will be taken on 1 Mar."),
    i(BK, "2024-02-29 01:12", "Harbour Bank: 390 815 is your code to log in. Never share this code."),
]
sms_backup(S, "sms-20240301080000.xml", sms)
S.done()
