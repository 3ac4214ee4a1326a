"""10: a man Rachel stopped dating keeps e-mailing her attachments that would infect her laptop
(double extensions, a macro .docm, a .scr), pressing her to open them after she says stop."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, mbox, fake_bytes

S = Scenario("10-malicious-attachment-email", "America/New_York", me=[])
S.profile('''
# Rachel Kim, 29, product designer in Boston.
[person]
names = ["Rachel Kim"]
phones = ["(617) 555-0110"]
emails = ["rachel.kim@example.com", "rkim@harborline-design.example.com"]
handles = ["instagram:rachelkdesigns"]
addresses = ["55 Tremont Street, Apt 3B, Boston, MA 02108"]
schools = []
workplaces = ["Harborline Design"]
places = ["Boston Common"]
region = "US"

[[trusted]]
name = "Grace Kim"
phones = ["(617) 555-0111"]
emails = ["grace.kim@example.org"]
handles = []
''')
S.expect('''
description = "Man Rachel stopped dating keeps e-mailing attachments that would infect her laptop (photos.jpg.exe, a macro .docm, a .pdf.scr) and presses her to open them after she says stop"
kind = "stalking"
tz = "America/New_York"

[[case]]
contact = "Jason Whitlock"
min_severity = "warning"
forms = ["device_compromise", "excessive_contact"]
''')
me = ("Rachel Kim", "rachel.kim@example.com")
J = ("Jason Whitlock", "jason.whitlock@example.net")
J2 = ("Jason Whitlock", "jw.photos.share@example.org")
mails = [
    dict(t="2024-03-04 20:12", id="jw-001@example.net", **{"from": J}, to=[me], subject="Saturday",
         text="Hey Rachel,\n\nI had a really good time on Saturday. Want to do it again this week?\n\nJason"),
    dict(t="2024-03-05 08:30", id="rk-001@example.com", out=True, **{"from": me}, to=[J], subject="Re: Saturday",
         reply_to_id="jw-001@example.net",
         text="Hi Jason,\n\nThanks, it was nice to meet you, but I don't think we're a match. Best of luck.\n\nRachel"),
    dict(t="2024-03-05 08:44", id="jw-002@example.net", **{"from": J}, to=[me], subject="Re: Saturday",
         reply_to_id="rk-001@example.com", thread_root="jw-001@example.net",
         text="Not a match? We talked for four hours. Give it one more go.\n"),
    dict(t="2024-03-06 22:51", id="jw-003@example.net", **{"from": J}, to=[me], subject="photos from Saturday",
         text="I took some nice ones of you at the harbor. Open the attachment, you'll change your mind :)\n",
         attachments=[("Photos_from_Saturday.jpg.exe", "application/octet-stream", fake_bytes("exe", "double extension"))]),
    dict(t="2024-03-07 23:40", id="jw-004@example.net", **{"from": J}, to=[me], subject="did you open them?",
         text="You haven't opened the photos. Just open them, it takes two seconds.\n"),
    dict(t="2024-03-08 07:55", id="rk-002@example.com", out=True, **{"from": me}, to=[J],
         subject="Re: did you open them?", reply_to_id="jw-004@example.net",
         text="Jason, please stop emailing me. I'm not opening anything you send. Do not contact me again."),
    dict(t="2024-03-08 08:03", id="jw-005@example.net", **{"from": J}, to=[me], subject="Re: did you open them?",
         reply_to_id="rk-002@example.com", thread_root="jw-004@example.net",
         text="Wow. I was being nice.\n"),
    dict(t="2024-03-10 01:17", id="jw-006@example.net", **{"from": J}, to=[me],
         subject="what people are saying about you",
         text="I wrote down what your friends told me about you. You should read it. Enable editing\nor it won't display properly.\n",
         attachments=[("what_people_say_about_you.docm", "application/vnd.ms-word.document.macroEnabled.12", fake_bytes("zip", "macro document"))]),
    dict(t="2024-03-11 12:30", id="jw-007@example.net", **{"from": J}, to=[("Rachel Kim", "rkim@harborline-design.example.com")],
         subject="Invoice - dinner 2 Mar",
         text="Rachel,\n\nSince it meant nothing to you, here's your half of dinner. Please review the invoice.\n",
         attachments=[("Invoice_dinner_0302.pdf.scr", "application/octet-stream", fake_bytes("exe", "screensaver executable"))]),
    dict(t="2024-03-13 00:48", id="jw2-001@example.org", **{"from": J2}, to=[me], subject="new address since you blocked the other one",
         text="You blocked me so here's the album again, zipped this time so your filter lets it through.\nOpen it.\n",
         attachments=[("Saturday_album.zip", "application/zip", fake_bytes("zip", "zip with Saturday_album.jpg.exe inside"))]),
    dict(t="2024-03-14 02:06", id="jw2-002@example.org", **{"from": J2}, to=[me], subject="open it",
         text="open it\nopen it\nopen it\n"),
    dict(t="2024-03-16 21:22", id="jw2-003@example.org", **{"from": J2}, to=[me], subject="last try",
         text="I'll keep sending until you look. You can't ignore me forever Rachel.\n",
         attachments=[("Rachel_private_pics.jpg.js", "application/javascript", b"// stalkguard scenario sample: script posing as a photo; not real code\n")]),
]
others = [
    dict(t="2024-03-06 10:00", id="gk-001@example.org", **{"from": ("Grace Kim", "grace.kim@example.org")}, to=[me],
         subject="Mom's birthday", text="Rach - I booked the place on Newbury for the 23rd, 7pm. You're on cake duty.\n\nG"),
    dict(t="2024-03-08 09:12", id="rk-003@example.com", out=True, **{"from": me}, to=[("Grace Kim", "grace.kim@example.org")],
         subject="Re: Mom's birthday", reply_to_id="gk-001@example.org",
         text="Cake duty accepted. Also the guy from the app is sending me weird attachments. Not opening any of them.\n"),
    dict(t="2024-03-08 09:30", id="gk-002@example.org", **{"from": ("Grace Kim", "grace.kim@example.org")}, to=[me],
         subject="Re: Mom's birthday", reply_to_id="rk-003@example.com", thread_root="gk-001@example.org",
         text="Ugh. Good. Forward them to your IT people at work, and block him.\n"),
]
mbox(S, "mail/Inbox.mbox", [m for m in mails + others if not m.get("out")])
mbox(S, "mail/Sent.mbox", [m for m in mails + others if m.get("out")])
S.done()
