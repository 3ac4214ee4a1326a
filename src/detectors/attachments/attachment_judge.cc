#include "detectors/attachments/attachment_judge.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "core/data_path.h"
#include "core/strings.h"
#include "detectors/attachments/internal/archive_listing.h"
#include "detectors/attachments/internal/clamav_engine.h"
#include "detectors/attachments/internal/content_sniff.h"
#include "detectors/attachments/internal/file_names.h"

namespace stalkguard::detect {
namespace {

namespace fs = std::filesystem;
namespace ai = attachment_internal;

// Scores, in [0, 1]. A trick that only makes sense as an attack (a decoy extension, a
// right-to-left override, content that contradicts the name or type) is a danger; a program
// sent openly is a warning (ai::RiskyExtension has those scores); macros and encrypted
// archives are worth watching, as plenty of honest files have them.
constexpr double kTrick = 0.9;
constexpr double kBidiOnly = 0.6;      // direction controls in a name that hides nothing risky
constexpr double kProgramBytes = 0.7;  // a program under an unknown or missing extension
constexpr double kArchiveProgram = 0.75;
constexpr double kMacros = 0.6;
constexpr double kEncrypted = 0.5;
constexpr double kClamAv = 0.95;

// "an .exe", "a .scr": the article for an extension read letter by letter or as a word.
std::string WithArticle(std::string_view extension) {
  const bool vowel =
      !extension.empty() && std::string_view("aeiou").find(extension[0]) != std::string_view::npos;
  return std::string(vowel ? "an ." : "a .") + std::string(extension);
}

std::string HidesText(const std::string& extension, const ai::DoubleExtension& twin) {
  std::string text = "hides " + WithArticle(extension) + " behind ." + twin.decoy;
  if (twin.padding >= 2) text += " and a run of " + std::to_string(twin.padding) + " spaces";
  return text;
}

// Declared types a program has no business wearing: pictures, sound, video, text, PDF and
// Office documents. "application/octet-stream" and friends say nothing, so they never clash.
bool IsHarmlessMime(std::string_view declared) {
  std::string mime = AsciiLower(TrimAscii(declared.substr(0, declared.find(';'))));
  for (std::string_view prefix :
       {"image/", "audio/", "video/", "application/vnd.openxmlformats-officedocument.",
        "application/vnd.oasis.opendocument."}) {
    if (mime.starts_with(prefix)) return true;
  }
  for (std::string_view exact :
       {"text/plain", "text/csv", "text/calendar", "text/vcard", "text/x-vcard", "application/pdf",
        "application/msword", "application/rtf", "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint"}) {
    if (mime == exact) return true;
  }
  return false;
}

class VerdictBuilder {
 public:
  explicit VerdictBuilder(AttachmentVerdict& verdict) : verdict_(verdict) {}

  // Keeps one reason per code, the one with the highest score.
  void Add(std::string_view code, double score, std::string text) {
    for (AttachmentReason& r : verdict_.reasons) {
      if (r.code != code) continue;
      if (score > r.score) {
        r.score = score;
        r.text = std::move(text);
      }
      return;
    }
    verdict_.reasons.push_back({std::string(code), score, std::move(text)});
  }

  void Finish() {
    std::stable_sort(
        verdict_.reasons.begin(), verdict_.reasons.end(),
        [](const AttachmentReason& a, const AttachmentReason& b) { return a.score > b.score; });
    verdict_.score = verdict_.reasons.empty() ? 0 : verdict_.reasons.front().score;
  }

