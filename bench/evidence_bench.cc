// Evidence export and report of one large case: what `stalkguard export` and `stalkguard report`
// do for a contact with 10,000 incidents. The store is built once, before any timing: one
// contact (SMS, MMS and WhatsApp) writing 10,600 messages over 200 days, 10,000 of them with
// one or two findings, the person's replies, and 50,000 events with 50 other contacts that the
// evidence log holds too (and an export prunes to counted gaps). Each benchmark is then run a
// few times on the wall clock; `stage/` benchmarks time the parts of an export and a report
// apart, and `read_case_events` (reading the case's events with their raw records, nothing
// else) is the baseline to quote ratios against on a busy machine.
//
//   evidence_bench [--benchmark_* flags]
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sodium.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "casework/bundle_builder.h"
#include "casework/case_file.h"
#include "casework/evidence_export.h"
#include "casework/report_builder.h"
#include "core/digest.h"
#include "core/time_zone.h"
#include "evidence/device_key.h"
#include "report/html_report.h"
#include "report/pdf_report.h"
#include "store/sqlite/sqlite_store.h"

namespace sg = stalkguard;
namespace fs = std::filesystem;

namespace {

constexpr int kIncidents = 10000;
constexpr int kStalkerMessages = 10600;  // 600 of them without a finding
constexpr int kReplies = 400;
constexpr int kOtherContacts = 50;
constexpr int kBackgroundEvents = 50000;
constexpr int kDays = 200;
constexpr int64_t kStartMs = 1704844800000;  // 2024-01-10T00:00:00Z
constexpr int64_t kDayMs = 86400000;
constexpr int64_t kNowMs = kStartMs + (kDays + 3) * kDayMs;
constexpr int kAttachmentEvery = 50;

const sg::Identity kPersonPhone{sg::IdentityKind::kPhone, "+447700900123"};
const sg::Identity kPersonChat{sg::IdentityKind::kHandle, "whatsapp:sam lee"};
const sg::Identity kStalkerPhone{sg::IdentityKind::kPhone, "+447700900999"};
const sg::Identity kStalkerChat{sg::IdentityKind::kHandle, "whatsapp:jordan blake"};

struct Flagged {
  const char* category;
  const char* text;
};

// What the stalker writes that detection flags, by category.
const std::vector<Flagged> kFlagged = {
    {"threat", "If you block me again you'll regret it, I promise."},
    {"threat", "You won't be laughing when I turn up at your door 🔪"},
    {"threat", "Keep ignoring me and see what happens to you."},
    {"threat", "I know people who can make your life hell."},
    {"threat", "Don't make me come over there and sort this out myself."},
    {"threat", "One day you'll be sorry you ever treated me like this 😡"},
    {"threat", "If I can't have you nobody will."},
    {"insult", "You're a pathetic liar and everyone knows it."},
    {"insult", "Stupid cow, who do you think you are?"},
    {"insult", "You're worthless without me, remember that."},
    {"insult", "Nobody else would put up with someone as ugly as you 🤮"},
    {"insult", "You're a spoilt little brat, always have been."},
    {"toxic", "Answer your f***ing phone!!!"},
    {"toxic", "Shut up and listen to me for once."},
    {"toxic", "God you're so annoying, just reply ffs 🙄"},
    {"toxic", "Why are you such a selfish b*tch"},
    {"toxic", "Stop playing games with me you idiot."},
    {"whereabouts", "Saw you leaving Mill Lane Gym at 7, nice leggings 👀"},
    {"whereabouts", "You were at Leeds Central Library again today, sat by the window."},
    {"whereabouts", "Nice to see your car outside 12 Mill Lane tonight."},
    {"whereabouts", "I know you walk home past Hyde Park on Thursdays."},
    {"whereabouts", "That blue coat suits you, saw you at the bus stop this morning 📍"},
    {"whereabouts", "Hillside Academy lets out at 3:20, I'll be waiting."},
};

const std::vector<std::string> kStalkerFiller = {
    "Why aren't you answering?",
    "I just want to talk.",
    "Please just reply to me.",
    "I've been thinking about you all day ❤️",
    "We need to talk about us.",
    "I'm not going away.",
    "Remember when we used to go to the coast? 🌊",
    "You read my last message, I can see the ticks.",
    "It's been 3 hours.",
    "Call me back.",
    "I'm outside.",
    "Are you with him?",
    "Who were you talking to at lunch?",
    "Don't pretend you're busy.",
    "Why did you change your profile picture?",
    "I miss you so much 😢😢",
    "Everyone thinks you're overreacting.",
    "Your mum would be ashamed of how you're acting.",
    "I'll wait as long as it takes.",
    "Just one coffee, that's all I'm asking ☕",
    "You owe me an explanation.",
    "I saw your story.",
};

const std::vector<std::string> kStalkerLinks = {
    "Look what I found: https://www.instagram.com/p/C4x9k2LrT1b/",
    "https://maps.app.goo.gl/q8Hk3vRz2Lw7 is where you were, right?",
    "Read this https://www.facebook.com/photo/?fbid=1029384756 and tell me I'm wrong.",
    "Everyone's seen this now https://tinyurl.com/sam-lee-2024",
};

const std::vector<std::string> kReplyTexts = {
    "Please stop messaging me.",
    "Leave me alone, I've blocked you on Instagram.",
    "I've told you I don't want any contact. Stop.",
    "If you keep doing this I'm going to the police.",
    "I'm not answering any more.",
    "Stop it. I mean it.",
    "Do not come to my house.",
    "I have kept every message.",
};

const std::vector<std::string> kBackground = {
    "running 10 min late sorry 🙏",
    "Did you get the notes from Tuesday's lecture?",
    "Mum says dinner at 7, don't be late",
    "haha that's brilliant 😂😂",
    "Happy birthday!! 🎉🎂 have the best day",
    "can you send me the link for the tickets?",
    "https://www.bbc.co.uk/news/uk-68123456 have you seen this",
    "Are we still on for Saturday?",
    "I'll bring the speaker, you bring snacks",
    "ok see you at the station 🚉",
    "Thanks so much for today, really needed that ❤️",
    "Did you feed the cat?",
    "The group project is due Friday, can we meet Weds?",
    "lol no way",
    "Just got home, shattered 😴",
    "Can you pick up milk on the way back?",
    "Good luck with the exam tomorrow!! 🍀",
    "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC this song though",
    "What time does the match start?",
    "I've left the keys under the mat",
};

const std::vector<std::string> kFirstNames = {
    "Alex", "Priya", "Tom",   "Chloe",  "Mo",    "Ellie", "Jack",   "Aisha",  "Ben",  "Grace",
    "Sam",  "Ruby",  "Oscar", "Maya",   "Harry", "Zara",  "Leo",    "Isla",   "Noah", "Freya",
    "Kian", "Amber", "Dan",   "Sophie", "Ravi",  "Lucy",  "Ethan",  "Nina",   "Luke", "Holly",
    "Adam", "Jess",  "Finn",  "Layla",  "Owen",  "Erin",  "Callum", "Hana",   "Joe",  "Megan",
    "Rhys", "Tara",  "Sean",  "Abbie",  "Kai",   "Lily",  "Matt",   "Yasmin", "Rob",  "Cara",
};

struct Gen {
  std::mt19937_64 rng{20241129};
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  double Unit() { return std::uniform_real_distribution<double>(0, 1)(rng); }
  template <typename T>
  const T& Pick(const std::vector<T>& from) {
    return from[static_cast<size_t>(Int(0, static_cast<int>(from.size()) - 1))];
  }
  std::string Bytes(int n) {
    std::string out(static_cast<size_t>(n), '\0');
    for (char& c : out) c = static_cast<char>(rng() & 0xff);
    return out;
  }
};

// Messages come mostly in the evening and at night; later days have more of them (escalation).
int64_t MessageTime(Gen& gen, bool escalating) {
  const double u = gen.Unit();
  const int day = static_cast<int>((escalating ? std::sqrt(u) : u) * kDays) % kDays;
  static const std::vector<int> kHours = {0,  1,  2,  7,  8,  12, 13, 17,
                                          18, 19, 20, 21, 22, 22, 23, 23};
  const int hour = escalating ? gen.Pick(kHours) : gen.Int(7, 23);
  return kStartMs + day * kDayMs + hour * 3600000LL + gen.Int(0, 3599) * 1000LL + gen.Int(0, 999);
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Format(int64_t ms, int32_t offset_minutes, const char* format) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000 + offset_minutes * 60);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

std::string Base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

struct Contact {
  std::string name;
  sg::Identity phone, chat;
};

// One message as an importer would produce it; `raw` follows the source's format: an SMS
// Backup & Restore element (an <mms> with its part inlined for an attachment) or a WhatsApp
// export line.
sg::Event MakeMessage(Gen& gen, const sg::TimeZone& zone, const Contact& other, bool whatsapp,
                      bool incoming, int64_t ms, std::string text, bool attachment) {
  sg::Event e;
  const sg::Party them{whatsapp ? other.chat : other.phone, other.name};
  const sg::Party me{whatsapp ? kPersonChat : kPersonPhone, whatsapp ? "Sam Lee" : ""};
  e.direction = incoming ? sg::Direction::kIncoming : sg::Direction::kOutgoing;
  e.sender = incoming ? them : me;
  e.recipients = {incoming ? me : them};
  e.text = std::move(text);
  for (size_t at = e.text.find("https://"); at != std::string::npos;
       at = e.text.find("https://", at + 1)) {
    const size_t end = e.text.find(' ', at);
    e.urls.push_back(e.text.substr(at, end == std::string::npos ? end : end - at));
  }
  if (attachment) {
    sg::Attachment a;
    const std::string day = Format(ms, 0, "%Y%m%d");
    a.name = whatsapp ? "IMG-" + day + "-WA" + std::to_string(gen.Int(1000, 9999)) + ".jpg"
                      : "IMG_" + day + "_" + std::to_string(gen.Int(100000, 999999)) + ".jpg";
    a.mime_type = "image/jpeg";
    a.bytes = gen.Bytes(gen.Int(4096, 24576));
    a.size = static_cast<int64_t>(a.bytes.size());
    a.sha256 = sg::Sha256Hex(a.bytes);
    a.uri = whatsapp ? a.name : "";
    e.attachments.push_back(std::move(a));
  }
  if (whatsapp) {
    ms -= ms % 60000;  // the export shows minutes
    const int32_t offset = zone.OffsetMinutesAt(ms);
    e.channel = sg::Channel::kChat;
    e.platform = "whatsapp";
    e.time = {ms, offset, true};
    e.thread = "WhatsApp Chat with " + other.name;
    e.source = {"WhatsApp Chat with " + other.name + ".txt", ""};
    e.raw = Format(ms, offset, "%d/%m/%Y, %H:%M") + " - " + (incoming ? other.name : "Sam Lee") +
            ": " + (attachment ? e.attachments[0].name + " (file attached)\n" : "") + e.text;
  } else {
    e.channel = attachment ? sg::Channel::kMms : sg::Channel::kSms;
    e.platform = "sms";
    e.time = {ms, 0, false};
    e.thread = other.phone.value;
    e.source = {"sms-backup.xml", ""};
    const std::string common = " date=\"" + std::to_string(ms) + "\" readable_date=\"" +
                               Format(ms, zone.OffsetMinutesAt(ms), "%-d %b %Y %H:%M:%S") +
                               "\" contact_name=\"" + XmlEscape(other.name) + "\"";
    if (attachment) {
      const sg::Attachment& a = e.attachments[0];
      e.raw = "<mms" + common + " msg_box=\"" + (incoming ? "1" : "2") + "\" address=\"" +
              other.phone.value + "\" m_type=\"132\" read=\"1\" sub_id=\"1\">\n  <parts>\n" +
              "    <part seq=\"0\" ct=\"text/plain\" name=\"null\" chset=\"106\" text=\"" +
              XmlEscape(e.text) + "\" />\n    <part seq=\"1\" ct=\"image/jpeg\" name=\"" + a.name +
              "\" cl=\"" + a.name + "\" data=\"" + Base64(a.bytes) +
              "\" />\n  </parts>\n  <addrs>\n    <addr address=\"" + other.phone.value +
              "\" type=\"137\" charset=\"106\" />\n  </addrs>\n</mms>";
    } else {
      e.raw = "<sms protocol=\"0\" address=\"" + other.phone.value + "\"" + common + " type=\"" +
              (incoming ? "1" : "2") + "\" subject=\"null\" body=\"" + XmlEscape(e.text) +
              "\" toa=\"null\" sc_toa=\"null\" service_center=\"" +
              (incoming ? "+447700900000" : "null") +
              "\" read=\"1\" status=\"-1\" locked=\"0\" date_sent=\"" +
              std::to_string(incoming ? ms - 1000 : 0) + "\" sub_id=\"1\" />";
    }
  }
  e.id = sg::IdHasher()
             .Add(e.platform)
             .Add(e.sender.identity.Key())
             .Add(e.recipients[0].identity.Key())
             .Add(e.time.utc_ms)
             .Add(e.text)
             .Add(static_cast<int64_t>(gen.rng()))
             .HexDigest();
  return e;
}

// Sentences until the text is at least `target` bytes long (at most 300), with `must` (if any)
// at a random place; spans[i] is the byte range of must[i] in the text.
std::string Compose(Gen& gen, const std::vector<std::string>& filler,
                    const std::vector<std::string>& must, std::vector<sg::TextSpan>& spans) {
  const size_t target = static_cast<size_t>(gen.Int(40, 300));
  std::vector<std::string> parts = must;
  size_t length = 0;
  for (const std::string& p : parts) length += p.size() + 1;
  while (length < target) {
    const std::string& next = gen.Pick(filler);
    if (length + next.size() + 1 > 300 && length >= 40) break;
    parts.insert(parts.begin() + gen.Int(0, static_cast<int>(parts.size())), next);
    length += next.size() + 1;
  }
  std::string text;
  spans.assign(must.size(), {});
  for (const std::string& p : parts) {
    if (!text.empty()) text += ' ';
    if (auto it = std::find(must.begin(), must.end(), p); it != must.end())
      spans[static_cast<size_t>(it - must.begin())] = {text.size(), text.size() + p.size()};
    text += p;
  }
  return text;
}

sg::Severity SeverityOf(double score) {
  if (score >= 0.85) return sg::Severity::kDanger;
  if (score >= 0.6) return sg::Severity::kWarning;
  return sg::Severity::kWatch;
}

sg::Finding MakeFinding(Gen& gen, const sg::Event& e, const Flagged& flagged, sg::TextSpan span) {
  sg::Finding f;
  f.event_id = e.id;
  f.category = flagged.category;
  const bool place = f.category == "whereabouts";
  f.detector = place ? "whereabouts" : "abuse";
  const double floor = f.category == "threat" ? 0.8 : place ? 0.7 : 0.5;
  f.score = floor + (0.99 - floor) * gen.Unit();
  f.severity = SeverityOf(f.score);
  f.span = span;
  char score[32];
  std::snprintf(score, sizeof score, "%.2f", f.score);
  f.why = place ? std::string("pattern: seen-at; names your place (Mill Lane)")
                : "model: " + f.category + " " + score;
  const size_t from = span.begin > 20 ? span.begin - 20 : 0;
  f.excerpt = e.text.substr(from, span.end + 20 - from);
  return f;
}

struct Fixture {
  fs::path dir;
  std::unique_ptr<sg::store::SqliteStore> store;
  std::unique_ptr<sg::evidence::DeviceKey> key;
  std::unique_ptr<sg::TimeZone> zone;
  std::string case_id;
  std::vector<int64_t> stalker_identity_ids;
  int64_t events = 0, log_entries = 0, findings = 0, case_events = 0;
  int serial = 0;

