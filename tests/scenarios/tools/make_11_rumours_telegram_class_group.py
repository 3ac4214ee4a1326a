"""11: a classmate spreads lies about Holly in the Year 10 Telegram group over two weeks
(stealing, sending pictures to older boys), gets others to join in, and insults her."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, TgChat, telegram_full

S = Scenario("11-rumours-telegram-class-group", "Europe/London", me=[])
S.profile('''
# Holly Evans, 15, Year 10 in Cardiff.
[person]
names = ["Holly Evans", "Hol"]
phones = ["+44 7700 901111"]
emails = ["holly.evans@example.org"]
handles = ["telegram:hollyevans_", "telegram:user7701111"]
addresses = ["3 Wyeverne Road, Cardiff CF24 4BG"]
schools = ["Cathays Park High School"]
workplaces = []
places = ["Roath Park"]
region = "GB"

[[trusted]]
name = "Cerys Lloyd"
phones = ["+44 7700 901112"]
emails = []
handles = ["telegram:user7701112"]
''')
S.expect('''
description = "Classmate spreads lies about Holly in the Year 10 Telegram group (stealing, sending pictures to older boys), urges others to join in and insults her"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "Megan Price"
min_severity = "warning"
forms = ["rumours", "abusive_messages"]
''')
ME = ("Holly Evans", 7701111)
MEG = ("Megan Price", 7701131)
CER = ("Cerys Lloyd", 7701112)
K = ("Kieran Jones", 7701133)
AN = ("Ana Silva", 7701134)
TY = ("Tyler Morgan", 7701135)
BE = ("Bethan Rees", 7701136)
g = TgChat(S, "10B 🐝", 4471019, "private_group")
g.service("2024-11-04 17:00", K, "create_group", title="10B 🐝", members=["Kieran Jones", "Holly Evans", "Megan Price", "Cerys Lloyd", "Ana Silva", "Tyler Morgan", "Bethan Rees"])
g.msg("2024-11-04 17:02", K, "group for 10B so we stop spamming the year chat")
g.msg("2024-11-04 17:05", AN, "is the geography thing due wednesday or thursday")
g.msg("2024-11-04 17:07", ME, "thursday I think")
g.msg("2024-11-04 17:08", AN, "legend ty")
g.msg("2024-11-06 20:14", MEG, "not being funny but has anyone else had money go missing from their bag in PE")
g.msg("2024-11-06 20:15", TY, "nah why")
g.msg("2024-11-06 20:17", MEG, "£20 gone from mine. and guess who was last in the changing rooms 👀")
g.msg("2024-11-06 20:17", MEG, "starts with H")
g.msg("2024-11-06 20:22", ME, "I didn't take anything Megan. I was getting my inhaler.")
g.msg("2024-11-06 20:23", MEG, "course you were 🙄")
g.msg("2024-11-06 20:30", BE, "megan you can't just say that about someone")
g.msg("2024-11-07 21:40", MEG, "ok so apparently holly's been sending pics to lads from year 12 at cathays 😬 my cousin saw them")
g.msg("2024-11-07 21:41", TY, "no wayyy")
g.msg("2024-11-07 21:42", MEG, "yeah she's desperate. always has been")
g.msg("2024-11-07 21:50", CER, "that's a lie and you know it's a lie")
g.msg("2024-11-07 21:51", MEG, "defending your little thief mate 😂")
g.msg("2024-11-08 07:30", MEG, "everyone lock your lockers today x")
g.msg("2024-11-08 16:12", K, "can we not do this in here pls")
g.msg("2024-11-10 22:05", MEG, "btw holly's mum got arrested last year, that's where she gets it from", photo="photos/photo_7@10-11-2024_22-05-11.jpg")
g.msg("2024-11-10 22:06", MEG, "like mother like daughter")
g.msg("2024-11-10 22:09", TY, "😂😂")
g.msg("2024-11-10 22:15", ME, "None of that is true. Please stop talking about me and my family.")
g.msg("2024-11-10 22:16", MEG, "then why are you crying about it")
g.msg("2024-11-10 22:17", MEG, "ugly AND a liar, unlucky")
g.service("2024-11-11 18:30", MEG, "invite_members", members=["Jack Powell"])
g.msg("2024-11-11 18:31", MEG, "added jack so he knows who he's sitting next to in science 👋 holly")
g.msg("2024-11-11 18:40", ("Jack Powell", 7701137), "lol what")
g.msg("2024-11-11 18:42", MEG, "tell him about the year 12s holly 😂")
g.msg("2024-11-13 20:20", AN, "megan this is actually bullying, I'm screenshotting")
g.msg("2024-11-13 20:21", MEG, "screenshot away, everyone already knows what she is")
g.msg("2024-11-14 19:55", MEG, "new rule: anyone who sits with holly at lunch is a thief too")
g.msg("2024-11-14 19:58", BE, "I'm sitting with her. grow up")
g.msg("2024-11-18 21:30", MEG, "heard holly's moving schools 🥳 best news all year")
g.msg("2024-11-18 21:31", MEG, "nobody will miss you x")
g.service("2024-11-18 21:45", K, "remove_members", members=["Megan Price"])
g.msg("2024-11-18 21:46", K, "removed her. sorry holly")

dm = TgChat(S, "Megan Price", 7701131, "personal_chat")
dm.msg("2024-11-07 22:10", MEG, "everyone believes me btw")
dm.msg("2024-11-07 22:11", MEG, "just admit it and it'll stop")
dm.msg("2024-11-10 22:30", MEG, "cry more")
dm.msg("2024-11-10 22:31", ME, "Leave me alone.")
dm.msg("2024-11-10 22:31", MEG, "make me 😂")

ce = TgChat(S, "Cerys Lloyd", 7701112, "personal_chat")
ce.msg("2024-11-06 20:35", CER, "ignore her hol. she's been weird since the netball thing")
ce.msg("2024-11-06 20:40", ME, "everyone's going to believe her though")
ce.msg("2024-11-06 20:41", CER, "no they won't. I know you didn't")
ce.msg("2024-11-10 22:25", CER, "that was vile. tell Mrs Hughes tomorrow, I'll come with you")
ce.msg("2024-11-10 22:40", ME, "ok. my mum says she'll ring the school too")
ce.msg("2024-11-11 08:05", CER, "meet you at the gates at 8:30 ❤️")
telegram_full(S, "Telegram Desktop/DataExport_2024-11-19/result.json",
              {"user_id": 7701111, "first_name": "Holly", "last_name": "Evans",
               "phone_number": "+44 7700 901111", "username": "@hollyevans_"},
              [{"user_id": 7701112, "first_name": "Cerys", "last_name": "Lloyd",
                "phone_number": "+44 7700 901112", "date": "2023-09-10T16:00:00", "date_unixtime": "1694358000"}],
              [g, dm, ce])
S.done()
