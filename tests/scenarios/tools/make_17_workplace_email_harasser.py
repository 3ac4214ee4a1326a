"""17: a senior colleague e-mails Sarah about her looks and asks her out, keeps going late at
night after she asks him to keep it to work, finds her personal address, hints at her home and
her promotion, and threatens her if she goes to HR."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, mbox

S = Scenario("17-workplace-email-harasser", "Europe/London", me=[])
S.profile('''
# Sarah Collins, 34, logistics planner in Reading.
[person]
names = ["Sarah Collins"]
phones = ["+44 7700 901717"]
emails = ["s.collins@brightwater-logistics.example.com", "sarah.collins@example.org"]
handles = []
addresses = ["16 Elm Road, Reading RG6 5TS"]
schools = []
workplaces = ["Brightwater Logistics"]
places = ["Reading Station"]
region = "GB"
''')
S.expect('''
description = "Senior colleague e-mails Sarah about her looks, keeps asking her out late at night after she asks him to keep it to work, moves to her personal address, mentions her street and her promotion, and threatens her about HR"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "Mark Denton"
min_severity = "warning"
forms = ["excessive_contact", "abusive_messages"]
''')
W = ("Sarah Collins", "s.collins@brightwater-logistics.example.com")
P = ("Sarah Collins", "sarah.collins@example.org")
M = ("Mark Denton", "m.denton@brightwater-logistics.example.com")
MP = ("Mark Denton", "markdenton71@example.net")
HR = ("Brightwater HR", "hr@brightwater-logistics.example.com")
TEAM = ("Planning Team", "planning@brightwater-logistics.example.com")
relay = dict(relay="smtp.brightwater-logistics.example.com", relay_ip="192.0.2.81")
mails = [
    dict(t="2024-05-07 09:14", id="md-001@brightwater-logistics.example.com", **{"from": M}, to=[TEAM], **relay,
         subject="May rota and the Didcot depot move",
         text="Morning all,\n\nRota for May attached to the shared drive. Didcot move is now 3 June.\n\nMark"),
    dict(t="2024-05-08 18:42", id="md-002@brightwater-logistics.example.com", **{"from": M}, to=[W], **relay,
         subject="today",
         text="Sarah,\n\nYou looked lovely in that green dress today. Shame about the length ;)\n\nM"),
    dict(t="2024-05-09 21:30", id="md-003@brightwater-logistics.example.com", **{"from": M}, to=[W], **relay,
         subject="drinks friday?",
         text="Just us. The Allied Arms, 7? I think we'd have fun away from the office.\n"),
    dict(t="2024-05-10 08:05", id="sc-001@brightwater-logistics.example.com", out=True, **{"from": W}, to=[M],
         subject="Re: drinks friday?", reply_to_id="md-003@brightwater-logistics.example.com",
         text="Mark,\n\nNo thank you. Please keep our emails to work matters only.\n\nSarah"),
    dict(t="2024-05-10 08:11", id="md-004@brightwater-logistics.example.com", **{"from": M}, to=[W], **relay,
         subject="Re: drinks friday?", reply_to_id="sc-001@brightwater-logistics.example.com",
         thread_root="md-003@brightwater-logistics.example.com",
         text="Relax, it's banter. Don't be so uptight.\n"),
    dict(t="2024-05-13 23:47", id="md-005@brightwater-logistics.example.com", **{"from": M}, to=[W], **relay,
         subject="(no subject)",
         text="Can't stop thinking about you in that meeting. You know exactly what you're doing.\n"),
    dict(t="2024-05-15 00:32", id="md-006@brightwater-logistics.example.com", **{"from": M}, to=[W], **relay,
         subject="senior planner role",
         text="I'm on the panel for the senior planner job.\n\nYou'd have a much better chance if you were a bit nicer to me. Think about it.\n"),
    dict(t="2024-05-16 22:58", id="md-007@brightwater-logistics.example.com", **{"from": M}, to=[W], **relay,
         subject="Elm Road",
         text="Drove past your place on Elm Road on my way home. You should close your blinds\nwhen you get changed.\n"),
    dict(t="2024-05-17 07:40", id="sc-002@brightwater-logistics.example.com", out=True, **{"from": W}, to=[M],
         subject="Re: Elm Road", reply_to_id="md-007@brightwater-logistics.example.com",
         text="Stop emailing me. These messages are inappropriate and I've asked you to stop. If you\ncontact me about anything other than work again I will report it.\n"),
    dict(t="2024-05-19 23:12", id="mdp-001@example.net", **{"from": MP}, to=[P],
         subject="easier here",
         text="Found your personal email. Easier to talk here, away from the work server :)\n\nYou looked stressed on Friday. I could help with that.\n"),
    dict(t="2024-05-21 01:05", id="mdp-002@example.net", **{"from": MP}, to=[P],
         subject="why so cold",
         text="Why are you so cold with me at work? Everyone can see there's something between us.\n"),
    dict(t="2024-05-22 22:40", id="mdp-003@example.net", **{"from": MP}, to=[P],
         subject="Re: why so cold",
         text="Ignoring me isn't going to work forever Sarah.\n"),
    dict(t="2024-05-23 12:20", id="sc-003@brightwater-logistics.example.com", out=True, **{"from": W}, to=[HR],
         subject="Formal complaint - Mark Denton",
         text="Hello,\n\nI want to make a formal complaint about unwanted personal emails from Mark Denton,\nsent to my work and personal addresses since 8 May, after I asked him to stop. I\nhave kept all of them and can forward them.\n\nSarah Collins"),
    dict(t="2024-05-23 15:02", id="hr-001@brightwater-logistics.example.com", **{"from": HR}, to=[W], **relay,
         subject="Re: Formal complaint - Mark Denton", reply_to_id="sc-003@brightwater-logistics.example.com",
         text="Dear Sarah,\n\nThank you for raising this. Please forward the emails to this address. We will\nbe in touch today about next steps and interim arrangements.\n\nPeople Team"),
    dict(t="2024-05-24 00:18", id="mdp-004@example.net", **{"from": MP}, to=[P],
         subject="HR",
         text="HR called me in. Big mistake.\n\nIf this goes any further I'll make sure everyone on the floor knows how you really got\nthis job. Drop it.\n"),
    dict(t="2024-05-25 02:41", id="mdp-005@example.net", **{"from": MP}, to=[P],
         subject="(no subject)",
         text="You'll be sorry you did this. I know where you live, remember.\n"),
]
mbox(S, "Outlook export/Inbox.mbox", [m for m in mails if not m.get("out")])
mbox(S, "Outlook export/Sent Items.mbox", [m for m in mails if m.get("out")])
S.done()
