#include "core/time_zone.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace stalkguard {

struct TimeZone::Impl {
  std::unique_ptr<icu::TimeZone> zone;
};

TimeZone::TimeZone(std::string name, std::unique_ptr<Impl> impl)
    : name_(std::move(name)), impl_(std::move(impl)) {}
TimeZone::TimeZone(const TimeZone& other)
    : name_(other.name_),
      impl_(std::make_unique<Impl>(
          Impl{std::unique_ptr<icu::TimeZone>(other.impl_->zone->clone())})) {}
TimeZone& TimeZone::operator=(const TimeZone& other) {
  if (this != &other) {
    name_ = other.name_;
    impl_ =
        std::make_unique<Impl>(Impl{std::unique_ptr<icu::TimeZone>(other.impl_->zone->clone())});
  }
  return *this;
}
TimeZone::~TimeZone() = default;

Result<TimeZone> TimeZone::Named(const std::string& iana_name) {
  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(iana_name)));
  if (*zone == icu::TimeZone::getUnknown()) {
    return MakeError(ErrorCode::kInvalidInput, "unknown time zone \"" + iana_name + "\"");
  }
  return TimeZone(iana_name, std::make_unique<Impl>(Impl{std::move(zone)}));
}

TimeZone TimeZone::Host() {
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::detectHostTimeZone());
  if (!zone || *zone == icu::TimeZone::getUnknown()) {
    zone.reset(icu::TimeZone::getGMT()->clone());
  }
  icu::UnicodeString id;
  zone->getID(id);
  std::string name;
  id.toUTF8String(name);
  return TimeZone(name, std::make_unique<Impl>(Impl{std::move(zone)}));
}

Timestamp TimeZone::FromLocal(const CivilTime& local) const {
  const int64_t wall_ms = CivilToUnixMs(local);
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  // local=true reads the time as wall-clock time in the zone.
  impl_->zone->getOffset(static_cast<UDate>(wall_ms), /*local=*/true, raw, dst, status);
  if (U_FAILURE(status)) raw = dst = 0;
  const int32_t offset_ms = raw + dst;
  Timestamp t;
  t.utc_ms = wall_ms - offset_ms;
  t.offset_minutes = offset_ms / 60000;
  t.offset_known = true;
  return t;
}

int32_t TimeZone::OffsetMinutesAt(int64_t utc_ms) const {
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  impl_->zone->getOffset(static_cast<UDate>(utc_ms), /*local=*/false, raw, dst, status);
  return U_FAILURE(status) ? 0 : (raw + dst) / 60000;
}

}  // namespace stalkguard
