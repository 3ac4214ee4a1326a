"""13: Nadia blocked Marcus's Telegram account (listed under [blocked]); he returns from a second
account with the same display name, says so, and keeps pushing."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, TgChat, telegram_full

S = Scenario("13-ban-evader-second-account", "America/Chicago", me=[])
S.profile('''
# Nadia Rahman, 23, graduate student in Houston.
[person]
names = ["Nadia Rahman"]
phones = ["+1 713 555 0131"]
emails = ["nadia.rahman@example.edu"]
handles = ["telegram:nadiarahman", "telegram:user9300100"]
addresses = ["4410 Montrose Blvd, Apt 12, Houston, TX 77006"]
schools = ["Bayou City University"]
workplaces = ["BCU Chemistry Department"]
places = ["Menil Park"]
region = "US"

[[trusted]]
name = "Imran Rahman"
phones = ["+1 713 555 0132"]
emails = []
handles = ["telegram:user9300102"]

# Marcus's first account, blocked on 3 June.
[blocked]
handles = ["telegram:user9300131"]
''')
S.expect('''
description = "Blocked acquaintance returns from a second Telegram account with the same name, says he made it because she blocked him, and keeps messaging and calling"
kind = "stalking"
tz = "America/Chicago"

[[case]]
contact = "Marcus Reid"
min_severity = "warning"
forms = ["excessive_contact"]
''')
ME = ("Nadia Rahman", 9300100)
M1 = ("Marcus Reid", 9300131)
M2 = ("Marcus Reid", 9300177)
IM = ("Imran Rahman", 9300102)
old = TgChat(S, "Marcus Reid", 9300131, "personal_chat")
old.msg("2024-05-20 18:02", M1, "hey! good to meet you at the lab social. this is Marcus from physics")
old.msg("2024-05-20 18:30", ME, "hi Marcus, yeah nice to meet you too")
old.msg("2024-05-21 21:15", M1, "want to grab dinner this week?")
old.msg("2024-05-22 09:10", ME, "I'm flattered but I'm not looking to date anyone right now. Happy to say hi around campus though")
old.msg("2024-05-22 09:11", M1, "not even one dinner?")
old.msg("2024-05-23 23:40", M1, "you were online at 11 and didn't answer")
old.msg("2024-05-24 00:12", M1, "I just want to get to know you")
old.msg("2024-05-26 22:30", M1, "saw you leaving the chem building with some guy. boyfriend?")
old.msg("2024-05-27 08:45", ME, "That's not your business. Please stop messaging me about this.")
old.msg("2024-05-27 08:46", M1, "I'm only asking")
old.call("2024-05-29 23:55", M1, "missed")
old.call("2024-05-30 00:02", M1, "missed")
old.msg("2024-05-30 00:05", M1, "pick up, I need to tell you something important")
old.msg("2024-06-01 01:20", M1, "why are you being like this")
old.msg("2024-06-03 07:50", ME, "I'm blocking you. Don't contact me again.")
new = TgChat(S, "Marcus Reid", 9300177, "personal_chat")
new.msg("2024-06-03 21:14", M2, "you blocked my main so this is my other account")
new.msg("2024-06-03 21:15", M2, "it's Marcus. obviously")
new.msg("2024-06-03 21:40", M2, "blocking people without talking to them is really immature Nadia")
new.msg("2024-06-04 00:31", M2, "I'm not giving up on this")
new.call("2024-06-04 00:33", M2, "missed")
new.call("2024-06-04 00:35", M2, "busy")
new.msg("2024-06-04 08:02", ME, "Marcus, I blocked you because I want no contact. Making a new account to get around it is harassment. Stop.")
new.msg("2024-06-04 08:03", M2, "harassment?? I've been nothing but nice to you")
new.msg("2024-06-04 08:03", M2, "you led me on at the social")
new.msg("2024-06-05 23:58", M2, "I waited outside your building at Montrose for an hour tonight")
new.msg("2024-06-06 00:20", M2, "your light went off at 11:40")
new.call("2024-06-06 00:25", M2, "missed")
new.msg("2024-06-07 13:10", M2, "I'll be at the chem department at 5. we can talk like adults")
new.msg("2024-06-08 02:14", M2, "if you block this one I'll make another. I've got all summer")
new.msg("2024-06-09 22:47", M2, "just answer me once")
new.msg("2024-06-10 01:05", M2, "answer me")
im = TgChat(S, "Imran Rahman", 9300102, "personal_chat")
im.msg("2024-06-04 08:20", ME, "the guy from physics made a second account after I blocked him")
im.msg("2024-06-04 08:24", IM, "Report it to campus police today. And screenshot both accounts")
im.msg("2024-06-04 08:25", ME, "doing it now")
im.msg("2024-06-06 07:30", IM, "He was outside your building?? I'm driving up this weekend. Stay with Leila tonight")
im.msg("2024-06-06 07:41", ME, "ok. thank you bhai")
telegram_full(S, "Telegram Desktop/DataExport_2024-06-10/result.json",
              {"user_id": 9300100, "first_name": "Nadia", "last_name": "Rahman",
               "phone_number": "+1 713 555 0131", "username": "@nadiarahman"},
              [{"user_id": 9300102, "first_name": "Imran", "last_name": "Rahman",
                "phone_number": "+1 713 555 0132", "date": "2020-01-05T12:00:00", "date_unixtime": "1578247200"}],
              [new, im, old])
S.done()
