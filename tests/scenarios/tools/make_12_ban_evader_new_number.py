"""12: Hannah blocked Kyle's number (listed under [blocked]); he comes back from a new number,
says who he is, and carries on texting and calling, mostly at night."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup, calls_backup

S = Scenario("12-ban-evader-new-number", "Europe/London", me=[])
S.profile('''
# Hannah Wright, 27, primary-school teacher in Bristol.
[person]
names = ["Hannah Wright"]
phones = ["+44 7700 901212"]
emails = ["hannah.wright@example.com"]
handles = ["instagram:hannahwrightx", "whatsapp:Hannah Wright"]
addresses = ["22 Chelsea Road, Easton, Bristol BS5 6AS"]
schools = []
workplaces = ["St Werburgh's Primary School"]
places = ["Eastville Park", "Easton Leisure Centre"]
region = "GB"

[[trusted]]
name = "Mum"
phones = ["+44 7700 901213"]
emails = []
handles = []

[[trusted]]
name = "Josie"
phones = ["+44 7700 901214"]
emails = []
handles = []

# Kyle Mercer's old number, blocked in March.
[blocked]
phones = ["+44 7700 900876"]
''')
S.expect('''
description = "Blocked ex-boyfriend comes back from a new number, says it is him ('new sim, same me - K'), and keeps texting and calling at night after being told to stop"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "phone:+447700900877"
min_severity = "warning"
forms = ["excessive_contact"]
''')
K = dict(addr="+447700900877", name="(Unknown)")
J = dict(addr="+447700901214", name="Josie")
M = dict(addr="+447700901213", name="Mum")
i = lambda who, t, b: dict(who, t=t, body=b)
o = lambda who, t, b: dict(who, t=t, body=b, out=True)
sms = [
    i(J, "2024-04-12 18:02", "pub tomorrow? the Plough, 8ish"),
    o(J, "2024-04-12 18:10", "yes please. need it"),
    i(K, "2024-04-13 23:47", "you can block me all you want. new sim, same me. K"),
    i(K, "2024-04-13 23:48", "did you really think 07700 900876 was my only number"),
    o(K, "2024-04-14 09:05", "Kyle I blocked you for a reason. Do not contact me."),
    i(K, "2024-04-14 09:06", "there she is"),
    i(K, "2024-04-14 09:06", "a reason? go on then, name one"),
    i(K, "2024-04-14 22:31", "you looked happy at the Plough last night. who was the guy in the green jacket"),
    i(K, "2024-04-15 00:12", "not answering won't make me stop. it never has"),
    i(J, "2024-04-15 08:20", "Han is that him from a new number?? screenshot it"),
    o(J, "2024-04-15 08:25", "yeah. same old. says he saw us at the Plough"),
    i(J, "2024-04-15 08:26", "wtf. tell the police, this is a pattern now"),
    i(K, "2024-04-15 23:58", "ring me. 5 minutes. then I'll leave you alone, promise - K"),
    i(K, "2024-04-16 01:22", "promise was a lie obviously 😂"),
    i(K, "2024-04-16 07:40", "tell the kids at St Werburgh's their teacher says hi"),
    i(M, "2024-04-16 12:10", "Are you alright love? Josie rang me. Come for tea tonight x"),
    o(M, "2024-04-16 12:30", "he's back on a different number. I'll come round after work x"),
    i(K, "2024-04-17 00:40", "I'll just keep getting new numbers. they're a tenner"),
    i(K, "2024-04-17 00:41", "block this one and see"),
    o(K, "2024-04-17 08:00", "This is harassment. I've reported both numbers to the police. Stop."),
    i(K, "2024-04-17 08:02", "reported me for texting? good luck with that"),
    i(K, "2024-04-18 23:15", "saw your car outside your mum's. staying there now are we"),
    i(K, "2024-04-19 02:03", "you'll talk to me eventually Hannah. everybody does in the end - K"),
    i(K, "2024-04-20 22:50", "miss you x"),
    i(K, "2024-04-21 01:33", "why is it so hard to just answer"),
]
sms_backup(S, "sms-20240421120512.xml", sms)
calls = [
    dict(K, t="2024-04-13 23:50", type="missed"),
    dict(K, t="2024-04-13 23:52", type="missed"),
    dict(K, t="2024-04-14 22:35", type="rejected"),
    dict(K, t="2024-04-15 00:15", type="missed"),
    dict(K, t="2024-04-15 00:18", type="missed"),
    dict(K, t="2024-04-15 23:59", type="missed"),
    dict(M, t="2024-04-16 12:45", type="in", dur=420),
    dict(K, t="2024-04-17 00:44", type="missed"),
    dict(K, t="2024-04-17 00:47", type="voicemail", dur=33),
    dict(K, t="2024-04-19 01:58", type="missed"),
    dict(K, t="2024-04-19 02:00", type="missed"),
    dict(K, t="2024-04-21 01:30", type="missed"),
    dict(J, t="2024-04-21 10:15", type="out", dur=906),
]
calls_backup(S, "calls-20240421120512.xml", calls)
S.done()
