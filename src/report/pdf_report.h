// The evidence report as an A4 PDF, for printing and for handing to the police, a school or a
// platform. Laid out with Cairo and Pango: real fonts (DejaVu Sans, colour emoji from Noto
// Color Emoji when installed, other scripts through fontconfig), flagged words highlighted,
// a page header with the report title and case, "Page N" in the footer, and bookmarks for
// every case and section.
//
//   SG_RETURN_IF_ERROR(WritePdfReport(data, out_dir / "report.pdf"));
#pragma once

#include <filesystem>

#include "core/result.h"
#include "report/report_model.h"

namespace stalkguard::report {

// Lays out `data` (same sections and order as the HTML report) and writes it to `path`
// (replaced if it exists) through a temporary file beside it, so a failure never leaves half
// a PDF. Invalid UTF-8, control characters and bad highlight spans are repaired or dropped,
// never trusted. Fails with kIo when the file cannot be written, kInternal when Cairo fails.
// Safe to call from several threads at once (each thread uses its own Pango font map).
Status WritePdfReport(const ReportData& data, const std::filesystem::path& path);

}  // namespace stalkguard::report
