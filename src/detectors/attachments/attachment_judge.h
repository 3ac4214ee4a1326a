// AttachmentJudge: says whether one attachment is a way to get malware onto the person's
// devices, and why. It looks at the name (programs, decoy double extensions, right-to-left
// override tricks, macro-enabled Office files), at the bytes when the export carried them
// (program magic numbers whatever the name says, a declared MIME type the content belies,
// macros inside Office files, encrypted or program-carrying archives) and, when signature
// databases are found, at what ClamAV says.
//
//   SG_ASSIGN_OR_RETURN(AttachmentJudge judge, AttachmentJudge::Create({}));
//   AttachmentVerdict verdict = judge.Judge(attachment);  // verdict.reasons empty when clean
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/result.h"

namespace stalkguard::detect {

namespace attachment_internal {
class ClamAvEngine;
}

// One thing wrong with an attachment. Codes are stable (docs/detectors/attachments.md lists
// them): "risky_type", "double_extension", "bidi_override", "disguised_program",
// "program_content", "mime_mismatch", "macro_document", "encrypted_archive",
// "archive_program", "clamav".
struct AttachmentReason {
  std::string code;
  double score = 0;  // in [0, 1]
  std::string text;  // a predicate about the file: "hides an .exe behind .pdf"
};

struct AttachmentVerdict {
  std::string display_name;               // the name made safe to print (see DisplayName)
  std::vector<AttachmentReason> reasons;  // highest score first, one per code; empty when clean
  double score = 0;                       // the highest reason score; 0 when clean
  bool clamav_scanned = false;            // ClamAV looked at the bytes (and its reason, if any)
  std::string clamav_error;               // why a ClamAV scan of these bytes failed, if it did

  bool clean() const { return reasons.empty(); }
  // "invoice.pdf.exe hides an .exe behind .pdf", with every reason, joined by commas.
  std::string Summary() const;
};

enum class ClamAvMode {
  kOff,          // never load libclamav
  kIfAvailable,  // use it when signature databases are found; judge without it otherwise
  kRequired,     // Create fails unless an engine loads
};

struct AttachmentJudgeOptions {
  ClamAvMode clamav = ClamAvMode::kIfAvailable;
  // ClamAV's own database directory, used when it holds a .cvd, .cld or .cud file. nullopt
  // means libclamav's default (/var/lib/clamav on Debian); "" leaves it out.
  std::optional<std::string> system_database_dir;
  // Our shipped test signatures. nullopt means DefaultClamAvSignatureDir(); "" leaves them out.
  std::optional<std::string> signature_dir;
};

class AttachmentJudge {
 public:
  // Loads ClamAV as the options say; this is the slow part, so create one judge and share it.
  // Fails only when options.clamav is kRequired and no engine loads.
  static Result<AttachmentJudge> Create(const AttachmentJudgeOptions& options);

  // Judges one attachment. Never fails: what cannot be read is judged by what can. Safe to call
  // from several threads at once.
  AttachmentVerdict Judge(const Attachment& attachment) const;

  // Whether ClamAV is in use.
  bool clamav_enabled() const { return clamav_ != nullptr; }
  // A sentence for logs and `--version`-style output: "ClamAV 1.4.6 with 3 signatures from
  // config/clamav", or why it is off ("ClamAV off: no signature database in /var/lib/clamav").
  const std::string& clamav_status() const { return clamav_status_; }

 private:
  AttachmentJudge() = default;

  std::shared_ptr<const attachment_internal::ClamAvEngine> clamav_;
  std::string clamav_status_;
};

// The shipped test signature set: $STALKGUARD_CLAMAV_SIGNATURES when set, else config/clamav
// found as FindDataPath (core/data_path.h) finds shipped data.
std::string DefaultClamAvSignatureDir();

}  // namespace stalkguard::detect
