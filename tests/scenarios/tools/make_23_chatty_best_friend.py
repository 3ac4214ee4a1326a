"""23 (negative): best friends message all day, both sides, with banter swearing and late-night chats."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, whatsapp

S = Scenario("23-chatty-best-friend", "Europe/London", me=["Freya Dunn"])
S.profile('''
# Freya Dunn, 17, sixth former in Brighton.
[person]
names = ["Freya Dunn", "Frey"]
phones = ["+44 7700 902323"]
emails = ["freya.dunn@example.org"]
handles = ["whatsapp:Freya Dunn", "instagram:freyadunnn"]
addresses = ["11 Ditchling Rise, Brighton BN1 4QL"]
schools = ["Varndean Hill College"]
workplaces = ["Boots, Churchill Square"]
places = ["Preston Park"]
region = "GB"
''')
S.expect('''
description = "Best friends message all day and late at night, both sides, with banter swearing (\\"you absolute idiot\\", \\"shut up haha\\"); nothing unwanted"
kind = "negative"
tz = "Europe/London"
max_severity = "watch"
''')
T, F = "Tash Okoro", "Freya Dunn"
chat = [
    ("2024-06-14 07:52", T, "GOOD MORNING are you awake"),
    ("2024-06-14 07:55", F, "no"),
    ("2024-06-14 07:55", T, "liar you replied"),
    ("2024-06-14 07:56", F, "I'm replying in my sleep. it's a skill"),
    ("2024-06-14 08:30", T, "bus is late again, save me a seat in psych"),
    ("2024-06-14 08:31", F, "only if you bring me a croissant"),
    ("2024-06-14 08:31", T, "deal you absolute diva"),
    ("2024-06-14 12:47", F, "did you see mr harris's face when his slides crashed 😭"),
    ("2024-06-14 12:48", T, "I nearly died. the windows update noise 💀"),
    ("2024-06-14 16:05", F, "coming to preston park after? it's actually sunny"),
    ("2024-06-14 16:06", T, "yesss meet by the rose garden at 5"),
    ("2024-06-14 17:40", T, "where are you"),
    ("2024-06-14 17:41", F, "omw!! got distracted by a dog"),
    ("2024-06-14 17:41", T, "of course you did lol you absolute idiot"),
    ("2024-06-14 23:12", F, "ok I can't sleep. thinking about the bio exam"),
    ("2024-06-14 23:14", T, "shut up haha you'll smash it, you did every past paper"),
    ("2024-06-14 23:15", F, "I did SOME past papers"),
    ("2024-06-14 23:15", T, "some is plenty. go to sleep you muppet"),
    ("2024-06-14 23:40", F, "can't. watching that cooking show again"),
    ("2024-06-14 23:41", T, "the one where the man cries over a soufflé?? same"),
    ("2024-06-15 00:20", T, "ok the soufflé collapsed. I'm devastated"),
    ("2024-06-15 00:21", F, "NOOO. night night x"),
    ("2024-06-15 00:21", T, "night bitch love you x"),
    ("2024-06-15 11:30", T, "shift at boots today? I need shampoo and gossip"),
    ("2024-06-15 11:45", F, "yes 12 till 6. come see me at the tills"),
    ("2024-06-15 14:02", T, "just walked past and you were scanning a man's foot cream with such dignity"),
    ("2024-06-15 14:10", F, "I hate you so much (I love you)"),
    ("2024-06-15 19:30", F, "home. feet destroyed. what we doing tonight"),
    ("2024-06-15 19:31", T, "film at mine? mum's making jollof"),
    ("2024-06-15 19:31", F, "say less. there by 8"),
    ("2024-06-15 19:32", T, "bring the fairy lights you nicked from my room"),
    ("2024-06-15 19:33", F, "BORROWED"),
    ("2024-06-16 01:05", F, "home safe btw. your mum's jollof is elite, tell her"),
    ("2024-06-16 01:06", T, "she says you're her favourite child now. I've been replaced"),
    ("2024-06-16 01:06", F, "finally some recognition"),
    ("2024-06-16 10:15", T, "ugh revision day"),
    ("2024-06-16 10:16", F, "library at 11? the good tables by the window"),
    ("2024-06-16 10:16", T, "yeah ok. bring snacks this time you tight git"),
    ("2024-06-16 10:17", F, "rude. true, but rude"),
    ("2024-06-16 15:44", T, "my brain is full. no more cell biology can fit"),
    ("2024-06-16 15:45", F, "mitochondria is the powerhouse of the cell"),
    ("2024-06-16 15:45", T, "shut uppp"),
    ("2024-06-16 21:20", F, "IMG-20240616-WA0012.jpg (file attached)\nlook at my cat judging me for revising"),
    ("2024-06-16 21:21", T, "she's so done with you 😂"),
    ("2024-06-16 21:22", T, "honestly same"),
    ("2024-06-17 06:58", T, "EXAM DAY. you've got this"),
    ("2024-06-17 07:00", F, "I feel sick"),
    ("2024-06-17 07:00", T, "you feel sick because you're about to be brilliant. meet at the gates at 8:40"),
    ("2024-06-17 11:32", F, "how did yours go??"),
    ("2024-06-17 11:33", T, "question 6 can go to hell but otherwise ok"),
    ("2024-06-17 11:34", F, "question 6 was a war crime"),
    ("2024-06-17 11:35", T, "celebratory chips?"),
    ("2024-06-17 11:35", F, "obviously. loser pays"),
    ("2024-06-17 11:36", T, "we both lost to question 6 so we split it"),
    ("2024-06-18 22:30", T, "are you watching love island"),
    ("2024-06-18 22:31", F, "no I have taste"),
    ("2024-06-18 22:31", T, "liar you were watching it on saturday"),
    ("2024-06-18 22:32", F, "ok fine yes. what did I miss"),
    ("2024-06-18 22:40", T, "literally everything. ring me"),
]
whatsapp(S, "WhatsApp Chat with Tash Okoro.txt", chat)
S.done()
