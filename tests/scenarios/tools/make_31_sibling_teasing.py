"""31 (negative): a younger brother teases Emma by text ('dork', 'mom says you're dead'), she gives
as good as she gets; family logistics in between."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup

S = Scenario("31-sibling-teasing", "America/New_York", me=[])
S.profile('''
# Emma Rossi, 17, high-school senior in Philadelphia.
[person]
names = ["Emma Rossi"]
phones = ["(215) 555-0131"]
emails = ["emma.rossi@example.com"]
handles = ["instagram:emmarossi_"]
addresses = ["918 Fitzwater St, Philadelphia, PA 19147"]
schools = ["Bella Vista High School"]
workplaces = ["Gelato Mio, Passyunk Ave"]
places = ["Palumbo Park"]
region = "US"

[[trusted]]
name = "Mom"
phones = ["(215) 555-0132"]
emails = []
handles = []
''')
S.expect('''
description = "Younger brother teases Emma by text (dork, mushroom haircut, 'mom says you're dead'); she teases back, family logistics in between"
kind = "negative"
tz = "America/New_York"
max_severity = "watch"
''')
L = dict(addr="(215) 555-0133", name="Luca 🐸")
M = dict(addr="(215) 555-0132", name="Mom")
i = lambda who, t, b: dict(who, t=t, body=b)
o = lambda who, t, b: dict(who, t=t, body=b, out=True)
sms = [
    i(L, "2024-04-15 15:10", "mom says you're dead if you took her car again"),
    o(L, "2024-04-15 15:12", "I asked her!! she said yes"),
    i(L, "2024-04-15 15:12", "she said 'we'll see' which is not yes you dork"),
    o(L, "2024-04-15 15:13", "mind your business frog boy"),
    i(L, "2024-04-15 15:13", "🐸🐸🐸"),
    i(L, "2024-04-16 18:40", "your haircut looks like a mushroom btw"),
    o(L, "2024-04-16 18:41", "at least I don't smell like a locker room"),
    i(L, "2024-04-16 18:41", "that's called HUSTLE"),
    i(L, "2024-04-16 18:42", "ok it looks fine. mushroom adjacent"),
    o(L, "2024-04-16 18:43", "thank you for your feedback loser"),
    i(M, "2024-04-17 12:00", "Can one of you pick up bread on the way home?"),
    o(M, "2024-04-17 12:30", "I will, I'm at work til 5"),
    i(L, "2024-04-17 17:30", "did you get the bread or are you too busy being a gelato celebrity"),
    o(L, "2024-04-17 17:31", "got it. and a free cannoli which you are NOT getting"),
    i(L, "2024-04-17 17:31", "I'm telling mom you're hoarding cannoli"),
    o(L, "2024-04-17 17:32", "snitch"),
    i(L, "2024-04-19 22:15", "can you drive me to jake's tomorrow at 10. pls. I'll do your dishes"),
    o(L, "2024-04-19 22:20", "dishes for a WEEK"),
    i(L, "2024-04-19 22:20", "3 days"),
    o(L, "2024-04-19 22:21", "5"),
    i(L, "2024-04-19 22:21", "deal. you're the worst"),
    o(L, "2024-04-19 22:22", "the worst who is driving you"),
    i(L, "2024-04-20 09:58", "I'm in the car. hurry up slowpoke"),
    o(L, "2024-04-20 09:59", "I'm literally putting shoes on"),
    i(L, "2024-04-22 20:05", "there's a spider in the bathroom. you're older. deal with it"),
    o(L, "2024-04-22 20:06", "absolutely not. you're the one who wants to be a biologist"),
    i(L, "2024-04-22 20:06", "marine biologist. it's a land creature. not my department"),
    o(L, "2024-04-22 20:10", "fine. coming. you owe me"),
    i(L, "2024-04-22 20:15", "my hero 🫡 (don't tell anyone I screamed)"),
    i(M, "2024-04-25 16:40", "Nonna's for dinner Sunday, both of you, no excuses"),
    o(M, "2024-04-25 16:45", "ok! can Luca please shower before"),
    i(L, "2024-04-25 16:46", "EXCUSE ME"),
    i(M, "2024-04-25 16:47", "Be nice you two 😂"),
]
sms_backup(S, "sms-20240426083000.xml", sms, style="us", own_number="(215) 555-0131")
S.done()
