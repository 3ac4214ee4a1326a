"""15: after one date Olivia says it's not a match; Brandon goes from polite to insistent to
threatening as she stops answering (WhatsApp, iOS export, US dates and 12-hour clock)."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, whatsapp

S = Scenario("15-threats-after-silence", "America/New_York", me=["Olivia Grant"])
S.profile('''
# Olivia Grant, 31, nurse practitioner in Atlanta.
[person]
names = ["Olivia Grant", "Liv"]
phones = ["+1 404 555 0115"]
emails = ["olivia.grant@example.com"]
handles = ["whatsapp:Olivia Grant"]
addresses = ["780 Ponce de Leon Ave NE, Unit 4, Atlanta, GA 30306"]
schools = []
workplaces = ["Midtown Family Clinic"]
places = ["Piedmont Park"]
region = "US"
''')
S.expect('''
description = "After one date and a polite no, Brandon goes from polite to insistent to threatening (knows her clinic and car) as Olivia stops answering"
kind = "stalking"
tz = "America/New_York"

[[case]]
contact = "Brandon Hayes"
min_severity = "danger"
forms = ["abusive_messages", "excessive_contact"]
''')
B, O = "Brandon Hayes", "Olivia Grant"
chat = [
    ("2024-02-10 22:41:10", B, "Thanks for tonight Olivia, I had a great time. Hope you got home ok"),
    ("2024-02-10 22:58:33", O, "Home safe, thanks for dinner!"),
    ("2024-02-11 10:02:45", B, "Morning! Any plans today?"),
    ("2024-02-11 13:15:02", O, "Just errands, you?"),
    ("2024-02-11 13:16:40", B, "Was hoping to see you again. Friday?"),
    ("2024-02-12 19:30:11", O, "Hey Brandon, I've thought about it and I don't think we're a match. You're a nice guy and I wish you well!"),
    ("2024-02-12 19:31:02", B, "Oh. Can I ask why?"),
    ("2024-02-12 19:31:44", B, "We got on really well I thought"),
    ("2024-02-12 20:45:19", B, "At least give me a reason"),
    ("2024-02-13 08:10:05", B, "Morning. Still waiting on that reason"),
    ("2024-02-13 12:44:51", B, "It's rude to just go quiet on someone"),
    ("2024-02-13 22:03:37", B, "I drove past Midtown Family Clinic today. Didn't see your car"),
    ("2024-02-14 00:12:08", B, "Missed voice call"),
    ("2024-02-14 00:14:26", B, "Missed voice call"),
    ("2024-02-14 00:15:03", B, "Pick up"),
    ("2024-02-14 09:20:47", B, "Happy Valentine's day I guess"),
    ("2024-02-14 21:55:12", B, "You think you can just use people for a free dinner and disappear?"),
    ("2024-02-15 01:31:29", B, "Answer me Olivia"),
    ("2024-02-15 01:32:10", B, "I'm not someone you ghost"),
    ("2024-02-15 17:40:58", B, "White Corolla, parked on the 3rd floor of the clinic garage. I know exactly which one is yours"),
    ("2024-02-16 02:04:33", B, "Missed voice call"),
    ("2024-02-16 02:06:01", B, "You're going to regret treating me like this"),
    ("2024-02-16 08:12:44", O, "Do not contact me again. I've saved all of these messages."),
    ("2024-02-16 08:13:20", B, "Oh NOW she answers"),
    ("2024-02-16 08:13:51", B, "Save them. Show whoever you want"),
    ("2024-02-17 23:27:19", B, "Watch your back walking to that garage at night"),
    ("2024-02-18 00:40:02", B, "Missed voice call"),
    ("2024-02-18 00:41:17", B, "Bet you're scared now. Good"),
    ("2024-02-19 12:05:40", B, "I know you live off Ponce. Won't take long to find which building"),
    ("2024-02-20 22:48:15", B, "Last chance to apologize before I make you sorry"),
    ("2024-02-21 03:09:56", B, "You'll see me soon"),
    ("2024-02-21 07:30:00", None, "You blocked this contact."),
]
whatsapp(S, "WhatsApp Chat - Brandon Hayes/_chat.txt", chat, layout="iosus", chat="Brandon Hayes")
friend = [
    ("2024-02-12 19:40:03", O, "told the guy from saturday it's not a match. he's not taking it well"),
    ("2024-02-12 19:42:30", "Keisha Moore", "ugh. mute him and move on girl"),
    ("2024-02-15 18:02:11", O, "he knows my CAR. he said which floor of the garage"),
    ("2024-02-15 18:03:40", "Keisha Moore", "WHAT. ok tell clinic security tonight and get someone to walk you out"),
    ("2024-02-15 18:05:22", O, "doing it"),
    ("2024-02-17 23:35:09", "Keisha Moore", "you home? text me when you're in"),
    ("2024-02-17 23:50:44", O, "home. security walked me. he said watch your back. I'm going to the police tomorrow"),
    ("2024-02-17 23:51:30", "Keisha Moore", "I'll come with you. 9am ❤️"),
]
whatsapp(S, "WhatsApp Chat - Keisha Moore/_chat.txt", friend, layout="iosus", chat="Keisha Moore")
S.done()
