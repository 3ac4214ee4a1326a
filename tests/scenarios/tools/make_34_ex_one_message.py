"""34 (negative): months after a break-up the ex sends one friendly message about returning a
jacket, Rebecca replies politely, he acknowledges and never writes again. Other chats as usual."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, TgChat, telegram_full

S = Scenario("34-ex-one-message", "Europe/London", me=[])
S.profile('''
# Rebecca Hale, 27, museum curator in York.
[person]
names = ["Rebecca Hale", "Becs"]
phones = ["+44 7700 903434"]
emails = ["rebecca.hale@example.org"]
handles = ["telegram:becshale", "telegram:user7703434"]
addresses = ["15 Bootham Terrace, York YO30 7DH"]
schools = []
workplaces = ["Minster Yard Museum"]
places = ["Museum Gardens"]
region = "GB"

[[trusted]]
name = "Mum"
phones = ["+44 7700 903435"]
emails = []
handles = ["telegram:user7703435"]
''')
S.expect('''
description = "Ex sends one friendly message about returning a jacket, gets a polite reply, says take care and stops; the rest is ordinary chat with a friend and family"
kind = "negative"
tz = "Europe/London"
max_severity = "watch"
''')
ME = ("Rebecca Hale", 7703434)
AD = ("Adam Fletcher", 7703451)
NA = ("Nadine Osei", 7703452)
MU = ("Mum", 7703435)
DA = ("Dad", 7703436)
TO = ("Tom Hale", 7703437)
ex = TgChat(S, "Adam Fletcher", 7703451, "personal_chat")
ex.msg("2024-08-03 11:20", AD, "Hi Becs, hope you're doing well. I've still got your blue rain jacket from the Lakes trip. Want me to drop it at your mum's, or post it?")
ex.msg("2024-08-03 13:05", ME, "Hi Adam, thanks for letting me know. Leave it at Mum's whenever suits, she's in most days. Hope you're well too.")
ex.msg("2024-08-03 13:10", AD, "Will do, I'll drop it round next week. Take care 🙂")
na = TgChat(S, "Nadine Osei", 7703452, "personal_chat")
for t, who, text in [
    ("2024-08-03 13:20", ME, "Adam just messaged me about my jacket. weirdly normal"),
    ("2024-08-03 13:22", NA, "look at you two being mature adults"),
    ("2024-08-03 13:23", ME, "I know right. growth"),
    ("2024-08-06 18:40", NA, "pub quiz thursday? the Golden Ball"),
    ("2024-08-06 18:45", ME, "yes!! I'll do the history round obviously"),
    ("2024-08-06 18:46", NA, "obviously, you're a literal curator"),
    ("2024-08-09 22:30", NA, "3rd place!! robbed on the music round"),
    ("2024-08-09 22:31", ME, "who knew there were that many songs about trains"),
    ("2024-08-14 08:10", NA, "coffee before work? Bettys queue is mad, the little place on Gillygate instead"),
    ("2024-08-14 08:12", ME, "see you there in 15"),
]:
    na.msg(t, who, text)
fam = TgChat(S, "Hale family 🏡", 4470334, "private_group")
for t, who, text in [
    ("2024-08-04 09:00", MU, "Sunday lunch next week, who's coming?"),
    ("2024-08-04 09:05", TO, "me and Jess"),
    ("2024-08-04 09:30", ME, "me! I'll bring a crumble"),
    ("2024-08-04 09:31", DA, "Crumble 👍"),
    ("2024-08-10 15:12", MU, "Adam dropped your jacket round, lovely lad. It's on the hook in the hall x"),
    ("2024-08-10 15:30", ME, "thanks mum, I'll grab it sunday x"),
    ("2024-08-11 16:05", TO, "crumble was elite, sorry I ate the last bit"),
    ("2024-08-11 16:06", ME, "I saw. I'll never forgive you"),
    ("2024-08-11 16:07", DA, "He's always been a crumble thief"),
]:
    fam.msg(t, who, text)
telegram_full(S, "Telegram Desktop/DataExport_2024-08-15/result.json",
              {"user_id": 7703434, "first_name": "Rebecca", "last_name": "Hale",
               "phone_number": "+44 7700 903434", "username": "@becshale"},
              [{"user_id": 7703452, "first_name": "Nadine", "last_name": "Osei", "phone_number": "+44 7700 903452",
                "date": "2019-10-01T12:00:00", "date_unixtime": "1569931200"},
               {"user_id": 7703435, "first_name": "Mum", "last_name": "", "phone_number": "+44 7700 903435",
                "date": "2016-03-01T12:00:00", "date_unixtime": "1456833600"}],
              [ex, na, fam])
S.done()