 private:
  AttachmentVerdict& verdict_;
};

// What an archive's entries say: an app or Java program in zip clothing, macros in an Office
// document, programs packed inside, encryption.
struct ArchiveFacts {
  std::optional<std::string_view> program;  // the archive itself is an APK or a JAR
  std::string macro_entry;                  // "word/vbaProject.bin"
  bool encrypted = false;
  std::string risky_entry;  // the first entry that is a program, shown in the sentence
  std::string risky_text;   // what that entry is, or the trick it plays
  double risky_score = 0;
  size_t risky_count = 0;
};

ArchiveFacts ReadArchive(std::string_view bytes) {
  ArchiveFacts facts;
  const ai::ArchiveListing listing = ai::ListArchive(bytes);
  facts.encrypted = listing.encrypted;
  bool manifest = false;
  bool classes = false;
  for (const std::string& name : listing.names) {
    const std::string_view base = ai::BaseName(name);
    if (name == "AndroidManifest.xml") facts.program = "an Android app (APK)";
    if (name == "META-INF/MANIFEST.MF") manifest = true;
    if (name.ends_with(".class")) classes = true;
    if (AsciiLower(base) == "vbaproject.bin" && facts.macro_entry.empty()) facts.macro_entry = name;
  }
  if (!facts.program && manifest && classes) facts.program = "a Java program (JAR)";
  // An app or a Java program is one program, not an archive of them.
  if (facts.program) return facts;
  for (const std::string& name : listing.names) {
    const std::string_view base = ai::BaseName(name);
    const std::string extension = ai::RealExtension(base);
    const std::optional<ai::RiskyType> risky = ai::RiskyExtension(extension);
    if (!risky) continue;
    ++facts.risky_count;
    double score = kArchiveProgram;
    std::string text = std::string(risky->what);
    if (ai::HasBidiControl(base)) {
      score = kTrick;
      text = "which shows as \"" + ai::DisplayName(ai::VisualName(base)) + "\" but is " +
             WithArticle(extension);
    } else if (auto twin = ai::FindDoubleExtension(base)) {
      score = kTrick;
      text = "which " + HidesText(extension, *twin);
    }
    if (score > facts.risky_score) {
      facts.risky_score = score;
      facts.risky_entry = ai::DisplayName(name);
      facts.risky_text = std::move(text);
    }
  }
  return facts;
}

// The system database directory when it holds official databases, else "".
std::string SystemDatabase(const std::string& dir) {
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return "";
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string extension = entry.path().extension().string();
    if (extension == ".cvd" || extension == ".cld" || extension == ".cud") return dir;
  }
  return "";
}

std::string JoinPaths(const std::vector<std::string>& paths) {
  std::string out;
  for (const std::string& p : paths) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

std::string AttachmentVerdict::Summary() const {
  std::string out = display_name;
  for (size_t i = 0; i < reasons.size(); ++i) {
    if (i > 0) out += reasons.size() == 2 || i + 1 == reasons.size() ? ", and" : ",";
    out += " " + reasons[i].text;
  }
  return out;
}

Result<AttachmentJudge> AttachmentJudge::Create(const AttachmentJudgeOptions& options) {
  AttachmentJudge judge;
  if (options.clamav == ClamAvMode::kOff) {
    judge.clamav_status_ = "ClamAV off: disabled";
    return judge;
  }
  const std::string system_dir =
      options.system_database_dir.value_or(ai::DefaultClamAvDatabaseDir());
  const std::string signature_dir = options.signature_dir.value_or(DefaultClamAvSignatureDir());
  std::vector<std::string> paths;
  if (std::string official = SystemDatabase(system_dir); !official.empty())
    paths.push_back(official);
  std::error_code ec;
  if (!signature_dir.empty() && fs::is_directory(signature_dir, ec)) {
    paths.push_back(signature_dir);
  }
  if (paths.empty()) {
    std::vector<std::string> looked;
    if (!system_dir.empty()) looked.push_back(system_dir);
    if (!signature_dir.empty()) looked.push_back(signature_dir);
    judge.clamav_status_ =
        "ClamAV off: no signature database in " +
        (looked.empty() ? std::string("(no directory given)") : JoinPaths(looked));
    if (options.clamav == ClamAvMode::kRequired) {
      return MakeError(ErrorCode::kNotFound, judge.clamav_status_);
    }
    return judge;
  }
  auto engine = ai::ClamAvEngine::Load(paths);
  // A damaged official database should not cost us our own signatures.
  if (!engine && paths.size() > 1) {
    paths.erase(paths.begin());
    engine = ai::ClamAvEngine::Load(paths);
  }
  if (!engine) {
    judge.clamav_status_ = "ClamAV off: " + engine.error().message;
    if (options.clamav == ClamAvMode::kRequired) {
      return MakeError(engine.error().code, judge.clamav_status_);
    }
    return judge;
  }
  judge.clamav_ = std::move(*engine);
  judge.clamav_status_ = "ClamAV " + ai::ClamAvEngine::Version() + " with " +
                         std::to_string(judge.clamav_->signatures()) + " signatures from " +
                         JoinPaths(paths);
  return judge;
}

AttachmentVerdict AttachmentJudge::Judge(const Attachment& attachment) const {
  AttachmentVerdict verdict;
  verdict.display_name = ai::DisplayName(attachment.name);
  VerdictBuilder add(verdict);

  const std::string extension = ai::RealExtension(attachment.name);
  const std::optional<ai::RiskyType> risky = ai::RiskyExtension(extension);
  const std::string_view bytes = attachment.bytes;

  std::optional<std::string_view> program;
  if (!bytes.empty()) {
    program = ai::SniffProgram(bytes);
    switch (ai::SniffContainer(bytes)) {
      case ai::Container::kZip:
      case ai::Container::kSevenZip:
      case ai::Container::kRar: {
        const ArchiveFacts facts = ReadArchive(bytes);
        if (facts.program && !program) program = facts.program;
        if (!facts.macro_entry.empty()) {
          add.Add("macro_document", kMacros,
                  "is an Office document with macros (" + ai::DisplayName(facts.macro_entry) + ")");
        }
        if (facts.encrypted) {
          add.Add("encrypted_archive", kEncrypted,
                  "is a password-protected archive, which virus scanners cannot look inside");
        }
        if (facts.risky_count > 0) {
          std::string text = "contains " + facts.risky_entry + ", " + facts.risky_text;
          if (facts.risky_count > 1) {
            text += " (and " + std::to_string(facts.risky_count - 1) + " more programs)";
          }
          add.Add("archive_program", facts.risky_score, std::move(text));
        }
        break;
      }
      case ai::Container::kOle2:
        if (ai::ScanOle2(bytes).vba) {
          add.Add("macro_document", kMacros, "is an Office document with macros (a VBA project)");
        }
        break;
      case ai::Container::kNone:
        break;
    }
  }

  // The name: a right-to-left override hides everything else it does, so it is the one reason
  // given; then a decoy extension; then a program sent as what it is.
  if (ai::HasBidiControl(attachment.name)) {
    if (risky || program) {
      add.Add("bidi_override", kTrick,
              "uses a right-to-left override to show as \"" +
                  ai::DisplayName(ai::VisualName(attachment.name)) + "\" but is " +
                  (risky ? WithArticle(extension) : std::string(*program)));
    } else {
      add.Add("bidi_override", kBidiOnly,
              "has invisible text-direction characters that change how its name is shown");
    }
  } else if (risky) {
    if (auto twin = ai::FindDoubleExtension(attachment.name)) {
      add.Add("double_extension", kTrick, HidesText(extension, *twin));
    } else {
      add.Add("risky_type", risky->score,
              "is " + std::string(risky->what) + " (." + extension + ")");
    }
  }
  if (ai::IsMacroExtension(extension)) {
    add.Add("macro_document", kMacros - 0.05,
            "is a macro-enabled Office document (." + extension + ")");
  }

  // The bytes against the name and the declared type.
  if (program) {
    if (!risky && ai::IsDecoyExtension(extension)) {
      add.Add("disguised_program", kTrick,
              "is really " + std::string(*program) + ", not a ." + extension + " file");
    } else if (!risky) {
      add.Add("program_content", kProgramBytes, "contains " + std::string(*program));
    }
    if (IsHarmlessMime(attachment.mime_type)) {
      add.Add("mime_mismatch", kTrick,
              "says it is " + AsciiLower(TrimAscii(attachment.mime_type)) + " but is " +
                  std::string(*program));
    }
  }

  if (clamav_ != nullptr && !bytes.empty()) {
    auto found = clamav_->Scan(bytes);
    if (!found) {
      verdict.clamav_error = found.error().message;
    } else {
      verdict.clamav_scanned = true;
      if (found->has_value()) {
        add.Add("clamav", kClamAv, "matches the ClamAV signature " + **found);
      }
    }
  }
  add.Finish();
  return verdict;
}

std::string DefaultClamAvSignatureDir() {
  return FindDataPath("config/clamav", "STALKGUARD_CLAMAV_SIGNATURES");
}

}  // namespace stalkguard::detect
