"""27 (negative): parcel delivery notices by SMS from letter senders and a driver, with tracking
links on the courier's own domain; Amy replies to the driver once."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup, calls_backup

S = Scenario("27-delivery-notices", "Europe/London", me=[])
S.profile('''
# Amy Lewis, 30, works from home in Cambridge and orders a lot online.
[person]
names = ["Amy Lewis"]
phones = ["+44 7700 902727"]
emails = ["amy.lewis@example.com"]
handles = []
addresses = ["19 Mill Road, Cambridge CB1 2AD"]
schools = []
workplaces = []
places = ["Parker's Piece"]
region = "GB"
''')
S.expect('''
description = "Parcel notices from courier letter senders with tracking links on the courier's own domain, a driver's texts and call, and Amy's reply; routine and harmless"
kind = "negative"
tz = "Europe/London"
max_severity = "watch"
''')
PK = dict(addr="PACKETLY", name="(Unknown)")
QD = dict(addr="QUICKDROP", name="(Unknown)")
DR = dict(addr="+447700902750", name="(Unknown)")
SH = dict(addr="BLOOMBOX", name="(Unknown)")
i = lambda who, t, b: dict(who, t=t, body=b)
o = lambda who, t, b: dict(who, t=t, body=b, out=True)
sms = [
    i(PK, "2024-05-03 08:02", "PACKETLY: Your parcel from Halden Home is out for delivery today. Track: https://track.packetly.example.com/p/HH88213490"),
    i(PK, "2024-05-03 09:15", "PACKETLY: Good news! Your driver Mo will arrive between 10:14 and 11:14. Manage: https://track.packetly.example.com/p/HH88213490"),
    i(PK, "2024-05-03 10:52", "PACKETLY: Delivered to your front door at 10:51. Photo: https://track.packetly.example.com/p/HH88213490/pod"),
    i(QD, "2024-05-07 07:45", "QUICKDROP: Parcel QD-5521-908 for Amy is due today. Safe place or neighbour? Reply at https://quickdrop.example.co.uk/t/QD5521908"),
    i(DR, "2024-05-07 13:20", "Hi it's Dave from QuickDrop, at your door with a parcel, no answer. Can I leave it with no. 21?"),
    o(DR, "2024-05-07 13:24", "Yes please, that's fine, thank you!"),
    i(DR, "2024-05-07 13:26", "No worries, left with no 21 (Mrs Patel). Have a good day"),
    i(QD, "2024-05-07 13:27", "QUICKDROP: Delivered to neighbour at 21 Mill Road. Details: https://quickdrop.example.co.uk/t/QD5521908"),
    i(SH, "2024-05-09 18:30", "BLOOMBOX: Thanks for your order #40321! Flowers for Mum will arrive on Sun 12 May. Track: https://bloombox.example.com/orders/40321"),
    i(SH, "2024-05-12 09:10", "BLOOMBOX: Your flowers have been delivered to Sandra Lewis. Hope she loves them!"),
    i(PK, "2024-05-14 08:05", "PACKETLY: Your parcel from Kettle & Crumb is out for delivery today. Track: https://track.packetly.example.com/p/KC55010922"),
    i(PK, "2024-05-14 14:40", "PACKETLY: Sorry we missed you. Your parcel will be redelivered tomorrow, or choose a pickup point: https://track.packetly.example.com/p/KC55010922/options"),
    i(PK, "2024-05-15 08:01", "PACKETLY: Your parcel from Kettle & Crumb is out for delivery today. Track: https://track.packetly.example.com/p/KC55010922"),
    i(PK, "2024-05-15 11:33", "PACKETLY: Delivered to your safe place (porch) at 11:32."),
    i(QD, "2024-05-20 07:50", "QUICKDROP: Parcel QD-6610-114 is due today 12:00-14:00. https://quickdrop.example.co.uk/t/QD6610114"),
    i(QD, "2024-05-20 12:41", "QUICKDROP: Delivered to you in person at 12:40. Rate your delivery: https://quickdrop.example.co.uk/rate/QD6610114"),
    i(PK, "2024-05-23 08:04", "PACKETLY: Return label for order HH88213490 is ready. Drop off at any Packetly point within 14 days: https://track.packetly.example.com/r/HH88213490"),
    i(PK, "2024-05-24 16:22", "PACKETLY: Your return has been received by Halden Home. Refunds usually take 3-5 working days."),
]
sms_backup(S, "sms-20240525090000.xml", sms)
calls_backup(S, "calls-20240525090000.xml", [
    dict(DR, t="2024-05-07 13:18", type="missed"),
    dict(addr="+447700902728", name="Sandra Lewis", t="2024-05-12 10:05", type="in", dur=1260),
    dict(addr="+447700902728", name="Sandra Lewis", t="2024-05-19 17:30", type="out", dur=840),
])
S.done()