  std::string DbPath() const { return (dir / "stalkguard.db").string(); }

  std::string Out(const std::string& stem) {
    return (dir / "out" / (stem + std::to_string(serial++))).string();
  }
  sg::casework::ExportRequest Request(const fs::path& out) const {
    sg::casework::ExportRequest request;
    request.selection.case_ids = {case_id};
    request.out = out;
    request.now_ms = kNowMs;
    return request;
  }
};

Fixture* g_fixture = nullptr;

sg::Status BuildStore(Fixture& fx) {
  Gen gen;
  const Contact stalker{"Jordan Blake", kStalkerPhone, kStalkerChat};
  std::vector<sg::Event> sms, chat_stalker;
  std::map<int, std::vector<sg::Event>> chat_other;
  std::vector<sg::Finding> findings;

  // The stalker: 10,600 messages, 60% SMS, 10,000 of them flagged.
  std::vector<bool> flagged(kStalkerMessages, false);
  std::fill(flagged.begin(), flagged.begin() + kIncidents, true);
  std::shuffle(flagged.begin(), flagged.end(), gen.rng);
  for (int i = 0; i < kStalkerMessages; ++i) {
    const bool whatsapp = gen.Unit() < 0.4;
    std::vector<std::string> must;
    std::vector<const Flagged*> kinds;
    if (flagged[static_cast<size_t>(i)]) {
      kinds.push_back(&gen.Pick(kFlagged));
      if (gen.Unit() < 0.3) {
        const Flagged* second = &gen.Pick(kFlagged);
        if (second->text != kinds[0]->text) kinds.push_back(second);
      }
      for (const Flagged* k : kinds) must.push_back(k->text);
    }
    if (gen.Unit() < 0.12) must.push_back(gen.Pick(kStalkerLinks));
    std::vector<sg::TextSpan> spans;
    std::string text = Compose(gen, kStalkerFiller, must, spans);
    sg::Event e = MakeMessage(gen, *fx.zone, stalker, whatsapp, true, MessageTime(gen, true),
                              std::move(text), i % kAttachmentEvery == 7);
    for (size_t k = 0; k < kinds.size(); ++k)
      findings.push_back(MakeFinding(gen, e, *kinds[k], spans[k]));
    (whatsapp ? chat_stalker : sms).push_back(std::move(e));
  }
  // The person's replies to them.
  for (int i = 0; i < kReplies; ++i) {
    std::vector<sg::TextSpan> spans;
    std::string text = Compose(gen, kReplyTexts, {}, spans);
    const bool whatsapp = gen.Unit() < 0.4;
    sg::Event e = MakeMessage(gen, *fx.zone, stalker, whatsapp, false, MessageTime(gen, false),
                              std::move(text), false);
    (whatsapp ? chat_stalker : sms).push_back(std::move(e));
  }
  // 50,000 events with 50 other contacts, a few of whom write much more than the rest.
  std::vector<Contact> others;
  std::vector<double> weights;
  for (int c = 0; c < kOtherContacts; ++c) {
    const std::string& name = kFirstNames[static_cast<size_t>(c)];
    char phone[32];
    std::snprintf(phone, sizeof phone, "+4477009010%02d", c);
    others.push_back({name + " " + static_cast<char>('A' + c % 26) + ".",
                      {sg::IdentityKind::kPhone, phone},
                      {sg::IdentityKind::kHandle, "whatsapp:" + name}});
    for (char& ch : others.back().chat.value) ch = static_cast<char>(std::tolower(ch));
    weights.push_back(1.0 / (c + 1));
  }
  std::discrete_distribution<int> who(weights.begin(), weights.end());
  for (int i = 0; i < kBackgroundEvents; ++i) {
    const int c = who(gen.rng);
    const bool whatsapp = c % 3 != 0 && gen.Unit() < 0.7;
    std::vector<sg::TextSpan> spans;
    std::string text = Compose(gen, kBackground, {}, spans);
    sg::Event e =
        MakeMessage(gen, *fx.zone, others[static_cast<size_t>(c)], whatsapp, gen.Unit() < 0.5,
                    MessageTime(gen, false), std::move(text), i % (2 * kAttachmentEvery) == 11);
    (whatsapp ? chat_other[c] : sms).push_back(std::move(e));
  }

  // One scan of the files as they would sit on the phone: the SMS backup in time order, then
  // each WhatsApp chat.
  auto by_time = [](const sg::Event& a, const sg::Event& b) {
    return a.time.utc_ms < b.time.utc_ms;
  };
  std::vector<std::vector<sg::Event>*> files = {&sms, &chat_stalker};
  for (auto& [c, events] : chat_other) files.push_back(&events);
  std::vector<std::string> paths;
  for (std::vector<sg::Event>* file : files) {
    std::stable_sort(file->begin(), file->end(), by_time);
    for (size_t i = 0; i < file->size(); ++i) {
      sg::Event& e = (*file)[i];
      e.source.record =
          (e.platform == "sms" ? (e.channel == sg::Channel::kMms ? "mms " : "sms ") : "line ") +
          std::to_string(i + 1);
    }
    paths.push_back(file->front().source.file);
  }
  SG_ASSIGN_OR_RETURN(const int64_t run, fx.store->BeginImport(paths));
  sg::store::WriteCounts total;
  for (std::vector<sg::Event>* file : files) {
    for (size_t at = 0; at < file->size(); at += 4096) {
      const std::vector<sg::Event> batch(
          file->begin() + static_cast<std::ptrdiff_t>(at),
          file->begin() + static_cast<std::ptrdiff_t>(std::min(at + 4096, file->size())));
      SG_ASSIGN_OR_RETURN(const sg::store::WriteCounts counts, fx.store->WriteEvents(run, batch));
      total.inserted += counts.inserted;
      total.duplicates += counts.duplicates;
    }
  }
  SG_RETURN_IF_ERROR(fx.store->FinishImport(run, total, 0));
  fx.events = total.inserted;

  // Contacts as the linker would make them: the person, the stalker (phone and WhatsApp name),
  // everyone else.
  SG_ASSIGN_OR_RETURN(const std::vector<sg::store::IdentityRecord> identities,
                      fx.store->ListIdentities());
  std::map<std::string, int64_t> id_of;
  for (const auto& rec : identities) id_of[rec.identity.Key()] = rec.id;
  auto record = [&](const Contact& c, bool self) {
    sg::store::ContactRecord r;
    r.id = "c-" + sg::Sha256Hex(c.phone.Key()).substr(0, 12);
    r.display = self ? "Sam Lee" : c.name;
    for (const sg::Identity* id : {&c.phone, &c.chat})
      if (auto it = id_of.find(id->Key()); it != id_of.end()) r.identity_ids.push_back(it->second);
    r.link_reasons = {"same name \"" + r.display + "\" on SMS and WhatsApp"};
    r.is_self = self;
    return r;
  };
  std::vector<sg::store::ContactRecord> contacts = {
      record({"Sam Lee", kPersonPhone, kPersonChat}, true), record(stalker, false)};
  for (const Contact& c : others) contacts.push_back(record(c, false));
  SG_RETURN_IF_ERROR(fx.store->ReplaceContacts(contacts));
  fx.case_id = contacts[1].id;
  fx.stalker_identity_ids = contacts[1].identity_ids;

  // The stalker's case, as risk/ would store it.
  sg::Case kase;
  kase.contact_id = fx.case_id;
  kase.display = stalker.name;
  kase.identities = {kStalkerPhone.Key(), kStalkerChat.Key()};
  kase.severity = sg::Severity::kDanger;
  kase.score = 0.97;
  kase.forms = {"abusive_messages", "excessive_contact"};
  kase.reasons = {"Threats after the person asked them to stop.",
                  "They know where the person lives, studies and trains.",
                  "Contact at night on most days, rising over the months."};
  kase.actions = {"Call 999 if you are in danger now.",
                  "Report the threats to the police: give them this report and its bundle.",
                  "Do not reply; keep every message."};
  sg::CaseFacts& f = kase.facts;
  f.incidents = kIncidents;
  f.incoming = kStalkerMessages;
  f.outgoing = kReplies;
  f.first_ms = kStartMs;
  f.last_ms = kStartMs + kDays * kDayMs;
  f.days_active = kDays;
  f.channels = {"sms", "whatsapp"};
  f.night_contacts = kStalkerMessages / 6;
  f.refused = true;
  f.messages_after_refusal = kStalkerMessages - 40;
  f.unanswered_share = 0.96;
  f.knows_whereabouts = true;
  f.escalation = true;
  for (const char* category : {"excessive_contact", "persistence_after_refusal", "escalation"}) {
    sg::Finding conduct;
    conduct.detector = "contact";
    conduct.category = category;
    conduct.score = 0.95;
    conduct.severity = sg::Severity::kDanger;
    conduct.why = std::string("conduct: ") + category;
    findings.push_back(conduct);
  }
  std::stable_sort(
      findings.begin(), findings.end(),
      [](const sg::Finding& a, const sg::Finding& b) { return a.severity > b.severity; });
  fx.findings = static_cast<int64_t>(findings.size());
  kase.findings = std::move(findings);
  SG_RETURN_IF_ERROR(fx.store->ReplaceCases({kase}));
  SG_ASSIGN_OR_RETURN(const sg::evidence::ChainHead head, fx.store->EvidenceHead());
  fx.log_entries = static_cast<int64_t>(head.count);
  return sg::OkStatus();
}

// Resident memory now, in MB.
double RssMb() {
  std::ifstream statm("/proc/self/statm");
  int64_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident * ::sysconf(_SC_PAGESIZE)) / 1048576.0;
}

double PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

int64_t SizeOf(const fs::path& path) {
  if (!fs::is_directory(path)) return static_cast<int64_t>(fs::file_size(path));
  int64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(path))
    if (entry.is_regular_file()) bytes += static_cast<int64_t>(entry.file_size());
  return bytes;
}

// Pages of a Cairo PDF: its page objects ("/Type /Page", not "/Type /Pages").
int64_t PdfPages(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  int64_t pages = 0;
  const std::string needle = "/Type /Page";
  for (size_t at = pdf.find(needle); at != std::string::npos; at = pdf.find(needle, at + 1))
    if (at + needle.size() >= pdf.size() || pdf[at + needle.size()] != 's') ++pages;
  return pages;
}

void Counters(benchmark::State& state, const sg::casework::ExportOutcome& done) {
  state.counters["events"] = static_cast<double>(done.events);
  state.counters["findings"] = static_cast<double>(done.findings);
  state.counters["content_MB"] = static_cast<double>(done.written.bytes) / 1e6;
  state.counters["bundle_files"] = static_cast<double>(done.written.files);
}

void ReadCaseEvents(benchmark::State& state) {
  Fixture& fx = *g_fixture;
  int64_t events = 0, bytes = 0;
  for (auto _ : state) {
    events = bytes = 0;
    const sg::Status status =
        fx.store->ForEachEventWithRaw(fx.stalker_identity_ids, [&](sg::Event& e) -> sg::Status {
          ++events;
          bytes += static_cast<int64_t>(e.raw.size() + e.text.size());
          for (const sg::Attachment& a : e.attachments)
            bytes += static_cast<int64_t>(a.bytes.size());
          return sg::OkStatus();
        });
    if (!status) return state.SkipWithError(status.error().message.c_str());
  }
  state.counters["events"] = static_cast<double>(events);
  state.counters["read_MB"] = static_cast<double>(bytes) / 1e6;
}

