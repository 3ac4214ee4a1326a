// UniqueFd: a file descriptor closed on every path out of a scope, for the few places that
// need POSIX calls std::filesystem lacks (O_EXCL | O_NOFOLLOW creation, fsync, syncfs).
#pragma once

#include <unistd.h>

namespace stalkguard {

class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  // The descriptor; negative when the open failed.
  int get() const { return fd_; }
  // Closes now and says whether the close succeeded, which matters after a write (a full disk
  // on NFS shows only there).
  bool Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

}  // namespace stalkguard
