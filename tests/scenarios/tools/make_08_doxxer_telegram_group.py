"""08: in a local community Telegram supergroup a man posts Lucy's address, phone number and
workplace, tells members lies about her and urges them to 'pay her a visit'."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, TgChat, telegram_full

S = Scenario("08-doxxer-telegram-group", "Europe/London", me=[])
S.profile('''
# Lucy Fraser, 31, pharmacist in Glasgow.
[person]
names = ["Lucy Fraser"]
phones = ["+44 7700 900808"]
emails = ["lucy.fraser@example.org"]
handles = ["telegram:lucyfraser", "telegram:user7700808"]
addresses = ["Flat 2/1, 14 Dowanhill Street, Glasgow G11 5QR"]
schools = []
workplaces = ["Hyndland Pharmacy"]
places = ["Victoria Park"]
region = "GB"

[[trusted]]
name = "Morven Reid"
phones = ["+44 7700 900809"]
emails = []
handles = ["telegram:user7700809"]
''')
S.expect('''
description = "Man posts Lucy's address, phone number and workplace in a public community Telegram group, spreads lies that she steals from patients, and messages her to gloat"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "Kev McBride"
min_severity = "warning"
forms = ["public_shaming", "rumours"]
''')
ME = ("Lucy Fraser", 7700808)
KEV = ("Kev McBride", 7700931)
MOR = ("Morven Reid", 7700809)
A = ("Alison Tait", 7700951)
R = ("Raj Chauhan", 7700952)
G = ("Gordon Shields", 7700953)
F = ("Fiona Drummond", 7700954)
grp = TgChat(S, "Partick & Hyndland Community Chat", 1001884210, "public_supergroup")
grp.msg("2024-05-02 09:12", A, "Anyone know if the Byres Road roadworks are finished yet?")
grp.msg("2024-05-02 09:20", R, "Still going, they said end of the month")
grp.msg("2024-05-02 10:02", ME, "The 6A is diverted down Highburgh Rd till then fyi")
grp.msg("2024-05-02 10:05", A, "Thanks Lucy!")
grp.msg("2024-05-06 19:31", G, "Lost cat near Victoria Park, ginger, answers to Biscuit. DM me 🙏", photo="photos/photo_12@06-05-2024_19-31-02.jpg")
grp.msg("2024-05-06 19:50", F, "Will keep an eye out Gordon")
grp.msg("2024-05-09 21:14", KEV, "Warning to everyone in this chat. The pharmacist at Hyndland Pharmacy, Lucy Fraser, is a thief. She's been skimming meds from old folks' prescriptions for years")
grp.msg("2024-05-09 21:15", KEV, "She refused my mum's prescription last week and laughed at her. Ask yourself why")
grp.msg("2024-05-09 21:22", F, "That's a serious accusation Kev, have you reported it?")
grp.msg("2024-05-09 21:24", KEV, "Reported it to you lot. She lives at 14 Dowanhill Street, flat 2/1. Buzzer says FRASER")
grp.msg("2024-05-09 21:25", KEV, "Her mobile is 07700 900808 if anyone wants to ask her themselves")
grp.msg("2024-05-09 21:31", R, "Mate you can't post someone's address in here")
grp.msg("2024-05-09 21:33", KEV, "Why not? People deserve to know who's handing out their tablets")
grp.msg("2024-05-09 21:40", ME, "This is completely untrue. Please remove my address and number, I've reported this message.")
grp.msg("2024-05-09 21:41", KEV, "There she is 😂 nice of you to join us Lucy")
grp.msg("2024-05-09 21:43", KEV, "Everyone, she's on shift tomorrow 9 till 6. Pay her a visit and ask where the pills go")
grp.msg("2024-05-09 22:05", A, "Admins can someone deal with this please")
grp.msg("2024-05-10 08:30", KEV, "Morning all. Reminder, Hyndland Pharmacy, the blonde one. Don't let her near your scripts")
grp.msg("2024-05-10 12:18", G, "Went in for my prescription and there were two guys giving her grief at the counter. Not on")
grp.msg("2024-05-10 19:02", KEV, "Heard she got a wee visit today 😂 told you all")
grp.msg("2024-05-11 00:48", KEV, "She also left her last job in Paisley for the same thing. Look it up")
grp.service("2024-05-11 09:14", F, "remove_members", members=["Kev McBride"])
grp.msg("2024-05-11 09:15", F, "Kev has been removed by the admins. Lucy, so sorry this happened here.")
grp.msg("2024-05-12 10:40", KEV, "Can't get rid of me that easy. 14 Dowanhill St. Flat 2/1. Thief.")
grp.msg("2024-05-12 10:41", R, "How is he back in??")
grp.msg("2024-05-12 10:55", ME, "I've given the police screenshots. Please don't repost any of it, even to complain about him.")

dm = TgChat(S, "Kev McBride", 7700931, "personal_chat")
dm.msg("2024-05-09 22:10", KEV, "Everyone knows what you are now")
dm.msg("2024-05-09 22:12", KEV, "Enjoy your shift tomorrow")
dm.msg("2024-05-10 23:51", KEV, "Bet you checked your door twice tonight")
dm.msg("2024-05-11 00:20", ME, "Stop contacting me. I've reported you to Police Scotland.")
dm.msg("2024-05-11 00:22", KEV, "For what? Telling the truth?")
dm.msg("2024-05-12 10:45", KEV, "Add me back to the group or I'll make another one just about you")

mo = TgChat(S, "Morven Reid", 7700809, "personal_chat")
mo.msg("2024-05-09 21:50", MOR, "Lucy I've just seen the community chat. Are you ok??")
mo.msg("2024-05-09 21:55", ME, "No. He put my address up. I don't even know who he is, I think it's the guy who shouted at me about a prescription")
mo.msg("2024-05-09 21:56", MOR, "I'm coming over. Staying at yours tonight, no arguments")
mo.msg("2024-05-09 21:57", ME, "thank you 😭")
mo.msg("2024-05-10 18:40", MOR, "Did your manager call the police about the guys at the counter?")
mo.msg("2024-05-10 18:52", ME, "Yes. Crime number and everything. Locum's covering me tomorrow")
telegram_full(S, "Telegram Desktop/DataExport_2024-05-13/result.json",
              {"user_id": 7700808, "first_name": "Lucy", "last_name": "Fraser",
               "phone_number": "+44 7700 900808", "username": "@lucyfraser"},
              [{"user_id": 7700809, "first_name": "Morven", "last_name": "Reid",
                "phone_number": "+44 7700 900809", "date": "2021-08-14T12:00:00", "date_unixtime": "1628942400"}],
              [grp, dm, mo])
S.done()