void Export(benchmark::State& state, bool zip) {
  Fixture& fx = *g_fixture;
  for (auto _ : state) {
    const fs::path out = fx.Out(zip ? "bundle-" : "bundle-dir-") + (zip ? ".zip" : "");
    auto done = sg::casework::ExportEvidence(*fx.store, *fx.key, fx.Request(out));
    if (!done) return state.SkipWithError(done.error().message.c_str());
    state.PauseTiming();
    Counters(state, *done);
    state.counters["incidents"] =
        static_cast<double>(sg::casework::Incidents(done->files.front()).size());
    state.counters["on_disk_MB"] = static_cast<double>(SizeOf(out)) / 1e6;
    fs::remove_all(out);
    state.ResumeTiming();
  }
}

void Report(benchmark::State& state, bool pdf) {
  Fixture& fx = *g_fixture;
  for (auto _ : state) {
    sg::casework::ReportRequest request;
    request.bundle = fx.Request(fx.Out("report-evidence-") + ".zip");
    request.out = fx.Out("report-") + (pdf ? ".pdf" : ".html");
    request.zone = fx.zone.get();
    auto done = sg::casework::WriteEvidenceReport(*fx.store, *fx.key, request);
    if (!done) return state.SkipWithError(done.error().message.c_str());
    state.PauseTiming();
    Counters(state, done->bundle);
    state.counters["incidents"] = static_cast<double>(done->incidents);
    state.counters["report_MB"] = static_cast<double>(fs::file_size(request.out)) / 1e6;
    state.counters["zip_MB"] = static_cast<double>(fs::file_size(request.bundle.out)) / 1e6;
    if (pdf) state.counters["pages"] = static_cast<double>(PdfPages(request.out));
    fs::remove(request.out);
    fs::remove(request.bundle.out);
    state.ResumeTiming();
  }
}

