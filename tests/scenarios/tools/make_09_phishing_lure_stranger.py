"""09: a stranger sends Ella credential-lure links for days (look-alike Instagram and Google
domains, an IP-literal login page, a shortener, an .apk) by SMS and e-mail, pressing her to log in."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup, mbox

S = Scenario("09-phishing-lure-stranger", "Europe/London", me=[])
S.profile('''
# Ella Thompson, 18, first-year student in Norwich.
[person]
names = ["Ella Thompson"]
phones = ["+44 7700 900909"]
emails = ["ella.thompson@example.com"]
handles = ["instagram:ella.thom", "snapchat:ellat_05"]
addresses = ["Room 14, Nelson Court, Norwich NR4 7TJ"]
schools = ["University of East Norfolk"]
workplaces = []
places = ["Eaton Park"]
region = "GB"

[[trusted]]
name = "Dad"
phones = ["+44 7700 900910"]
emails = ["mike.thompson@example.com"]
handles = []
''')
S.expect('''
description = "Stranger keeps sending Ella log-in lures (instagrarn look-alike, IP-literal login page, g00gle, shortener, .apk) by text and e-mail and pressures her to click"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "phone:+447700900919"
min_severity = "warning"
forms = ["device_compromise"]
''')
X = dict(addr="+447700900919", name="(Unknown)")
D = dict(addr="+447700900910", name="Dad")
i = lambda who, t, b: dict(who, t=t, body=b)
o = lambda who, t, b: dict(who, t=t, body=b, out=True)
sms = [
    i(X, "2024-10-14 22:41", "Hi Ella!! is this you in this video?? 😳 https://instagrarn-verify.com/reel/C8xT2?u=ella.thom"),
    i(X, "2024-10-14 22:43", "someone from your halls posted it, you need to see it"),
    o(X, "2024-10-14 23:02", "Who is this? How have you got my number?"),
    i(X, "2024-10-14 23:03", "a friend of a friend. just log in and look, it's not good"),
    i(X, "2024-10-15 07:12", "did you look yet?"),
    i(X, "2024-10-15 12:30", "it's on a private page, you have to sign in with your insta: http://203.0.113.77/ig/login.php?next=reel"),
    o(X, "2024-10-15 12:45", "I'm not clicking that. Don't text me again."),
    i(X, "2024-10-15 12:46", "fine don't, everyone else has seen it already"),
    i(X, "2024-10-15 23:55", "ella seriously it's getting shared around nelson court"),
    i(X, "2024-10-16 00:01", "https://bit.ly/3EllaNC"),
    i(X, "2024-10-16 18:20", "they made a google drive of pics too. you have to request access with your uni login https://accounts-g00gle.com/signin/v2?continue=drive/folder/ella"),
    i(D, "2024-10-16 19:05", "Hi love, how's your week going? Call Sunday? x"),
    o(D, "2024-10-16 19:30", "hi dad. someone keeps sending me dodgy links saying there's a video of me. I haven't clicked any"),
    i(D, "2024-10-16 19:33", "Good girl. Don't click, don't reply, it's a scam to get your passwords. Block them. I'll ring you now"),
    i(X, "2024-10-17 01:14", "why are you ignoring me, I'm trying to HELP you"),
    i(X, "2024-10-17 01:15", "last chance before it goes everywhere"),
    i(X, "2024-10-18 20:02", "ok use this app instead, it shows you who's viewed your profile and the video: http://203.0.113.77/update/InstaViewer_plus.apk"),
    i(X, "2024-10-19 22:47", "your snap is getting reported too. verify here or it gets deleted: https://snapchat.verify-account-help.com/login?u=ellat_05"),
    i(X, "2024-10-20 00:33", "you're making a big mistake ella"),
]
sms_backup(S, "sms-20241021101500.xml", sms)

me = ("Ella Thompson", "ella.thompson@example.com")
mails = [
    dict(t="2024-10-16 09:02", id="a91c7d2e@instagrarn-help.com",
         **{"from": ("Instagram", "security@instagrarn-help.com")}, to=[me],
         subject="Your account has been reported for a video",
         relay="mailer.instagrarn-help.com", relay_ip="203.0.113.77",
         text="Hi ella.thom,\n\nA video of you was reported by 14 people. To keep your account, confirm your\nidentity within 24 hours:\n\nhttps://instagrarn-help.com/accounts/verify/?u=ella.thom&token=8f2c\n\nThe Instagram Team",
         html='<html><body><p>Hi ella.thom,</p><p>A video of you was reported by 14 people. To keep your account, '
              'confirm your identity within 24 hours:</p><p><a href="http://203.0.113.77/ig/login.php?u=ella.thom">'
              'https://www.instagram.com/accounts/verify/</a></p><p>The Instagram Team</p></body></html>'),
    dict(t="2024-10-17 23:41", id="b2041fe9@instagrarn-help.com",
         **{"from": ("Instagram Security", "noreply@instagrarn-help.com")}, to=[me],
         subject="Final notice: account suspension",
         relay="mailer.instagrarn-help.com", relay_ip="203.0.113.77",
         text="Ella,\n\nYou didn't verify. Your account and the reported video will be made public in 12 hours.\nLog in now: https://instagrarn-help.com/login?next=%2Fella.thom\n\nYou can also see who reported you here: http://203.0.113.77/ig/reporters.php"),
    dict(t="2024-10-18 21:10", id="c77c0a31@example.net",
         **{"from": ("a friend", "ella.video.help@example.net")}, to=[me],
         subject="the video",
         text="I know you're getting my texts. You don't have to reply, just log in and watch it so\nyou know what people are saying about you.\n\nhttps://bit.ly/3EllaNC\n\nYou'll thank me."),
    dict(t="2024-10-19 08:15", id="d3e9@example.com", out=True, **{"from": me},
         to=[("", "ella.video.help@example.net")], subject="Re: the video", reply_to_id="c77c0a31@example.net",
         text="Stop contacting me. I've reported your number and this address to the university\nand to Action Fraud.\n\nElla"),
    dict(t="2024-10-19 08:40", id="e0b1@example.net", **{"from": ("a friend", "ella.video.help@example.net")},
         to=[me], subject="Re: the video", reply_to_id="d3e9@example.com", thread_root="c77c0a31@example.net",
         text="Action Fraud lol. Just log in Ella. https://accounts-g00gle.com/signin/v2?continue=drive/folder/ella"),
]
mbox(S, "Takeout/Mail/Inbox.mbox", [m for m in mails if not m.get("out")])
mbox(S, "Takeout/Mail/Sent.mbox", [m for m in mails if m.get("out")])
S.done()
