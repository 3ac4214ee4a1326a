// What a found app does, and how to get rid of it safely, in words for the person whose phone
// it is. The indicator data names apps but does not describe them, so the description is one
// sentence per type. The advice puts safety first: stalkerware tells the person who installed
// it when it stops reporting, and a stalker who notices may escalate (docs/detectors/
// stalkerware.md says where this advice comes from).
#pragma once

#include <string_view>

#include "detectors/stalkerware/indicator_set.h"

namespace stalkguard::detect {

// One sentence: what apps of this type do.
std::string_view WhatItDoes(AppType type);

// A short paragraph: what to do before and instead of simply uninstalling.
std::string_view SafeRemovalAdvice(AppType type);

}  // namespace stalkguard::detect