// The parts of ExportEvidence and WriteEvidenceReport, each timed alone on inputs made once.
struct Parts {
  std::vector<sg::casework::CaseFile> files;
  sg::bundle::BundleContent content;
  sg::report::ReportData data;
};

Parts* g_parts = nullptr;

sg::Status BuildParts(Fixture& fx, Parts& parts) {
  SG_ASSIGN_OR_RETURN(parts.files,
                      sg::casework::LoadCaseFiles(*fx.store, fx.Request("").selection));
  SG_ASSIGN_OR_RETURN(parts.content,
                      sg::casework::BuildBundleContent(parts.files, {}, *fx.store, kNowMs));
  sg::casework::ReportOptions options;
  options.zone = fx.zone.get();
  options.generated_ms = kNowMs;
  options.tie.chain_entries = parts.content.head.count;
  options.tie.chain_head = parts.content.head.hash;
  options.tie.device_fingerprint = fx.key->Fingerprint();
  parts.data = sg::casework::BuildReportData(parts.files, {}, options);
  return sg::OkStatus();
}

void StageLoadCaseFiles(benchmark::State& state) {
  Fixture& fx = *g_fixture;
  for (auto _ : state) {
    auto files = sg::casework::LoadCaseFiles(*fx.store, fx.Request("").selection);
    if (!files) return state.SkipWithError(files.error().message.c_str());
    size_t count = files->size();
    benchmark::DoNotOptimize(count);
  }
}

