#include "tests/integration/run_binary.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace stalkguard::testing {

namespace fs = std::filesystem;

CommandResult RunStalkguard(const std::string& args, const std::string& input, bool with_stderr) {
  // From a file: popen has one direction only.
  const fs::path in_path = fs::temp_directory_path() / ("sg-stdin-" + std::to_string(::getpid()));
  std::ofstream(in_path, std::ios::binary) << input;
  const std::string command = std::string(SG_BINARY) + " " + args + " <" + in_path.string() +
                              (with_stderr ? " 2>&1" : " 2>/dev/null");
  CommandResult run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe != nullptr) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  fs::remove(in_path);
  return run;
}

TerminalSession::TerminalSession(const std::vector<std::string>& args) {
  child_ = ::forkpty(&master_, nullptr, nullptr, nullptr);
  if (child_ == 0) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(SG_BINARY));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(SG_BINARY, argv.data());
    ::_exit(127);
  }
}

TerminalSession::~TerminalSession() {
  if (child_ > 0) Finish(nullptr);
}

std::string TerminalSession::ReadUntil(const std::string& text) {
  std::string shown;
  char buf[1024];
  while (text.empty() || shown.find(text) == std::string::npos) {
    pollfd p{master_, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) break;
    const ssize_t n = ::read(master_, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the program has closed its side
    shown.append(buf, static_cast<size_t>(n));
  }
  return shown;
}

void TerminalSession::Type(const std::string& line) {
  const std::string typed = line + "\n";
  if (::write(master_, typed.data(), typed.size()) != static_cast<ssize_t>(typed.size())) {
    std::perror("write to terminal");
  }
}

int TerminalSession::Finish(std::string* shown) {
  if (child_ <= 0) return -1;
  std::string rest = ReadUntil("");
  if (shown != nullptr) *shown += rest;
  int status = 0;
  pid_t done = 0;
  for (int i = 0; i < 50 && (done = ::waitpid(child_, &status, WNOHANG)) == 0; ++i) {
    ::usleep(100'000);
  }
  if (done == 0) {
    ::kill(child_, SIGKILL);
    ::waitpid(child_, &status, 0);
    status = -1;
  }
  ::close(master_);
  child_ = -1;
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace stalkguard::testing
