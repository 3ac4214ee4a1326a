// Reads wall-clock times of exports that carry no zone (WhatsApp) in a named IANA zone.
// Backed by ICU's zone data, so daylight-saving changes are applied. A TimeZone is immutable
// once made and safe to share between threads.
//
//   SG_ASSIGN_OR_RETURN(auto zone, TimeZone::Named("Europe/London"));
//   Timestamp t = zone.FromLocal({2024, 7, 1, 18, 30});  // offset_minutes == 60
#pragma once

#include <memory>
#include <string>

#include "core/event.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace stalkguard {

class TimeZone {
 public:
  // Fails with kInvalidInput for a name ICU does not know ("Mars/Olympus").
  static Result<TimeZone> Named(const std::string& iana_name);
  // The machine's zone (TZ, then /etc/localtime), UTC when none is set.
  static TimeZone Host();

  TimeZone(const TimeZone&);
  TimeZone& operator=(const TimeZone&);
  ~TimeZone();

  const std::string& name() const { return name_; }
  // Reads `local` as a wall-clock time in this zone. In the hour a clock goes back, the first
  // (daylight) reading is chosen; in the hour it skips, the standard offset is applied.
  Timestamp FromLocal(const CivilTime& local) const;
  // The zone's offset from UTC at an instant, in minutes (60 for London in summer).
  int32_t OffsetMinutesAt(int64_t utc_ms) const;

 private:
  struct Impl;
  TimeZone(std::string name, std::unique_ptr<Impl> impl);
  std::string name_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace stalkguard
