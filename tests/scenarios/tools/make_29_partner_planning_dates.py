"""29 (negative): Lily and her boyfriend plan dates by text and Instagram: he'll be at her house at
6 with the pizza, see you at school, goodnight messages; both sides, warm and reciprocal."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup, meta_thread

S = Scenario("29-partner-planning-dates", "Europe/London", me=["Lily Chen"])
S.profile('''
# Lily Chen, 17, sixth former in Oxford.
[person]
names = ["Lily Chen"]
phones = ["+44 7700 902929"]
emails = ["lily.chen@example.org"]
handles = ["instagram:lilychen.art"]
addresses = ["62 Iffley Road, Oxford OX4 1EQ"]
schools = ["Cherwell Vale School"]
workplaces = ["Iffley Road Pool (lifeguard)"]
places = ["South Park", "Iffley Road Pool"]
region = "GB"
''')
S.expect('''
description = "Boyfriend plans dates with Lily (at her house at 6 with the pizza, see you at school, meets her at the pool); warm, reciprocal, both sides"
kind = "negative"
tz = "Europe/London"
max_severity = "watch"
''')
SW = dict(addr="+447700902940", name="Sam 💛")
i = lambda t, b: dict(SW, t=t, body=b)
o = lambda t, b: dict(SW, t=t, body=b, out=True)
sms = [
    i("2024-03-08 16:20", "still ok for tonight? I'll be at your house at 6 with the pizza"),
    o("2024-03-08 16:25", "yes!! get the one with the olives"),
    i("2024-03-08 16:25", "olives. disgusting. but ok for you"),
    i("2024-03-08 17:58", "outside"),
    o("2024-03-08 17:59", "coming down! mum says hi"),
    i("2024-03-08 23:40", "home. thanks for tonight, your mum's lasagne > pizza tbh"),
    o("2024-03-08 23:41", "don't tell the pizza. night x"),
    i("2024-03-08 23:41", "night x"),
    i("2024-03-11 07:45", "see you at school, meet by the art block?"),
    o("2024-03-11 07:46", "yep, 8:35"),
    o("2024-03-11 15:30", "I'm on shift at the pool til 8, come swim?"),
    i("2024-03-11 15:40", "can't, footy. I'll walk you home after though"),
    o("2024-03-11 15:41", "ok meet me by the front doors at 8"),
    i("2024-03-11 20:02", "here. take your time"),
    i("2024-03-11 20:06", "where are you"),
    i("2024-03-11 20:07", "don't rush, just checking you're still in there"),
    o("2024-03-11 20:08", "sorry!! cleaning the lane ropes. 2 mins"),
    i("2024-03-13 21:15", "done my chemistry. you?"),
    o("2024-03-13 21:30", "nope. chemistry can wait, I'm drawing"),
    i("2024-03-13 21:31", "show me when it's done"),
    o("2024-03-15 18:00", "cinema tomorrow? the 7:15"),
    i("2024-03-15 18:02", "yes. I'll pick you up from yours at 6:30, dad's lending me the car"),
    o("2024-03-15 18:03", "omg a real driver"),
    i("2024-03-15 18:03", "a terrifying driver. wear a helmet"),
    i("2024-03-17 00:12", "can't sleep. that film was so bad it was good"),
    o("2024-03-17 00:20", "the shark in the lift 😭"),
    i("2024-03-17 00:21", "ICONIC. night lil x"),
    o("2024-03-17 00:21", "night x"),
]
sms_backup(S, "sms-20240320190000.xml", sms)
S2 = "Sam Whitfield"
m = lambda t, who, text: dict(t=t, who=who, text=text)
ig = [
    dict(t="2024-03-09 12:10", who=S2, share=("https://www.instagram.com/p/C4aBcD12xYz/", "pizza review accounts are the best part of the internet")),
    m("2024-03-09 12:15", "Lily Chen", "this man reviewed the olive one and gave it a 9. vindicated"),
    m("2024-03-09 12:16", S2, "he's clearly been paid off"),
    m("2024-03-13 22:05", "Lily Chen", "ok it's done"),
    dict(t="2024-03-13 22:05", who="Lily Chen", photo="434401922_90011_n.jpg"),
    m("2024-03-13 22:07", S2, "LILY that's amazing. is that South Park??"),
    m("2024-03-13 22:08", "Lily Chen", "from the top of the hill yeah"),
    m("2024-03-13 22:08", S2, "frame it. put it in the art show"),
    m("2024-03-16 09:30", S2, "what time do you finish your shift today?"),
    m("2024-03-16 09:45", "Lily Chen", "2. then free til the film"),
    m("2024-03-16 09:46", S2, "lunch at the café on Cowley Road first? my treat"),
    m("2024-03-16 09:47", "Lily Chen", "yes please 🥹"),
    m("2024-03-19 18:40", "Lily Chen", "mum wants to know if you're coming for dinner sunday"),
    m("2024-03-19 18:41", S2, "tell her yes and I'm bringing dessert. a shop one. I'm not risking it"),
]
meta_thread(S, "instagram", "instagram", "samwhitfield_33102", S2, [S2, "Lily Chen"], ig)
S.done()
