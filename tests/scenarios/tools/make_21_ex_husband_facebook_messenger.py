"""21: separated husband floods Denise's Facebook Messenger with messages and missed calls at night,
insults her and threatens her after she asks him to use the co-parenting app only."""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from sgexport import Scenario, meta_thread

S = Scenario("21-ex-husband-facebook-messenger", "America/New_York", me=["Denise Walker"])
S.profile('''
# Denise Walker, 42, dental hygienist in Columbus, Ohio; separated, two children.
[person]
names = ["Denise Walker", "Dee Walker"]
phones = ["(614) 555-0121"]
emails = ["denise.walker@example.com"]
handles = ["facebook:denise.walker.77"]
addresses = ["2290 Bexley Park Rd, Columbus, OH 43209"]
schools = []
workplaces = ["Bexley Family Dental"]
places = ["Jeffrey Park", "Cassingham Elementary"]
region = "US"

[[trusted]]
name = "Pam Hollis"
phones = ["(614) 555-0122"]
emails = []
handles = []
''')
S.expect('''
description = "Separated husband floods Denise's Messenger with messages and missed calls late at night, calls her names and threatens her after she asks him to use the co-parenting app only"
kind = "stalking"
tz = "America/New_York"

[[case]]
contact = "Gary Novak"
min_severity = "warning"
forms = ["excessive_contact", "abusive_messages"]
''')
G, D = "Gary Novak", "Denise Walker"
m = lambda t, who, text: dict(t=t, who=who, text=text)
mc = lambda t: dict(t=t, who=G, missed_call=True)
msgs = [
    m("2024-10-01 17:30", G, "Kids ready at 6 Friday?"),
    m("2024-10-01 17:45", D, "Yes, 6 at my place. Maddie has her recital Saturday at 2."),
    m("2024-10-01 17:46", G, "I know about the recital"),
    m("2024-10-03 22:14", G, "Who's the guy in the truck outside your house"),
    m("2024-10-03 22:15", G, "Answer me"),
    m("2024-10-03 22:40", D, "That's my neighbor. Gary, we agreed: messages about the kids only, and through OurFamilyWizard. Please don't message me here."),
    m("2024-10-03 22:41", G, "I'll message you wherever I want. It's still half my house"),
    mc("2024-10-03 23:05"), mc("2024-10-03 23:09"), mc("2024-10-03 23:17"),
    m("2024-10-04 00:32", G, "You think you can just replace me"),
    m("2024-10-04 00:33", G, "Caleb told me you had someone over for dinner"),
    m("2024-10-04 07:10", G, "Sorry. I'm not sleeping. Can we just talk like adults"),
    m("2024-10-05 23:48", G, "You were a lousy wife and you're an unfit mother"),
    m("2024-10-05 23:49", G, "Everybody at church knows it too"),
    mc("2024-10-06 00:20"), mc("2024-10-06 00:22"),
    m("2024-10-06 00:30", G, "Pick up the phone Denise"),
    m("2024-10-07 12:05", G, "Parked outside Bexley Family Dental. Come out on your lunch"),
    m("2024-10-07 12:40", G, "I can see you through the window"),
    m("2024-10-07 13:15", D, "Stop contacting me. If you come to my work again I'll call the police."),
    m("2024-10-07 13:16", G, "Call them. I'll tell them what kind of mother you are"),
    m("2024-10-09 01:14", G, "Can't sleep thinking about what you did to this family"),
    mc("2024-10-09 01:20"), mc("2024-10-09 01:25"), mc("2024-10-09 01:31"),
    m("2024-10-10 21:02", G, "I'll be at Cassingham pickup tomorrow whether you like it or not"),
    m("2024-10-11 15:40", G, "Saw you hide in the car. Pathetic"),
    m("2024-10-12 23:55", G, "You'll regret this. I promise you that"),
    m("2024-10-13 00:10", G, "Nobody takes my kids from me"),
    mc("2024-10-13 00:12"), mc("2024-10-13 00:15"),
    m("2024-10-14 08:30", G, "Good morning to the liar"),
    m("2024-10-15 22:47", G, "Your lawyer's letter went straight in the trash"),
    m("2024-10-16 02:03", G, "If I see that guy at my house again he's going to get hurt"),
    m("2024-10-16 02:04", G, "And so will anyone who helps you"),
]
meta_thread(S, "facebook", "facebook", "garynovak_10157722", G, [G, D], msgs)
pam = [
    m("2024-10-07 13:30", "Pam Hollis", "Is Gary outside the clinic?? Jen just texted me"),
    m("2024-10-07 13:33", D, "Yes. I told him I'd call the police. He's gone now I think"),
    m("2024-10-07 13:35", "Pam Hollis", "Honey you need a protection order. I'll come with you to the courthouse"),
    m("2024-10-16 07:20", D, "He threatened Rick next door last night. I'm filing today"),
    m("2024-10-16 07:22", "Pam Hollis", "Good. I'll pick up the kids from school today"),
]
meta_thread(S, "facebook", "facebook", "pamhollis_10158820", "Pam Hollis", ["Pam Hollis", D], pam)
S.done()
