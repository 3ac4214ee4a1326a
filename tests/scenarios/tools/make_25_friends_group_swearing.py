"""25 (negative): a friends' Telegram group full of swearing and wind-ups where everybody joins in."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, TgChat, telegram_full

S = Scenario("25-friends-group-swearing", "Europe/London", me=[])
S.profile('''
# Ollie Fisher, 20, student in Sheffield.
[person]
names = ["Ollie Fisher"]
phones = ["+44 7700 902525"]
emails = ["ollie.fisher@example.com"]
handles = ["telegram:olliefish", "telegram:user7702525"]
addresses = ["88 Ecclesall Road, Sheffield S11 8HW"]
schools = ["Sheffield Hallam University"]
workplaces = []
places = ["Endcliffe Park"]
region = "GB"
''')
S.expect('''
description = "Friends' group chat full of swearing and wind-ups where everyone, Ollie included, joins in; no target, no one unanswered"
kind = "negative"
tz = "Europe/London"
max_severity = "watch"
''')
ME = ("Ollie Fisher", 7702525)
BEN = ("Ben Carter", 7702531)
HAR = ("Harry Walsh", 7702532)
KW = ("Kwame Asante", 7702533)
DAN = ("Dan Lowe", 7702534)
g = TgChat(S, "the lads 🍻", 5120447, "private_group")
L = [
    ("2024-10-04 18:02", BEN, "who's out tonight"),
    ("2024-10-04 18:03", HAR, "me obviously"),
    ("2024-10-04 18:03", ME, "in. not doing shots with kwame again though"),
    ("2024-10-04 18:04", KW, "you're a lightweight and a coward"),
    ("2024-10-04 18:04", ME, "and alive. funny that"),
    ("2024-10-04 18:06", DAN, "can't, shift til 10. save me a spot you bastards"),
    ("2024-10-04 18:07", BEN, "we'll save you nothing and you'll like it"),
    ("2024-10-05 02:14", HAR, "who took my jacket"),
    ("2024-10-05 02:15", KW, "nobody wants your shit jacket harry"),
    ("2024-10-05 02:16", ME, "it's on the chair by the pool table you muppet"),
    ("2024-10-05 02:17", HAR, "legend. love you ollie, hate the rest of you"),
    ("2024-10-05 11:40", DAN, "how bad was it"),
    ("2024-10-05 11:41", BEN, "kwame fell asleep in the kebab shop"),
    ("2024-10-05 11:41", KW, "I was resting my eyes you absolute snake"),
    ("2024-10-05 11:42", ME, "for 25 minutes 😂"),
    ("2024-10-07 19:30", KW, "five a side thursday, who's in"),
    ("2024-10-07 19:31", ME, "in"),
    ("2024-10-07 19:31", HAR, "in but I'm not going in goal, ollie can go in goal"),
    ("2024-10-07 19:32", ME, "fuck off I went in goal last week"),
    ("2024-10-07 19:32", BEN, "and conceded 11"),
    ("2024-10-07 19:33", ME, "the defence was you two, what did you expect"),
    ("2024-10-07 19:35", DAN, "I'll go in goal you whingers"),
    ("2024-10-10 21:50", BEN, "absolutely robbed tonight"),
    ("2024-10-10 21:51", KW, "we were shite. say it with your chest"),
    ("2024-10-10 21:51", HAR, "dan let in a goal while tying his laces"),
    ("2024-10-10 21:52", DAN, "I was adjusting my tactics"),
    ("2024-10-10 21:52", ME, "tactic was lie down and hope"),
    ("2024-10-12 13:15", HAR, "anyone got a hoover I can borrow, landlord inspection monday 😬"),
    ("2024-10-12 13:20", ME, "yeah come grab it, I'm in all day"),
    ("2024-10-12 13:21", HAR, "you're a good man ollie. unlike kwame"),
    ("2024-10-12 13:22", KW, "I'd lend you a hoover if you paid me back the tenner from freshers you tight git"),
    ("2024-10-12 13:23", HAR, "sent. happy now, loan shark"),
    ("2024-10-13 23:58", DAN, "why is there a traffic cone in our kitchen"),
    ("2024-10-13 23:59", BEN, "don't ask questions you don't want answers to"),
    ("2024-10-14 00:01", ME, "that's ben's. he named it gerald"),
    ("2024-10-14 00:02", BEN, "gerald is family"),
    ("2024-10-14 00:02", KW, "you lot are actually insane"),
    ("2024-10-14 09:10", DAN, "gerald has been returned to the council. rest in peace"),
    ("2024-10-14 09:12", BEN, "murderer"),
    ("2024-10-14 09:13", ME, "justice for gerald"),
]
for t, who, text in L:
    g.msg(t, who, text)
dm = TgChat(S, "Ben Carter", 7702531, "personal_chat")
dm.msg("2024-10-06 14:00", BEN, "you still got my charger?")
dm.msg("2024-10-06 14:05", ME, "yeah I'll bring it thursday")
dm.msg("2024-10-06 14:05", BEN, "cheers you thieving sod")
dm.msg("2024-10-06 14:06", ME, "borrowing. there's a difference")
telegram_full(S, "Telegram Desktop/DataExport_2024-10-15/result.json",
              {"user_id": 7702525, "first_name": "Ollie", "last_name": "Fisher",
               "phone_number": "+44 7700 902525", "username": "@olliefish"},
              [{"user_id": 7702531, "first_name": "Ben", "last_name": "Carter", "phone_number": "+44 7700 902531",
                "date": "2022-09-20T20:00:00", "date_unixtime": "1663700400"}],
              [g, dm])
S.done()
