"""07: a troll posts Ethan's home address, school and phone number in public comments under his
videos, in his stream chat and on a forum, with insults and calls for others to 'visit'."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, jsonl

S = Scenario("07-doxxer-public-comments", "America/Los_Angeles", me=["Ethan Brooks"])
S.profile('''
# Ethan Brooks, 17, streams games; lives in Portland, Oregon.
[person]
names = ["Ethan Brooks", "ebrooksplays"]
phones = ["(503) 555-0177"]
emails = ["ethan.brooks@example.com"]
handles = ["tiktok:ebrooksplays", "twitch:ebrooksplays", "reddit:ebrooksplays"]
addresses = ["1187 SE Alder St, Portland, OR 97214"]
schools = ["Franklin Heights High School"]
workplaces = []
places = ["Laurelhurst Park"]
region = "US"

[[trusted]]
name = "Dana Brooks"
phones = ["(503) 555-0178"]
emails = ["dana.brooks@example.com"]
handles = []
''')
S.expect('''
description = "Troll posts Ethan's home address, school and phone number in public comments, stream chat and a forum, with insults and calls to visit him"
kind = "stalking"
tz = "America/Los_Angeles"

[[case]]
contact = "handle:tiktok:grimreaper_x"
min_severity = "warning"
forms = ["public_shaming", "abusive_messages"]
''')
me_tt = {"id": "tiktok:ebrooksplays", "name": "Ethan Brooks"}
me_tw = {"id": "twitch:ebrooksplays", "name": "Ethan Brooks"}
me_rd = {"id": "reddit:ebrooksplays", "name": "Ethan Brooks"}
troll = {"id": "tiktok:grimreaper_x", "name": "reaper"}
troll_tw = {"id": "twitch:grimreaper_x", "name": "reaper"}
troll_rd = {"id": "reddit:grimreaper_x", "name": "reaper"}
v = lambda n: {"id": f"tiktok:{n}", "name": n}
ev = []
def e(i, t, plat, ch, snd, thread, text, **kw):
    d = dict(id=i, t=t, platform=plat, channel=ch, sender=snd, thread=thread, text=text)
    d.update(kw)
    ev.append(d)

e("tt-5001", "2024-01-08 16:10", "tiktok", "post", me_tt, "ebrooksplays video 9120", "clutch of the century (not really) 😅")
e("tt-5002", "2024-01-08 16:25", "tiktok", "comment", v("pixelpanda"), "ebrooksplays video 9120", "that flick was clean")
e("tt-5003", "2024-01-08 17:02", "tiktok", "comment", troll, "ebrooksplays video 9120", "you're trash and your voice is annoying")
e("tt-5004", "2024-01-08 17:03", "tiktok", "comment", troll, "ebrooksplays video 9120", "uninstall the game and your life")
e("tt-5005", "2024-01-09 15:40", "tiktok", "post", me_tt, "ebrooksplays video 9121", "ranked grind day 12")
e("tt-5006", "2024-01-09 15:58", "tiktok", "comment", troll, "ebrooksplays video 9121", "imagine being this bad. Franklin Heights must be proud lol")
e("tt-5007", "2024-01-09 16:20", "tiktok", "comment", me_tt, "ebrooksplays video 9121", "please don't mention my school")
e("tt-5008", "2024-01-09 16:22", "tiktok", "comment", troll, "ebrooksplays video 9121", "or what? junior at Franklin Heights High School, 3rd period gym, right? 😂")
e("tt-5009", "2024-01-09 16:40", "tiktok", "comment", v("mika_games"), "ebrooksplays video 9121", "bro that's creepy leave him alone")
e("tw-101", "2024-01-10 19:05", "twitch", "chat", troll_tw, "ebrooksplays stream 2024-01-10", "yo chat, fun fact: this loser lives on SE Alder", direction="public")
e("tw-102", "2024-01-10 19:06", "twitch", "chat", troll_tw, "ebrooksplays stream 2024-01-10", "1187 SE Alder St Portland. the blue house with the basketball hoop", direction="public")
e("tw-103", "2024-01-10 19:06", "twitch", "chat", {"id": "twitch:nightowl_kev", "name": "nightowl_kev"}, "ebrooksplays stream 2024-01-10", "wtf mods??", direction="public")
e("tw-104", "2024-01-10 19:07", "twitch", "chat", me_tw, "ebrooksplays stream 2024-01-10", "mods please ban him, that's my actual address", direction="outgoing")
e("tw-105", "2024-01-10 19:09", "twitch", "chat", {"id": "twitch:grimreaper_x2", "name": "reaper"}, "ebrooksplays stream 2024-01-10", "banned me lol. new account. go say hi to him everyone", direction="public")
e("rd-1", "2024-01-11 23:48", "reddit", "post", troll_rd, "r/PortlandGaming: who is ebrooksplays IRL",
  "Since he keeps crying about it: his name is Ethan Brooks, goes to Franklin Heights High School, lives at 1187 SE Alder St. "
  "His number is 503-555-0177, text him what you think of his 'content'.")
e("rd-2", "2024-01-12 00:15", "reddit", "comment", {"id": "reddit:throwaway_pdx22", "name": "throwaway_pdx22"}, "r/PortlandGaming: who is ebrooksplays IRL", "lmao is this real")
e("rd-3", "2024-01-12 00:31", "reddit", "comment", troll_rd, "r/PortlandGaming: who is ebrooksplays IRL", "100% real. drive by and honk, he streams from the front bedroom")
e("rd-4", "2024-01-12 07:50", "reddit", "comment", {"id": "reddit:pdx_modteam", "name": "pdx_modteam"}, "r/PortlandGaming: who is ebrooksplays IRL", "Removed: posting personal information is not allowed.")
e("rd-5", "2024-01-12 08:05", "reddit", "comment", me_rd, "r/PortlandGaming: who is ebrooksplays IRL", "thank you mods. I've reported this to the police")
e("tt-5010", "2024-01-12 18:30", "tiktok", "post", me_tt, "ebrooksplays video 9122", "taking a break from streaming for a bit. thanks for the support everyone")
e("tt-5011", "2024-01-12 18:33", "tiktok", "comment", troll, "ebrooksplays video 9122", "aww did someone get scared? 🥺")
e("tt-5012", "2024-01-12 18:35", "tiktok", "comment", troll, "ebrooksplays video 9122", "everyone text him 503 555 0177, tell him he's a crybaby")
e("tt-5013", "2024-01-12 19:02", "tiktok", "comment", v("pixelpanda"), "ebrooksplays video 9122", "take care man, see you when you're back")
e("tt-5014", "2024-01-13 01:14", "tiktok", "comment", troll, "ebrooksplays video 9122", "your mom drives a grey Subaru right? saw it on Alder")
e("tt-5015", "2024-01-13 01:15", "tiktok", "comment", troll, "ebrooksplays video 9122", "see you at Laurelhurst Park you absolute loser")
e("tt-5016", "2024-01-14 14:20", "tiktok", "comment", v("mika_games"), "ebrooksplays video 9122", "reported every one of this guy's comments")
e("tt-5017", "2024-01-15 21:45", "tiktok", "comment", troll, "ebrooksplays video 9120", "nobody at Franklin Heights even likes you. worthless")
sms_like = [
    dict(id="tt-dm-1", t="2024-01-12 19:40", platform="tiktok", channel="chat", sender=troll, thread="DM reaper", text="posted your address, how does it feel", recipient=me_tt),
    dict(id="tt-dm-2", t="2024-01-13 00:02", platform="tiktok", channel="chat", sender=troll, thread="DM reaper", text="you should've kept quiet", recipient=me_tt),
    dict(id="tt-dm-3", t="2024-01-13 00:03", platform="tiktok", channel="chat", sender=troll, thread="DM reaper", text="nobody likes a snitch", recipient=me_tt),
]
jsonl(S, "public-activity.jsonl", ev + sms_like,
      outgoing_ids={"tiktok:ebrooksplays", "twitch:ebrooksplays", "reddit:ebrooksplays"})
S.done()
