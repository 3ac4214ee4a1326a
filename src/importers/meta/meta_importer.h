// Reads the message threads of Instagram's and Facebook's "Download your information" exports
// in JSON: messages/inbox/<thread>/message_N.json (Instagram now nests it under
// your_instagram_activity/, Facebook under your_activity_across_facebook/ or
// your_facebook_activity/). Each file holds one thread's "participants", "title" and up to 10,000
// "messages", newest first. docs/formats/import-meta.md describes the mapping.
//
//   auto importer = importers::MakeMetaImporter();
//   SG_RETURN_IF_ERROR(importer->Import(source, options, sink));
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "importers/importer.h"

namespace stalkguard::importers {

// Name() is "meta". Events get platform "instagram" or "facebook" from the file's path (or
// thread_path), else "instagram" when messages carry Instagram's "is_geoblocked_for_viewer",
// else "meta". Messages are emitted in file order (newest first), each with its own time.
// Import() fails only when the source cannot be read, is not JSON (the error names the file and
// the byte offset, line and column where the JSON breaks) or has no "messages" list; a message
// without a usable "timestamp_ms" is rejected on its own. Immutable; safe to share between
// threads.
std::unique_ptr<Importer> MakeMetaImporter();

// Meta writes every string's UTF-8 bytes as if each byte were a Latin-1 character, so "😡"
// arrives as "\u00f0\u009f\u0098\u00a1" and "José" as "Jos\u00c3\u00a9". Returns the text those
// bytes spell when every character of `text` is at most U+00FF and the bytes form valid UTF-8;
// otherwise `text` itself (with any invalid UTF-8 replaced by U+FFFD). Pure; safe from any thread.
std::string RepairMojibake(std::string_view text);

}  // namespace stalkguard::importers
