"""35 (negative): a cousin's wedding: RSVP and itinerary e-mails with PDF and calendar attachments
and links, a hotel booking, and a busy family WhatsApp group planning outfits and lifts."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, mbox, whatsapp, fake_bytes

S = Scenario("35-wedding-planning", "Europe/London", me=["Aisha Begum"])
S.profile('''
# Aisha Begum, 25, pharmacist in Luton.
[person]
names = ["Aisha Begum", "Aish"]
phones = ["+44 7700 903535"]
emails = ["aisha.begum@example.com"]
handles = ["whatsapp:Aisha Begum"]
addresses = ["61 Dunstable Road, Luton LU1 1EF"]
schools = []
workplaces = ["Bury Park Pharmacy"]
places = ["Wardown Park"]
region = "GB"

[[trusted]]
name = "Ammi"
phones = ["+44 7700 903536"]
emails = []
handles = ["whatsapp:Ammi"]
''')
S.expect('''
description = "Cousin's wedding: RSVP and itinerary e-mails with PDF and calendar attachments and links, a hotel booking, and a busy family WhatsApp group; all ordinary"
kind = "negative"
tz = "Europe/London"
max_severity = "watch"
''')
me = ("Aisha Begum", "aisha.begum@example.com")
W = ("Samira & Yusuf", "hello@samira-and-yusuf.example.com")
HT = ("Grand Riverside Hotel", "reservations@grandriverside.example.co.uk")
SM = ("Samira Khan", "samira.khan@example.org")
mails = [
    dict(t="2024-04-02 19:00", id="inv-001@samira-and-yusuf.example.com", **{"from": W}, to=[me],
         subject="You're invited! Samira & Yusuf, 15 June",
         text="Dear Aisha,\n\nWe'd love you to celebrate with us on Saturday 15 June at the Grand Riverside, Bedford.\nPlease RSVP by 1 May: https://samira-and-yusuf.example.com/rsvp?guest=aisha-b\n\nWith love,\nSamira & Yusuf",
         html='<html><body><h2>Samira &amp; Yusuf</h2><p>Saturday 15 June, Grand Riverside, Bedford</p>'
              '<p><a href="https://samira-and-yusuf.example.com/rsvp?guest=aisha-b">RSVP here</a></p></body></html>'),
    dict(t="2024-04-03 21:15", id="rsvp-ok@samira-and-yusuf.example.com", **{"from": W}, to=[me],
         subject="Thanks for your RSVP", text="Thank you Aisha! We've got you down for 1 adult, vegetarian menu. See you there!"),
    dict(t="2024-04-05 12:40", id="grh-88231@grandriverside.example.co.uk", **{"from": HT}, to=[me],
         subject="Booking confirmation 88231 - 14-16 June",
         text="Dear Ms Begum,\n\nThank you for booking with the Grand Riverside. Confirmation attached.\nManage your booking: https://grandriverside.example.co.uk/manage/88231\n\nReservations team",
         attachments=[("Booking_88231.pdf", "application/pdf", fake_bytes("pdf", "hotel booking"))]),
    dict(t="2024-05-20 18:30", id="sk-01@example.org", **{"from": SM}, to=[me],
         subject="itinerary + a favour!!",
         text="Aish!! Itinerary attached, and the calendar file for the mehndi.\n\nFavour: can you help Ammi Jaan with the welcome table on Saturday morning? 10am.\n\nLove you, S x",
         attachments=[("Wedding_weekend_itinerary.pdf", "application/pdf", fake_bytes("pdf", "itinerary")),
                      ("Mehndi_14_June.ics", "text/calendar", fake_bytes("ics", "Mehndi night"))]),
    dict(t="2024-05-20 20:02", id="ab-01@example.com", out=True, **{"from": me}, to=[SM],
         subject="Re: itinerary + a favour!!", reply_to_id="sk-01@example.org",
         text="Of course! I'll be there at 9:45 with safety pins and snacks. So excited x"),
    dict(t="2024-06-10 09:00", id="grh-88231-r@grandriverside.example.co.uk", **{"from": HT}, to=[me],
         subject="See you soon - check-in details",
         text="Dear Ms Begum,\n\nCheck-in from 3pm on Friday 14 June. Parking is free for wedding guests; directions:\nhttps://grandriverside.example.co.uk/find-us\n\nReservations team"),
    dict(t="2024-06-17 11:00", id="thanks@samira-and-yusuf.example.com", **{"from": W}, to=[me],
         subject="Thank you + photos!",
         text="Thank you for making our day so special. The photographer's gallery is here:\nhttps://samira-and-yusuf.example.com/gallery (password: 15june)\n\nS & Y"),
]
mbox(S, "mail/Inbox.mbox", [m for m in mails if not m.get("out")])
mbox(S, "mail/Sent.mbox", [m for m in mails if m.get("out")])
A, AM, Z, R, H = "Aisha Begum", "Ammi", "Zara Begum", "Rehan Begum", "Khala Nasreen"
grp = [
    ("2024-05-25 20:10", AM, "Who is driving to Bedford on Friday? We need 3 cars"),
    ("2024-05-25 20:12", R, "I can take 4 people"),
    ("2024-05-25 20:13", A, "I'm driving too, I can take Ammi and Khala"),
    ("2024-05-25 20:15", H, "Thank you beta ❤️"),
    ("2024-05-25 20:20", Z, "what colour are we wearing for the mehndi again"),
    ("2024-05-25 20:21", A, "yellow and green!! Samira said it 4 times"),
    ("2024-05-25 20:21", Z, "ok ok 😂"),
    ("2024-06-01 22:45", Z, "IMG-20240601-WA0033.jpg (file attached)\nis this too much"),
    ("2024-06-01 22:47", A, "it's perfect"),
    ("2024-06-01 22:48", AM, "Very nice. Wear the gold bangles with it"),
    ("2024-06-01 23:30", Z, "also who is doing Samira's hands, the aunty from Bury Park or the girl from instagram"),
    ("2024-06-01 23:31", A, "instagram girl, Samira booked her ages ago"),
    ("2024-06-13 23:50", R, "leaving at 1pm tomorrow. don't be late Zara"),
    ("2024-06-13 23:51", Z, "why am I always the one blamed"),
    ("2024-06-13 23:51", A, "history 😂"),
    ("2024-06-14 00:05", AM, "Everyone sleep now. Big day tomorrow"),
    ("2024-06-14 13:05", R, "where is everyone"),
    ("2024-06-14 13:06", A, "outside Khala's, 2 mins"),
    ("2024-06-14 16:30", A, "checked in! room 214 if anyone needs pins or plasters"),
    ("2024-06-15 01:20", Z, "best night ever. my feet are gone"),
    ("2024-06-15 01:21", A, "the dhol player was unreal"),
    ("2024-06-15 01:22", H, "Go to sleep girls! Nikah at 12 😴"),
    ("2024-06-16 19:00", AM, "Home safe everyone? Beautiful wedding mashallah"),
    ("2024-06-16 19:05", A, "home! so tired but so happy"),
    ("2024-06-17 11:10", A, "photos are up! https://samira-and-yusuf.example.com/gallery password 15june"),
]
whatsapp(S, "WhatsApp Chat with Family Wedding Squad.txt", grp)
S.done()
