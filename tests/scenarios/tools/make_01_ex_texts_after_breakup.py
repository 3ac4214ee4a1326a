"""01: ex-partner keeps texting and calling Mia after she ends it and says stop (SMS + calls)."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup, calls_backup

S = Scenario("01-ex-texts-after-breakup", "Europe/London", me=[])
S.profile('''
# Mia Clarke, 17, sixth-form student in Leeds.
[person]
names = ["Mia Clarke", "Mia"]
phones = ["+44 7700 900101"]
emails = ["mia.clarke@example.org"]
handles = ["instagram:mia.clarke", "whatsapp:Mia Clarke"]
addresses = ["27 Beech Grove, Leeds LS4 2QT"]
schools = ["Kirkstall Sixth Form College"]
workplaces = ["Greggs, Kirkstall Road"]
places = ["Kirkstall Leisure Centre"]
region = "GB"

[[trusted]]
name = "Mum"
phones = ["+44 7700 900102"]
emails = ["helen.clarke@example.org"]
handles = []
''')
S.expect('''
description = "Ex-partner keeps texting and calling after Mia ends it and says stop; night calls, waits at her college"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "Liam Hartley"
min_severity = "warning"
forms = ["excessive_contact"]
''')

L = dict(addr="+447700900911", name="Liam Hartley")
E = dict(addr="+447700900145", name="Ellie Moss")
M = dict(addr="+447700900102", name="Mum")
def i(who, t, body): return dict(who, t=t, body=body)
def o(who, t, body): return dict(who, t=t, body=body, out=True)

sms = [
    i(L, "2024-09-28 20:14", "hey you, still on for sunday? x"),
    o(L, "2024-09-28 20:40", "yeah should be x"),
    i(E, "2024-09-30 16:02", "did you tell him yet"),
    o(E, "2024-09-30 16:05", "tonight. feel sick about it"),
    i(E, "2024-09-30 16:06", "you'll be fine. ring me after"),
    o(L, "2024-09-30 21:12", "Liam I'm really sorry but I don't want to be together any more. I've thought about it a lot. I hope we can be civil at college."),
    i(L, "2024-09-30 21:13", "what?? where has this come from"),
    i(L, "2024-09-30 21:13", "over text?? seriously"),
    i(L, "2024-09-30 21:20", "pick up"),
    i(L, "2024-09-30 21:31", "Mia answer the phone"),
    o(L, "2024-09-30 21:45", "I don't want to talk tonight. I meant what I said, it's over."),
    i(L, "2024-09-30 23:58", "i can't sleep. you owe me a proper conversation"),
    i(L, "2024-10-01 00:41", "was it someone else"),
    i(L, "2024-10-01 07:15", "morning. can we talk at lunch"),
    i(L, "2024-10-01 12:32", "saw you in the canteen. you looked straight through me"),
    i(L, "2024-10-01 18:05", "I'm coming round later"),
    o(L, "2024-10-01 18:20", "Please don't come round. Stop texting me, I need space."),
    i(L, "2024-10-01 18:21", "space from what? 8 months and you need space"),
    i(L, "2024-10-01 22:47", "I walked past yours. your light was on"),
    i(M, "2024-10-01 22:55", "Everything ok love? You've been quiet tonight"),
    o(M, "2024-10-01 22:58", "yeah just tired, night mum x"),
    i(L, "2024-10-02 01:12", "answer me"),
    i(L, "2024-10-02 01:13", "ANSWER ME"),
    i(L, "2024-10-02 01:30", "fine. ignore me. see how that works out"),
    i(L, "2024-10-02 08:02", "sorry about last night. i just miss you"),
    i(L, "2024-10-02 15:18", "waiting by the bike racks"),
    i(E, "2024-10-02 15:40", "he's literally stood outside the main gate. go out the back by the sports hall"),
    o(E, "2024-10-02 15:41", "ok. thank you. this is so weird"),
    i(L, "2024-10-02 15:52", "saw you sneak out the back. really mature"),
    i(L, "2024-10-03 00:22", "I know you're reading these"),
    i(L, "2024-10-03 00:26", "delivered means delivered. I know you've seen them"),
    i(L, "2024-10-03 19:10", "ur mum always liked me. maybe I'll talk to her instead"),
    o(L, "2024-10-03 19:34", "Leave me alone Liam. If you keep messaging me I'm going to block you and tell student services."),
    i(L, "2024-10-03 19:35", "go on then"),
    i(L, "2024-10-03 19:35", "tell them what? that I care?"),
    i(L, "2024-10-04 02:03", "you'll regret throwing this away"),
    i(L, "2024-10-04 02:09", "nobody else is going to put up with you"),
    i(L, "2024-10-05 13:44", "Kirkstall Leisure Centre on a saturday, same as always"),
    i(L, "2024-10-05 13:46", "you can't avoid me forever, it's a small town"),
    i(E, "2024-10-05 17:20", "was liam at the pool?? Jade said he was sat in the cafe for ages"),
    o(E, "2024-10-05 17:31", "yes. he just watched. I'm telling mum tonight"),
    i(L, "2024-10-06 23:38", "I'll be at the gates at 8:40 monday. we ARE talking"),
    i(L, "2024-10-07 08:41", "where are you"),
    i(L, "2024-10-07 08:55", "you can't skip college because of me"),
    i(M, "2024-10-07 09:10", "Dropped you at the side entrance, text me when you're in. I've emailed Ms Patel x"),
    o(M, "2024-10-07 09:12", "in. thanks mum x"),
    i(L, "2024-10-07 22:16", "your mum emailed the college?? wow"),
    i(L, "2024-10-08 00:04", "this is your fault. remember that"),
]
sms_backup(S, "sms-20241008114210.xml", sms)

calls = [
    dict(L, t="2024-09-30 21:14", type="rejected"),
    dict(L, t="2024-09-30 21:16", type="missed"),
    dict(L, t="2024-09-30 21:19", type="missed"),
    dict(L, t="2024-09-30 21:27", type="missed"),
    dict(E, t="2024-09-30 21:50", type="out", dur=1420),
    dict(L, t="2024-10-01 00:52", type="missed"),
    dict(L, t="2024-10-01 00:55", type="missed"),
    dict(L, t="2024-10-02 01:05", type="missed"),
    dict(L, t="2024-10-02 01:08", type="rejected"),
    dict(L, t="2024-10-02 01:15", type="voicemail", dur=41),
    dict(L, t="2024-10-03 00:19", type="missed"),
    dict(L, t="2024-10-04 01:58", type="missed"),
    dict(L, t="2024-10-04 02:00", type="missed"),
    dict(L, t="2024-10-04 02:01", type="missed"),
    dict(M, t="2024-10-05 18:02", type="in", dur=612),
    dict(L, t="2024-10-06 23:30", type="missed"),
    dict(L, t="2024-10-06 23:33", type="rejected"),
    dict(L, t="2024-10-07 22:10", type="missed"),
]
calls_backup(S, "calls-20241008114210.xml", calls)
S.done()
