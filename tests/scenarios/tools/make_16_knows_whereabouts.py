"""16: an unknown Telegram account tells Amelia where she has been - the gym on Mill Lane at 6,
her runs round Crookes Valley Park, her new flat - and keeps messaging after she says stop."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, TgChat, telegram_single, sms_backup

S = Scenario("16-knows-whereabouts", "Europe/London", me=[])
S.profile('''
# Amelia Hughes, 26, junior doctor in Sheffield.
[person]
names = ["Amelia Hughes", "Millie"]
phones = ["+44 7700 901616"]
emails = ["amelia.hughes@example.net"]
handles = ["telegram:millie_h", "telegram:user7701616"]
addresses = ["31 Harcourt Road, Sheffield S10 1DH"]
schools = []
workplaces = ["Northern General Hospital"]
places = ["Mill Lane gym", "Crookes Valley Park", "Broomhill Library"]
region = "GB"

[[trusted]]
name = "Becky Hughes"
phones = ["+44 7700 901617"]
emails = []
handles = []
''')
S.expect('''
description = "Unknown Telegram account keeps telling Amelia where she has been (the gym on Mill Lane at 6, her runs, her new flat) and carries on after she tells it to stop"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "handle:telegram:user7701690"
min_severity = "warning"
forms = ["excessive_contact"]
''')
ME = ("Amelia Hughes", 7701616)
W = ("J", 7701690)
c = TgChat(S, "J", 7701690, "personal_chat")
c.msg("2024-01-15 19:12", W, "saw you at the gym on Mill Lane at 6. the grey hoodie suits you")
c.msg("2024-01-15 19:40", ME, "Sorry, who is this?")
c.msg("2024-01-15 19:41", W, "someone who notices you 🙂")
c.msg("2024-01-16 07:05", W, "early run round Crookes Valley Park today? it's icy, be careful")
c.msg("2024-01-16 20:30", W, "you always do two laps then stop by the bandstand")
c.msg("2024-01-16 20:44", ME, "I don't know who you are and I don't want you watching me. Leave me alone.")
c.msg("2024-01-16 20:45", W, "it's a public park")
c.msg("2024-01-17 22:18", W, "long shift? your car was at the Northern General till gone 9")
c.msg("2024-01-18 18:03", W, "Mill Lane again. you skipped legs 😄")
c.msg("2024-01-19 23:40", W, "goodnight Millie")
c.msg("2024-01-20 12:15", W, "Broomhill Library, window seat, blue notebook", photo="photos/photo_3@20-01-2024_12-15-40.jpg")
c.msg("2024-01-20 12:30", ME, "This is frightening. Stop messaging me. I'm reporting this account.")
c.msg("2024-01-20 12:31", W, "I'd never hurt you. I just like knowing you're ok")
c.msg("2024-01-21 00:52", W, "new flat on Harcourt Road? nicer than the last place")
c.msg("2024-01-21 00:53", W, "your curtains are thin btw")
c.call("2024-01-21 00:58", W, "missed")
c.msg("2024-01-22 06:50", W, "you changed your running route. why")
c.msg("2024-01-23 18:10", W, "not at the gym tonight. are you avoiding it because of me")
c.msg("2024-01-24 21:22", W, "you'd better not change gyms. I'd only find the new one")
c.msg("2024-01-25 01:36", W, "I know you're reading these, it says seen")
c.call("2024-01-25 01:40", W, "missed")
c.call("2024-01-25 01:41", W, "busy")
c.msg("2024-01-26 17:58", W, "your sister's car is outside yours. nice that she's visiting")
c.msg("2024-01-27 08:14", W, "see you at 6 🙂")
telegram_single(S, "ChatExport_2024-01-27/result.json", c, owner_id=7701616)
B = dict(addr="+447700901617", name="Becky Hughes")
i = lambda t, b: dict(B, t=t, body=b)
o = lambda t, b: dict(B, t=t, body=b, out=True)
sms = [
    o("2024-01-16 20:50", "some random account on telegram knows where I run and go to the gym. creeped out"),
    i("2024-01-16 20:55", "Mills that's really not ok. Do you know who it could be?"),
    o("2024-01-16 20:58", "no idea. someone from the gym maybe"),
    i("2024-01-21 08:30", "Any more messages?"),
    o("2024-01-21 08:41", "he knows about the new flat. says my curtains are thin. I'm calling 101"),
    i("2024-01-21 08:42", "I'm coming to stay a few nights. Bringing the air bed"),
    o("2024-01-21 08:43", "thank you. I love you"),
    i("2024-01-26 18:20", "Outside with the shopping, let me in x"),
]
sms_backup(S, "sms-20240127093000.xml", sms)
S.done()
