// What opening a stalkguard SQLite file takes, shared by the event store and the service
// database: errors that name the file, WAL mode that survives a second process opening the
// same new file, and numbered migrations compiled in (cmake/EmbedMigrations.cmake).
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace stalkguard::sqlite {

// kStore error: "<path>: <what>: <SQLite's message>".
Error Failure(sqlite3* db, const std::string& path, const std::string& what);

// Runs `sql` (several statements allowed); the error names the file.
Status Exec(sqlite3* db, const std::string& path, const char* sql);

// Switches to WAL. Switching a new file takes an exclusive lock, and SQLite answers BUSY at
// once, without waiting, while another connection does the same (a server and a command
// starting on a new folder), or leaves the mode as it was: both are retried for up to 5 s.
Status UseWal(sqlite3* db, const std::string& path);

// Brings the schema (PRAGMA user_version) up to `migrations.size()`, applying the missing ones
// and the new version in one write transaction; the version is read inside it, so two
// processes opening the same file never apply a migration twice. A file of a newer schema is
// refused.
Status ApplyMigrations(sqlite3* db, const std::string& path,
                       const std::vector<std::string_view>& migrations);

}  // namespace stalkguard::sqlite
