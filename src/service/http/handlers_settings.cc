// The household's people: who may sign in to it, and the guardians the protected person (or the
// household's admin) adds and removes. A guardian sees this list and changes nothing.
#include <string>
#include <vector>

#include "core/timestamp.h"
#include "service/http/internal/server_impl.h"

namespace stalkguard::service {
namespace {

bool MayManageGuardians(Role role) { return role == Role::kProtected || role == Role::kAdmin; }

json UserJson(const User& user) {
  return {{"login", user.login},
          {"role", ToString(user.role)},
          {"created", FormatRfc3339(Timestamp{user.created_ms, 0, false})}};
}

}  // namespace

void GuardianServer::Impl::ListGuardians(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  auto users = accounts->ListUsers(who->household_id);
  if (!users) {
    SendError(res, 500, "accounts", "the household's users cannot be read");
    return;
  }
  json list = json::array();
  for (const User& user : *users) list.push_back(UserJson(user));
  SendJson(res, {{"users", list}});
}

void GuardianServer::Impl::AddGuardian(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MayManageGuardians(who->role)) {
    SendError(res, 403, "forbidden", "only the protected person or the admin adds guardians");
    return;
  }
  const json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("login") || !body["login"].is_string() ||
      !body.contains("password") || !body["password"].is_string()) {
    SendError(res, 400, "bad_request", "expected {\"login\": ..., \"password\": ...}");
    return;
  }
  // Always a guardian: a token of this household cannot make a second protected person or an
  // admin (`stalkguard admin` does that on the server).
  auto user = accounts->AddUser(who->household_id, body["login"].get<std::string>(),
                                body["password"].get<std::string>(), Role::kGuardian);
  if (!user) {
    if (user.error().code == ErrorCode::kInvalidInput) {
      SendError(res, 400, "bad_guardian", user.error().message);  // a weak password, a taken login
    } else {
      SendError(res, 500, "accounts", "the guardian could not be added");
    }
    return;
  }
  SendJson(res, {{"user", UserJson(*user)}}, 201);
}

void GuardianServer::Impl::RemoveGuardian(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MayManageGuardians(who->role)) {
    SendError(res, 403, "forbidden", "only the protected person or the admin removes guardians");
    return;
  }
  const std::string login = req.matches[1];
  auto user = accounts->FindUser(login);
  // Another household's login answers as an unknown one: the reply tells nothing about it.
  if (!user || user->household_id != who->household_id) {
    SendError(res, 404, "not_found", "no guardian " + login + " in this household");
    return;
  }
  if (user->role != Role::kGuardian) {
    SendError(res, 403, "forbidden", login + " is not a guardian; `stalkguard admin` manages them");
    return;
  }
  if (Status removed = accounts->RemoveUser(user->id); !removed) {
    SendError(res, 500, "accounts", "the guardian could not be removed");
    return;
  }
  SendJson(res, {{"status", "removed"}, {"login", user->login}});
}

}  // namespace stalkguard::service
