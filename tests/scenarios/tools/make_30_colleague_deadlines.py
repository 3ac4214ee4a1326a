"""30 (negative): a colleague chases Tom hard about deadlines by e-mail, some late at night, with
spreadsheets, a PDF and a calendar invite attached; he replies and the work gets done."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, mbox, fake_bytes

S = Scenario("30-colleague-deadlines", "Europe/London", me=[])
S.profile('''
# Tom Ashworth, 38, finance analyst in Milton Keynes.
[person]
names = ["Tom Ashworth"]
phones = ["+44 7700 903030"]
emails = ["tom.ashworth@meridian-freight.example.co.uk", "tomashworth@example.com"]
handles = []
addresses = ["27 Wolverton Road, Milton Keynes MK14 5AQ"]
schools = []
workplaces = ["Meridian Freight"]
places = []
region = "GB"
''')
S.expect('''
description = "Colleague chases Tom about the Q3 forecast and board pack, with urgent and late-night e-mails and work attachments (xlsx, pdf, ics); both sides, all work"
kind = "negative"
tz = "Europe/London"
max_severity = "watch"
''')
D = "meridian-freight.example.co.uk"
me = ("Tom Ashworth", f"tom.ashworth@{D}")
N = ("Nina Kowalczyk", f"nina.kowalczyk@{D}")
H = ("Harriet Osei", f"harriet.osei@{D}")
FIN = ("Finance Team", f"finance@{D}")
R = dict(relay=f"smtp.{D}", relay_ip="192.0.2.60")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
mails = [
    dict(t="2024-09-23 09:05", id="nk-01@mail.meridian-freight.example.co.uk", **{"from": N}, to=[me], cc=[H], **R, subject="Q3 forecast - due Thursday",
         text="Hi Tom,\n\nReminder that the Q3 forecast needs to be with me by Thursday EOD so it can go into the\nboard pack on Friday. Template attached.\n\nThanks,\nNina",
         attachments=[("Q3_forecast_template.xlsx", XLSX, fake_bytes("zip", "spreadsheet"))]),
    dict(t="2024-09-23 09:40", id="ta-01@mail.meridian-freight.example.co.uk", out=True, **{"from": me}, to=[N], subject="Re: Q3 forecast - due Thursday",
         reply_to_id="nk-01@mail.meridian-freight.example.co.uk", text="Morning Nina, got it. Waiting on the depot numbers from Daventry but should be fine.\n\nTom"),
    dict(t="2024-09-25 16:50", id="nk-02@mail.meridian-freight.example.co.uk", **{"from": N}, to=[me], **R, subject="Re: Q3 forecast - due Thursday",
         reply_to_id="ta-01@mail.meridian-freight.example.co.uk", thread_root="nk-01@mail.meridian-freight.example.co.uk",
         text="How are we looking? Harriet's asked twice today.\n"),
    dict(t="2024-09-25 17:02", id="ta-02@mail.meridian-freight.example.co.uk", out=True, **{"from": me}, to=[N], subject="Re: Q3 forecast - due Thursday",
         reply_to_id="nk-02@mail.meridian-freight.example.co.uk", thread_root="nk-01@mail.meridian-freight.example.co.uk", text="Daventry still haven't sent theirs. Chasing them now."),
    dict(t="2024-09-26 08:15", id="nk-03@mail.meridian-freight.example.co.uk", **{"from": N}, to=[me], cc=[H], **R, subject="URGENT: Q3 forecast",
         text="Tom, chasing again, I need this today, no later than 5. If Daventry are late, use August\nactuals and flag it.\n\nNina"),
    dict(t="2024-09-26 16:58", id="ta-03@mail.meridian-freight.example.co.uk", out=True, **{"from": me}, to=[N], cc=[H], subject="Re: URGENT: Q3 forecast",
         reply_to_id="nk-03@mail.meridian-freight.example.co.uk", text="Attached, v3. Daventry flagged as August actuals in the notes tab.\n\nTom",
         attachments=[("Q3_forecast_v3.xlsx", XLSX, fake_bytes("zip", "spreadsheet v3"))]),
    dict(t="2024-09-26 23:34", id="nk-04@mail.meridian-freight.example.co.uk", **{"from": N}, to=[me], **R, subject="Re: URGENT: Q3 forecast",
         reply_to_id="ta-03@mail.meridian-freight.example.co.uk", thread_root="nk-03@mail.meridian-freight.example.co.uk",
         text="Sorry for the late email. Totals on the summary tab don't match the regions tab, off by 41k.\nCan you look first thing? The pack goes at 10.\n"),
    dict(t="2024-09-27 07:41", id="ta-04@mail.meridian-freight.example.co.uk", out=True, **{"from": me}, to=[N], subject="Re: URGENT: Q3 forecast",
         reply_to_id="nk-04@mail.meridian-freight.example.co.uk", thread_root="nk-03@mail.meridian-freight.example.co.uk",
         text="Found it, Northampton was double counted. Fixed in v4, attached. Sorry!",
         attachments=[("Q3_forecast_v4.xlsx", XLSX, fake_bytes("zip", "spreadsheet v4"))]),
    dict(t="2024-09-27 07:55", id="nk-05@mail.meridian-freight.example.co.uk", **{"from": N}, to=[me], **R, subject="Re: URGENT: Q3 forecast",
         reply_to_id="ta-04@mail.meridian-freight.example.co.uk", thread_root="nk-03@mail.meridian-freight.example.co.uk", text="Lifesaver. Thank you!\n"),
    dict(t="2024-09-27 10:05", id="nk-06@mail.meridian-freight.example.co.uk", **{"from": N}, to=[FIN], **R, subject="Board pack - draft for review",
         text="All,\n\nDraft board pack attached for a final check. Comments by 2pm please.\n\nNina",
         attachments=[("Board_pack_Q3_draft.pdf", "application/pdf", fake_bytes("pdf", "board pack"))]),
    dict(t="2024-09-27 11:20", id="ta-05@mail.meridian-freight.example.co.uk", out=True, **{"from": me}, to=[N], subject="Re: Board pack - draft for review",
         reply_to_id="nk-06@mail.meridian-freight.example.co.uk", text="Page 7 chart still shows v3 numbers, otherwise looks good."),
    dict(t="2024-09-27 11:25", id="nk-07@mail.meridian-freight.example.co.uk", **{"from": N}, to=[me], **R, subject="Re: Board pack - draft for review",
         reply_to_id="ta-05@mail.meridian-freight.example.co.uk", thread_root="nk-06@mail.meridian-freight.example.co.uk", text="Good spot, fixed."),
    dict(t="2024-09-30 08:30", id="hk-01@mail.meridian-freight.example.co.uk", **{"from": H}, to=[me, N], **R, subject="Thank you",
         text="Both - the board were happy with the forecast. Thanks for the late nights last week.\nTake Friday afternoon off.\n\nHarriet"),
    dict(t="2024-09-30 09:00", id="nk-08@mail.meridian-freight.example.co.uk", **{"from": N}, to=[me], **R, subject="Invitation: Q4 planning kick-off",
         text="Q4 planning kick-off, Tue 8 Oct 10:00-11:00, Room 3B / Teams.\n",
         attachments=[("invite.ics", "text/calendar", fake_bytes("ics", "Q4 planning kick-off"))]),
    dict(t="2024-09-30 09:05", id="ta-06@mail.meridian-freight.example.co.uk", out=True, **{"from": me}, to=[N], subject="Accepted: Q4 planning kick-off",
         reply_to_id="nk-08@mail.meridian-freight.example.co.uk", text="Accepted."),
    dict(t="2024-10-03 22:48", id="nk-09@mail.meridian-freight.example.co.uk", **{"from": N}, to=[me], **R, subject="Q4 - quick one",
         text="No need to answer tonight! Could you pull the fuel cost lines for the kick-off? Whenever\nyou get a chance tomorrow.\n"),
    dict(t="2024-10-04 09:10", id="ta-07@mail.meridian-freight.example.co.uk", out=True, **{"from": me}, to=[N], subject="Re: Q4 - quick one",
         reply_to_id="nk-09@mail.meridian-freight.example.co.uk", text="Sure, will have them by lunch."),
]
mbox(S, "Outlook export/Inbox.mbox", [m for m in mails if not m.get("out")])
mbox(S, "Outlook export/Sent Items.mbox", [m for m in mails if m.get("out")])
S.done()
