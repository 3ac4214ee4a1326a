// The evidence report as one self-contained HTML page: inline CSS and an inline SVG chart, no
// scripts, fonts or images from anywhere else, so it opens the same offline, in an e-mail
// attachment or years later, and prints cleanly on A4 (each case starts a new page).
//
//   SG_RETURN_IF_ERROR(WriteHtmlReport(data, out_dir / "report.html"));
#pragma once

#include <filesystem>
#include <string>

#include "core/result.h"
#include "report/report_model.h"

namespace stalkguard::report {

// The whole page, UTF-8. Every string of `data` is HTML-escaped; invalid UTF-8 and control
// characters are shown as U+FFFD; highlight spans that are out of range, empty or cut a
// character are clamped or dropped, never trusted. Never fails. Safe from several threads.
std::string RenderHtmlReport(const ReportData& data);

// Renders `data` and writes it to `path` (replaced if it exists). The page is written to a
// temporary file beside `path` and renamed over it, so a failed write never leaves half a
// report. Fails with kIo when the directory cannot be written.
Status WriteHtmlReport(const ReportData& data, const std::filesystem::path& path);

}  // namespace stalkguard::report
