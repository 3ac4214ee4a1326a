#include "scan/event_preparer.h"

#include <algorithm>
#include <array>

#include "contacts/contact_linker.h"
#include "core/digest.h"

namespace stalkguard::scan {
namespace {

std::string FoldCase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// 12 hex digits of the event's time (milliseconds, big-endian) then 20 of the content hash.
// Ids sort by time, so the store's unique index grows at its end instead of at random
// places: that keeps a million-event import from rewriting the whole index on every commit.
// Written into `id` in place: it runs for every event.
void SetTimeOrderedId(int64_t utc_ms, const std::array<unsigned char, 16>& hash, std::string& id) {
  const uint64_t ms = utc_ms < 0 ? 0 : static_cast<uint64_t>(utc_ms) & 0xFFFFFFFFFFFFULL;
  static constexpr char kHex[] = "0123456789abcdef";
  id.resize(32);
  for (int i = 0; i < 12; ++i) id[11 - i] = kHex[(ms >> (4 * i)) & 15];
  for (int i = 0; i < 10; ++i) {
    id[12 + 2 * i] = kHex[hash[i] >> 4];
    id[13 + 2 * i] = kHex[hash[i] & 15];
  }
}

std::array<unsigned char, 16> NativeHash(const Event& e) {
  return IdHasher().Add("native/v1").Add(e.platform).Add(e.native_id).Digest();
}

std::array<unsigned char, 16> ContentHash(const Event& e, int64_t occurrence) {
  IdHasher h;
  h.Add("content/v1").Add(e.platform).Add(ToString(e.channel)).Add(e.sender.identity.Key());
  h.Add(e.time.utc_ms).Add(e.thread).Add(e.subject).Add(e.text);
  for (const Party& p : e.recipients) h.Add(p.identity.Key());
  for (const Attachment& a : e.attachments) h.Add(a.name).Add(a.sha256);
  h.Add(ToString(e.call_type)).Add(e.call_duration_s).Add(occurrence);
  return h.Digest();
}

}  // namespace

std::string EventPreparer::NativeId(const Event& e) {
  std::string id;
  SetTimeOrderedId(e.time.utc_ms, NativeHash(e), id);
  return id;
}

std::string EventPreparer::ContentId(const Event& e, int64_t occurrence) {
  std::string id;
  SetTimeOrderedId(e.time.utc_ms, ContentHash(e, occurrence), id);
  return id;
}

bool EventPreparer::IsSelf(const Party& party) const {
  if (profile_.IsSelf(party.identity)) return true;
  if (party.display_name.empty() || !contacts::IsDisplayNamePlatform(party.identity)) return false;
  const std::string name = FoldCase(party.display_name);
  return std::any_of(profile_.names.begin(), profile_.names.end(),
                     [&](const std::string& n) { return FoldCase(n) == name; });
}

void EventPreparer::Prepare(Event& e) {
  if (e.direction == Direction::kUnknown) {
    if (IsSelf(e.sender)) {
      e.direction = Direction::kOutgoing;
    } else if (e.channel == Channel::kPost || e.channel == Channel::kComment) {
      e.direction = Direction::kPublic;
    } else if (e.channel != Channel::kSystem) {
      e.direction = Direction::kIncoming;
    }
  }
  // A reply in a one-to-one chat export names no recipient; it went to the one other person
  // seen in that thread.
  if (!e.thread.empty() && e.channel != Channel::kSystem) {
    if (e.direction == Direction::kIncoming && !e.sender.identity.empty()) {
      auto [it, inserted] = thread_peer_.try_emplace(e.thread, e.sender, true);
      if (!inserted && it->second.second && !(it->second.first.identity == e.sender.identity)) {
        it->second.second = false;
      }
    } else if (e.direction == Direction::kOutgoing && e.recipients.empty()) {
      if (auto it = thread_peer_.find(e.thread); it != thread_peer_.end() && it->second.second) {
        e.recipients.push_back(it->second.first);
      }
    }
  }
  if (!e.id.empty()) return;
  if (!e.native_id.empty()) {
    SetTimeOrderedId(e.time.utc_ms, NativeHash(e), e.id);
    return;
  }
  if (e.source.file != current_source_) {
    current_source_ = e.source.file;
    seen_in_source_.clear();
  }
  SetTimeOrderedId(e.time.utc_ms, ContentHash(e, 0), e.id);
  const int64_t occurrence = seen_in_source_[e.id]++;
  if (occurrence > 0) SetTimeOrderedId(e.time.utc_ms, ContentHash(e, occurrence), e.id);
}

}  // namespace stalkguard::scan