void StageBuildBundleContent(benchmark::State& state) {
  Fixture& fx = *g_fixture;
  for (auto _ : state) {
    auto content = sg::casework::BuildBundleContent(g_parts->files, {}, *fx.store, kNowMs);
    if (!content) return state.SkipWithError(content.error().message.c_str());
    state.counters["chain_lines"] = static_cast<double>(content->chain.size());
  }
}

void StageWriteBundle(benchmark::State& state, bool zip) {
  Fixture& fx = *g_fixture;
  for (auto _ : state) {
    const fs::path out = fx.Out(zip ? "stage-bundle-" : "stage-dir-") + (zip ? ".zip" : "");
    auto written = sg::bundle::WriteBundle(g_parts->content, *fx.key, out);
    if (!written) return state.SkipWithError(written.error().message.c_str());
    state.PauseTiming();
    fs::remove_all(out);
    state.ResumeTiming();
  }
}

void StageBuildReportData(benchmark::State& state) {
  Fixture& fx = *g_fixture;
  sg::casework::ReportOptions options;
  options.zone = fx.zone.get();
  options.generated_ms = kNowMs;
  for (auto _ : state) {
    auto data = sg::casework::BuildReportData(g_parts->files, {}, options);
    size_t count = data.cases.size();
    benchmark::DoNotOptimize(count);
  }
}

