"""06: a look-alike account ("Zаra Аhmеd" with Cyrillic letters, @zara.ahmed_official) poses as
Zara: tells her friends it is her new account, comments and posts as her, and taunts her."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, meta_thread, jsonl

S = Scenario("06-fake-account-impersonator", "Europe/London", me=["Zara Ahmed"])
FAKE_NAME = "Z\u0430ra \u0410hm\u0435d"        # Cyrillic a, A and e
S.profile('''
# Zara Ahmed, 16, Year 11 in Birmingham.
[person]
names = ["Zara Ahmed", "Zaz"]
phones = ["+44 7700 900606"]
emails = ["zara.ahmed@example.org"]
handles = ["instagram:zara.ahmed", "tiktok:zaraa.ahmed"]
addresses = ["72 Stratford Road, Birmingham B11 1AN"]
schools = ["Sparkhill Park Academy"]
workplaces = []
places = ["Sparkhill Library"]
region = "GB"

[[trusted]]
name = "Leah Doyle"
phones = ["+44 7700 900607"]
emails = []
handles = ["instagram:leah.doyle_"]
''')
S.expect(f'''
description = "Look-alike account ({FAKE_NAME}, @zara.ahmed_official) tells Zara's friends it is her new account, posts and comments as her, and taunts her"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "handle:instagram:zara.ahmed_official"
min_severity = "warning"
forms = ["impersonation"]
''')
Z = "Zara Ahmed"
m = lambda t, who, text: dict(t=t, who=who, text=text)
fake_dm = [
    m("2024-06-10 21:40", FAKE_NAME, "hiya Zara 👋 like the new account?"),
    m("2024-06-10 21:41", FAKE_NAME, "same pic, same bio. even your mum followed me lol"),
    m("2024-06-10 21:55", Z, "who are you? take it down, you're using my photos"),
    m("2024-06-10 21:56", FAKE_NAME, "I'm Zara Ahmed. who are YOU"),
    m("2024-06-11 07:30", FAKE_NAME, "told Leah you're moving schools 😂 she believed it"),
    m("2024-06-12 22:18", FAKE_NAME, "your friends like me better already"),
    m("2024-06-13 23:02", FAKE_NAME, "posting your year 7 photos tomorrow. the braces ones"),
    m("2024-06-14 18:11", Z, "I've reported you. Stop pretending to be me."),
    m("2024-06-14 18:12", FAKE_NAME, "reported who? they'll think YOU'RE the fake 🤭"),
    m("2024-06-16 20:47", FAKE_NAME, "just messaged Mr Clarke from your account. well, my account"),
]
meta_thread(S, "instagram", "instagram", "zaraahmed_official_55120", FAKE_NAME, [FAKE_NAME, Z], fake_dm)
leah = [
    m("2024-06-10 20:58", "Leah Doyle", "zaz did you make a new account?? zara.ahmed_official just followed me"),
    m("2024-06-10 21:03", Z, "no?? that's not me"),
    m("2024-06-10 21:04", "Leah Doyle", "it's got your pfp and everything. it says your old one got hacked"),
    m("2024-06-10 21:05", Z, "I haven't been hacked. don't accept it"),
    m("2024-06-11 07:45", "Leah Doyle", "it messaged me saying you're moving to a school in Leicester and not to tell anyone"),
    m("2024-06-11 07:46", Z, "I'm not moving anywhere!! it's someone being weird"),
    m("2024-06-11 07:50", "Leah Doyle", "reporting it now. told Amira and Jade too"),
    m("2024-06-13 16:20", "Leah Doyle", "it commented on Jade's post pretending to be you, saying horrible stuff about her"),
    m("2024-06-13 16:22", Z, "I feel sick. everyone's going to think it was me"),
    m("2024-06-13 16:23", "Leah Doyle", "no they won't, we all know. tell Mrs Hussain tomorrow"),
]
meta_thread(S, "instagram", "instagram", "leahdoyle__10233", "Leah Doyle", ["Leah Doyle", Z], leah)
fake = {"id": "instagram:zara.ahmed_official", "name": FAKE_NAME}
me = {"id": "instagram:zara.ahmed", "name": Z}
ev = [
    dict(id="ig-pub-201", t="2024-06-10 20:30", platform="instagram", channel="post", sender=fake,
         thread="zara.ahmed_official post 1", text="new account!! old one got hacked, follow me here instead 💕 Zara x"),
    dict(id="ig-pub-202", t="2024-06-10 20:44", platform="instagram", channel="comment", sender=fake,
         thread="zara.ahmed post 4410", text="this is my new account guys, don't follow this one anymore"),
    dict(id="ig-pub-203", t="2024-06-10 22:10", platform="instagram", channel="comment", sender=me,
         thread="zara.ahmed post 4410", text="that account is NOT me. please report it @zara.ahmed_official"),
    dict(id="ig-pub-204", t="2024-06-11 18:05", platform="instagram", channel="post", sender=fake,
         thread="zara.ahmed_official post 2", text="moving to Leicester in september, can't wait to leave Sparkhill Park tbh, nobody there is my real friend"),
    dict(id="ig-pub-205", t="2024-06-12 19:31", platform="instagram", channel="comment", sender=fake,
         thread="jade.k post 872", text="you look awful in this jade, sorry but someone had to say it. love Zara"),
    dict(id="ig-pub-206", t="2024-06-12 19:40", platform="instagram", channel="comment",
         sender={"id": "instagram:jade.k", "name": "Jade Kaur"}, thread="jade.k post 872",
         text="wow ok zara. thought we were mates"),
    dict(id="ig-pub-207", t="2024-06-13 08:15", platform="instagram", channel="comment", sender=me,
         thread="jade.k post 872", text="Jade that's a fake account, I would never say that. I'm so sorry"),
    dict(id="ig-pub-208", t="2024-06-14 21:26", platform="instagram", channel="post", sender=fake,
         thread="zara.ahmed_official post 3", text="throwback to year 7 😬 #glowup", attachments=[{"name": "zara_y7.jpg", "mime_type": "image/jpeg"}]),
    dict(id="ig-pub-209", t="2024-06-15 17:02", platform="instagram", channel="comment", sender=fake,
         thread="sparkhillparkacademy post 311", text="can't wait to never see any of you again - Zara Ahmed 11H"),
    dict(id="ig-pub-210", t="2024-06-16 20:50", platform="instagram", channel="post", sender=fake,
         thread="zara.ahmed_official post 4", text="DM me if you want my number, new one 📱"),
]
jsonl(S, "instagram-public.jsonl", ev, outgoing_ids={"instagram:zara.ahmed"})
S.done()
