"""03 (large, generated): ex-partner moves from SMS and calls to Instagram to e-mail as Grace
blocks each channel; volume, night contact, insults, whereabouts and a threat.

Run once: python3 make_03_ex_multichannel_escalation.py (writes ../03-ex-multichannel-escalation/).
The filler messages are drawn from the pools below with a fixed seed, so the output is stable.
"""
import sys, pathlib, random, datetime as dt
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup, calls_backup, meta_thread, mbox

S = Scenario("03-ex-multichannel-escalation", "Europe/London", me=["Grace Okafor"])
S.profile('''
# Grace Okafor, 24, library assistant in Manchester.
[person]
names = ["Grace Okafor", "Grace"]
phones = ["+44 7700 900303"]
emails = ["grace.okafor@example.net", "g.okafor@ashgrove-library.example.org"]
handles = ["instagram:grace.okafor", "whatsapp:Grace Okafor"]
addresses = ["8 Ashgrove Road, Manchester M14 6QJ"]
schools = []
workplaces = ["Ashgrove Community Library"]
places = ["Platt Fields Park", "Fallowfield Sainsbury's"]
region = "GB"

[[trusted]]
name = "Tobi Okafor"
phones = ["+44 7700 900304"]
emails = []
handles = []
''')
S.expect('''
description = "Ex-partner floods Grace by SMS and calls, then Instagram, then e-mail as she blocks each one; night contact, insults, shows he watches her home and work, then threatens her"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "Connor Walsh"
min_severity = "danger"
forms = ["excessive_contact", "abusive_messages"]
''')

rng = random.Random(3003)
C = dict(addr="+447700900931", name="Connor Walsh")
T = dict(addr="+447700900304", name="Tobi Okafor")

pleading = [
    "please just talk to me", "I can change, you know I can", "one conversation, that's all I'm asking",
    "I miss you so much it hurts", "I don't understand what I did", "we were happy a month ago",
    "I'm sorry for whatever it was", "can I at least have my hoodie back and we talk",
    "I keep looking at our photos", "don't throw 2 years away over nothing", "I just want to hear your voice",
    "you're the only person who gets me", "I'm not eating, I'm not sleeping", "ring me when you get this",
]
demanding = [
    "answer me", "why are you ignoring me", "pick up your phone", "I can see you've read it",
    "you can't just disappear on me", "stop being so childish and reply", "I'm not going away Grace",
    "who are you with", "where are you right now", "reply or I'm coming round", "hello??",
    "you owe me an explanation", "I deserve better than silence",
]
nasty = [
    "you're a cold selfish bitch", "you never loved me you just used me", "you're pathetic",
    "no one else will put up with you", "everyone thinks you're a joke", "you're a liar and a coward",
    "you'll end up alone and you'll deserve it", "fake. you were always fake", "you make me sick",
]
watching = [
    "saw you at Fallowfield Sainsbury's. you looked tired", "your kitchen light was on late last night",
    "you took the long way round Platt Fields today", "nice of Tobi to walk you home",
    "still getting the 8:10 bus I see", "you changed your hair. it doesn't suit you",
]

def day_times(day, n, night_share):
    """n times on one day, some of them between 00:00 and 04:30."""
    out = []
    for _ in range(n):
        if rng.random() < night_share:
            h, m = rng.randint(0, 4), rng.randint(0, 59)
        else:
            h, m = rng.randint(7, 23), rng.randint(0, 59)
        out.append(dt.datetime.combine(day, dt.time(h, m, rng.randint(0, 59))))
    return sorted(out)

def ts(d): return d.strftime("%Y-%m-%d %H:%M:%S")

# ---- SMS and calls, 1 to 14 March ------------------------------------------------------
sms = [
    dict(C, t="2024-03-01 17:32", body="still coming to mine tonight?"),
    dict(C, t="2024-03-01 17:50", body="not tonight, sorry. long day. tomorrow maybe", out=True),
    dict(C, t="2024-03-01 17:51", body="you said that tuesday"),
    dict(C, t="2024-03-02 11:04", body="sorry about last night. I shouldn't have grabbed your phone"),
    dict(C, t="2024-03-03 20:15", body="Connor, I've been thinking all weekend. I'm ending it. I don't feel safe when you get like that. Please respect this.", out=True),
    dict(C, t="2024-03-03 20:16", body="you're joking"),
    dict(C, t="2024-03-03 20:16", body="over a phone?? it was a PHONE"),
    dict(C, t="2024-03-03 20:31", body="I'm not accepting this"),
    dict(T, t="2024-03-03 20:40", body="did you do it? you ok?"),
    dict(T, t="2024-03-03 20:44", body="done. he's already blowing up my phone", out=True),
    dict(T, t="2024-03-03 20:45", body="don't engage. I'm on the late shift but ring if you need me"),
    dict(C, t="2024-03-05 07:45", body="Please stop contacting me. I won't change my mind and I don't want to talk. I'll block you if this carries on.", out=True),
    dict(C, t="2024-03-05 07:46", body="block me then. see if I care"),
    dict(C, t="2024-03-05 07:46", body="you won't though"),
    dict(T, t="2024-03-08 22:30", body="he's still calling? how many today", out=False),
    dict(T, t="2024-03-08 22:36", body="lost count. 20 maybe. blocking him tomorrow", out=True),
    dict(T, t="2024-03-08 22:37", body="do it tonight. and tell your manager so they know his face"),
    dict(T, t="2024-03-10 09:12", body="Blocked his number. He'll find another way I bet", out=True),
]
calls = []
start = dt.date(2024, 3, 3)
for k in range(8):                       # 3 to 10 March: heavy texting and calling
    day = start + dt.timedelta(days=k)
    n = [6, 12, 14, 9, 11, 8, 10, 7][k]
    for j, when in enumerate(day_times(day, n, 0.3)):
        if when < dt.datetime(2024, 3, 3, 20, 20):
            when = dt.datetime(2024, 3, 3, 20, 20) + dt.timedelta(minutes=7 * j + 1)
        pool = pleading if k < 2 else rng.choice([pleading, demanding, demanding, nasty])
        sms.append(dict(C, t=ts(when), body=rng.choice(pool)))
    for when in day_times(day, rng.randint(3, 7), 0.4):
        calls.append(dict(C, t=ts(when), type=rng.choice(["missed", "missed", "missed", "rejected"])))