void StageRender(benchmark::State& state, bool pdf) {
  Fixture& fx = *g_fixture;
  for (auto _ : state) {
    const fs::path out = fx.Out("stage-report-") + (pdf ? ".pdf" : ".html");
    const sg::Status status = pdf ? sg::report::WritePdfReport(g_parts->data, out)
                                  : sg::report::WriteHtmlReport(g_parts->data, out);
    if (!status) return state.SkipWithError(status.error().message.c_str());
    state.PauseTiming();
    state.counters["report_MB"] = static_cast<double>(fs::file_size(out)) / 1e6;
    fs::remove(out);
    state.ResumeTiming();
  }
}

// Runs `op` in a child process with its own connection to the store (a SQLite connection
// must not be used across fork) and returns the child's peak RSS in MB, or -1 when it failed.
double InChild(Fixture& fx, const std::function<sg::Status(Fixture&)>& op) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    (void)fx.store.release();  // the parent's; closing it here would touch its locks
    auto store = sg::store::SqliteStore::Open(fx.DbPath());
    if (!store) ::_exit(1);
    fx.store = std::move(*store);
    fx.serial += 100000 * (1 + static_cast<int>(::getpid() % 1000));
    const sg::Status status = op(fx);
    if (!status) std::fprintf(stderr, "evidence_bench: %s\n", status.error().message.c_str());
    std::fflush(nullptr);
    ::_exit(status ? 0 : 1);
  }
  int wstatus = 0;
  struct rusage usage {};
  if (::wait4(pid, &wstatus, 0, &usage) != pid || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0)
    return -1;
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// What the child that built the store made, read back from it.
sg::Status Describe(Fixture& fx) {
  SG_ASSIGN_OR_RETURN(const std::vector<sg::Case> cases, fx.store->ListCases());
  if (cases.size() != 1) return sg::MakeError(sg::ErrorCode::kInternal, "expected one case");
  fx.case_id = cases[0].contact_id;
  fx.findings = static_cast<int64_t>(cases[0].findings.size());
  SG_ASSIGN_OR_RETURN(const auto contacts, fx.store->ListContacts());
  for (const auto& c : contacts)
    if (c.record.id == fx.case_id) fx.stalker_identity_ids = c.record.identity_ids;
  SG_ASSIGN_OR_RETURN(fx.events, fx.store->CountEvents());
  SG_ASSIGN_OR_RETURN(const sg::evidence::ChainHead head, fx.store->EvidenceHead());
  fx.log_entries = static_cast<int64_t>(head.count);
  fx.case_events = 0;
  return fx.store->ForEachEventWithRaw(fx.stalker_identity_ids, [&](sg::Event&) -> sg::Status {
    ++fx.case_events;
    return sg::OkStatus();
  });
}

