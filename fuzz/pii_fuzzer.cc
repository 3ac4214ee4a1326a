// libFuzzer target: PiiFinder. Any bytes in; every match must lie inside the input with
// begin <= end, matches come in order of position, own matches carry a value, and the
// doxxing detector built on the same profile must not crash on the input either.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detectors/doxxing/doxxing_detector.h"
#include "detectors/doxxing/pii_finder.h"
#include "text/normalizer.h"

namespace sg = stalkguard;
namespace detect = stalkguard::detect;

namespace {

const sg::Profile& FuzzProfile() {
  static const sg::Profile profile = [] {
    sg::Profile p;
    p.names = {"Sam Lee", "Sammy"};
    p.identities = {{sg::IdentityKind::kPhone, "+447700900123"},
                    {sg::IdentityKind::kPhone, "+16502530000"},
                    {sg::IdentityKind::kEmail, "sam.lee@example.com"}};
    p.addresses = {"Flat 3, 12 Mill Lane, Leeds LS6 2AB", "Rose Cottage\nChurch Rd\nYork YO1 7HH"};
    p.schools = {"Hillside Academy"};
    p.workplaces = {"St Mary's Café"};
    p.places = {"Mill Lane Gym"};
    p.region = "GB";
    return p;
  }();
  return profile;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const detect::PiiFinder finder(FuzzProfile());
  static const detect::DoxxingDetector detector(FuzzProfile());
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  static sg::text::NormalizedText norm;  // reused, as a scan over many messages would
  sg::text::Normalize(input, norm);
  static std::vector<detect::PiiMatch> matches;
  finder.Find(input, norm, matches);
  size_t last_begin = 0;
  for (const detect::PiiMatch& m : matches) {
    if (m.span.begin > m.span.end || m.span.end > size) __builtin_trap();
    if (m.span.begin < last_begin) __builtin_trap();
    if (m.own && m.value.empty()) __builtin_trap();
    last_begin = m.span.begin;
  }

  sg::Event event;
  event.id = "fuzz";
  event.text = std::string(input);
  event.direction = size % 2 ? sg::Direction::kPublic : sg::Direction::kIncoming;
  const detect::EventView view{event, norm, {}, {}, size % 3 == 0};
  const detect::Context context{FuzzProfile()};
  std::vector<sg::Finding> findings;
  if (!detector.Inspect(view, context, findings)) __builtin_trap();
  for (const sg::Finding& f : findings) {
    if (f.span.begin > f.span.end || f.span.end > size) __builtin_trap();
    if (!(f.score >= 0 && f.score <= 1)) __builtin_trap();
  }
  return 0;
}
