#include "profile/profile_loader.h"

#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/identity_normalizer.h"

namespace stalkguard::profile {
namespace {

std::string Where(const std::string& name, const toml::source_region& region) {
  return name + ":" + std::to_string(region.begin.line);
}

Status CheckKeys(const toml::table& table, const std::set<std::string>& allowed,
                 const std::string& section, const std::string& name) {
  for (const auto& [key, node] : table) {
    if (!allowed.count(std::string(key.str()))) {
      return MakeError(ErrorCode::kInvalidInput, Where(name, node.source()) + ": unknown key \"" +
                                                     section + std::string(key.str()) + "\"");
    }
  }
  return OkStatus();
}

Result<std::vector<std::string>> Strings(const toml::table& table, std::string_view key,
                                         const std::string& section, const std::string& name) {
  std::vector<std::string> out;
  const toml::node* node = table.get(key);
  if (node == nullptr) return out;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return MakeError(ErrorCode::kInvalidInput, Where(name, node->source()) + ": \"" + section +
                                                   std::string(key) +
                                                   "\" must be a list of strings");
  }
  for (const toml::node& item : *array) {
    const auto* s = item.as_string();
    if (s == nullptr) {
      return MakeError(ErrorCode::kInvalidInput, Where(name, item.source()) + ": \"" + section +
                                                     std::string(key) +
                                                     "\" must hold strings only");
    }
    out.push_back(s->get());
  }
  return out;
}

// Identities from the phones/emails/handles keys of one table.
Result<std::vector<Identity>> Identities(const toml::table& table, const IdentityNormalizer& norm,
                                         const std::string& section, const std::string& name) {
  std::vector<Identity> out;
  SG_ASSIGN_OR_RETURN(auto phones, Strings(table, "phones", section, name));
  SG_ASSIGN_OR_RETURN(auto emails, Strings(table, "emails", section, name));
  SG_ASSIGN_OR_RETURN(auto handles, Strings(table, "handles", section, name));
  for (const auto& p : phones) out.push_back(norm.Phone(p));
  for (const auto& e : emails) out.push_back(norm.Email(e));
  for (const auto& h : handles) {
    if (h.find(':') == std::string::npos) {
      return MakeError(
          ErrorCode::kInvalidInput,
          name + ": handle \"" + h + "\" needs its platform, e.g. \"instagram:" + h + "\"");
    }
    out.push_back(norm.Guess(h, ""));
  }
  return out;
}

}  // namespace

Result<Profile> ParseProfile(const std::string& text, const std::string& name) {
  // Debian's toml++ is built with exceptions; this is the one place they are caught.
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& err) {
    return MakeError(ErrorCode::kInvalidInput,
                     Where(name, err.source()) + ": " + std::string(err.description()));
  }
  SG_RETURN_IF_ERROR(CheckKeys(root, {"person", "trusted", "blocked"}, "", name));
  Profile profile;
  const toml::table* person = root["person"].as_table();
  if (person == nullptr) {
    return MakeError(ErrorCode::kInvalidInput, name + ": missing the [person] table");
  }
  SG_RETURN_IF_ERROR(CheckKeys(*person,
                               {"names", "phones", "emails", "handles", "addresses", "schools",
                                "workplaces", "places", "region"},
                               "person.", name));
  if (const auto* region = person->get_as<std::string>("region")) profile.region = region->get();
  SG_ASSIGN_OR_RETURN(auto phones, Strings(*person, "phones", "person.", name));
  for (const auto& p : phones) {
    if (!profile.region.empty()) break;
    if (!p.empty() && p.front() == '+')
      profile.region = IdentityNormalizer::RegionOf(IdentityNormalizer().Phone(p).value);
  }
  const IdentityNormalizer norm(profile.region);
  SG_ASSIGN_OR_RETURN(profile.names, Strings(*person, "names", "person.", name));
  SG_ASSIGN_OR_RETURN(profile.addresses, Strings(*person, "addresses", "person.", name));
  SG_ASSIGN_OR_RETURN(profile.schools, Strings(*person, "schools", "person.", name));
  SG_ASSIGN_OR_RETURN(profile.workplaces, Strings(*person, "workplaces", "person.", name));
  SG_ASSIGN_OR_RETURN(profile.places, Strings(*person, "places", "person.", name));
  SG_ASSIGN_OR_RETURN(profile.identities, Identities(*person, norm, "person.", name));

  if (const toml::node* trusted = root.get("trusted")) {
    const toml::array* list = trusted->as_array();
    if (list == nullptr) {
      return MakeError(
          ErrorCode::kInvalidInput,
          Where(name, trusted->source()) + ": use [[trusted]] tables for trusted contacts");
    }
    for (const toml::node& item : *list) {
      const toml::table* t = item.as_table();
      if (t == nullptr) {
        return MakeError(ErrorCode::kInvalidInput,
                         Where(name, item.source()) + ": a trusted contact must be a table");
      }
      SG_RETURN_IF_ERROR(CheckKeys(*t, {"name", "phones", "emails", "handles"}, "trusted.", name));
      TrustedContact contact;
      if (const auto* n = t->get_as<std::string>("name")) contact.name = n->get();
      if (contact.name.empty()) {
        return MakeError(ErrorCode::kInvalidInput,
                         Where(name, item.source()) + ": a trusted contact needs a name");
      }
      SG_ASSIGN_OR_RETURN(contact.identities, Identities(*t, norm, "trusted.", name));
      profile.trusted.push_back(std::move(contact));
    }
  }
  if (const toml::node* blocked = root.get("blocked")) {
    const toml::table* t = blocked->as_table();
    if (t == nullptr) {
      return MakeError(ErrorCode::kInvalidInput,
                       Where(name, blocked->source()) + ": [blocked] must be a table");
    }
    SG_RETURN_IF_ERROR(CheckKeys(*t, {"phones", "emails", "handles"}, "blocked.", name));
    SG_ASSIGN_OR_RETURN(profile.blocked, Identities(*t, norm, "blocked.", name));
  }
  return profile;
}

Result<Profile> LoadProfile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open the profile");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseProfile(text.str(), path);
}

}  // namespace stalkguard::profile
