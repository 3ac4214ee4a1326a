"""20: an ex-partner who once got Laura to install a 'battery saver' .apk knows what is in her
messages and diary; the app inventory of her phone shows a stalkerware package (SMS + JSONL)."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, sms_backup, jsonl

S = Scenario("20-stalkerware-ex", "Europe/London", me=[])
S.profile('''
# Laura Simms, 35, physiotherapist in Southampton.
[person]
names = ["Laura Simms"]
phones = ["+44 7700 902020"]
emails = ["laura.simms@example.net"]
handles = ["whatsapp:Laura Simms"]
addresses = ["7 Portswood Road, Southampton SO17 2ES"]
schools = []
workplaces = ["Bassett Physio Clinic"]
places = ["Southampton Common"]
region = "GB"

[[trusted]]
name = "Becky"
phones = ["+44 7700 902021"]
emails = []
handles = []
''')
S.expect('''
description = "Ex-partner who got Laura to install a 'battery saver' .apk quotes her private messages and diary back to her; her phone's app list holds a stalkerware package (com.systemservice)"
kind = "stalking"
tz = "Europe/London"

[[case]]
contact = "Craig Dobson"
min_severity = "warning"
forms = ["device_compromise", "excessive_contact"]
''')
C = dict(addr="+447700902031", name="Craig Dobson")
B = dict(addr="+447700902021", name="Becky")
i = lambda who, t, b: dict(who, t=t, body=b)
o = lambda who, t, b: dict(who, t=t, body=b, out=True)
sms = [
    i(C, "2024-01-28 21:05", "your phone dies every afternoon. put this on, it's what I use: http://198.51.100.23/dl/BatterySaverPro.apk"),
    o(C, "2024-01-28 21:20", "it says blocked by Play Protect?"),
    i(C, "2024-01-28 21:21", "just tap install anyway, it's fine. I'll do it for you tonight"),
    o(C, "2024-02-24 10:15", "Craig, I've moved my things to Becky's. I'm not coming back. Please give me some space."),
    i(C, "2024-02-24 10:16", "we'll see"),
    i(C, "2024-02-26 22:40", "tell Becky I said hi, since you two spent all evening slagging me off"),
    i(C, "2024-02-27 15:05", "how was the doctor at 3? hope it's nothing serious"),
    o(C, "2024-02-27 15:30", "How do you know about that? Stop contacting me."),
    i(C, "2024-02-27 15:31", "lucky guess 🙂"),
    i(C, "2024-02-29 23:12", "why are you looking up solicitors laura"),
    i(C, "2024-03-01 00:05", "you don't need a solicitor. you need to come home"),
    i(B, "2024-03-01 08:10", "did he really know about the solicitor search?? that's not normal"),
    o(B, "2024-03-01 08:15", "yes. and the doctor's. and what we said on whatsapp. I think he's in my phone"),
    i(B, "2024-03-01 08:16", "the battery app he made you install!! get someone to look at it"),
    i(C, "2024-03-02 19:44", "nice walk on the Common. you stopped at the café by the pond"),
    i(C, "2024-03-04 23:58", "Becky's sofa can't be comfy. your bed's still here"),
    i(C, "2024-03-06 01:17", "I read what you wrote about me. you'll take that back"),
    i(C, "2024-03-07 12:40", "interesting lunch with Sam from work. does he know you're still married in all but name"),
    o(C, "2024-03-07 13:00", "I am reporting this to the police. Do not contact me again."),
    i(C, "2024-03-07 13:01", "report what? a few texts to my wife"),
    i(C, "2024-03-09 22:22", "police station on Portswood Rd closes at 6 btw. I know you went"),
    i(C, "2024-03-12 00:40", "you changed your passcode. cute"),
    i(C, "2024-03-15 21:35", "new phone? doesn't matter. I'll know"),
]
sms_backup(S, "sms-20240320181500.xml", sms)

scan = "2024-03-20 17:40:00"
apps = [
    ("com.whatsapp", "WhatsApp", "Google Play", "2022-05-11"),
    ("com.instagram.android", "Instagram", "Google Play", "2022-05-11"),
    ("com.spotify.music", "Spotify", "Google Play", "2022-06-02"),
    ("com.google.android.apps.maps", "Maps", "preinstalled", "2022-05-10"),
    ("uk.co.bbc.news", "BBC News", "Google Play", "2023-01-15"),
    ("com.nhs.online.nhsonline", "NHS App", "Google Play", "2023-03-08"),
    ("com.strava", "Strava", "Google Play", "2023-07-21"),
    ("com.monzo.android", "Monzo", "Google Play", "2022-09-30"),
    ("com.ubercab", "Uber", "Google Play", "2023-11-04"),
    ("com.systemservice", "System Service", "unknown source (sideloaded)", "2024-01-29"),
    ("com.android.chrome", "Chrome", "preinstalled", "2022-05-10"),
    ("com.microsoft.teams", "Teams", "Google Play", "2023-02-01"),
]
ev = []
for n, (pkg, label, src, inst) in enumerate(apps, 1):
    ev.append({"id": f"inv-20240320-{n:02d}", "t": scan, "platform": "android", "channel": "app",
               "thread": "installed apps (Laura's Pixel 6, scanned 20 Mar 2024)",
               "text": pkg, "package": pkg, "app_name": label, "installer": src, "installed": inst,
               **({"permissions": ["READ_SMS", "READ_CALL_LOG", "ACCESS_FINE_LOCATION", "BIND_ACCESSIBILITY_SERVICE",
                                   "BIND_DEVICE_ADMIN", "RECORD_AUDIO"], "hidden_icon": True}
                  if pkg == "com.systemservice" else {})})
jsonl(S, "phone-app-inventory.jsonl", ev)
S.done()
