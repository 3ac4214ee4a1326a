"""19: a Year 9 classmate insults Noah in private messages and spreads lies about him in the
class WhatsApp group, getting others to laugh along."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, whatsapp

S = Scenario("19-schoolmate-bully", "Europe/London", me=["Noah Patel"])
S.profile('''
# Noah Patel, 14, Year 9 in Coventry.
[person]
names = ["Noah Patel", "Noah"]
phones = ["+44 7700 901919"]
emails = ["noah.patel@example.org"]
handles = ["whatsapp:Noah Patel"]
addresses = ["58 Earlsdon Avenue North, Coventry CV5 6FT"]
schools = ["Earlsdon Park School"]
workplaces = []
places = ["Hearsall Common"]
region = "GB"

[[trusted]]
name = "Mum"
phones = ["+44 7700 901920"]
emails = []
handles = ["whatsapp:Mum"]
''')
S.expect('''
description = "Classmate insults Noah in private messages for weeks and spreads lies about him in the Year 9 WhatsApp group (wetting himself on the trip, stealing phones, his dad in prison)"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "Callum Ferris"
min_severity = "warning"
forms = ["abusive_messages", "rumours"]
''')
C, N = "Callum Ferris", "Noah Patel"
dm = [
    ("2024-01-08 16:40", C, "nice shoes today. did your mum get them from the charity shop"),
    ("2024-01-08 16:41", C, "freak"),
    ("2024-01-09 19:02", C, "why do you even come to school. nobody wants you there"),
    ("2024-01-09 19:30", N, "just leave me alone Callum"),
    ("2024-01-09 19:31", C, "or what lol. gonna cry to Mr Singh again"),
    ("2024-01-11 21:15", C, "<Media omitted>"),
    ("2024-01-11 21:15", C, "made you a new profile pic 😂😂"),
    ("2024-01-12 08:02", C, "see you in form loser"),
    ("2024-01-15 22:10", C, "you smell like a bin. everyone says it"),
    ("2024-01-16 17:45", C, "do everyone a favour and disappear"),
    ("2024-01-16 17:46", C, "seriously no one would notice"),
    ("2024-01-18 20:33", C, "heard you were crying in the toilets. pathetic"),
    ("2024-01-19 07:50", N, "stop messaging me. I'm showing my mum"),
    ("2024-01-19 07:51", C, "showing your mum 😂 how old are you, 5"),
    ("2024-01-22 18:20", C, "you're a waste of space Patel"),
    ("2024-01-25 21:05", C, "you'll never have any mates. ever"),
    ("2024-01-29 16:15", C, "snitch. Mr Singh gave me a detention because of you. you're dead tomorrow"),
    ("2024-01-29 16:20", None, "You blocked this contact. Tap to unblock."),
]
whatsapp(S, "WhatsApp Chat with Callum Ferris.txt", dm)
grp = [
    ("2024-01-04 18:00:11", None, "Ruby Hall created group “Year 9 Set 2”"),
    ("2024-01-04 18:00:12", None, "Ruby Hall added you"),
    ("2024-01-04 18:01:30", "Ruby Hall", "maths homework chat so we stop asking Miss Ward 😅"),
    ("2024-01-04 18:05:02", N, "is it page 112 or 114?"),
    ("2024-01-04 18:05:40", "Ruby Hall", "114, questions 1-12"),
    ("2024-01-04 18:06:15", N, "thanks"),
    ("2024-01-10 19:20:44", C, "did everyone know noah wet himself on the year 8 trip 😂"),
    ("2024-01-10 19:21:03", "Kai Brennan", "💀💀"),
    ("2024-01-10 19:21:50", C, "true story. had to sit on a bin bag on the coach"),
    ("2024-01-10 19:25:11", N, "that never happened"),
    ("2024-01-10 19:25:40", C, "course it didn't noah 🥲"),
    ("2024-01-10 19:30:02", "Ruby Hall", "can we keep this to homework pls"),
    ("2024-01-17 20:02:33", C, "lock your bags in PE btw. noah's the one nicking phones, Jayden saw him"),
    ("2024-01-17 20:03:10", "Kai Brennan", "wait actually?"),
    ("2024-01-17 20:03:55", C, "yeah he got reported but they can't prove it"),
    ("2024-01-17 20:10:20", N, "I've never taken anyone's phone. stop lying about me"),
    ("2024-01-17 20:11:01", C, "runs in the family though doesn't it, his dad's in prison"),
    ("2024-01-17 20:11:30", "Kai Brennan", "😂😂 no way"),
    ("2024-01-17 20:12:45", "Amira Khan", "Callum that's so out of order"),
    ("2024-01-17 20:13:20", C, "just telling people the truth"),
    ("2024-01-24 21:40:09", C, "image omitted"),
    ("2024-01-24 21:40:31", C, "noah's new girlfriend 😂 (it's a bin)"),
    ("2024-01-24 21:41:15", "Kai Brennan", "LMAOOO"),
    ("2024-01-24 21:45:50", "Ruby Hall", "I'm removing you Callum if you don't stop"),
    ("2024-01-30 19:00:02", C, "if anyone talks to noah tomorrow they're a snitch too"),
    ("2024-01-30 19:05:12", None, "Ruby Hall removed Callum Ferris"),
    ("2024-01-30 19:06:00", "Amira Khan", "noah you ok? ignore him, nobody believes that stuff"),
    ("2024-01-30 19:10:31", N, "thanks Amira"),
]
whatsapp(S, "WhatsApp Chat - Year 9 Set 2/_chat.txt", grp, layout="ios", chat="Year 9 Set 2")
mum = [
    ("2024-01-19 07:55", N, "mum I need to show you some messages from Callum"),
    ("2024-01-19 07:56", "Mum", "Of course sweetheart. I'm in the kitchen x"),
    ("2024-01-19 12:30", "Mum", "I've spoken to Mr Singh, he's dealing with it today. Proud of you for telling me ❤️"),
    ("2024-01-29 16:25", N, "he said I'm dead tomorrow. I blocked him"),
    ("2024-01-29 16:26", "Mum", "I'm picking you up tomorrow and going in to see the head. You're not walking on your own"),
]
whatsapp(S, "WhatsApp Chat with Mum.txt", mum)
S.done()
