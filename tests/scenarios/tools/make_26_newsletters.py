"""26 (negative): daily and weekly newsletters (HTML, tracking links, unsubscribe links), one
unsubscribe request and its confirmation, and an ordinary exchange with a friend."""
import sys, pathlib, datetime as dt
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, mbox

S = Scenario("26-newsletters", "America/Denver", me=[])
S.profile('''
# Daniel Reyes, 36, high-school science teacher in Denver.
[person]
names = ["Daniel Reyes", "Dan Reyes"]
phones = ["(720) 555-0126"]
emails = ["daniel.reyes@example.com"]
handles = []
addresses = ["3120 W 38th Ave, Denver, CO 80211"]
schools = []
workplaces = ["Highland Park High School"]
places = ["Sloan's Lake"]
region = "US"
''')
S.expect('''
description = "Daily and weekly newsletters with tracking and unsubscribe links, an unsubscribe request and its confirmation; bulk but harmless"
kind = "negative"
tz = "America/Denver"
max_severity = "watch"
''')
me = ("Daniel Reyes", "daniel.reyes@example.com")
BREW = ("The Morning Brew-ha", "digest@morningbrewha.example.com")
TRAIL = ("Trailhead Outfitters", "news@trailhead-outfitters.example.com")
POD = ("Lab Notes Weekly", "hello@labnotes-weekly.example.org")
FOOD = ("Sloan's Lake Farmers Market", "market@slfm.example.org")
mails = []
day = dt.date(2024, 9, 2)
stories = [
    ("Rates hold steady; a comet you can see this week", "Fed holds; Comet A3 visible before dawn; why avocados cost more"),
    ("Broncos training camp takeaways", "Camp notes; a new light-rail line; the best green chile in town"),
    ("Heat wave ends, fall arrives early", "First frost dates; school board meeting; bike lanes on Federal"),
    ("Why everyone is talking about sourdough again", "Bread; a museum reopens; ski pass prices"),
    ("Weekend: 12 things to do in Denver", "Festivals; hikes; a free concert at Civic Center"),
    ("The tiny telescope that found a planet", "Space; city budget; a 90-year-old marathoner"),
    ("Leaf-peeping road trips ranked", "Aspen colors; traffic on I-70; new library hours"),
    ("Housing report in 3 charts", "Rents; permits; what the numbers mean"),
    ("Your Friday roundup", "Week in review; the crossword answer; a very good dog"),
    ("Monday reset: calendar for the week", "Events; weather; a recipe"),
]
for k in range(12):
    d = day + dt.timedelta(days=k)
    subj, teaser = stories[k % len(stories)]
    tid = f"{d:%Y%m%d}"
    mails.append(dict(
        t=f"{d} 05:30", id=f"brew-{tid}@morningbrewha.example.com", **{"from": BREW}, to=[me],
        subject=subj, relay="mta7.morningbrewha.example.com", relay_ip="198.51.100.40",
        return_path=f"bounce-{tid}-dreyes@morningbrewha.example.com",
        headers={"List-Unsubscribe": f"<https://morningbrewha.example.com/unsubscribe?u=dreyes&c={tid}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Precedence": "bulk"},
        html=(f"<html><head><style>body{{font-family:Georgia}}</style></head><body>"
              f"<h1>{subj}</h1><p>Good morning Daniel. Today: {teaser}.</p>"
              f"<p><a href=\"https://click.morningbrewha.example.com/t/{tid}/1\">Read the full story</a></p>"
              f"<p><a href=\"https://click.morningbrewha.example.com/t/{tid}/2\">Share with a friend</a></p>"
              f"<p style=\"font-size:11px\">You're receiving this because you signed up at morningbrewha.example.com. "
              f"<a href=\"https://morningbrewha.example.com/unsubscribe?u=dreyes&amp;c={tid}\">Unsubscribe</a> | "
              f"<a href=\"https://morningbrewha.example.com/preferences\">Manage preferences</a></p></body></html>")))