calls.append(dict(T, t="2024-03-04 19:02", type="in", dur=1803))
calls.append(dict(T, t="2024-03-09 12:30", type="out", dur=655))
for k in range(11, 30):                  # after the block: blocked calls most nights
    day = dt.date(2024, 3, k)
    for when in day_times(day, rng.choice([0, 1, 2, 3]), 0.7):
        calls.append(dict(C, t=ts(when), type="blocked"))
sms_backup(S, "sms-20240330093011.xml", sms)
calls_backup(S, "calls-20240330093011.xml", calls)

# ---- Instagram, 11 to 22 March ------------------------------------------------------------
ig = [
    dict(t="2024-03-11 00:14", who="Connor Walsh", text="blocked my number. mature"),
    dict(t="2024-03-11 00:15", who="Connor Walsh", text="you forgot about insta didn't you"),
]
for k in range(11, 23):
    day = dt.date(2024, 3, k)
    for when in day_times(day, rng.randint(2, 6), 0.45):
        pool = rng.choice([demanding, nasty, nasty, watching, pleading])
        ig.append(dict(t=ts(when), who="Connor Walsh", text=rng.choice(pool)))
ig += [
    dict(t="2024-03-13 08:02", who="Grace Okafor", text="I blocked your number for a reason. Leave me alone. I'm keeping all of this."),
    dict(t="2024-03-13 08:03", who="Connor Walsh", text="keep it. frame it. I don't care"),
    dict(t="2024-03-16 23:41", who="Connor Walsh", photo="432991820_811235_n.jpg"),
    dict(t="2024-03-16 23:42", who="Connor Walsh", text="outside yours. recognise the door?"),
    dict(t="2024-03-18 02:20", who="Connor Walsh", missed_call=True),
    dict(t="2024-03-18 02:22", who="Connor Walsh", missed_call=True),
    dict(t="2024-03-21 01:10", who="Connor Walsh", text="block me here too and see what happens"),
]
meta_thread(S, "instagram", "instagram", "connorwalsh_20871", "Connor Walsh",
            ["Connor Walsh", "Grace Okafor"], ig)

# ---- e-mail, 22 to 29 March ---------------------------------------------------------------------
me_home = ("Grace Okafor", "grace.okafor@example.net")
me_work = ("Grace Okafor", "g.okafor@ashgrove-library.example.org")
cw = ("Connor Walsh", "connor.walsh88@example.com")
mails = [
    dict(t="2024-03-22 23:58", id="cw-0322@example.com", **{"from": cw}, to=[me_home],
         subject="You can't block everything",
         text="Grace,\n\nNumber blocked, insta blocked. Fine. I still have your email and I still know\nwhere you work.\n\nAll I want is ten minutes. You owe me ten minutes.\n\nC"),
    dict(t="2024-03-23 09:15", id="go-0323@example.net", out=True, **{"from": me_home}, to=[cw],
         subject="Re: You can't block everything", reply_to_id="cw-0322@example.com",
         text="Do not contact me again on any platform. I have reported your messages to the police\nand I'm keeping copies of everything.\n\nGrace"),
    dict(t="2024-03-23 09:40", id="cw-0323a@example.com", **{"from": cw}, to=[me_home],
         subject="Re: You can't block everything", reply_to_id="go-0323@example.net",
         thread_root="cw-0322@example.com",
         text="Police. Wow. Over some texts.\n\nYou've made this so much worse than it needed to be."),
    dict(t="2024-03-24 01:32", id="cw-0324@example.com", **{"from": cw}, to=[me_work],
         subject="for Grace Okafor",
         text="Thought I'd try your work address since you're hiding from everything else.\n\nYou finish at 6 on Sundays. I'll be on the bench by the library steps.\n"),
    dict(t="2024-03-24 18:21", id="cw-0324b@example.com", **{"from": cw}, to=[me_work],
         subject="Re: for Grace Okafor",
         text="Saw you leave by the staff door with that security guy. Cute.\n\nYou can't have someone walk you home every night."),
    dict(t="2024-03-26 00:47", id="cw-0326@example.com", **{"from": cw}, to=[me_home],
         subject="last warning",
         text="I'm done being nice. 8 Ashgrove Road, second floor, the window with the plant.\n\nIf I can't talk to you then I'll come to you. And you won't like how that goes.\n"),
    dict(t="2024-03-27 03:05", id="cw-0327@example.com", **{"from": cw}, to=[me_home],
         subject="(no subject)",
         text="you ruined my life. I'm going to ruin yours. that's a promise"),
    dict(t="2024-03-29 22:14", id="cw-0329@example.com", **{"from": cw}, to=[me_home, me_work],
         subject="see you soon",
         text="Police came round. Thanks for that.\n\nDoesn't change anything. You'll see me when you least expect it.\n"),
]
mbox(S, "mail/Inbox.mbox", [m for m in mails if not m.get("out")])
mbox(S, "mail/Sent.mbox", [m for m in mails if m.get("out")])
S.done()
