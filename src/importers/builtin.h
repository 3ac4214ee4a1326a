// Every importer stalkguard ships, in one explicit list.
#pragma once

#include <memory>
#include <vector>

#include "importers/importer.h"

namespace stalkguard::importers {

using ImporterList = std::vector<std::unique_ptr<Importer>>;

ImporterList BuiltinImporters();

// The importer most sure of the content (Sniff >= 50), or nullptr.
const Importer* DetectFormat(const ImporterList& importers, std::string_view name,
                             std::string_view head);

}  // namespace stalkguard::importers
