#include "service/http/internal/household_registry.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/file_read.h"
#include "profile/profile_loader.h"
#include "service/accounts/accounts.h"

namespace stalkguard::service::internal {
namespace {

namespace fs = std::filesystem;

constexpr const char* kProfileFile = "profile.toml";

// Writes `text` to `path` through a temporary file, so a crash leaves the old or the new one.
Status WriteWhole(const fs::path& path, const std::string& text) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return MakeError(ErrorCode::kIo, tmp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return MakeError(ErrorCode::kIo, path.string() + ": " + ec.message());
  return OkStatus();
}

}  // namespace

Status HouseholdState::SetProfile(Profile parsed, const std::string& toml) {
  SG_RETURN_IF_ERROR(WriteWhole(fs::path(dir) / kProfileFile, toml));
  profile = std::move(parsed);
  profile_toml = toml;
  {
    std::lock_guard intake(intake_mutex);
    region = profile.region;
  }
  ingest.reset();
  checkup_tools.reset();
  // Who the person is and whom they trust changes what every event means: Create relinks the
  // contacts and judges every stored event again under the new profile.
  SG_ASSIGN_OR_RETURN(scan::LiveIngest live, scan::LiveIngest::Create(profile, *store, options));
  ingest.emplace(std::move(live));
  return OkStatus();
}

std::unique_lock<std::mutex> HouseholdState::LockToRead() {
  std::unique_lock lock(mutex);
  StoreWaitingCases();
  return lock;
}

void HouseholdState::StoreWaitingCases() {
  if (!ingest || !ingest->CasesWaiting()) return;
  if (Status stored = ingest->StoreCases(); !stored) {
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"cannot store cases\",\"dir\":\"%s\"}\n",
                 dir.c_str());
  }
}

std::vector<std::shared_ptr<HouseholdState>> HouseholdRegistry::Open() {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<HouseholdState>> out;
  for (const auto& [id, state] : open_) out.push_back(state);
  return out;
}

std::string HouseholdState::Region() {
  std::lock_guard intake(intake_mutex);
  return region;
}

Result<std::shared_ptr<HouseholdState>> HouseholdRegistry::Get(int64_t household_id) {
  std::lock_guard lock(mutex_);
  if (auto it = open_.find(household_id); it != open_.end()) return it->second;
  auto state = std::make_shared<HouseholdState>();
  const std::string store_path = HouseholdStorePath(data_dir_, household_id);
  state->dir = fs::path(store_path).parent_path().string();
  SG_ASSIGN_OR_RETURN(state->store, store::SqliteStore::Open(store_path));
  const fs::path profile_path = fs::path(state->dir) / kProfileFile;
  if (fs::exists(profile_path)) {
    SG_ASSIGN_OR_RETURN(state->profile_toml, ReadWholeFile(profile_path));
    SG_ASSIGN_OR_RETURN(state->profile,
                        profile::ParseProfile(state->profile_toml, profile_path.string()));
  }
  state->region = state->profile.region;
  state->options = options_;
  SG_ASSIGN_OR_RETURN(scan::LiveIngest live,
                      scan::LiveIngest::Create(state->profile, *state->store, state->options));
  state->ingest.emplace(std::move(live));
  open_.emplace(household_id, state);
  return state;
}

}  // namespace stalkguard::service::internal
