// The importer contract. An importer recognises one export format from its content and turns
// its records into Events. Registration is explicit (builtin.h); adding a format is a new
// folder, one line in builtin.cc and its tests.
#pragma once

#include <string>
#include <string_view>

#include "core/event.h"
#include "core/identity_normalizer.h"
#include "core/result.h"
#include "core/time_zone.h"
#include "importers/source.h"

namespace stalkguard::importers {

// How to read dates like 03/04/24 when the file itself does not settle it.
enum class DateOrder { kAuto, kDayFirst, kMonthFirst, kYearFirst };

struct ImportOptions {
  // Zone for exports whose times carry none (WhatsApp); recorded in each event's offset.
  TimeZone zone = TimeZone::Host();
  DateOrder date_order = DateOrder::kAuto;
  // Normalises every address the importer reads. Its region comes from the profile.
  IdentityNormalizer normalizer;
};

// Receives what an importer reads. Emit takes good events in file order; Reject takes one bad
// record with where it was and why, phrased for a person: "\"31/02/24\" is not a date".
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void Emit(Event&& event) = 0;
  virtual void Reject(const SourceRef& where, const std::string& reason) = 0;
};

class Importer {
 public:
  virtual ~Importer() = default;
  // Stable name: "sms_xml", "email", "whatsapp", "telegram", "meta", "jsonl".
  virtual std::string_view Name() const = 0;
  // How sure this importer is that a file with this name and first bytes is its format:
  // 0 not at all, 100 certain. Content decides; the name may only break ties.
  virtual int Sniff(std::string_view name, std::string_view head) const = 0;
  // Reads every record of `source`: good records go to Emit, bad ones to Reject, and reading
  // goes on after a bad record. Fails only when the source cannot be read at all (then what
  // was emitted before stays emitted). Importers are immutable and may run on several
  // threads, each with its own source and sink.
  virtual Status Import(Source& source, const ImportOptions& options, EventSink& sink) const = 0;
};

}  // namespace stalkguard::importers
