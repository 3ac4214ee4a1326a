// Reads Telegram Desktop's JSON exports: one chat ("Export chat history", result.json with
// "messages") or the whole account ("Export Telegram data", result.json with
// "personal_information" and "chats": {"list": [...]}). Every message and service entry becomes
// one Event on platform "telegram"; the contact list, sessions and profile pictures are not
// events and are skipped. docs/formats/import-telegram.md describes the mapping.
//
//   auto importer = importers::MakeTelegramImporter();
//   SG_RETURN_IF_ERROR(importer->Import(source, options, sink));
#pragma once

#include <memory>

#include "importers/importer.h"

namespace stalkguard::importers {

// Name() is "telegram". Import() reads the whole document into memory (Telegram writes one JSON
// value per export), then emits messages chat by chat in file order. It fails only when the
// source cannot be read, is not JSON (the error names the file and the byte offset, line and
// column where the JSON breaks) or its top level is not a Telegram export object; a message
// without a usable date, or a chat without a message list, is rejected on its own. The
// importer is immutable and safe to share between threads.
std::unique_ptr<Importer> MakeTelegramImporter();

}  // namespace stalkguard::importers
