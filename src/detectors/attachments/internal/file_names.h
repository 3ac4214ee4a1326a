// What an attachment's file name says about it: its real extension, whether that extension
// runs code, and the tricks that hide it (a decoy extension in front, a run of spaces, a
// right-to-left override). Pure functions, safe from any thread. Only attachment_judge.cc and
// its tests include this.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stalkguard::detect::attachment_internal {

// A file type that runs code or carries programs when opened.
struct RiskyType {
  std::string_view what;  // "a Windows program", for sentences
  double score;           // the score of a reason about it, in [0, 1]
};

// The extension Windows and phones act on, lower-case ASCII without the dot: what follows the
// last '.' once trailing spaces and dots are dropped (Windows drops them too). Empty when
// there is none or it is not a plausible extension (longer than 10 bytes, or not letters,
// digits and '-').
std::string RealExtension(std::string_view name);

// The type behind a risky extension ("exe", "scr", "js", "apk", "iso", ...), or nullopt.
std::optional<RiskyType> RiskyExtension(std::string_view extension);

// True for the extensions of harmless-looking documents, pictures and media that are put in
// front of a risky one ("pdf", "jpg", "docx", "mp4", ...).
bool IsDecoyExtension(std::string_view extension);

// True for macro-enabled Office extensions ("docm", "xlsm", "pptm", ...).
bool IsMacroExtension(std::string_view extension);

// A decoy extension in front of the real one: "invoice.pdf.exe" gives {"pdf", 0},
// "photo.jpg     .scr" gives {"jpg", 5} (the spaces that push ".scr" out of view).
struct DoubleExtension {
  std::string decoy;
  size_t padding = 0;
};
std::optional<DoubleExtension> FindDoubleExtension(std::string_view name);

// True when `name` holds a Unicode control that reorders text when shown: U+202A..U+202E
// (embeddings and overrides) or U+2066..U+2069 (isolates).
bool HasBidiControl(std::string_view name);

// How a simple viewer shows `name`: each run after U+202E (right-to-left override) up to
// U+202C, U+2069 or the end is reversed, and the controls vanish. "annexe\u202Efdp.exe"
// shows as "annexeexe.pdf". Invalid UTF-8 is replaced first.
std::string VisualName(std::string_view name);

// `name` made safe to print: valid UTF-8, with controls and bidi characters spelled out as
// "[U+202E]" so the printed name cannot play the trick again. At most `max_bytes` of name are
// kept (cut at a character boundary, then "…").
std::string DisplayName(std::string_view name, size_t max_bytes = 120);

// The last path component of an archive entry name ("word/vbaProject.bin" -> "vbaProject.bin").
std::string_view BaseName(std::string_view path);

}  // namespace stalkguard::detect::attachment_internal
