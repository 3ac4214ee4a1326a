// Source: the bytes of one input file, on disk or inside an archive, read once from the start.
// Importers read it as a stream (JSONL, mbox, WhatsApp) or whole (JSON documents), so memory
// stays flat on big exports. Not thread-safe; one importer reads one source at a time.
//
//   FileSource src("chat.txt");
//   LineReader lines(src);
//   while (auto line = lines.Next()) { ... lines.line_number() ... }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace stalkguard::importers {

class Source {
 public:
  explicit Source(std::string name) : name_(std::move(name)) {}
  virtual ~Source() = default;
  Source(const Source&) = delete;
  Source& operator=(const Source&) = delete;

  // Shown in every message about this source: "exports/chat.txt", "export.zip!/chat.txt".
  const std::string& name() const { return name_; }
  // Size in bytes when known in advance, else -1.
  virtual int64_t size() const { return -1; }

  // Up to the first 64 KiB, for format detection. Does not move the read position.
  Result<std::string_view> Head();
  // Reads up to `n` bytes at the read position; 0 means the end.
  Result<size_t> Read(char* buf, size_t n);
  // Everything from the read position to the end; fails when more than `limit` bytes remain.
  Result<std::string> ReadAll(size_t limit = size_t{1} << 31);
  // Bytes handed out by Read so far (for progress bars).
  int64_t consumed() const { return consumed_; }

  static constexpr size_t kHeadBytes = 64 * 1024;

 protected:
  // Reads the next bytes of the underlying stream.
  virtual Result<size_t> ReadRaw(char* buf, size_t n) = 0;

 private:
  std::string name_;
  std::string head_;
  bool head_loaded_ = false;
  size_t head_pos_ = 0;  // how much of head_ Read has handed out
  int64_t consumed_ = 0;
};

// A file on disk. Open failures surface on the first read with the path in the message.
class FileSource : public Source {
 public:
  explicit FileSource(const std::string& path, std::string display_name = "");
  ~FileSource() override;
  int64_t size() const override { return size_; }

 protected:
  Result<size_t> ReadRaw(char* buf, size_t n) override;

 private:
  std::string path_;
  int fd_ = -1;
  int open_errno_ = 0;
  int64_t size_ = -1;
};

// Bytes held in memory: tests, fuzz targets, API bodies.
class MemorySource : public Source {
 public:
  MemorySource(std::string name, std::string bytes)
      : Source(std::move(name)), bytes_(std::move(bytes)) {}
  int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }

 protected:
  Result<size_t> ReadRaw(char* buf, size_t n) override;

 private:
  std::string bytes_;
  size_t pos_ = 0;
};

// Splits a Source into lines ("\n" or "\r\n"; the terminator is not returned). A line longer
// than `max_line` is cut and reported through truncated() so the importer can reject it.
class LineReader {
 public:
  explicit LineReader(Source& source, size_t max_line = 16 << 20);
  // The next line, std::nullopt at the end; an I/O failure ends the stream and sets error().
  std::optional<std::string_view> Next();
  // 1-based number of the line Next last returned.
  int64_t line_number() const { return line_number_; }
  bool truncated() const { return truncated_; }
  const std::optional<Error>& error() const { return error_; }

 private:
  bool Fill();
  Source& source_;
  size_t max_line_;
  std::string buf_;
  size_t start_ = 0;
  bool eof_ = false;
  bool truncated_ = false;
  int64_t line_number_ = 0;
  std::string line_;
  std::optional<Error> error_;
};

}  // namespace stalkguard::importers
