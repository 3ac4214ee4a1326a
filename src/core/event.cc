#include "core/event.h"

#include <array>
#include <utility>

namespace stalkguard {
namespace {

constexpr std::array<std::pair<Channel, std::string_view>, 10> kChannels{{
    {Channel::kSms, "sms"},
    {Channel::kMms, "mms"},
    {Channel::kCall, "call"},
    {Channel::kEmail, "email"},
    {Channel::kChat, "chat"},
    {Channel::kPost, "post"},
    {Channel::kComment, "comment"},
    {Channel::kLocation, "location"},
    {Channel::kApp, "app"},
    {Channel::kSystem, "system"},
}};
constexpr std::array<std::pair<Direction, std::string_view>, 5> kDirections{{
    {Direction::kUnknown, "unknown"},
    {Direction::kIncoming, "incoming"},
    {Direction::kOutgoing, "outgoing"},
    {Direction::kPublic, "public"},
    {Direction::kThirdParty, "third_party"},
}};
constexpr std::array<std::pair<CallType, std::string_view>, 7> kCallTypes{{
    {CallType::kNone, "none"},
    {CallType::kIncoming, "incoming"},
    {CallType::kOutgoing, "outgoing"},
    {CallType::kMissed, "missed"},
    {CallType::kVoicemail, "voicemail"},
    {CallType::kRejected, "rejected"},
    {CallType::kBlocked, "blocked"},
}};

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return table[0].second;
}

template <typename E, size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view name) {
  for (const auto& [v, n] : table)
    if (n == name) return v;
  return std::nullopt;
}

}  // namespace

std::string_view ToString(Channel channel) { return NameOf(kChannels, channel); }
std::string_view ToString(Direction direction) { return NameOf(kDirections, direction); }
std::string_view ToString(CallType type) { return NameOf(kCallTypes, type); }
std::optional<Channel> ChannelFromString(std::string_view name) { return ValueOf(kChannels, name); }
std::optional<Direction> DirectionFromString(std::string_view name) {
  return ValueOf(kDirections, name);
}
std::optional<CallType> CallTypeFromString(std::string_view name) {
  return ValueOf(kCallTypes, name);
}

}  // namespace stalkguard
