"""28 (negative): a high-school soccer team's WhatsApp group with trash talk between teammates,
the coach's schedule messages, and Jayden joining in (Android export, US dates, 12-hour clock)."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, whatsapp

S = Scenario("28-sports-team-group", "America/Los_Angeles", me=["Jayden Cruz"])
S.profile('''
# Jayden Cruz, 16, plays soccer for his high school in San Diego.
[person]
names = ["Jayden Cruz", "JC"]
phones = ["(619) 555-0128"]
emails = ["jayden.cruz@example.com"]
handles = ["whatsapp:Jayden Cruz", "instagram:jcruz.10"]
addresses = ["4471 Cass St, San Diego, CA 92109"]
schools = ["Mission Bay Prep"]
workplaces = []
places = ["Robb Field"]
region = "US"

[[trusted]]
name = "Coach Ramirez"
phones = ["(619) 555-0129"]
emails = []
handles = ["whatsapp:Coach Ramirez"]
''')
S.expect('''
description = "High-school soccer team group with trash talk between teammates, the coach's schedule messages and Jayden joining in; banter, nobody targeted"
kind = "negative"
tz = "America/Los_Angeles"
max_severity = "watch"
''')
J, C = "Jayden Cruz", "Coach Ramirez"
M, T, L, A = "Marco Diaz", "Tyrell Banks", "Luis Ortega", "Andy Kim"
chat = [
    ("2024-09-16 19:02", C, "Practice moved to Robb Field tomorrow 4:00. Bring both kits."),
    ("2024-09-16 19:05", M, "both kits?? coach we're not that rich"),
    ("2024-09-16 19:06", C, "Then borrow one. 4:00 sharp."),
    ("2024-09-16 19:10", T, "jayden you gonna show up on time for once"),
    ("2024-09-16 19:11", J, "I was late ONE time"),
    ("2024-09-16 19:11", L, "one time this week 😂"),
    ("2024-09-16 19:12", J, "y'all are haters"),
    ("2024-09-17 17:40", A, "who nutmegged marco at the end lmaooo"),
    ("2024-09-17 17:41", J, "that was me. he's still looking for the ball"),
    ("2024-09-17 17:41", M, "I LET you. team morale"),
    ("2024-09-17 17:42", T, "bro you fell over. morale is not falling over"),
    ("2024-09-19 20:15", C, "Friday vs Point Loma, bus leaves 2:45 from the front lot. Starting XI posted tomorrow."),
    ("2024-09-19 20:16", L, "we're gonna destroy them"),
    ("2024-09-19 20:17", M, "destroy them like we destroyed La Jolla? (we lost 4-0)"),
    ("2024-09-19 20:17", L, "that was a MORAL victory"),
    ("2024-09-19 20:18", J, "marco you keep saying morale like you know what it means"),
    ("2024-09-19 20:19", M, "cruz you couldn't hit the net if it was 50 feet wide"),
    ("2024-09-19 20:19", J, "says the guy who scored on his own goal twice"),
    ("2024-09-19 20:20", A, "💀💀💀"),
    ("2024-09-19 20:21", T, "it's giving group project that failed"),
    ("2024-09-20 22:30", J, "2-1 BABY"),
    ("2024-09-20 22:30", T, "WHO'S A HATER NOW"),
    ("2024-09-20 22:31", L, "told u we'd destroy them"),
    ("2024-09-20 22:31", M, "by one goal. calm down"),
    ("2024-09-20 22:32", A, "jayden that header was filthy ngl"),
    ("2024-09-20 22:33", J, "I'm literally the GOAT"),
    ("2024-09-20 22:33", T, "goat of being late maybe"),
    ("2024-09-20 22:35", C, "Proud of you all tonight. Recovery jog Saturday 9am, optional but not really."),
    ("2024-09-20 22:36", J, "thanks coach 🙏"),
    ("2024-09-23 07:12", M, "who's got my shin pads. I know one of you animals has them"),
    ("2024-09-23 07:20", L, "check andy's bag, he steals everything"),
    ("2024-09-23 07:21", A, "I BORROW with intent to return"),
    ("2024-09-23 07:25", A, "ok yeah they're here. my bad"),
    ("2024-09-25 18:45", C, "Team dinner after Friday's game at Rudy's, $12 each, tell your parents."),
    ("2024-09-25 18:47", J, "I'm in"),
    ("2024-09-25 18:47", T, "in"),
    ("2024-09-25 18:48", M, "in if luis doesn't order for the table again"),
    ("2024-09-25 18:49", L, "the garlic knots were a gift to you all"),
    ("2024-09-27 23:05", A, "rudy's was elite. marco ate like 9 garlic knots"),
    ("2024-09-27 23:06", M, "8. get your facts straight"),
    ("2024-09-27 23:07", J, "8 and a half. I saw you take the last half off my plate you menace"),
    ("2024-09-27 23:08", T, "goodnight losers, good game"),
    ("2024-09-27 23:09", J, "night bro 🫡"),
]
whatsapp(S, "WhatsApp Chat with MBP Varsity Soccer.txt", chat, layout="android12us")
S.done()
