// Events as JSON, in the native JSON Lines schema (docs/formats/jsonl.md) plus the fields
// only stalkguard sets (id, source). Used by golden tests and by exports, so the written form
// of an event is defined in one place.
#pragma once

#include <string>

#include "core/event.h"

namespace stalkguard::serialize {

// One JSON object on one line, keys in a fixed order. Attachment bytes are not written (their
// size and SHA-256 are); `raw` is written only when `with_raw` is true.
std::string EventToJson(const Event& event, bool with_raw = false);

}  // namespace stalkguard::serialize
