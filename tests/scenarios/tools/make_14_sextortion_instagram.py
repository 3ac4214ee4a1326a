"""14: sextortion. An online 'friend' demands intimate pictures or money from Jess and threatens to
send images he claims to have to her followers, her school and her parents (Instagram + e-mail)."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, meta_thread, mbox

S = Scenario("14-sextortion-instagram", "Europe/London", me=["Jess Lyons"])
S.profile('''
# Jess Lyons, 16, Year 12 in Leicester.
[person]
names = ["Jess Lyons", "Jessica Lyons"]
phones = ["+44 7700 901414"]
emails = ["jess.lyons@example.org"]
handles = ["instagram:jess.lyons_"]
addresses = ["9 Stoneygate Road, Leicester LE2 2AB"]
schools = ["Stoneygate Sixth Form"]
workplaces = []
places = ["Victoria Park Leicester"]
region = "GB"

[[trusted]]
name = "Claire Lyons"   # Mum
phones = ["+44 7700 901415"]
emails = ["claire.lyons@example.org"]
handles = []
''')
S.expect('''
description = "Sextortion: an online 'friend' demands intimate pictures or money and threatens to send images to Jess's followers, school and parents, with a countdown"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "Ryan Cole"
min_severity = "danger"
forms = ["abusive_messages", "excessive_contact"]
''')
R, J = "Ryan Cole", "Jess Lyons"
m = lambda t, who, text: dict(t=t, who=who, text=text)
dm = [
    m("2024-09-02 19:20", R, "hey! saw you're into climbing too, which wall do you go to?"),
    m("2024-09-02 19:45", J, "hi, the one on Frog Island mostly"),
    m("2024-09-02 19:46", R, "no way same, we've probably walked past each other lol"),
    m("2024-09-03 21:10", R, "you're really pretty btw"),
    m("2024-09-03 21:30", J, "haha thanks"),
    m("2024-09-04 22:02", R, "send me a pic of what you're wearing rn 😉"),
    m("2024-09-04 22:15", J, "no lol I'm in pjs"),
    m("2024-09-04 22:16", R, "even better. go on"),
    m("2024-09-04 22:40", J, "not really comfortable with that"),
    m("2024-09-06 23:12", R, "ok so I'm going to be honest with you"),
    m("2024-09-06 23:12", R, "I already have pictures of you. private ones. don't ask how"),
    dict(t="2024-09-06 23:13", who=R, photo="461122093_70012_n.jpg"),
    m("2024-09-06 23:14", R, "either you send me 3 more, proper ones, or I send these to everyone you follow"),
    m("2024-09-06 23:20", J, "that isn't even me. I'm not sending you anything. leave me alone"),
    m("2024-09-06 23:21", R, "doesn't matter if it's you. they'll believe it"),
    m("2024-09-06 23:21", R, "I've got your follower list. Stoneygate Sixth Form has its own page too"),
    m("2024-09-06 23:30", R, "or £200 in gift cards. your choice. you have 24 hours"),
    m("2024-09-07 00:45", R, "clock's ticking jess"),
    m("2024-09-07 07:30", R, "17 hours"),
    m("2024-09-07 12:02", R, "your mum's on facebook. claire lyons right? she'll get them first"),
    m("2024-09-07 18:55", R, "5 hours left. don't be stupid"),
    m("2024-09-07 22:31", R, "last chance. send them or it all goes out at midnight"),
    m("2024-09-07 23:58", R, "2 minutes"),
    m("2024-09-08 00:03", R, "you think I'm joking? I've already sent one to your friend Tia"),
    m("2024-09-08 00:10", R, "send me ONE and I'll delete everything. promise"),
    dict(t="2024-09-08 00:20", who=R, missed_call=True),
    dict(t="2024-09-08 00:22", who=R, missed_call=True),
    m("2024-09-08 01:04", R, "you'll regret ignoring me. everyone at your school is going to see you"),
]
meta_thread(S, "instagram", "instagram", "ryancole_x_70012", R, [R, J], dm)
me = ("Jess Lyons", "jess.lyons@example.org")
RC = ("Ryan Cole", "ryan.cole.x@example.net")
mails = [
    dict(t="2024-09-08 02:11", id="rc-1@example.net", **{"from": RC}, to=[me], subject="you blocked me",
         text="Blocking me on insta doesn't delete what I have.\n\nSend the pictures to this address by 6pm or they go to everyone on your list,\nstarting with your mum and your head of sixth form.\n"),
    dict(t="2024-09-08 15:40", id="rc-2@example.net", **{"from": RC}, to=[me], subject="2 hours",
         text="2 hours Jess. I mean it.\n"),
    dict(t="2024-09-08 18:05", id="rc-3@example.net", **{"from": RC}, to=[me], subject="fine",
         text="Fine. You chose this. Check your friends' inboxes tomorrow.\n"),
]
mbox(S, "mail/Inbox.mbox", mails)
mum = [
    m("2024-09-08 08:10", J, "mum can you come to my room. something bad has happened online"),
    m("2024-09-08 08:11", "Claire Lyons", "Coming now love x"),
    m("2024-09-08 10:30", "Claire Lyons", "You did the right thing telling me. We've reported it to CEOP and the police. Don't reply to him at all x"),
    m("2024-09-08 10:32", J, "ok. thank you for not being mad"),
    m("2024-09-08 10:33", "Claire Lyons", "Never. This is on him, not you ❤️"),
]
meta_thread(S, "instagram", "instagram", "clairelyons_10931", "Claire Lyons", ["Claire Lyons", J], mum)
S.done()
