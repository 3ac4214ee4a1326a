"""24 (negative): a worried mum (trusted) rings Josh again and again late at night when he is out
late and his phone has died; he answers in the end."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup, calls_backup

S = Scenario("24-parent-calling-repeatedly", "Europe/London", me=[])
S.profile('''
# Josh Turner, 18, apprentice electrician in Newcastle; lives with his parents.
[person]
names = ["Josh Turner"]
phones = ["+44 7700 902424"]
emails = ["josh.turner@example.com"]
handles = ["instagram:josh.t.ncl"]
addresses = ["40 Stanhope Street, Newcastle NE4 5JE"]
schools = ["Tyne Metropolitan Training Centre"]
workplaces = ["Northside Electrical"]
places = ["St James' Park"]
region = "GB"

[[trusted]]
name = "Mum"
phones = ["+44 7700 902425"]
emails = []
handles = []

[[trusted]]
name = "Dad"
phones = ["+44 7700 902426"]
emails = []
handles = []
''')
S.expect('''
description = "Worried mum (trusted) rings and texts Josh repeatedly late at night when he is out and his phone died; he replies and it stops"
kind = "negative"
tz = "Europe/London"
max_severity = "watch"
''')
M = dict(addr="+447700902425", name="Mum")
D = dict(addr="+447700902426", name="Dad")
R = dict(addr="+447700902440", name="Ryan (work)")
i = lambda who, t, b: dict(who, t=t, body=b)
o = lambda who, t, b: dict(who, t=t, body=b, out=True)
sms = [
    i(M, "2024-11-02 17:10", "Tea's at 6, your favourite. Don't be late x"),
    o(M, "2024-11-02 17:30", "will be there. going out with the lads after"),
    i(M, "2024-11-02 17:31", "Ok. Home by 12 please, you're working tomorrow x"),
    i(M, "2024-11-03 00:20", "Josh it's gone 12, where are you?"),
    i(M, "2024-11-03 00:41", "Call me back please, I'm worried"),
    i(M, "2024-11-03 00:58", "Josh PLEASE answer. Dad's getting the car keys"),
    i(D, "2024-11-03 01:03", "Son ring your mother. Now."),
    o(M, "2024-11-03 01:10", "SORRY. phone died, borrowed Ciaran's charger. at his flat in Jesmond, getting a taxi now"),
    i(M, "2024-11-03 01:11", "Thank god. Text me when you're in the taxi x"),
    o(M, "2024-11-03 01:18", "in the taxi. really sorry mum"),
    i(M, "2024-11-03 01:19", "It's ok. Just charge your phone next time!! Love you x"),
    i(R, "2024-11-04 07:05", "picking you up 7:30, bring your flask this time"),
    o(R, "2024-11-04 07:06", "aye will do"),
    i(M, "2024-11-06 12:15", "Can you get milk on the way home? x"),
    o(M, "2024-11-06 12:50", "yep"),
    i(M, "2024-11-09 22:30", "Are you staying at Ciaran's tonight or coming home?"),
    i(M, "2024-11-09 23:45", "Josh?"),
    i(M, "2024-11-10 00:15", "Call me back when you see this, just want to know you're ok x"),
    i(M, "2024-11-10 00:40", "Josh I'm really worried now, you said you'd text"),
    o(M, "2024-11-10 00:52", "mum I'm fine!! at the match then the pub, no signal in there. staying at ciaran's"),
    i(M, "2024-11-10 00:53", "Ok love. Sorry for all the calls, you know what I'm like x"),
    o(M, "2024-11-10 00:54", "I know 😂 night x"),
    i(D, "2024-11-10 10:30", "Heard you gave your mum another heart attack. Toon won though so you're forgiven"),
    o(D, "2024-11-10 10:45", "3-1!! what a game"),
    i(M, "2024-11-14 18:05", "Grandma's birthday Sunday, we're leaving at 11"),
    o(M, "2024-11-14 18:10", "ok I'll be ready"),
    i(M, "2024-11-16 23:50", "Home soon? Door's on the latch x"),
    o(M, "2024-11-16 23:58", "10 mins away"),
]
sms_backup(S, "sms-20241117100000.xml", sms)
calls = [
    dict(M, t="2024-11-03 00:22", type="missed"),
    dict(M, t="2024-11-03 00:30", type="missed"),
    dict(M, t="2024-11-03 00:36", type="missed"),
    dict(M, t="2024-11-03 00:44", type="missed"),
    dict(M, t="2024-11-03 00:52", type="missed"),
    dict(D, t="2024-11-03 01:01", type="missed"),
    dict(M, t="2024-11-03 01:09", type="out", dur=95),
    dict(R, t="2024-11-05 16:40", type="in", dur=60),
    dict(M, t="2024-11-09 23:46", type="missed"),
    dict(M, t="2024-11-10 00:16", type="missed"),
    dict(M, t="2024-11-10 00:30", type="missed"),
    dict(M, t="2024-11-10 00:38", type="missed"),
    dict(M, t="2024-11-10 00:55", type="out", dur=48),
    dict(D, t="2024-11-12 17:20", type="in", dur=310),
    dict(M, t="2024-11-15 13:00", type="in", dur=240),
]
calls_backup(S, "calls-20241117100000.xml", calls)
S.done()