for k, (subj, body) in enumerate([
    ("Fall layers are here - 20% off fleece", "Warm up for fall. 20% off fleece and base layers through Sunday."),
    ("Your trail guide: 5 fall hikes near Denver", "From Mount Falcon to Chautauqua, our staff picks for fall."),
    ("Last chance: members' sale ends tonight", "Members save an extra 10% on packs and boots until midnight MT."),
]):
    d = day + dt.timedelta(days=2 + 4 * k)
    mails.append(dict(
        t=f"{d} 09:00", id=f"trail-{k}@trailhead-outfitters.example.com", **{"from": TRAIL}, to=[me], subject=subj,
        relay="mail.trailhead-outfitters.example.com", relay_ip="198.51.100.41",
        headers={"List-Unsubscribe": "<mailto:unsubscribe@trailhead-outfitters.example.com?subject=unsubscribe>, <https://trailhead-outfitters.example.com/email/unsub?id=55102>",
                 "Precedence": "bulk"},
        text=f"{body}\n\nShop now: https://trailhead-outfitters.example.com/sale?utm_source=email&utm_campaign=fall{k}\n\nUnsubscribe: https://trailhead-outfitters.example.com/email/unsub?id=55102",
        html=f"<html><body><p>{body}</p><p><a href=\"https://trailhead-outfitters.example.com/sale?utm_source=email&amp;utm_campaign=fall{k}\">Shop now</a></p><p><a href=\"https://trailhead-outfitters.example.com/email/unsub?id=55102\">Unsubscribe</a></p></body></html>"))
mails += [
    dict(t="2024-09-06 16:00", id="lnw-36@labnotes-weekly.example.org", **{"from": POD}, to=[me],
         subject="This week: octopus dreams and the physics of coffee rings",
         relay="out.labnotes-weekly.example.org", relay_ip="198.51.100.42",
         headers={"List-Unsubscribe": "<https://labnotes-weekly.example.org/u/8841>", "Precedence": "bulk"},
         text="Hi Daniel,\n\nThis week's classroom notes: do octopuses dream? And why coffee dries in rings.\nLesson plan (PDF): https://labnotes-weekly.example.org/lessons/coffee-rings.pdf\n\nUnsubscribe: https://labnotes-weekly.example.org/u/8841"),
    dict(t="2024-09-13 16:00", id="lnw-37@labnotes-weekly.example.org", **{"from": POD}, to=[me],
         subject="This week: the smell of rain",
         relay="out.labnotes-weekly.example.org", relay_ip="198.51.100.42",
         headers={"List-Unsubscribe": "<https://labnotes-weekly.example.org/u/8841>", "Precedence": "bulk"},
         text="Hi Daniel,\n\nPetrichor, explained for 9th graders. Worksheet: https://labnotes-weekly.example.org/lessons/petrichor\n\nUnsubscribe: https://labnotes-weekly.example.org/u/8841"),
    dict(t="2024-09-07 07:15", id="slfm-0907@slfm.example.org", **{"from": FOOD}, to=[me],
         subject="Saturday market: peaches, green chile roasting, live music",
         headers={"List-Unsubscribe": "<https://slfm.example.org/newsletter/leave>"},
         text="Good morning market friends!\n\nGreen chile roasting starts at 8. Peaches from Palisade while they last.\nMap: https://slfm.example.org/map\n\nLeave this list: https://slfm.example.org/newsletter/leave"),
    dict(t="2024-09-08 20:12", id="dr-unsub@example.com", out=True, **{"from": me},
         to=[("Trailhead Outfitters", "unsubscribe@trailhead-outfitters.example.com")],
         subject="unsubscribe", text="unsubscribe"),
    dict(t="2024-09-08 20:13", id="trail-unsub-ok@trailhead-outfitters.example.com", **{"from": TRAIL}, to=[me],
         subject="You've been unsubscribed",
         relay="mail.trailhead-outfitters.example.com", relay_ip="198.51.100.41",
         text="You will no longer receive marketing emails from Trailhead Outfitters. It may take up to\n48 hours for this to take effect.\n\nChanged your mind? https://trailhead-outfitters.example.com/email/subscribe"),
    dict(t="2024-09-10 19:40", id="mk-001@example.org", **{"from": ("Maria Kessler", "maria.kessler@example.org")}, to=[me],
         subject="chile roasting Saturday?",
         text="Dan! Want to hit the market Saturday and buy an irresponsible amount of green chile?\n\nM"),
    dict(t="2024-09-10 21:02", id="dr-002@example.com", out=True, **{"from": me},
         to=[("Maria Kessler", "maria.kessler@example.org")], subject="Re: chile roasting Saturday?",
         reply_to_id="mk-001@example.org",
         text="Obviously. Meet at the south entrance at 8:30? I'll bring the big cooler."),
]
mbox(S, "Takeout/Mail/All mail Including Spam and Trash.mbox", mails)
S.done()
