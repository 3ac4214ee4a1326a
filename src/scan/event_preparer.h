// Gives an imported event what only the whole run can: its direction as seen from the
// protected person and its stable id. Used by file scans and by
// live ingest alike, so the same record gets the same id either way.
#pragma once

#include <string>
#include <unordered_map>

#include "core/event.h"
#include "core/profile.h"

namespace stalkguard::scan {

class EventPreparer {
 public:
  // `profile` must outlive the preparer.
  explicit EventPreparer(const Profile& profile) : profile_(profile) {}

  // Fills id, direction (when the importer left it unknown) and, for replies in one-to-one
  // chats that name no recipient, the recipient. Not thread-safe: it
  // counts identical records within a source so that two equal "ok"s in the same minute stay
  // two events, and the same file imported again yields the same ids.
  void Prepare(Event& event);

  // Starts counting identical records afresh, as a new run would: live ingest calls it for
  // every request batch, so that a batch sent again gets the ids it got the first time (the
  // thread peers learned so far are kept).
  void ForgetOccurrences() {
    current_source_.clear();
    seen_in_source_.clear();
  }

  // The id rule, documented in docs/formats/event-id.md.
  static std::string ContentId(const Event& event, int64_t occurrence);
  static std::string NativeId(const Event& event);

 private:
  bool IsSelf(const Party& party) const;
  const Profile& profile_;
  std::string current_source_;
  std::unordered_map<std::string, int64_t> seen_in_source_;
  // Per thread: the one other party seen so far (empty once there are several).
  std::unordered_map<std::string, std::pair<Party, bool>> thread_peer_;
};

}  // namespace stalkguard::scan
