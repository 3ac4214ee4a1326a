// A case file: one stored case with every event behind it, as an export or a report needs them.
// The events are the contact's whole exchange with the person (both directions: a refusal is
// evidence too) and any other event a finding points at (a post about the person elsewhere),
// with the exact source records.
//
//   SG_ASSIGN_OR_RETURN(auto files, casework::LoadCaseFiles(store, {.case_ids = {"c-1a2b"}}));
#pragma once

#include <string>
#include <vector>

#include "core/case.h"
#include "core/event.h"
#include "core/result.h"
#include "store/store.h"

namespace stalkguard::casework {

// Which cases: those named, those of the contacts named, or with `all` every case the last
// scan rated watch or higher. A contact with no stored case gets a case file anyway (no
// findings), so a person can export an exchange detection did not flag.
struct Selection {
  std::vector<std::string> case_ids;
  std::vector<std::string> contact_ids;
  bool all = false;
};

struct CaseFile {
  Case kase;                  // `case` is a keyword
  std::vector<Event> events;  // with `raw` and attachment bytes, oldest first
};

// Fails with kNotFound naming the first id that is neither a case nor a contact, or when `all`
// finds no case to take, and with kInvalidInput when the selection is empty. Case files come most
// severe first.
Result<std::vector<CaseFile>> LoadCaseFiles(store::Store& store, const Selection& selection);

// The events of `file` that a finding points at, oldest first: the incidents.
std::vector<const Event*> Incidents(const CaseFile& file);

}  // namespace stalkguard::casework
