#include "importers/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace stalkguard::importers {

Result<std::string_view> Source::Head() {
  if (!head_loaded_) {
    head_loaded_ = true;
    head_.resize(kHeadBytes);
    size_t got = 0;
    while (got < kHeadBytes) {
      SG_ASSIGN_OR_RETURN(size_t n, ReadRaw(head_.data() + got, kHeadBytes - got));
      if (n == 0) break;
      got += n;
    }
    head_.resize(got);
  }
  return std::string_view(head_);
}

Result<size_t> Source::Read(char* buf, size_t n) {
  if (!head_loaded_) SG_RETURN_IF_ERROR(Head());
  if (head_pos_ < head_.size()) {
    const size_t take = std::min(n, head_.size() - head_pos_);
    std::memcpy(buf, head_.data() + head_pos_, take);
    head_pos_ += take;
    consumed_ += static_cast<int64_t>(take);
    if (head_pos_ == head_.size()) {
      head_.clear();
      head_.shrink_to_fit();
      head_pos_ = 0;
    }
    return take;
  }
  SG_ASSIGN_OR_RETURN(size_t got, ReadRaw(buf, n));
  consumed_ += static_cast<int64_t>(got);
  return got;
}

Result<std::string> Source::ReadAll(size_t limit) {
  std::string out;
  if (size() > 0) out.reserve(std::min(static_cast<size_t>(size()), limit));
  char buf[64 * 1024];
  while (true) {
    SG_ASSIGN_OR_RETURN(size_t n, Read(buf, sizeof buf));
    if (n == 0) break;
    if (out.size() + n > limit) {
      return MakeError(ErrorCode::kUnsupported,
                       name() + ": larger than " + std::to_string(limit) + " bytes");
    }
    out.append(buf, n);
  }
  return out;
}

FileSource::FileSource(const std::string& path, std::string display_name)
    : Source(display_name.empty() ? path : std::move(display_name)), path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    open_errno_ = errno;
    return;
  }
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) size_ = st.st_size;
}

FileSource::~FileSource() {
  if (fd_ >= 0) ::close(fd_);
}

Result<size_t> FileSource::ReadRaw(char* buf, size_t n) {
  if (fd_ < 0) {
    return MakeError(ErrorCode::kIo, name() + ": cannot open: " + std::strerror(open_errno_));
  }
  while (true) {
    const ssize_t got = ::read(fd_, buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR) {
      return MakeError(ErrorCode::kIo, name() + ": read failed: " + std::strerror(errno));
    }
  }
}

Result<size_t> MemorySource::ReadRaw(char* buf, size_t n) {
  const size_t take = std::min(n, bytes_.size() - pos_);
  std::memcpy(buf, bytes_.data() + pos_, take);
  pos_ += take;
  return take;
}

LineReader::LineReader(Source& source, size_t max_line) : source_(source), max_line_(max_line) {}

bool LineReader::Fill() {
  if (eof_) return false;
  if (start_ > 0) {
    buf_.erase(0, start_);
    start_ = 0;
  }
  const size_t old = buf_.size();
  buf_.resize(old + 256 * 1024);
  auto got = source_.Read(buf_.data() + old, 256 * 1024);
  if (!got) {
    error_ = got.error();
    buf_.resize(old);
    eof_ = true;
    return false;
  }
  buf_.resize(old + *got);
  if (*got == 0) eof_ = true;
  return *got > 0;
}

std::optional<std::string_view> LineReader::Next() {
  truncated_ = false;
  size_t scan_from = start_;
  while (true) {
    const size_t nl = buf_.find('\n', scan_from);
    if (nl != std::string::npos) {
      std::string_view line(buf_.data() + start_, nl - start_);
      start_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.size() > max_line_) {
        line = line.substr(0, max_line_);
        truncated_ = true;
      }
      ++line_number_;
      return line;
    }
    if (buf_.size() - start_ > max_line_ + 1) {
      // Keep the head of an overlong line and drop the rest up to its end.
      line_.assign(buf_.data() + start_, max_line_);
      while (true) {
        buf_.clear();
        start_ = 0;
        if (!Fill()) break;
        const size_t end = buf_.find('\n');
        if (end != std::string::npos) {
          start_ = end + 1;
          break;
        }
      }
      truncated_ = true;
      ++line_number_;
      return std::string_view(line_);
    }
    const size_t scanned = buf_.size() - start_;  // already searched for '\n'
    if (!Fill()) {
      if (start_ >= buf_.size()) return std::nullopt;
      std::string_view line(buf_.data() + start_, buf_.size() - start_);
      start_ = buf_.size();
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_number_;
      return line;
    }
    scan_from = start_ + scanned;  // Fill() may have moved the unread part to the front
  }
}

}  // namespace stalkguard::importers
