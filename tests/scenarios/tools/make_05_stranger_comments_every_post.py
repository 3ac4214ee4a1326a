"""05 (large, generated): a stranger comments on every one of Chloe's public posts within
minutes, at all hours, and follows up in DMs; he shows he knows her routine.

Run once: python3 make_05_stranger_comments_every_post.py. Native JSONL (posts, comments, DMs)."""
import sys, pathlib, random, datetime as dt
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, jsonl

S = Scenario("05-stranger-comments-every-post", "Europe/London", me=["Chloe Bennett"])
S.profile('''
# Chloe Bennett, 20, singer-songwriter with a public Instagram, Nottingham.
[person]
names = ["Chloe Bennett"]
phones = ["+44 7700 900505"]
emails = ["chloe.bennett.music@example.com"]
handles = ["instagram:chloe.sings"]
addresses = ["41 Hardy Street, Nottingham NG7 4BB"]
schools = ["Trentside College of Music"]
workplaces = ["The Old Lamp open mic"]
places = ["Arboretum park", "Hockley"]
region = "GB"
''')
S.expect('''
description = "Stranger comments on every public post within minutes, day and night, moves to DMs, ignores her request to stop and shows he knows her bus and her gigs"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "handle:instagram:northern_lad_91"
min_severity = "warning"
forms = ["excessive_contact"]
''')
rng = random.Random(505)
ME = {"id": "instagram:chloe.sings", "name": "Chloe Bennett"}
GAZ = {"id": "instagram:northern_lad_91", "name": "Gaz"}
fans = [
    {"id": "instagram:hollyjaynemusic", "name": "Holly Jayne"},
    {"id": "instagram:beth_draws", "name": "Beth"},
    {"id": "instagram:nottsgigguide", "name": "Notts Gig Guide"},
    {"id": "instagram:sam.on.keys", "name": "Sam P"},
    {"id": "instagram:lauren.k.photo", "name": "Lauren K"},
    {"id": "instagram:aunty.jo.b", "name": "Jo Bennett"},
]
fan_lines = [
    "this is gorgeous 😍", "need this recorded properly!!", "the harmonies omg", "see you saturday x",
    "goosebumps every time", "that guitar tone 👌", "so proud of you!", "when's the EP out??",
    "can't wait for the gig", "love love love", "you sound amazing on this one", "🔥🔥🔥",
    "added to my playlist", "obsessed with the chorus",
]
posts = [
    "new song snippet, working title 'paper moons' 🌙", "rehearsal chaos with the band", "Arboretum at golden hour",
    "open mic at The Old Lamp tonight, 8pm!", "thank you for last night, what a crowd", "voice is shot, tea and honey mode",
    "writing day. coffee number 4", "busking in Hockley this afternoon if you're about",
    "demo of 'small hours' - tell me what you think", "sunday sofa sessions ep 3", "new guitar strings who dis",
    "tiny gig, big feelings", "practising for the college showcase", "cover request: you asked, I listened",
    "a song about my nan 🤍", "rainy bus journey = new lyrics", "studio day!!", "last open mic of the month",
    "'paper moons' full version", "thank you for 2k followers 🥹",
]
gaz_early = [
    "stunning as always", "you're the best singer in Notts no contest", "first to comment again 😁",
    "your voice is unreal", "beautiful. just like you", "I'll be there x", "you looked amazing tonight",
    "wish I could hear you sing just for me", "played this 40 times already", "always watching 👀😉",
]
gaz_late = [
    "why do you reply to everyone but me", "I'm your biggest fan and you ignore me", "still waiting for a reply",
    "you used to like my comments", "not even a heart? ok", "the blue dress again. my favourite",
    "saw you on the 36 bus this morning, you had your headphones in", "you left the Old Lamp at 11:40. I waved",
    "you walked past me in Hockley and didn't even look", "don't pretend you don't see these",
    "stuck up now you've got a few followers", "I'll keep commenting until you notice me",
]
ev = []
n = 0
def add(t, channel, sender, thread, text, **kw):
    global n
    n += 1
    t = t.replace(second=(n * 37 + 11) % 60)   # real timestamps have seconds
    e = {"id": f"ig-{n:04d}", "t": t.strftime("%Y-%m-%d %H:%M:%S"), "platform": "instagram",
         "channel": channel, "sender": sender, "thread": thread, "text": text}
    e.update(kw)
    ev.append(e)

day = dt.datetime(2024, 5, 3, 18, 30)
asked_to_stop = None
for k, caption in enumerate(posts):
    day += dt.timedelta(days=rng.choice([1, 2, 2, 3]), hours=rng.randint(-4, 4), minutes=rng.randint(0, 59))
    thread = f"chloe.sings post {3100 + k}"
    add(day, "post", ME, thread, caption)
    for _ in range(rng.randint(2, 5)):
        f = rng.choice(fans)
        tf = day + dt.timedelta(minutes=rng.randint(10, 600))
        add(tf, "comment", f, thread, rng.choice(fan_lines))
        if rng.random() < 0.4:
            add(tf + dt.timedelta(minutes=rng.randint(5, 90)), "comment", ME, thread, rng.choice(
                ["thank you!! 💛", "ahh thank you x", "see you there!", "soon I promise 🤞", "means a lot x"]))
    # Gaz: first within minutes, then more, some at night
    g = day + dt.timedelta(minutes=rng.randint(1, 4))
    count = rng.randint(2, 4) if k < 8 else rng.randint(3, 6)
    for j in range(count):
        pool = gaz_early if k < 8 else gaz_late + gaz_early[:3]
        add(g, "comment", GAZ, thread, rng.choice(pool))
        g += dt.timedelta(minutes=rng.randint(20, 400))
    if k == 7:
        t = g + dt.timedelta(minutes=30)
        add(t, "comment", ME, thread, "@northern_lad_91 please stop commenting on everything I post, it's making me uncomfortable")
        asked_to_stop = t
    if k >= 8:  # night DMs
        for _ in range(rng.randint(1, 3)):
            tn = dt.datetime.combine(day.date() + dt.timedelta(days=1), dt.time(rng.randint(0, 3), rng.randint(0, 59), rng.randint(0, 59)))
            add(tn, "chat", GAZ, "DM Gaz", rng.choice([
                "you up?", "why won't you answer me", "I only want to talk", "I was at your gig, front left",
                "I know you read these", "one message back, that's all I want", "goodnight chloe x",
                "you changed your route to college. why", "I'm not like the others, you'll see",
            ]), recipient=ME)
add(asked_to_stop + dt.timedelta(minutes=3), "comment", GAZ, "chloe.sings post 3107", "uncomfortable?? I'm supporting you")
add(asked_to_stop + dt.timedelta(minutes=4), "comment", GAZ, "chloe.sings post 3107", "you should be grateful someone cares this much")
add(asked_to_stop + dt.timedelta(hours=5), "chat", GAZ, "DM Gaz", "that was embarrassing, calling me out in public", recipient=ME)
jsonl(S, "instagram-activity.jsonl", ev, outgoing_ids={"instagram:chloe.sings"})
S.done()
