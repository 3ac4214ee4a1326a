// Password audit of 100,000 passwords on one core: what `stalkguard password --csv` does for a
// large export, without the file reading. The passwords are generated once, before timing, with
// a fixed seed: a third from the common-password list (the shared data set, else a few built-in
// ones), a third a word and digits ("sunshine1987"), a third random printable strings of 8 to
// 20 characters. Each is rated by zxcvbn, looked up in config/passwords/common.sgpw and hashed
// for reuse; the reuse groups are built at the end.
//
//   password_bench [COUNT] [COMMON_LIST.txt]
#include <sched.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "checkup/password_audit.h"

namespace sc = stalkguard::checkup;

int main(int argc, char** argv) {
  const size_t count = argc > 1 ? std::stoul(argv[1]) : 100000;
  const std::string list_path =
      argc > 2 ? argv[2] : "/work/shared/data/passwords_common/10k-most-common.txt";

  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(0, &one);
  sched_setaffinity(0, sizeof one, &one);

  auto common = sc::CommonPasswords::Load(sc::DefaultCommonPasswordsPath());
  if (!common) {
    std::fprintf(stderr, "%s\n", common.error().message.c_str());
    return 1;
  }
  std::vector<std::string> common_list;
  std::ifstream in(list_path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) common_list.push_back(line);
  if (common_list.empty()) common_list = {"123456", "password", "qwerty", "iloveyou", "dragon"};
  static const char* kWords[] = {"sunshine", "monkey", "football", "princess", "Charlie",
                                 "summer",   "London", "purple",   "hello",    "Butterfly",
                                 "tigger",   "ginger", "orange",   "Thomas",   "welcome"};

  std::mt19937_64 rng(20261129);
  std::vector<std::string> passwords;
  passwords.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    switch (i % 3) {
      case 0:
        passwords.push_back(common_list[rng() % common_list.size()]);
        break;
      case 1:
        passwords.push_back(std::string(kWords[rng() % std::size(kWords)]) +
                            std::to_string(rng() % 10000));
        break;
      default: {
        std::string s(8 + rng() % 13, ' ');
        for (char& c : s) c = static_cast<char>(33 + rng() % 94);
        passwords.push_back(std::move(s));
      }
    }
  }

  const auto start = std::chrono::steady_clock::now();
  sc::PasswordAuditor auditor(*common);
  for (size_t i = 0; i < passwords.size(); ++i)
    auditor.Add("account " + std::to_string(i), passwords[i]);
  const std::vector<sc::AccountAudit> audits = auditor.Finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  size_t flagged_common = 0, reused = 0, weak = 0;
  for (const sc::AccountAudit& a : audits) {
    flagged_common += a.common ? 1 : 0;
    reused += a.reused_with.empty() ? 0 : 1;
    weak += a.rating.score < 3 ? 1 : 0;
  }
  std::printf("%zu passwords in %.2f s on one core: %.0f passwords/s\n", audits.size(), seconds,
              static_cast<double>(audits.size()) / seconds);
  std::printf("common %zu, reused %zu, score < 3 %zu\n", flagged_common, reused, weak);
  return 0;
}
