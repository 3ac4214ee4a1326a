"""18 (large, generated): a former coworker calls Emily over and over, mostly between midnight and
5 a.m., for three weeks; a few texts, some withheld-number calls on the same nights.

Run once: python3 make_18_night_missed_calls.py."""
import sys, pathlib, random, datetime as dt
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup, calls_backup

S = Scenario("18-night-missed-calls", "America/Los_Angeles", me=[])
S.profile('''
# Emily Carter, 28, sound engineer in Los Angeles.
[person]
names = ["Emily Carter", "Em"]
phones = ["(323) 555-0118"]
emails = ["emily.carter@example.com"]
handles = ["instagram:emcarter.audio"]
addresses = ["1520 N Vermont Ave, Apt 7, Los Angeles, CA 90027"]
schools = []
workplaces = ["Sunset Bay Studios"]
places = ["Griffith Park"]
region = "US"

[[trusted]]
name = "Mom"
phones = ["(323) 555-0119"]
emails = []
handles = []
''')
S.expect('''
description = "Former coworker calls Emily hundreds of times over three weeks, mostly between midnight and 5 a.m., with a few texts, after she tells him to stop"
kind = "stalking"
tz = "America/Los_Angeles"

[[case]]
contact = "Derek Lawson"
min_severity = "warning"
forms = ["excessive_contact"]
''')
rng = random.Random(1818)
D = dict(number="+13235550181", name="Derek Lawson")
MOM = dict(number="+13235550119", name="Mom")
AL = dict(number="+13235550120", name="Alicia Ruiz")
calls = []
def ts(d): return d.strftime("%Y-%m-%d %H:%M:%S")
start = dt.date(2024, 7, 1)
for k in range(21):
    day = start + dt.timedelta(days=k)
    nightly = rng.choice([4, 6, 8, 9, 11, 14]) if k not in (3, 10, 16) else 0
    t = dt.datetime.combine(day, dt.time(rng.randint(0, 1), rng.randint(0, 59), rng.randint(0, 59)))
    for j in range(nightly):
        calls.append(dict(D, t=ts(t), type=rng.choice(["missed"] * 6 + ["rejected"] * 2 + ["voicemail"]),
                          dur=0))
        if calls[-1]["type"] == "voicemail":
            calls[-1]["dur"] = rng.randint(8, 52)
        t += dt.timedelta(minutes=rng.randint(2, 25), seconds=rng.randint(0, 59))
        if t.hour >= 5:
            break
    if k % 4 == 1:   # a withheld number on some nights
        for _ in range(rng.randint(1, 3)):
            w = dt.datetime.combine(day, dt.time(rng.randint(2, 4), rng.randint(0, 59), rng.randint(0, 59)))
            calls.append(dict(number="", name="(Unknown)", t=ts(w), type="missed"))
    if rng.random() < 0.5:  # a few daytime calls too
        w = dt.datetime.combine(day, dt.time(rng.randint(9, 18), rng.randint(0, 59), rng.randint(0, 59)))
        calls.append(dict(D, t=ts(w), type="missed"))
    if k % 3 == 0:
        w = dt.datetime.combine(day, dt.time(19, rng.randint(0, 59), rng.randint(0, 59)))
        calls.append(dict(MOM, t=ts(w), type=rng.choice(["in", "out"]), dur=rng.randint(200, 1800)))
    if k % 5 == 2:
        w = dt.datetime.combine(day, dt.time(13, rng.randint(0, 59), rng.randint(0, 59)))
        calls.append(dict(AL, t=ts(w), type="in", dur=rng.randint(60, 600)))
calls_backup(S, "calls-20240722083000.xml", calls, style="us")

Dm = dict(addr="(323) 555-0181", name="Derek Lawson")
M = dict(addr="(323) 555-0119", name="Mom")
A = dict(addr="(323) 555-0120", name="Alicia Ruiz")
i = lambda who, t, b: dict(who, t=t, body=b)
o = lambda who, t, b: dict(who, t=t, body=b, out=True)
sms = [
    i(Dm, "2024-06-29 21:10", "Hey Em, heard you left Sunset Bay because of me. Can we talk?"),
    o(Dm, "2024-06-29 21:40", "I left for my own reasons. I don't want to talk, Derek. Please don't contact me."),
    i(Dm, "2024-07-01 00:48", "pick up"),
    i(Dm, "2024-07-01 01:30", "I'll keep calling until you answer"),
    i(Dm, "2024-07-02 02:15", "I know your phone's on. I can hear it ring through the voicemail"),
    o(Dm, "2024-07-02 08:00", "Stop calling me. I will not answer. If this continues I'm going to the police."),
    i(Dm, "2024-07-02 08:01", "then answer once and I'll stop"),
    i(A, "2024-07-03 13:40", "did he call again last night??"),
    o(A, "2024-07-03 13:42", "14 times. from 12 to 4. I'm exhausted"),
    i(A, "2024-07-03 13:43", "put your phone on do not disturb with favourites only. and write it all down"),
    i(Dm, "2024-07-06 03:22", "you can't sleep either can you"),
    i(Dm, "2024-07-09 01:05", "one conversation Emily"),
    i(M, "2024-07-10 19:30", "Sweetie are you sleeping ok? You sounded so tired on Sunday"),
    o(M, "2024-07-10 19:45", "not really. the guy from work keeps calling at night. I've reported it"),
    i(M, "2024-07-10 19:47", "Come stay with us this weekend. Dad will change your number with you"),
    i(Dm, "2024-07-13 04:40", "I'm not going to stop"),
    i(Dm, "2024-07-18 00:12", "voicemail full? I'll try again"),
    i(Dm, "2024-07-21 02:58", "night night"),
]
sms_backup(S, "sms-20240722083000.xml", sms, style="us", own_number="(323) 555-0118")
S.done()
