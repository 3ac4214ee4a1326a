"""33 (negative): a friend sends Maya bursts of memes and reels after midnight most nights; she
replies ('LMAOOO', 'go to sleep'), and sends her own."""
import sys, pathlib, random
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, meta_thread

S = Scenario("33-late-night-memes", "America/New_York", me=["Maya Johnson"])
S.profile('''
# Maya Johnson, 20, college student in Baltimore.
[person]
names = ["Maya Johnson"]
phones = ["(410) 555-0133"]
emails = ["maya.johnson@example.edu"]
handles = ["instagram:maya.jxhnson"]
addresses = ["3300 N Charles St, Baltimore, MD 21218"]
schools = ["Charles Village College"]
workplaces = []
places = ["Wyman Park"]
region = "US"
''')
S.expect('''
description = "Friend sends bursts of memes and reels after midnight most nights; Maya replies and sends her own. Night volume, but mutual"
kind = "negative"
tz = "America/New_York"
max_severity = "watch"
''')
D, M = "Dre Williams", "Maya Johnson"
rng = random.Random(33)
reels = ["C7qX1a", "C7rY2b", "C7sZ3c", "C7tA4d", "C7uB5e", "C7vC6f", "C7wD7g", "C7xE8h", "C7yF9i", "C7zG0j",
         "C80H1k", "C81I2l", "C82J3m", "C83K4n"]
captions = ["when the group project partner finally texts back", "me at 2am deciding to fix my life",
            "raccoon stealing a whole pizza", "professors when you email them at 11:59",
            "this cat has a better skincare routine than me", "POV: you said 'one more episode'",
            "dog sees snow for the first time", "the audacity of this pigeon", "roommate energy",
            "finals week speedrun", "grandma discovering the slow-mo camera", "me explaining why I'm tired"]
share = lambda t, who: dict(t=t, who=who, share=(f"https://www.instagram.com/reel/{reels.pop()}/", captions.pop()))
m = lambda t, who, text: dict(t=t, who=who, text=text)
msgs = [
    share("2024-03-11 00:14", D), share("2024-03-11 00:15", D),
    m("2024-03-11 00:15", D, "the raccoon 😭😭"),
    m("2024-03-11 00:22", M, "LMAOOO the way he dragged the whole box"),
    m("2024-03-11 00:23", M, "go to sleep you have an 8am"),
    m("2024-03-11 00:23", D, "no YOU go to sleep"),
    m("2024-03-11 00:24", M, "I'm literally in bed"),
    share("2024-03-12 01:02", D), share("2024-03-12 01:03", D), share("2024-03-12 01:05", D),
    m("2024-03-12 01:05", D, "this is us during finals"),
    m("2024-03-12 07:48", M, "woke up to 3 reels and you're right about all of them"),
    m("2024-03-12 07:49", D, "I'm always right"),
    share("2024-03-13 23:51", M),
    m("2024-03-13 23:52", M, "this is SO you"),
    m("2024-03-13 23:58", D, "I feel attacked"),
    m("2024-03-13 23:58", D, "accurate though"),
    share("2024-03-14 02:11", D), share("2024-03-14 02:12", D),
    m("2024-03-14 02:12", D, "why am I awake"),
    m("2024-03-14 02:20", M, "why am I ALSO awake"),
    m("2024-03-14 02:21", D, "insomnia besties"),
    m("2024-03-14 02:22", M, "ok goodnight for real this time 😴"),
    m("2024-03-14 02:22", D, "night night"),
    share("2024-03-16 00:40", D),
    m("2024-03-16 00:41", D, "grandma is SO proud of that slow mo"),
    m("2024-03-16 00:50", M, "I love her"),
    m("2024-03-16 00:51", M, "also brunch tomorrow? the place by wyman park"),
    m("2024-03-16 00:51", D, "yes. 11?"),
    m("2024-03-16 00:52", M, "11 👍"),
    share("2024-03-18 01:30", D), share("2024-03-18 01:31", D),
    m("2024-03-18 09:15", M, "you sent these at 1:30 on a sunday night, seek help"),
    m("2024-03-18 09:16", D, "the help is memes"),
    share("2024-03-19 23:40", M),
    m("2024-03-19 23:41", M, "prof bennett coded"),
    m("2024-03-19 23:45", D, "STOPPP 😂"),
]
meta_thread(S, "instagram", "instagram", "drewilliams_77120", D, [D, M], msgs)
S.done()
