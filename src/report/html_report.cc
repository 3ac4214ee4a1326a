#include "report/html_report.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string_view>
#include <system_error>

#include "report/internal/render_common.h"

namespace stalkguard::report {
namespace {

namespace in = internal;

// Everything the page needs, inline. The Content-Security-Policy in the head backs this up:
// even if a message text slipped through unescaped, the browser would load and run nothing.
constexpr std::string_view kStyle = R"css(
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --mark: #ffe066; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif, "Noto Color Emoji";
  color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45;
  font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .6rem; }
h2 { font-size: 1.35rem; margin: 0 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
ul, ol { margin: .2rem 0; padding-left: 1.4rem; }
code, .mono { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Consolas, monospace; font-size: .85em; }
.hash { overflow-wrap: anywhere; word-break: break-all; }
.muted { color: var(--muted); }
.note { background: #f3f4f6; border-left: 4px solid #9aa0a6; padding: .5rem .8rem; margin: .6rem 0; }
.cover { border-bottom: 1px solid var(--rule); margin-bottom: 1.5rem; padding-bottom: 1rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
table.incidents { table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule);
  overflow-wrap: break-word; }
th { background: #f3f4f6; font-size: .85rem; }
table.facts th { width: 11rem; background: none; color: var(--muted); font-weight: normal; font-size: inherit; }
.case { margin-top: 2.5rem; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: .8rem; font-size: .8rem;
  font-weight: bold; color: #fff; vertical-align: middle; }
.sev-info { background: #80868b; } .sev-watch { background: #b88a00; }
.sev-warning { background: #d35f00; } .sev-danger { background: #c62828; }
tr.row-watch td:first-child { border-left: 4px solid #f2c01e; }
tr.row-warning td:first-child { border-left: 4px solid #ef7d14; }
tr.row-danger td:first-child { border-left: 4px solid #c62828; }
tr.row-info td:first-child { border-left: 4px solid #b0b0b0; }
.msg { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-bottom: 1.5px solid #b38f00; }
.subject { font-weight: bold; margin-bottom: .2rem; }
ul.att { list-style: none; padding: 0; margin: .4rem 0 0; font-size: .85rem; }
ul.att li { border-top: 1px dashed var(--rule); padding-top: .2rem; }
.reasons { margin: 0; padding-left: 1rem; font-size: .9rem; }
.event-id { font-size: .75rem; color: var(--muted); margin-top: .3rem; }
.chart { margin: 0; }
.chart svg { width: 100%; height: auto; display: block; }
.chart text { font-size: 11px; fill: #444; }
.chart .grid { stroke: #e3e3e8; stroke-width: 1; }
.chart .axis { stroke: #777; stroke-width: 1; }
.b0 { fill: #b0b0b0; background: #b0b0b0; } .b1 { fill: #f2c01e; background: #f2c01e; }
.b2 { fill: #ef7d14; background: #ef7d14; } .b3 { fill: #c62828; background: #c62828; }
.legend { display: flex; flex-wrap: wrap; gap: 1.2rem; font-size: .85rem; margin-top: .3rem; }
.legend .sw { display: inline-block; width: .9rem; height: .9rem; vertical-align: -.1rem;
  margin-right: .35rem; border-radius: 2px; }
.ans { font-weight: bold; white-space: nowrap; }
.ans-yes { color: #b71c1c; } .ans-no { color: #2e7d32; } .ans-unknown { color: var(--muted); font-style: italic; }
.integrity { margin-top: 2.5rem; }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .case, .integrity { break-before: page; margin-top: 0; }
  tr, ul.att li, .chart, .legend { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3, h4 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
)css";

void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

// A string from the model, repaired and escaped: the one way model text enters the page.
void AppendText(std::string& out, std::string_view text) {
  AppendEscaped(out, in::CleanText(text));
}

std::string Text(std::string_view text) {
  std::string out;
  AppendText(out, text);
  return out;
}

void AppendHighlighted(std::string& out, std::string_view text,
                       const std::vector<TextSpan>& spans) {
  const in::SafeText safe = in::PrepareText(text, spans);
  size_t at = 0;
  for (const TextSpan& span : safe.spans) {
    AppendEscaped(out, std::string_view(safe.text).substr(at, span.begin - at));
    out += "<mark>";
    AppendEscaped(out, std::string_view(safe.text).substr(span.begin, span.end - span.begin));
    out += "</mark>";
    at = span.end;
  }
  AppendEscaped(out, std::string_view(safe.text).substr(at));
}

std::string SeverityClass(Severity severity) {
  std::string name(in::SeverityLabel(severity));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

void AppendBadge(std::string& out, Severity severity) {
  out += "<span class=\"badge sev-" + SeverityClass(severity) + "\">";
  out += in::SeverityLabel(severity);
  out += "</span>";
}

void AppendList(std::string& out, const std::vector<std::string>& items, std::string_view tag,
                std::string_view css_class = "") {
  out += "<";
  out += tag;
  if (!css_class.empty()) {
    out += " class=\"";
    out += css_class;
    out += "\"";
  }
  out += ">";
  for (const std::string& item : items) {
    out += "<li>";
    AppendText(out, item);
    out += "</li>";
  }
  out += "</";
  out += tag;
  out += ">\n";
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    AppendText(out, items[i]);
  }
  return out;
}

std::string Fixed(double value, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

void AppendCover(std::string& out, const ReportData& data) {
  out += "<header class=\"cover\">\n<h1>";
  AppendText(out, data.title.empty() ? "Evidence report" : data.title);
  out += "</h1>\n<dl class=\"meta\">";
  if (!data.person.empty()) out += "<dt>Prepared for</dt><dd>" + Text(data.person) + "</dd>";
  out += "<dt>Generated</dt><dd>" + Text(data.generated) + "</dd>";
  out += "<dt>Times shown in</dt><dd>" + Text(data.time_zone) + "</dd>";
  out += "<dt>Cases</dt><dd>" + in::FormatCount(static_cast<int64_t>(data.cases.size())) + "</dd>";
  out +=
      "<dt>Made by</dt><dd>stalkguard, from the evidence log with chain head <code "
      "class=\"hash\">" +
      Text(data.chain_head) + "</code></dd>";
  out += "</dl>\n";
  if (data.redacted) {
    out +=
        "<p class=\"note\"><strong>Redacted copy.</strong> Phone numbers and e-mail addresses of "
        "third parties were removed from the texts in this report.</p>\n";
  }
  if (!data.cases.empty()) {
    out +=
        "<table><thead><tr><th>Case</th><th>Severity</th><th>Incidents</th><th>Channels</th>"
        "</tr></thead><tbody>\n";
    for (size_t i = 0; i < data.cases.size(); ++i) {
      const ReportCase& c = data.cases[i];
      out += "<tr><td><a href=\"#case-" + std::to_string(i + 1) + "\">" + Text(c.title) +
             "</a></td><td>";
      AppendBadge(out, c.severity);
      out += "</td><td>" + in::FormatCount(c.incident_count) + "</td><td>" +
             Join(c.channels, ", ") + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  } else {
    out += "<p>No cases: nothing in the messages looked like harassment or stalking.</p>\n";
  }
  out += "</header>\n";
}

void AppendSummary(std::string& out, const ReportCase& c) {
  out += "<h3>Summary</h3>\n<table class=\"facts\"><tbody>\n";
  out += "<tr><th>Who</th><td>" + Text(c.title) + "</td></tr>\n";
  if (!c.identities.empty()) {
    out += "<tr><th>Known as</th><td>" + Join(c.identities, "<br>") + "</td></tr>\n";
  }
  const std::string period = in::PeriodLine(c.timeline);
  if (!period.empty()) out += "<tr><th>Period</th><td>" + Text(period) + "</td></tr>\n";
  out += "<tr><th>Incidents</th><td>" + in::FormatCount(c.incident_count) + "</td></tr>\n";
  if (!c.channels.empty()) {
    out += "<tr><th>Channels</th><td>" + Join(c.channels, ", ") + "</td></tr>\n";
  }
  out += "<tr><th>Severity</th><td>";
  AppendBadge(out, c.severity);
  out += " <span class=\"muted\">score " + Fixed(std::clamp(c.score, 0.0, 1.0), 2) +
         " of 1</span></td></tr>\n";
  if (!c.forms.empty()) {
    out += "<tr><th>Forms</th><td>" + Join(c.forms, ", ") + "</td></tr>\n";
  }
  out += "</tbody></table>\n";
  if (!c.reasons.empty()) {
    out += "<h4>Why this severity</h4>\n";
    AppendList(out, c.reasons, "ul");
  }
  if (!c.summary.empty()) {
    out += "<h4>Key facts</h4>\n";
    AppendList(out, c.summary, "ul");
  }
}

void AppendChart(std::string& out, const ReportCase& c) {
  out += "<h3>Contacts per day</h3>\n";
  if (c.timeline.empty()) {
    out += "<p class=\"muted\">No dated contacts.</p>\n";
    return;
  }
  const size_t days = c.timeline.size();
  int64_t max_total = 0;
  int64_t total = 0;
  for (const DayCount& day : c.timeline) {
    int64_t sum = 0;
    for (int64_t n : day.counts) sum += std::max<int64_t>(n, 0);
    max_total = std::max(max_total, sum);
    total += sum;
  }
  const in::AxisScale scale = in::NiceScale(max_total);
  constexpr double kWidth = 900, kHeight = 260;
  constexpr double kLeft = 48, kRight = 12, kTop = 10, kBottom = 34;
  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  // A few days get bars of a sensible width, not one bar across the chart.
  const double slot = std::min(plot_w / static_cast<double>(days), 40.0);
  // A small gap between bars while they are wide enough to see one; touching bars otherwise.
  const double gap = slot >= 4 ? slot * 0.15 : 0;
  const double unit = plot_h / static_cast<double>(scale.top);

  out += "<p class=\"muted\">" + in::FormatCount(total) + " contacts over " +
         Text(in::PeriodLine(c.timeline)) +
         ", stacked by the most severe finding of each contact.</p>\n";
  out +=
      "<figure class=\"chart\"><svg viewBox=\"0 0 900 260\" role=\"img\" "
      "aria-label=\"Contacts per day\">\n";
  for (int64_t v = 0; v <= scale.top; v += scale.step) {
    const double y = kTop + plot_h - static_cast<double>(v) * unit;
    out += "<line class=\"grid\" x1=\"" + Fixed(kLeft, 1) + "\" x2=\"" + Fixed(kWidth - kRight, 1) +
           "\" y1=\"" + Fixed(y, 1) + "\" y2=\"" + Fixed(y, 1) + "\"/>";
    out += "<text x=\"" + Fixed(kLeft - 6, 1) + "\" y=\"" + Fixed(y + 4, 1) +
           "\" text-anchor=\"end\">" + in::FormatCount(v) + "</text>\n";
  }
  for (size_t d = 0; d < days; ++d) {
    const DayCount& day = c.timeline[d];
    int64_t sum = 0;
    for (int64_t n : day.counts) sum += std::max<int64_t>(n, 0);
    if (sum == 0) continue;
    const double x = kLeft + static_cast<double>(d) * slot + gap / 2;
    out += "<g><title>" + Text(day.date) + ": " + in::FormatCount(sum) + " contacts";
    for (int b = kBandCount - 1; b >= 0; --b) {
      if (day.counts[b] > 0) {
        out +=
            ", " + in::FormatCount(day.counts[b]) + " " + Text(in::BandLabel(static_cast<Band>(b)));
      }
    }
    out += "</title>";
    double base = kTop + plot_h;
    for (int b = 0; b < kBandCount; ++b) {
      if (day.counts[b] <= 0) continue;
      const double h = static_cast<double>(day.counts[b]) * unit;
      base -= h;
      out += "<rect class=\"b" + std::to_string(b) + "\" x=\"" + Fixed(x, 2) + "\" y=\"" +
             Fixed(base, 2) + "\" width=\"" + Fixed(std::max(slot - gap, 0.5), 2) + "\" height=\"" +
             Fixed(h, 2) + "\"/>";
    }
    out += "</g>\n";
  }
  out += "<line class=\"axis\" x1=\"" + Fixed(kLeft, 1) + "\" x2=\"" + Fixed(kWidth - kRight, 1) +
         "\" y1=\"" + Fixed(kTop + plot_h, 1) + "\" y2=\"" + Fixed(kTop + plot_h, 1) + "\"/>\n";
  // A date label is about 70 units wide at this size; keep them from touching.
  // Labels fit the width the bars take, which is less than the plot's for a short timeline.
  const double used_w = slot * static_cast<double>(days);
  for (size_t d : in::DateLabelDays(days, static_cast<size_t>(used_w / 80))) {
    const double center = kLeft + (static_cast<double>(d) + 0.5) * slot;
    const double x = std::clamp(center, kLeft + 32, kWidth - kRight - 32);
    out += "<line class=\"axis\" x1=\"" + Fixed(center, 1) + "\" x2=\"" + Fixed(center, 1) +
           "\" y1=\"" + Fixed(kTop + plot_h, 1) + "\" y2=\"" + Fixed(kTop + plot_h + 4, 1) + "\"/>";
    out += "<text x=\"" + Fixed(x, 1) + "\" y=\"" + Fixed(kTop + plot_h + 18, 1) +
           "\" text-anchor=\"middle\">" + Text(c.timeline[d].date) + "</text>\n";
  }
  out += "</svg>\n<figcaption class=\"legend\">";
  for (int b = 0; b < kBandCount; ++b) {
    out += "<span><span class=\"sw b" + std::to_string(b) + "\"></span>" +
           Text(in::BandLabel(static_cast<Band>(b))) + "</span>";
  }
  out += "</figcaption></figure>\n";
}

void AppendAttachment(std::string& out, const ReportAttachment& a) {
  out += "<li>&#128206; <strong>" + Text(a.name.empty() ? "(no name)" : a.name) + "</strong>";
  out += " &middot; " + Text(a.mime_type.empty() ? "type not known" : a.mime_type);
  out += " &middot; " + Text(in::FormatSize(a.size));
  if (a.sha256.empty()) {
    out +=
        "<br><span class=\"muted\">SHA-256 not known: the export did not include the file.</span>";
  } else {
    out += "<br>SHA-256 <code class=\"hash\">" + Text(a.sha256) + "</code>";
  }
  out += "</li>";
}

void AppendIncidents(std::string& out, const ReportCase& c) {
  out += "<h3>Incidents</h3>\n";
  if (c.incidents.empty()) {
    out += "<p class=\"muted\">No incidents are listed for this case.</p>\n";
    return;
  }
  if (c.incident_count > static_cast<int64_t>(c.incidents.size())) {
    out += "<p class=\"note\">Showing " +
           in::FormatCount(static_cast<int64_t>(c.incidents.size())) + " of the " +
           in::FormatCount(c.incident_count) + " incidents in this case.</p>\n";
  }
  out +=
      "<table class=\"incidents\"><colgroup><col style=\"width:2.8rem\"><col "
      "style=\"width:7.5rem\">"
      "<col style=\"width:6.5rem\"><col style=\"width:10rem\"><col><col style=\"width:15rem\">"
      "</colgroup><thead><tr><th>#</th><th>When</th><th>Channel</th>"
      "<th>From</th><th>Message</th><th>Why flagged</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < c.incidents.size(); ++i) {
    const ReportIncident& inc = c.incidents[i];
    out += "<tr class=\"row-" + SeverityClass(inc.severity) + "\"><td>" + std::to_string(i + 1) +
           "</td><td class=\"mono\">" + Text(inc.when) + "</td><td>" + Text(inc.channel) +
           "</td><td>" + Text(inc.sender) + "</td><td>";
    if (!inc.subject.empty()) out += "<div class=\"subject\">" + Text(inc.subject) + "</div>";
    out += "<div class=\"msg\">";
    AppendHighlighted(out, inc.text, inc.highlights);
    out += "</div>";
    if (!inc.attachments.empty()) {
      out += "<ul class=\"att\">";
      for (const ReportAttachment& a : inc.attachments) AppendAttachment(out, a);
      out += "</ul>";
    }
    out += "</td><td>";
    AppendBadge(out, inc.severity);
    if (!inc.reasons.empty()) AppendList(out, inc.reasons, "ul", "reasons");
    if (!inc.event_id.empty()) {
      out += "<div class=\"event-id\">Event <code class=\"hash\">" + Text(inc.event_id) +
             "</code></div>";
    }
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n";
}

void AppendChecklist(std::string& out, const ReportCase& c) {
  out += "<h3>Stalking checklist (in the style of the S-DASH screen)</h3>\n";
  out +=
      "<p class=\"note\">Filled automatically from the evidence; the questions marked "
      "<em>Not known</em> are for the person and the officer to answer.</p>\n";
  if (c.checklist.empty()) {
    out += "<p class=\"muted\">No checklist for this case.</p>\n";
    return;
  }
  out +=
      "<table class=\"checklist\"><thead><tr><th>#</th><th>Question</th><th>Answer</th>"
      "<th>What the answer rests on</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < c.checklist.size(); ++i) {
    const ChecklistItem& item = c.checklist[i];
    const char* cls = item.answer == Answer::kYes  ? "ans-yes"
                      : item.answer == Answer::kNo ? "ans-no"
                                                   : "ans-unknown";
    out += "<tr><td>" + std::to_string(i + 1) + "</td><td>" + Text(item.question) +
           "</td><td class=\"ans " + cls + "\">" + Text(in::AnswerLabel(item.answer)) +
           "</td><td>" + Text(item.evidence) + "</td></tr>\n";
  }
  out += "</tbody></table>\n";
}

void AppendCase(std::string& out, const ReportCase& c, size_t number) {
  out += "<section class=\"case\" id=\"case-" + std::to_string(number) + "\">\n<h2>Case " +
         std::to_string(number) + ": " + Text(c.title) + " ";
  AppendBadge(out, c.severity);
  out += "</h2>\n";
  AppendSummary(out, c);
  AppendChart(out, c);
  AppendIncidents(out, c);
  out += "<h3>Recommended actions</h3>\n";
  if (c.actions.empty()) {
    out += "<p class=\"muted\">None.</p>\n";
  } else {
    AppendList(out, c.actions, "ol");
  }
  AppendChecklist(out, c);
  out += "</section>\n";
}

// The person's safety check-up: what to lock down, to fix first.
void AppendSafety(std::string& out, const ReportData& data) {
  if (data.safety.empty()) return;
  out += "<section class=\"safety\">\n<h2>Safety check-up</h2>\n";
  out +=
      "<p class=\"note\">What to lock down: passwords, what the person's own posts give away, "
      "links, the phone's apps and account settings. Items marked <em>Not known</em> need an "
      "answer or a check only the person can give.</p>\n";
  for (const SafetyItem& item : data.safety) {
    const char* cls = item.status == SafetyStatus::kFix  ? "ans-yes"
                      : item.status == SafetyStatus::kOk ? "ans-no"
                                                         : "ans-unknown";
    out += "<div class=\"safety-item\"><h3><span class=\"ans " + std::string(cls) + "\">" +
           Text(in::SafetyLabel(item.status)) + "</span> " + Text(item.area) + ": " +
           Text(item.title) + "</h3>\n<p>" + Text(item.summary) + "</p>\n";
    if (!item.evidence.empty()) AppendList(out, item.evidence, "ul", "reasons");
    if (!item.steps.empty()) AppendList(out, item.steps, "ol");
    out += "</div>\n";
  }
  out += "</section>\n";
}

void AppendIntegrity(std::string& out, const ReportData& data) {
  out +=
      "<section class=\"integrity\">\n<h2>Evidence integrity</h2>\n<table "
      "class=\"facts\"><tbody>\n";
  out += "<tr><th>Entries in the hash chain</th><td>" +
         in::FormatCount(static_cast<int64_t>(data.chain_entries)) + "</td></tr>\n";
  out += "<tr><th>Chain head (SHA-256)</th><td><code class=\"hash\">" + Text(data.chain_head) +
         "</code></td></tr>\n";
  out += "<tr><th>Evidence bundle</th><td>" +
         (data.bundle_path.empty()
              ? std::string("<span class=\"muted\">No bundle was exported with this report.</span>")
              : "<code class=\"hash\">" + Text(data.bundle_path) + "</code>") +
         "</td></tr>\n";
  if (!data.bundle_fingerprint.empty()) {
    out += "<tr><th>Bundle fingerprint</th><td><code class=\"hash\">" +
           Text(data.bundle_fingerprint) + "</code></td></tr>\n";
  }
  out += "<tr><th>Device key fingerprint</th><td><code class=\"hash\">" +
         Text(data.device_fingerprint) + "</code></td></tr>\n";
  out += "</tbody></table>\n";
  out += "<h4>How to check</h4>\n<p>Run <code class=\"hash\">" + Text(in::VerifyCommand(data)) +
         "</code>. It recomputes the hash chain over every record in the bundle and checks the "
         "signature of the device key. The evidence is unchanged since this report was made when "
         "it reports success and prints the same number of entries, chain head and "
         "fingerprints as above.</p>\n";
  if (data.redacted) {
    out +=
        "<p class=\"note\">This copy is redacted: phone numbers and e-mail addresses of third "
        "parties were removed from the texts shown here. The hash chain covers the original "
        "records.</p>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string RenderHtmlReport(const ReportData& data) {
  std::string out;
  size_t estimate = 16384;
  for (const ReportCase& c : data.cases) {
    for (const ReportIncident& inc : c.incidents) estimate += inc.text.size() + 600;
    estimate += c.timeline.size() * 200;
  }
  out.reserve(estimate);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"stalkguard\">\n<title>";
  AppendText(out, data.title.empty() ? "Evidence report" : data.title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
  AppendCover(out, data);
  for (size_t i = 0; i < data.cases.size(); ++i) AppendCase(out, data.cases[i], i + 1);
  AppendSafety(out, data);
  AppendIntegrity(out, data);
  out += "<footer>Made by stalkguard. Generated " + Text(data.generated) + ". Times are shown in " +
         Text(data.time_zone) + ".</footer>\n</body>\n</html>\n";
  return out;
}

Status WriteHtmlReport(const ReportData& data, const std::filesystem::path& path) {
  const std::string html = RenderHtmlReport(data);
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    if (!file) {
      return MakeError(ErrorCode::kIo, tmp.string() + ": cannot create: " + std::strerror(errno));
    }
    file.write(html.data(), static_cast<std::streamsize>(html.size()));
    file.close();
    if (!file) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return MakeError(ErrorCode::kIo, tmp.string() + ": write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return MakeError(ErrorCode::kIo, path.string() + ": cannot replace: " + ec.message());
  }
  return OkStatus();
}

}  // namespace stalkguard::report