void Register(const char* name, std::function<void(benchmark::State&)> fn, int iterations) {
  benchmark::RegisterBenchmark(name, std::move(fn))
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(iterations);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (sodium_init() < 0) return 1;
  Fixture fx;
  fx.dir = fs::temp_directory_path() / ("sg-evidence-bench-" + std::to_string(::getpid()));
  fs::remove_all(fx.dir);
  fs::create_directories(fx.dir / "out");
  auto fail = [&](const std::string& what) {
    std::fprintf(stderr, "evidence_bench: %s\n", what.c_str());
    fs::remove_all(fx.dir);
    return 1;
  };
  auto zone = sg::TimeZone::Named("Europe/London");
  if (!zone) return fail(zone.error().message);
  fx.zone = std::make_unique<sg::TimeZone>(*zone);
  auto key = sg::evidence::DeviceKey::LoadOrCreate(fx.dir / "device.key");
  if (!key) return fail(key.error().message);
  fx.key = std::make_unique<sg::evidence::DeviceKey>(std::move(*key));

  // The store is built in a child process, so that the memory it took (every event of the
  // scan at once) does not count in this process's peak.
  const auto started = std::chrono::steady_clock::now();
  if (InChild(fx, [](Fixture& child) { return BuildStore(child); }) < 0)
    return fail("cannot build the store");
  const double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto store = sg::store::SqliteStore::Open(fx.DbPath());
  if (!store) return fail(store.error().message);
  fx.store = std::move(*store);
  if (sg::Status described = Describe(fx); !described) return fail(described.error().message);
  int64_t db_bytes = 0;
  for (const char* suffix : {"", "-wal"})
    if (fs::exists(fx.DbPath() + suffix)) db_bytes += SizeOf(fx.DbPath() + suffix);
  std::printf(
      "store built in %.1f s: %lld events, %lld findings, %lld evidence log entries, "
      "%.1f MB; case %s: %lld events\n",
      build_seconds, static_cast<long long>(fx.events), static_cast<long long>(fx.findings),
      static_cast<long long>(fx.log_entries), static_cast<double>(db_bytes) / 1e6,
      fx.case_id.c_str(), static_cast<long long>(fx.case_events));

  // Peak RSS of one export and one report each, in a child of this process: the child starts
  // with this process's resident memory, given back to the system first as far as it goes.
  ::malloc_trim(0);
  const double base_mb = RssMb();
  const double zip_mb = InChild(fx, [](Fixture& child) -> sg::Status {
    SG_ASSIGN_OR_RETURN(auto done,
                        sg::casework::ExportEvidence(*child.store, *child.key,
                                                     child.Request(child.Out("m-") + ".zip")));
    return sg::OkStatus();
  });
  auto report = [](bool pdf) {
    return [pdf](Fixture& child) -> sg::Status {
      sg::casework::ReportRequest request;
      request.bundle = child.Request(child.Out("m-evidence-") + ".zip");
      request.out = child.Out("m-report-") + (pdf ? ".pdf" : ".html");
      request.zone = child.zone.get();
      SG_ASSIGN_OR_RETURN(auto done,
                          sg::casework::WriteEvidenceReport(*child.store, *child.key, request));
      return sg::OkStatus();
    };
  };
  const double pdf_mb = InChild(fx, report(true));
  const double html_mb = InChild(fx, report(false));
  std::printf(
      "peak RSS, each run once in a child of this process (%.1f MB resident): export_zip "
      "%.1f MB, report_pdf %.1f MB, report_html %.1f MB\n",
      base_mb, zip_mb, pdf_mb, html_mb);
  std::fflush(stdout);

  Parts parts;
  if (sg::Status built = BuildParts(fx, parts); !built) return fail(built.error().message);
  g_fixture = &fx;
  g_parts = &parts;

  Register("read_case_events", ReadCaseEvents, 3);
  Register(
      "export_zip", [](benchmark::State& s) { Export(s, true); }, 3);
  Register(
      "export_dir", [](benchmark::State& s) { Export(s, false); }, 3);
  Register(
      "report_pdf", [](benchmark::State& s) { Report(s, true); }, 3);
  Register(
      "report_html", [](benchmark::State& s) { Report(s, false); }, 3);
  Register("stage/load_case_files", StageLoadCaseFiles, 3);
  Register("stage/build_bundle_content", StageBuildBundleContent, 3);
  Register(
      "stage/write_bundle_zip", [](benchmark::State& s) { StageWriteBundle(s, true); }, 3);
  Register(
      "stage/write_bundle_dir", [](benchmark::State& s) { StageWriteBundle(s, false); }, 1);
  Register("stage/build_report_data", StageBuildReportData, 3);
  Register(
      "stage/render_pdf", [](benchmark::State& s) { StageRender(s, true); }, 3);
  Register(
      "stage/render_html", [](benchmark::State& s) { StageRender(s, false); }, 3);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::printf("peak RSS of this process %.1f MB\n", PeakRssMb());
  g_parts = nullptr;
  g_fixture = nullptr;
  fx.store.reset();
  fs::remove_all(fx.dir);
  return 0;
}
