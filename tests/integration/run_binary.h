// Running the real stalkguard binary from integration tests: with input on stdin and its
// output captured, or at a pseudo-terminal, the way a person types at its prompts.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace stalkguard::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout, and stderr too when asked
};

// Runs `SG_BINARY args` through the shell with `input` on standard input.
CommandResult RunStalkguard(const std::string& args, const std::string& input = "",
                            bool with_stderr = true);

// The binary at a pseudo-terminal: its stdin, stdout and stderr are the terminal.
class TerminalSession {
 public:
  explicit TerminalSession(const std::vector<std::string>& args);
  ~TerminalSession();
  TerminalSession(const TerminalSession&) = delete;
  TerminalSession& operator=(const TerminalSession&) = delete;

  // What the terminal showed since the last call, read until `text` appears (or the program
  // ends, or two seconds pass with nothing new).
  std::string ReadUntil(const std::string& text);
  // Types `line` and Enter.
  void Type(const std::string& line);
  // Reads what is left and waits for the program; a program still running five seconds on is
  // killed and gives -1.
  int Finish(std::string* shown);
  pid_t pid() const { return child_; }

 private:
  int master_ = -1;
  pid_t child_ = -1;
};

}  // namespace stalkguard::testing
