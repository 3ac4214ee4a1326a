"""22: an anonymous sender e-mails Isla's rowing-club mailing list with lies about her, her phone
number and address, writes to her friends directly, and then taunts her."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, mbox, whatsapp

S = Scenario("22-anonymous-rumours-email", "Europe/London", me=["Isla Murray"])
S.profile('''
# Isla Murray, 29, civil engineer and rower in Edinburgh.
[person]
names = ["Isla Murray"]
phones = ["+44 7700 902222"]
emails = ["isla.murray@example.com"]
handles = ["instagram:isla.rows", "whatsapp:Isla Murray"]
addresses = ["5 Polwarth Gardens, Edinburgh EH11 1LG"]
schools = []
workplaces = ["Forth Bridge Engineering"]
places = ["Union Canal Rowing Club", "Harrison Park"]
region = "GB"

[[trusted]]
name = "Kirsty Bell"
phones = ["+44 7700 902223"]
emails = ["kirsty.bell@example.org"]
handles = []
''')
S.expect('''
description = "Anonymous sender e-mails Isla's rowing-club list and her friends lies about her (stealing club money, sleeping with the coach) with her phone number and address, then taunts her"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "email:concerned.ucrc@example.net"
min_severity = "warning"
forms = ["rumours", "public_shaming"]
''')
me = ("Isla Murray", "isla.murray@example.com")
LIST = ("UCRC Members", "members@ucrc.example.org")
AN = ("A Concerned Member", "concerned.ucrc@example.net")
SEC = ("Alan Grieve (UCRC Secretary)", "secretary@ucrc.example.org")
KB = ("Kirsty Bell", "kirsty.bell@example.org")
FI = ("Fraser Innes", "fraser.innes@example.com")
lh = {"List-Id": "UCRC members <members.ucrc.example.org>", "Precedence": "list"}
mails = [
    dict(t="2024-03-04 10:00", id="ucrc-news-0304@ucrc.example.org", **{"from": SEC}, to=[LIST], headers=lh,
         subject="[UCRC] Spring regatta crews and outing times",
         text="Hi all,\n\nCrews for the Spring Regatta are up on the noticeboard. Saturday outings start at\n7:30 from the boathouse.\n\nAlan"),
    dict(t="2024-03-06 23:41", id="anon-01@example.net", **{"from": AN}, to=[LIST], headers=lh,
         subject="[UCRC] What the committee won't tell you about Isla Murray",
         text="Members,\n\nSomeone has to say it. Isla Murray has been taking money from the club kitty since\nOctober. Ask to see the accounts.\n\nShe is only in the women's first eight because she's sleeping with the coach.\nEveryone on the bank knows.\n\nDon't take my word for it. Ring her on 07700 902222 or ask her at home,\n5 Polwarth Gardens.\n\nA concerned member"),
    dict(t="2024-03-07 07:55", id="kb-01@example.org", **{"from": KB}, to=[me],
         subject="that email",
         text="Isla, I've just seen the email on the club list. It's vile and obviously rubbish.\nCalling you at lunch. K x"),
    dict(t="2024-03-07 08:30", id="im-01@example.com", out=True, **{"from": me}, to=[SEC],
         subject="Anonymous email to the members list",
         text="Alan,\n\nThe email sent to the list last night about me is false, and it gives my phone\nnumber and home address. Please remove it from the archive, find out how that\naddress got on the list, and tell members it's untrue.\n\nIsla"),
    dict(t="2024-03-07 09:10", id="ucrc-0307@ucrc.example.org", **{"from": SEC}, to=[LIST], headers=lh,
         subject="[UCRC] Please disregard last night's anonymous email",
         text="All,\n\nLast night an anonymous message was sent to this list. Its claims are untrue and it\ncontained private information. Please delete it and do not forward it. The address has\nbeen removed from the list.\n\nAlan Grieve, Secretary"),
    dict(t="2024-03-08 22:17", id="anon-02@example.net", **{"from": AN}, to=[FI, KB],
         subject="about your friend Isla",
         text="You row with her, so you should know. The club money, the coach, all of it is true.\nThe committee is covering for her. She'll do the same to you."),
    dict(t="2024-03-09 10:02", id="fi-01@example.com", **{"from": FI}, to=[me],
         subject="Fwd: about your friend Isla",
         text="Isla, this came to me last night from the same address. Forwarding so you have it.\nNobody at the boathouse believes a word. Fraser\n\n---------- Forwarded message ----------\nFrom: A Concerned Member <concerned.ucrc@example.net>\nSubject: about your friend Isla\n\nYou row with her, so you should know. The club money, the coach, all of it is true."),
    dict(t="2024-03-10 01:12", id="anon-03@example.net", **{"from": AN}, to=[me],
         subject="how does it feel",
         text="Everyone at the club knows what you are now.\n\nGot you off the list didn't they. There are other lists. Your work has one too.\n"),
    dict(t="2024-03-12 23:05", id="anon-04@example.net", **{"from": AN},
         to=[("Forth Bridge Engineering", "info@forthbridge-eng.example.com")], cc=[me],
         subject="Your employee Isla Murray",
         text="You should know that your engineer Isla Murray has been stealing from her sports club.\nHer home address is 5 Polwarth Gardens if you need to send anything.\n"),
    dict(t="2024-03-13 08:40", id="im-02@example.com", out=True, **{"from": me},
         to=[("", "hr@forthbridge-eng.example.com")],
         subject="Heads-up: false emails about me",
         text="Hi,\n\nSomeone anonymous is emailing false claims about me to my rowing club and now to our\ninfo@ address. I've reported it to Police Scotland (reference to follow). Sorry for the\nhassle.\n\nIsla Murray"),
    dict(t="2024-03-13 21:50", id="anon-06@example.net", **{"from": AN},
         to=[("Coach Dougie Ross", "coach@ucrc.example.org")],
         subject="You and Isla Murray",
         text="Half the club thinks you two are together. Pick a different stroke for the regatta\nor I'll make sure the rest of the club hears about it too."),
    dict(t="2024-03-14 07:45", id="ucrc-0314@ucrc.example.org", **{"from": SEC}, to=[LIST], headers=lh,
         subject="[UCRC] Committee statement",
         text="All,\n\nThe committee has checked the accounts. Nothing is missing. Anonymous messages about\na member have been reported to the police. Please send anything you receive to me\nand do not reply to the sender.\n\nAlan"),
    dict(t="2024-03-15 00:30", id="anon-05@example.net", **{"from": AN}, to=[LIST],
         subject="[UCRC] still covering for her?",
         text="Removed me from the list? Funny, still works. Ask Isla Murray where the regatta fund went."),
]
KIR = "Kirsty Bell"
chat = [
    ("2024-03-07 12:30", KIR, "on my lunch. you ok?"),
    ("2024-03-07 12:41", "Isla Murray", "not really. it's got my address in it Kirst. anyone on that list could turn up"),
    ("2024-03-07 12:42", KIR, "stay at mine this week. I mean it"),
    ("2024-03-07 12:44", "Isla Murray", "might take you up on that"),
    ("2024-03-08 22:40", KIR, "I've just had an email from them too, about you. forwarding it to Alan"),
    ("2024-03-08 22:41", "Isla Murray", "they're writing to my friends now?? who even is this"),
    ("2024-03-08 22:43", KIR, "someone who knows the club well. ex-member maybe"),
    ("2024-03-10 09:15", "Isla Murray", "they emailed me directly at 1am. 'everyone knows what you are now'"),
    ("2024-03-10 09:16", KIR, "police. today. I'll drive you"),
    ("2024-03-12 23:20", "Isla Murray", "they've emailed my WORK now"),
    ("2024-03-12 23:21", KIR, "jesus. screenshot it, send it to HR first thing so they hear it from you"),
    ("2024-03-13 08:45", "Isla Murray", "done. HR were lovely about it"),
]
whatsapp(S, "WhatsApp Chat with Kirsty Bell.txt", chat)
mbox(S, "Thunderbird/Inbox.mbox", [m for m in mails if not m.get("out")])
mbox(S, "Thunderbird/Sent.mbox", [m for m in mails if m.get("out")])
S.done()
