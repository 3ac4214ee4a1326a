// The words the check-up shows for an over-shared post: what each item is called and the one
// concrete step to take. Internal to the over-sharing scanner.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checkup/oversharing/oversharing_scanner.h"

namespace stalkguard::checkup::internal {

// "your home address", "your daily routine", "that you are home alone".
std::string_view What(OvershareKind kind);

// "a", "a and b", "a, b and c", each distinct `what` of `spans` once, in order.
std::string JoinWhat(const std::vector<OvershareSpan>& spans);

// The step for the person: delete or edit the post, or unsend the message, depending on who
// could read it (`channel` tells a post from a comment), then a sentence for live locations,
// routines and absences, which need more than the post gone.
std::string Advice(Audience audience, Channel channel, const std::vector<OvershareSpan>& spans);

}  // namespace stalkguard::checkup::internal
