"""04: a stranger fixates on Ava through Instagram DMs: daily and late-night messages, sexual
remarks, video calls, and he carries on after she tells him to stop."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, meta_thread

S = Scenario("04-stranger-instagram-dms", "America/Chicago", me=["Ava Martinez"])
S.profile('''
# Ava Martinez, 19, community-college student in Chicago.
[person]
names = ["Ava Martinez"]
phones = ["+1 312 555 0144"]
emails = ["ava.martinez@example.com"]
handles = ["instagram:ava.mtz"]
addresses = ["2417 W Wilson Ave, Chicago, IL 60625"]
schools = ["Lakeview Community College"]
workplaces = ["Sweet Bean Coffee, Lincoln Square"]
places = ["Welles Park"]
region = "US"

[[trusted]]
name = "Sofia Martinez"
phones = ["+1 312 555 0145"]
emails = []
handles = ["instagram:sofi.mtz"]
''')
S.expect('''
description = "Obsessive stranger floods Ava's Instagram DMs day and night with sexual remarks and video calls, and keeps going after she tells him to stop"
kind = "stalking"
tz = "America/Chicago"

[[case]]
contact = "Tyler Brandt"
min_severity = "warning"
forms = ["excessive_contact", "abusive_messages"]
''')
T, A = "Tyler Brandt", "Ava Martinez"
m = lambda t, who, text: dict(t=t, who=who, text=text)
ty = [
    m("2024-04-02 21:14", T, "hey beautiful"),
    m("2024-04-02 21:15", T, "your last post 🔥🔥"),
    m("2024-04-02 23:48", T, "you up?"),
    m("2024-04-03 08:02", T, "good morning gorgeous ☀️"),
    m("2024-04-03 13:30", T, "you work at the coffee place right? saw the cup in your story"),
    m("2024-04-03 13:31", T, "I'll come by sometime 😉"),
    m("2024-04-04 00:52", T, "can't stop looking at your pics"),
    m("2024-04-04 00:53", T, "you'd look even better in less tbh"),
    dict(t="2024-04-04 01:10", who=T, missed_call=True),
    m("2024-04-04 16:20", A, "I don't know you. Please stop messaging me."),
    m("2024-04-04 16:22", T, "you don't have to know me, I know you"),
    m("2024-04-04 16:22", T, "don't be like that"),
    m("2024-04-05 02:31", T, "why'd you leave me on read"),
    m("2024-04-05 02:31", T, "rude"),
    m("2024-04-05 19:44", T, "send me something just for me. nobody has to know"),
    m("2024-04-06 00:15", T, "I think about you every night"),
    m("2024-04-06 00:16", T, "every single night"),
    dict(t="2024-04-06 00:40", who=T, missed_call=True),
    dict(t="2024-04-06 00:43", who=T, missed_call=True),
    dict(t="2024-04-06 11:05", who=T, share=("https://www.instagram.com/p/C5kLm90rQ2x/", "welles park sunsets never miss 🌅")),
    m("2024-04-06 11:06", T, "I was there too. you didn't see me"),
    m("2024-04-07 22:58", T, "wish I was the one taking your photos"),
    m("2024-04-08 03:12", T, "answer me ava"),
    m("2024-04-08 03:13", T, "I'm being nice. for now"),
    m("2024-04-08 15:40", T, "ok sorry that came out wrong. coffee tomorrow? I'll be at your counter at 2"),
    m("2024-04-09 14:07", T, "you weren't working. switched shifts to avoid me? 😂"),
    m("2024-04-10 01:27", T, "you're such a tease posting like that and then ignoring guys"),
    m("2024-04-10 01:28", T, "girls like you love the attention"),
    m("2024-04-11 23:33", T, "bet you look good right now"),
    dict(t="2024-04-12 00:02", who=T, missed_call=True),
    m("2024-04-12 00:05", T, "pick up"),
    m("2024-04-12 18:10", A, "Stop. I've asked you once. I'm reporting your account."),
    m("2024-04-12 18:11", T, "report me lol I have 3 more"),
    m("2024-04-12 18:11", T, "you can't get rid of me that easy"),
    m("2024-04-13 02:44", T, "goodnight sexy"),
    m("2024-04-14 01:19", T, "you'll give me a chance eventually. they always do"),
    m("2024-04-15 07:50", T, "first class at 9 on mondays right? 🙂"),
    m("2024-04-16 00:30", T, "still ignoring me. fine. I'll see you in person then"),
]
meta_thread(S, "instagram", "instagram", "tylerbrandt_40177", "Tyler Brandt", [T, A], ty)
so = [
    m("2024-04-04 16:30", A, "some random guy keeps dm'ing me weird stuff"),
    m("2024-04-04 16:34", "Sofia Martinez", "ew. block and report, don't reply to him"),
    m("2024-04-04 16:35", A, "I told him to stop already"),
    m("2024-04-12 18:20", A, "he says he has other accounts"),
    m("2024-04-12 18:25", "Sofia Martinez", "screenshot it all. and tell your manager, he said he'd come to the cafe"),
    m("2024-04-12 18:27", A, "yeah. doing it now"),
    m("2024-04-16 08:02", "Sofia Martinez", "I'll drive you to class today ok? no arguing ❤️"),
    m("2024-04-16 08:10", A, "ok ❤️ thank you"),
]
meta_thread(S, "instagram", "instagram", "sofiamartinez_10422", "Sofia Martinez", ["Sofia Martinez", A], so)
S.done()
