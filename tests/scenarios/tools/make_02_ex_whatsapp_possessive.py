"""02: possessive ex-boyfriend on WhatsApp: checks where Priya is, insults, keeps going after 'stop'."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, whatsapp

S = Scenario("02-ex-whatsapp-possessive", "Europe/London", me=["Priya Nair"])
S.profile('''
# Priya Nair, 22, nursing student in south London.
[person]
names = ["Priya Nair", "Pri"]
phones = ["+44 7700 900202"]
emails = ["priya.nair@example.com"]
handles = ["whatsapp:Priya Nair", "instagram:priya.nair.rn"]
addresses = ["Flat 4, 19 Larkhall Rise, London SW4 6HU"]
schools = ["South Bank School of Nursing"]
workplaces = ["St Hilda's Hospital"]
places = ["Clapham Leisure Centre", "Larkhall Park"]
region = "GB"

[[trusted]]
name = "Anjali Nair"
phones = ["+44 7700 900203"]
emails = []
handles = ["whatsapp:Anjali"]
''')
S.expect('''
description = "Possessive ex on WhatsApp: demands to know where Priya is, insults her, keeps messaging late at night after she asks him to stop"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "Dev Malhotra"
min_severity = "warning"
forms = ["excessive_contact", "abusive_messages"]
''')
D, P = "Dev Malhotra", "Priya Nair"
chat = [
    ("2024-02-03 18:02", D, "where are you"),
    ("2024-02-03 18:02", D, "your location's off again"),
    ("2024-02-03 18:40", P, "At Sophie's. We broke up Dev, I don't have to share my location with you any more."),
    ("2024-02-03 18:41", D, "we had ONE argument"),
    ("2024-02-03 18:41", D, "who else is there"),
    ("2024-02-03 18:55", D, "send me a picture of where you are"),
    ("2024-02-03 21:12", D, "<Media omitted>"),
    ("2024-02-03 21:12", D, "remember this? you said you'd never leave"),
    ("2024-02-04 00:37", D, "I'm outside Sophie's. your coat's on the chair by the window"),
    ("2024-02-04 00:38", D, "come out for five minutes"),
    ("2024-02-04 09:20", P, "That's not ok. Please don't turn up places I am."),
    ("2024-02-04 09:21", D, "I was worried about you. that's what people who love you do"),
    ("2024-02-05 07:48", D, "morning. did you get back ok"),
    ("2024-02-05 12:10", D, "you read it and didn't answer"),
    ("2024-02-05 12:11", D, "typical"),
    ("2024-02-05 23:15", D, "I rang the ward. they said you finished at 8. so where were you til 11"),
    ("2024-02-06 06:58", P, "Dev, please stop messaging me. I mean it. I don't want any contact."),
    ("2024-02-06 06:59", D, "you don't get to decide that on your own"),
    ("2024-02-06 07:00", D, "after everything I did for you"),
    ("2024-02-06 19:44", D, "you're a selfish cow and everyone can see it except you"),
    ("2024-02-06 19:45", D, "This message was deleted"),
    ("2024-02-07 01:19", D, "can't sleep"),
    ("2024-02-07 01:19", D, "is he there with you"),
    ("2024-02-07 01:26", D, "answer the question priya"),
    ("2024-02-07 01:40", D, "you're pathetic you know that? a pathetic little liar"),
    ("2024-02-08 17:31", D, "saw you going into Clapham Leisure Centre.\nnew gym bag\nwho bought you that"),
    ("2024-02-09 22:03", D, "your sister won't answer me either. did you turn her against me too"),
    ("2024-02-10 02:12", D, "I'm not going anywhere"),
    ("2024-02-10 02:14", D, "you'll come crawling back when no one else wants you"),
    ("2024-02-11 14:35", D, "sorry. I didn't mean the last few. can we get a coffee and talk properly"),
    ("2024-02-11 14:36", D, "just one coffee"),
    ("2024-02-11 20:50", D, "I'll take that as a no then"),
    ("2024-02-12 23:59", D, "you think you're better than me now you're nearly qualified"),
    ("2024-02-13 00:02", D, "you're nothing. you were nothing before me"),
    ("2024-02-13 00:03", D, "IMG-20240213-WA0004.jpg (file attached)\nstill got all of these btw"),
    ("2024-02-13 08:15", P, "I've kept every message. If you contact me again I'll report it."),
    ("2024-02-13 08:16", D, "report what?? that I text my girlfriend"),
    ("2024-02-13 08:16", D, "go on then. see who they believe"),
    ("2024-02-14 19:05", D, "happy valentines. bet you're on your own"),
    ("2024-02-14 23:48", D, "I walked past Larkhall Rise. your bedroom light's on"),
    ("2024-02-15 00:30", D, "answer me"),
    ("2024-02-15 00:31", D, "answer me"),
    ("2024-02-15 00:31", D, "ANSWER ME"),
    ("2024-02-15 00:45", D, "you stupid bitch"),
    ("2024-02-15 07:30", None, "You blocked this contact. Tap to unblock."),
]
whatsapp(S, "WhatsApp Chat with Dev Malhotra.txt", chat)
sis = [
    ("2024-02-06 07:05", P, "he's still messaging. I told him to stop again"),
    ("2024-02-06 07:20", "Anjali", "Screenshot everything. I mean it. Come to mine tonight if you want x"),
    ("2024-02-06 07:22", P, "thank you. might do"),
    ("2024-02-09 22:10", "Anjali", "Dev's messaging ME now asking where you are. I haven't answered"),
    ("2024-02-09 22:15", P, "I'm so sorry"),
    ("2024-02-09 22:16", "Anjali", "Don't you dare be sorry. This is on him"),
    ("2024-02-15 07:33", P, "blocked him. finally"),
    ("2024-02-15 07:40", "Anjali", "Proud of you. Police non-emergency is 101 if he turns up again x"),
]
whatsapp(S, "WhatsApp Chat with Anjali.txt", sis)
S.done()
