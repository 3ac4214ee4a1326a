#include "importers/sms_xml/internal/record_scanner.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "importers/sms_xml/internal/text_repair.h"

namespace stalkguard::importers::sms_xml {
namespace {

constexpr size_t kNpos = std::string_view::npos;

bool IsNameChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '-' || c == '.' || c == ':' || u >= 0x80;
}

std::string_view NameAt(std::string_view doc, size_t pos) {
  size_t end = pos;
  while (end < doc.size() && IsNameChar(doc[end])) ++end;
  return doc.substr(pos, end - pos);
}

struct TagEnd {
  size_t end = kNpos;         // just past the '>'; kNpos when the document ends first
  bool self_closing = false;  // "<sms ... />"
  bool broken = false;        // a '<' came before any '>': `end` is at that '<'
};

// Scans the start tag at `lt` ("<name attr="v" ...>").
TagEnd ScanTag(std::string_view doc, size_t lt) {
  for (size_t i = lt + 1; i < doc.size(); ++i) {
    const char c = doc[i];
    if (c == '"' || c == '\'') {
      i = doc.find(c, i + 1);
      if (i == kNpos) return {};
    } else if (c == '>') {
      return {i + 1, doc[i - 1] == '/', false};
    } else if (c == '<') {
      return {i, true, true};
    }
  }
  return {};
}

// End of the comment, CDATA section, processing instruction or DOCTYPE at `lt` ("<!" or
// "<?"); kNpos when the document ends first.
size_t SkipMarkup(std::string_view doc, size_t lt) {
  const auto past = [doc](std::string_view close, size_t from) {
    const size_t at = doc.find(close, from);
    return at == kNpos ? kNpos : at + close.size();
  };
  const std::string_view rest = doc.substr(lt);
  if (rest.starts_with("<!--")) return past("-->", lt + 4);
  if (rest.starts_with("<![CDATA[")) return past("]]>", lt + 9);
  if (rest.starts_with("<?")) return past("?>", lt + 2);
  // <!DOCTYPE smses [ <!ENTITY e "x"> ]>: a '>' inside the brackets or quotes does not end it.
  int64_t depth = 0;
  for (size_t i = lt + 2; i < doc.size(); ++i) {
    const char c = doc[i];
    if (c == '"' || c == '\'') {
      i = doc.find(c, i + 1);
      if (i == kNpos) return kNpos;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    } else if (c == '>' && depth <= 0) {
      return i + 1;
    }
  }
  return kNpos;
}

bool IsMarkupAt(std::string_view doc, size_t lt) {
  return lt + 1 < doc.size() && (doc[lt + 1] == '!' || doc[lt + 1] == '?');
}

}  // namespace

int64_t LinesIn(std::string_view text) { return std::count(text.begin(), text.end(), '\n'); }

Result<Root> FindRoot(std::string_view doc) {
  if (doc.starts_with("\xFF\xFE") || doc.starts_with("\xFE\xFF")) {
    return MakeError(ErrorCode::kUnsupported,
                     "the file is UTF-16; SMS Backup & Restore writes UTF-8");
  }
  size_t i = doc.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (true) {
    i = doc.find_first_not_of(" \t\r\n", i);
    if (i == kNpos) return MakeError(ErrorCode::kInvalidInput, "no XML element in the file");
    if (doc[i] != '<') {
      return MakeError(ErrorCode::kInvalidInput,
                       "not XML: " + Quote(doc.substr(i, 20)) + " where a '<' should be");
    }
    if (IsMarkupAt(doc, i)) {
      i = SkipMarkup(doc, i);
      if (i == kNpos) {
        return MakeError(ErrorCode::kInvalidInput, "the file ends inside its XML prologue");
      }
      continue;
    }
    Root root;
    root.name = NameAt(doc, i + 1);
    if (root.name.empty()) {
      return MakeError(ErrorCode::kInvalidInput,
                       "not XML: " + Quote(doc.substr(i, 20)) + " is not an element");
    }
    root.start = i;
    const TagEnd tag = ScanTag(doc, i);
    if (!tag.broken) {
      root.content = tag.end;
      root.empty = tag.self_closing;
    }
    return root;
  }
}

size_t ScanElement(std::string_view doc, size_t lt) {
  const TagEnd start = ScanTag(doc, lt);
  if (start.end == kNpos || start.self_closing) return start.end;
  int64_t depth = 1;
  size_t i = start.end;
  while (true) {
    const size_t next = doc.find('<', i);
    if (next == kNpos) return kNpos;
    if (doc.compare(next, 2, "</") == 0) {
      const size_t gt = doc.find('>', next);
      if (gt == kNpos) return kNpos;
      i = gt + 1;
      if (--depth == 0) return i;
    } else if (IsMarkupAt(doc, next)) {
      i = SkipMarkup(doc, next);
      if (i == kNpos) return kNpos;
    } else {
      const TagEnd tag = ScanTag(doc, next);
      if (tag.end == kNpos) return kNpos;
      i = tag.end;
      if (!tag.self_closing) ++depth;
    }
  }
}

RecordScanner::RecordScanner(std::string_view doc, const Root& root)
    : doc_(doc), root_name_(root.name) {
  if (root.content == kNpos) {
    cut_short_ =
        CutShort{LineAt(root.start), "inside the <" + std::string(root.name) + "> start tag"};
  } else if (!root.empty) {
    pos_ = root.content;
  }
}

std::optional<Record> RecordScanner::Next() {
  while (pos_ != kNpos) {
    // Between records there is only white space in a real backup; other text is skipped.
    const size_t lt = doc_.find('<', pos_);
    if (lt == kNpos) {
      cut_short_ = CutShort{LineAt(doc_.size()), "before </" + std::string(root_name_) + ">"};
      break;
    }
    if (doc_.compare(lt, 2, "</") == 0) {
      if (NameAt(doc_, lt + 2) == root_name_) break;
      // A stray end tag left over from a broken record, which was rejected already.
      const size_t gt = doc_.find('>', lt);
      pos_ = gt == kNpos ? doc_.size() : gt + 1;
      continue;
    }
    const int64_t line = LineAt(lt);
    if (IsMarkupAt(doc_, lt)) {
      pos_ = SkipMarkup(doc_, lt);
      if (pos_ == kNpos) cut_short_ = CutShort{line, "inside a comment or CDATA section"};
      continue;
    }
    Record record;
    record.name = NameAt(doc_, lt + 1);
    record.line = line;
    const size_t end = ScanElement(doc_, lt);
    if (end == kNpos) {
      record.cut_short = true;
      pos_ = kNpos;
    } else {
      record.raw = doc_.substr(lt, end - lt);
      pos_ = end;
    }
    return record;
  }
  pos_ = kNpos;
  return std::nullopt;
}

// Counts forward from the last call, so a whole scan reads the document once.
int64_t RecordScanner::LineAt(size_t offset) {
  offset = std::min(offset, doc_.size());
  if (offset < line_pos_) {
    line_pos_ = 0;
    line_ = 1;
  }
  line_ += LinesIn(doc_.substr(line_pos_, offset - line_pos_));
  line_pos_ = offset;
  return line_;
}

}  // namespace stalkguard::importers::sms_xml
