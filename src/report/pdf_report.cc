#include "report/pdf_report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "report/internal/render_common.h"

namespace stalkguard::report {
namespace {

namespace in = internal;

// A4 in PDF points (1/72 inch), with the margins the header and footer live in.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMarginX = 50;
constexpr double kContentTop = 60;
constexpr double kContentBottom = kPageHeight - 62;
constexpr double kContentWidth = kPageWidth - 2 * kMarginX;
constexpr double kHeaderBaseline = 40;
constexpr double kFooterTop = kPageHeight - 44;

struct Color {
  double r = 0;
  double g = 0;
  double b = 0;
};
constexpr Color kInk{.r = 0.11, .g = 0.11, .b = 0.12};
constexpr Color kMuted{.r = 0.37, .g = 0.39, .b = 0.41};
constexpr Color kRule{.r = 0.82, .g = 0.82, .b = 0.85};

Color ToColor(in::Rgb rgb) { return {.r = rgb.r / 255.0, .g = rgb.g / 255.0, .b = rgb.b / 255.0}; }

// Text colours of the severity labels: darker than the chart's bars, so they read on white.
Color SeverityInk(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return kMuted;
    case Severity::kWatch:
      return {.r = 0.55, .g = 0.42, .b = 0.0};
    case Severity::kWarning:
      return {.r = 0.78, .g = 0.36, .b = 0.0};
    case Severity::kDanger:
      return {.r = 0.78, .g = 0.16, .b = 0.16};
  }
  return kMuted;
}

// Whether `text` has a run of more than 200 bytes without a space or line break: far longer
// than a line, so only a pasted blob, a long URL or a scream of one letter.
bool HasLongRun(std::string_view text) {
  constexpr size_t kLongRun = 200;
  size_t run = 0;
  for (char c : text) {
    run = (c == ' ' || c == '\n' || c == '\t') ? 0 : run + 1;
    if (run > kLongRun) return true;
  }
  return false;
}

// Pango colours are 16 bits a channel.
guint16 Channel16(double v) { return static_cast<guint16>(std::clamp(v, 0.0, 1.0) * 65535.0); }

// Owns a PangoAttrList while a paragraph is built; the layout takes its own reference.
class Attrs {
 public:
  Attrs() : list_(pango_attr_list_new()) {}
  ~Attrs() { pango_attr_list_unref(list_); }
  Attrs(const Attrs&) = delete;
  Attrs& operator=(const Attrs&) = delete;

  void Add(PangoAttribute* attr, size_t begin, size_t end) {
    attr->start_index = static_cast<guint>(begin);
    attr->end_index = static_cast<guint>(end);
    pango_attr_list_insert(list_, attr);
  }
  void Bold(size_t begin, size_t end) { Add(pango_attr_weight_new(PANGO_WEIGHT_BOLD), begin, end); }
  void Ink(Color c, size_t begin, size_t end) {
    Add(pango_attr_foreground_new(Channel16(c.r), Channel16(c.g), Channel16(c.b)), begin, end);
  }
  void Mono(size_t begin, size_t end) {
    Add(pango_attr_family_new("DejaVu Sans Mono"), begin, end);
  }
  void Scale(double factor, size_t begin, size_t end) {
    Add(pango_attr_scale_new(factor), begin, end);
  }
  // A flagged span: a yellow background, and an underline that survives a black-and-white
  // printer, which turns the yellow into almost nothing.
  void Highlight(size_t begin, size_t end) {
    Add(pango_attr_background_new(0xFFFF, 0xE0E0, 0x6666), begin, end);
    Add(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), begin, end);
    Add(pango_attr_underline_color_new(0xB3B3, 0x8F8F, 0x0000), begin, end);
  }
  PangoAttrList* get() const { return list_; }

 private:
  PangoAttrList* list_;
};

// A paragraph under construction: text appended piece by piece with attributes recorded on the
// byte ranges of the pieces, so no markup (and no markup escaping) is ever involved.
struct Para {
  std::string text;
  Attrs attrs;

  // Appends model text (repaired) and returns its byte range.
  std::pair<size_t, size_t> Add(std::string_view s) {
    const size_t begin = text.size();
    text += in::CleanText(s);
    return {begin, text.size()};
  }
  // Appends our own fixed wording, which needs no repair.
  std::pair<size_t, size_t> Fixed(std::string_view s) {
    const size_t begin = text.size();
    text += s;
    return {begin, text.size()};
  }
  void AddBold(std::string_view s) {
    auto [b, e] = Fixed(s);
    attrs.Bold(b, e);
  }
};

struct Style {
  const PangoFontDescription* font = nullptr;
  Color color = kInk;
  double indent = 0;       // from the left margin, points
  double hang = 0;         // first line starts this far left of the rest (bullets, numbers)
  double space_after = 0;  // points below the paragraph
};

enum class Section { kCover, kSummary, kTimeline, kIncidents, kActions, kChecklist, kIntegrity };

class PdfWriter {
 public:
  PdfWriter(cairo_surface_t* surface, const ReportData& data) : surface_(surface), data_(data) {
    cr_ = cairo_create(surface_);
    // Pango's default of 96 dpi would make a "10 pt" font 13.3 PDF points; the PDF surface's
    // unit is the point, so lay out at 72. Metric hinting off keeps glyph positions exact.
    context_ = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_context_set_resolution(context_, 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(context_, FALSE);
    pango_cairo_update_context(cr_, context_);
    layout_ = NewLayout();
    aside_ = NewLayout();
    plain_attrs_ = pango_attr_list_new();
    pango_attr_list_insert(plain_attrs_, NoHyphens());

    body_ = pango_font_description_from_string("DejaVu Sans 9.5");
    small_ = pango_font_description_from_string("DejaVu Sans 8");
    title_ = pango_font_description_from_string("DejaVu Sans Bold 20");
    h2_ = pango_font_description_from_string("DejaVu Sans Bold 15");
    h3_ = pango_font_description_from_string("DejaVu Sans Bold 11.5");
    h4_ = pango_font_description_from_string("DejaVu Sans Bold 9.5");
  }

  ~PdfWriter() {
    for (PangoFontDescription* font : {body_, small_, title_, h2_, h3_, h4_}) {
      pango_font_description_free(font);
    }
    pango_attr_list_unref(plain_attrs_);
    g_object_unref(aside_);
    g_object_unref(layout_);
    g_object_unref(context_);
    cairo_destroy(cr_);
  }
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  cairo_status_t Render() {
    Cover();
    for (size_t i = 0; i < data_.cases.size(); ++i) CaseSections(data_.cases[i], i + 1);
    Safety();
    Integrity();
    cairo_show_page(cr_);
    return cairo_status(cr_);
  }

 private:
  static PangoAttribute* NoHyphens() {
    PangoAttribute* attr = pango_attr_insert_hyphens_new(FALSE);
    attr->start_index = PANGO_ATTR_INDEX_FROM_TEXT_BEGINNING;
    attr->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
    return attr;
  }

  PangoLayout* NewLayout() {
    PangoLayout* layout = pango_layout_new(context_);
    // Words longer than a line (URLs, hashes, a 3000-letter scream) break between characters.
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    return layout;
  }

  // Page furniture: a running header (report title, current case) and footer (generation
  // time, the start of the chain head, page number) on every page.
  void NewPage() {
    DrawBarSegment();
    if (page_ > 0) cairo_show_page(cr_);
    ++page_;
    const std::string title = in::CleanText(data_.title.empty() ? "Evidence report" : data_.title);
    DrawAside(title, small_, kMuted, kMarginX, kHeaderBaseline - 10, kContentWidth * 0.55,
              PANGO_ALIGN_LEFT);
    DrawAside(running_, small_, kMuted, kMarginX + kContentWidth * 0.45, kHeaderBaseline - 10,
              kContentWidth * 0.55, PANGO_ALIGN_RIGHT);
    Rule(kHeaderBaseline + 4, kRule);
    Rule(kFooterTop, kRule);
    std::string left = "Generated " + in::CleanText(data_.generated);
    if (!data_.chain_head.empty()) {
      left += "  ·  chain head " + in::CleanText(data_.chain_head.substr(0, 16)) + "…";
    }
    DrawAside(left, small_, kMuted, kMarginX, kFooterTop + 6, kContentWidth * 0.75,
              PANGO_ALIGN_LEFT);
    DrawAside("Page " + std::to_string(page_), small_, kMuted, kMarginX + kContentWidth * 0.75,
              kFooterTop + 6, kContentWidth * 0.25, PANGO_ALIGN_RIGHT);
    y_ = kContentTop;
    if (bar_) bar_top_ = y_;
  }

  // One line of page furniture or chart label, cut with an ellipsis when it does not fit.
  // Uses its own layout: it is drawn in the middle of a paragraph when a page breaks.
  void DrawAside(const std::string& text, const PangoFontDescription* font, Color color, double x,
                 double y, double width, PangoAlignment align) {
    pango_layout_set_font_description(aside_, font);
    pango_layout_set_width(aside_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_ellipsize(aside_, PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(aside_, align);
    pango_layout_set_attributes(aside_, nullptr);
    pango_layout_set_text(aside_, text.data(), static_cast<int>(text.size()));
    cairo_set_source_rgb(cr_, color.r, color.g, color.b);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, aside_);
  }

  void Rule(double y, Color color, double width = 0.6) {
    cairo_set_source_rgb(cr_, color.r, color.g, color.b);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, kMarginX, y);
    cairo_line_to(cr_, kMarginX + kContentWidth, y);
    cairo_stroke(cr_);
  }

  // Starts a new page unless `height` points still fit on this one: keeps a heading with the
  // first lines under it.
  void EnsureSpace(double height) {
    if (y_ + height > kContentBottom) NewPage();
  }
  void Skip(double points) { y_ = std::min(y_ + points, kContentBottom); }

  // Lays out one paragraph and draws it line by line, breaking to a new page between lines
  // whenever the next line would cross the bottom margin, so a paragraph of any length flows
  // over as many pages as it needs and nothing is drawn past the margin.
  void Paragraph(const std::string& text, const Style& style, PangoAttrList* attrs = nullptr) {
    const double width = std::max(kContentWidth - style.indent, 40.0);
    pango_layout_set_font_description(layout_, style.font);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    // A negative indent makes Pango start the first line `hang` points left of the others,
    // and a tab stop at `hang` lines the bullet's text up with them.
    pango_layout_set_indent(layout_, static_cast<int>(-style.hang * PANGO_SCALE));
    if (style.hang > 0) {
      PangoTabArray* tabs = pango_tab_array_new_with_positions(
          1, FALSE, PANGO_TAB_LEFT, static_cast<int>(style.hang * PANGO_SCALE));
      pango_layout_set_tabs(layout_, tabs);
      pango_tab_array_free(tabs);
    } else {
      pango_layout_set_tabs(layout_, nullptr);
    }
    // No hyphens where a long word or URL is broken across lines: a hyphen that is not in the
    // message would misquote it. (Pango's hyphen search also reshapes the word at every break,
    // which made a 500-letter word cost milliseconds.)
    if (attrs == nullptr) {
      attrs = plain_attrs_;
    } else {
      pango_attr_list_insert_before(attrs, NoHyphens());
    }
    pango_layout_set_attributes(layout_, attrs);
    // Pango 1.50 breaks an over-long word by trying its break points one by one and reshaping
    // the rest of the word each time: a 3000-letter word took 20 ms, a pasted 100 kB blob
    // would take minutes. Text with such a run wraps at any character instead, in linear time.
    pango_layout_set_wrap(layout_, HasLongRun(text) ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
    cairo_set_source_rgb(cr_, style.color.r, style.color.g, style.color.b);

    PangoLayoutIter* iter = pango_layout_get_iter(layout_);
    double origin = y_;  // where the layout's y = 0 lands on the current page
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      const double top = static_cast<double>(logical.y) / PANGO_SCALE;
      const double height = static_cast<double>(logical.height) / PANGO_SCALE;
      if (origin + top + height > kContentBottom && origin + top > kContentTop) {
        NewPage();
        cairo_set_source_rgb(cr_, style.color.r, style.color.g, style.color.b);
        origin = y_ - top;
      }
      const double baseline =
          static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
      cairo_move_to(cr_, kMarginX + style.indent + static_cast<double>(logical.x) / PANGO_SCALE,
                    origin + baseline);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
      y_ = origin + top + height;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    pango_layout_set_attributes(layout_, nullptr);
    Skip(style.space_after);
  }

  void Paragraph(Para& para, const Style& style) { Paragraph(para.text, style, para.attrs.get()); }

  void Text(std::string_view text, const Style& style) { Paragraph(in::CleanText(text), style); }

  void Heading(std::string_view text, const PangoFontDescription* font, double space_before,
               double keep_with) {
    Skip(space_before);
    EnsureSpace(keep_with);
    Text(text, {.font = font, .color = kInk, .indent = 0, .hang = 0, .space_after = 4});
  }

  void Bullets(const std::vector<std::string>& items, bool numbered) {
    for (size_t i = 0; i < items.size(); ++i) {
      Para para;
      para.Fixed(numbered ? std::to_string(i + 1) + ".\t" : "•\t");
      para.Add(items[i]);
      Paragraph(para, {.font = body_, .color = kInk, .indent = 4, .hang = 14, .space_after = 2});
    }
  }

  void Fact(std::string_view label, const std::string& value, bool mono = false) {
    Para para;
    para.AddBold(label);
    para.Fixed("  ");
    auto [b, e] = para.Add(value);
    if (mono) para.attrs.Mono(b, e);
    Paragraph(para, {.font = body_, .color = kInk, .indent = 0, .hang = 0, .space_after = 2.5});
  }

  void Note(std::string_view text) {
    Skip(2);
    const double top = y_;
    const int page = page_;
    Text(text, {.font = body_, .color = kInk, .indent = 10, .hang = 0, .space_after = 0});
    // The grey bar beside a note, on the part of it that ended up on this page.
    const double from = page == page_ ? top : kContentTop;
    cairo_set_source_rgb(cr_, 0.6, 0.63, 0.65);
    cairo_rectangle(cr_, kMarginX, from, 3, y_ - from);
    cairo_fill(cr_);
    Skip(6);
  }

  // A coloured bar down the left edge of an incident, drawn piece by piece as the incident
  // crosses pages.
  void OpenBar(Color color) {
    bar_ = true;
    bar_color_ = color;
    bar_top_ = y_;
  }
  void CloseBar() {
    DrawBarSegment();
    bar_ = false;
  }
  void DrawBarSegment() {
    if (!bar_) return;
    if (y_ > bar_top_) {
      cairo_set_source_rgb(cr_, bar_color_.r, bar_color_.g, bar_color_.b);
      cairo_rectangle(cr_, kMarginX, bar_top_, 3, y_ - bar_top_);
      cairo_fill(cr_);
    }
  }
  // NewPage closes the bar on the old page; this reopens it on the new one.
  struct BarScope {
    PdfWriter& w;
    BarScope(PdfWriter& writer, Color color) : w(writer) { w.OpenBar(color); }
    ~BarScope() { w.CloseBar(); }
    BarScope(const BarScope&) = delete;
    BarScope& operator=(const BarScope&) = delete;
  };

  void Outline(std::string_view name, int parent, int* id_out = nullptr) {
    const std::string clean = in::CleanText(name);
    char link[96];
    std::snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", page_, kMarginX,
                  std::max(y_ - 6, 0.0));
    const int id = cairo_pdf_surface_add_outline(surface_, parent, clean.c_str(), link,
                                                 static_cast<cairo_pdf_outline_flags_t>(0));
    if (id_out) *id_out = id;
  }

  void Cover() {
    running_ = "Summary";
    NewPage();
    Outline("Summary", CAIRO_PDF_OUTLINE_ROOT);
    Text(data_.title.empty() ? "Evidence report" : data_.title,
         {.font = title_, .color = kInk, .indent = 0, .hang = 0, .space_after = 10});
    if (!data_.person.empty()) Fact("Prepared for", data_.person);
    Fact("Generated", data_.generated);
    Fact("Times shown in", data_.time_zone);
    Fact("Cases", in::FormatCount(static_cast<int64_t>(data_.cases.size())));
    Skip(4);
    if (data_.redacted) {
      Note(
          "Redacted copy: phone numbers and e-mail addresses of third parties were removed from "
          "the texts in this report.");
    }
    Heading("Cases in this report", h3_, 10, 60);
    if (data_.cases.empty()) {
      Text("No cases: nothing in the messages looked like harassment or stalking.",
           {.font = body_, .color = kInk, .indent = 0, .hang = 0, .space_after = 4});
    }
    for (size_t i = 0; i < data_.cases.size(); ++i) {
      const ReportCase& c = data_.cases[i];
      Para para;
      para.Fixed(std::to_string(i + 1) + ".\t");
      auto [tb, te] = para.Add(c.title);
      para.attrs.Bold(tb, te);
      para.Fixed("  ");
      auto [sb, se] = para.Fixed(in::SeverityLabel(c.severity));
      para.attrs.Bold(sb, se);
      para.attrs.Ink(SeverityInk(c.severity), sb, se);
      para.Fixed("  ·  " + in::FormatCount(c.incident_count) +
                 (c.incident_count == 1 ? " incident" : " incidents"));
      if (!c.channels.empty()) para.Fixed("  ·  ");
      for (size_t k = 0; k < c.channels.size(); ++k) {
        if (k > 0) para.Fixed(", ");
        para.Add(c.channels[k]);
      }
      Paragraph(para, {.font = body_, .color = kInk, .indent = 0, .hang = 16, .space_after = 3});
    }
    Heading("How to read this report", h3_, 10, 60);
    Text(
        "Each case has a summary, a chart of contacts per day, every incident with the flagged "
        "words highlighted and the reasons they were flagged, recommended actions and a stalking "
        "checklist. The last section, Evidence integrity, says how to check that the evidence "
        "has not been changed since this report was made.",
        {.font = body_, .color = kInk, .indent = 0, .hang = 0, .space_after = 4});
  }

  void CaseSections(const ReportCase& c, size_t number) {
    running_ = "Case " + std::to_string(number) + ": " + in::CleanText(c.title);
    NewPage();
    int case_id = 0;
    Outline(running_, CAIRO_PDF_OUTLINE_ROOT, &case_id);
    {
      Para para;
      para.Fixed("Case " + std::to_string(number) + ": ");
      para.Add(c.title);
      para.Fixed("   ");
      auto [b, e] = para.Fixed(in::SeverityLabel(c.severity));
      para.attrs.Ink(SeverityInk(c.severity), b, e);
      Paragraph(para, {.font = h2_, .color = kInk, .indent = 0, .hang = 0, .space_after = 2});
      Rule(y_ + 1, kInk, 1.2);
      Skip(8);
    }
    Outline("Summary", case_id);
    Summary(c);
    Outline("Contacts per day", case_id);
    Chart(c);
    Outline("Incidents", case_id);
    Incidents(c);
    Heading("Recommended actions", h3_, 12, 50);
    Outline("Recommended actions", case_id);
    if (c.actions.empty()) {
      Text("None.", {.font = body_, .color = kMuted, .indent = 0, .hang = 0, .space_after = 2});
    }
    Bullets(c.actions, true);
    Checklist(c, case_id);
  }

  void Summary(const ReportCase& c) {
    Heading("Summary", h3_, 0, 60);
    Fact("Who", c.title);
    if (!c.identities.empty()) {
      std::string ids;
      for (size_t i = 0; i < c.identities.size(); ++i) {
        if (i > 0) ids += "; ";
        ids += c.identities[i];
      }
      Fact("Known as", ids);
    }
    const std::string period = in::PeriodLine(c.timeline);
    if (!period.empty()) Fact("Period", period);
    Fact("Incidents", in::FormatCount(c.incident_count));
    if (!c.channels.empty()) {
      std::string channels;
      for (size_t i = 0; i < c.channels.size(); ++i) {
        if (i > 0) channels += ", ";
        channels += c.channels[i];
      }
      Fact("Channels", channels);
    }
    {
      Para para;
      para.AddBold("Severity");
      para.Fixed("  ");
      auto [b, e] = para.Fixed(in::SeverityLabel(c.severity));
      para.attrs.Bold(b, e);
      para.attrs.Ink(SeverityInk(c.severity), b, e);
      char score[48];
      std::snprintf(score, sizeof score, "  (score %.2f of 1)", std::clamp(c.score, 0.0, 1.0));
      para.Fixed(score);
      Paragraph(para, {.font = body_, .color = kInk, .indent = 0, .hang = 0, .space_after = 2.5});
    }
    if (!c.forms.empty()) {
      std::string forms;
      for (size_t i = 0; i < c.forms.size(); ++i) {
        if (i > 0) forms += ", ";
        forms += c.forms[i];
      }
      Fact("Forms", forms);
    }
    if (!c.reasons.empty()) {
      Heading("Why this severity", h4_, 6, 40);
      Bullets(c.reasons, false);
    }
    if (!c.summary.empty()) {
      Heading("Key facts", h4_, 6, 40);
      Bullets(c.summary, false);
    }
  }

  // Contacts per day as stacked bars, one colour per Band, with a y axis of round numbers, a
  // date label as often as they fit, and a legend.
  void Chart(const ReportCase& c) {
    constexpr double kChartHeight = 150;
    constexpr double kAxisLeft = 34;
    constexpr double kLabelsBelow = 16;
    constexpr double kLegend = 18;
    Heading("Contacts per day", h3_, 12, kChartHeight + kLabelsBelow + kLegend + 40);
    if (c.timeline.empty()) {
      Text("No dated contacts.",
           {.font = body_, .color = kMuted, .indent = 0, .hang = 0, .space_after = 2});
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
    Text(in::FormatCount(total) + " contacts over " + in::PeriodLine(c.timeline) +
             ", stacked by the most severe finding of each contact.",
         {.font = small_, .color = kMuted, .indent = 0, .hang = 0, .space_after = 6});
    EnsureSpace(kChartHeight + kLabelsBelow + kLegend);

    const in::AxisScale scale = in::NiceScale(max_total);
    const double left = kMarginX + kAxisLeft;
    const double plot_w = kContentWidth - kAxisLeft;
    const double top = y_ + 4;
    const double bottom = y_ + kChartHeight;
    const double unit = (bottom - top) / static_cast<double>(scale.top);
    // A few days get bars of a sensible width, not one bar across the page.
    const double slot = std::min(plot_w / static_cast<double>(days), 24.0);
    const double gap = slot >= 3 ? slot * 0.15 : 0;

    cairo_set_line_width(cr_, 0.4);
    for (int64_t v = 0; v <= scale.top; v += scale.step) {
      const double y = bottom - static_cast<double>(v) * unit;
      cairo_set_source_rgb(cr_, 0.88, 0.88, 0.9);
      cairo_move_to(cr_, left, y);
      cairo_line_to(cr_, left + plot_w, y);
      cairo_stroke(cr_);
      DrawAside(in::FormatCount(v), small_, kMuted, kMarginX, y - 5, kAxisLeft - 4,
                PANGO_ALIGN_RIGHT);
    }
    // One path per band, filled once: 2000 days stay a handful of drawing operations.
    std::vector<double> base(days, bottom);
    for (int b = 0; b < kBandCount; ++b) {
      bool any = false;
      for (size_t d = 0; d < days; ++d) {
        const int64_t n = c.timeline[d].counts[b];
        if (n <= 0) continue;
        const double h = static_cast<double>(n) * unit;
        base[d] -= h;
        cairo_rectangle(cr_, left + static_cast<double>(d) * slot + gap / 2, base[d],
                        std::max(slot - gap, 0.3), h);
        any = true;
      }
      if (any) {
        const Color color = ToColor(in::BandColor(static_cast<Band>(b)));
        cairo_set_source_rgb(cr_, color.r, color.g, color.b);
        cairo_fill(cr_);
      }
    }
    cairo_set_source_rgb(cr_, 0.45, 0.45, 0.45);
    cairo_set_line_width(cr_, 0.6);
    cairo_move_to(cr_, left, bottom);
    cairo_line_to(cr_, left + plot_w, bottom);
    cairo_stroke(cr_);
    // A date is about 48 points wide at this size; leave room between labels.
    constexpr double kLabelWidth = 62;
    // Labels fit the width the bars take, which is less than the plot's for a short timeline.
    const double used_w = slot * static_cast<double>(days);
    for (size_t d : in::DateLabelDays(days, static_cast<size_t>(used_w / kLabelWidth))) {
      const double center = left + (static_cast<double>(d) + 0.5) * slot;
      cairo_move_to(cr_, center, bottom);
      cairo_line_to(cr_, center, bottom + 3);
      cairo_stroke(cr_);
      const double x = std::clamp(center - kLabelWidth / 2, kMarginX + kAxisLeft - 12,
                                  kMarginX + kContentWidth - kLabelWidth);
      DrawAside(in::CleanText(c.timeline[d].date), small_, kMuted, x, bottom + 4, kLabelWidth,
                PANGO_ALIGN_CENTER);
      cairo_set_source_rgb(cr_, 0.45, 0.45, 0.45);
    }
    double x = left;
    const double legend_y = bottom + kLabelsBelow + 4;
    for (int b = 0; b < kBandCount; ++b) {
      const Color color = ToColor(in::BandColor(static_cast<Band>(b)));
      cairo_set_source_rgb(cr_, color.r, color.g, color.b);
      cairo_rectangle(cr_, x, legend_y + 1.5, 8, 8);
      cairo_fill(cr_);
      DrawAside(std::string(in::BandLabel(static_cast<Band>(b))), small_, kInk, x + 11, legend_y,
                80, PANGO_ALIGN_LEFT);
      x += 90;
    }
    y_ = legend_y + kLegend;
  }

  void Incidents(const ReportCase& c) {
    Heading("Incidents", h3_, 12, 80);
    if (c.incidents.empty()) {
      Text("No incidents are listed for this case.",
           {.font = body_, .color = kMuted, .indent = 0, .hang = 0, .space_after = 2});
      return;
    }
    if (c.incident_count > static_cast<int64_t>(c.incidents.size())) {
      Note("Showing " + in::FormatCount(static_cast<int64_t>(c.incidents.size())) + " of the " +
           in::FormatCount(c.incident_count) + " incidents in this case.");
    }
    for (size_t i = 0; i < c.incidents.size(); ++i) Incident(c.incidents[i], i + 1);
  }

  void Incident(const ReportIncident& inc, size_t number) {
    // Keep an incident's heading with at least its first lines of text.
    EnsureSpace(56);
    Skip(2);
    BarScope bar(*this, ToColor(in::BandColor(in::BandOf(inc.severity))));
    constexpr double kIndent = 9;
    {
      Para para;
      auto [nb, ne] = para.Fixed(std::to_string(number) + ".  ");
      para.attrs.Bold(nb, ne);
      auto [wb, we] = para.Add(inc.when);
      para.attrs.Bold(wb, we);
      para.Fixed("   ");
      para.Add(inc.channel);
      para.Fixed("   ");
      auto [sb, se] = para.Fixed(in::SeverityLabel(inc.severity));
      para.attrs.Bold(sb, se);
      para.attrs.Ink(SeverityInk(inc.severity), sb, se);
      para.Fixed("\n");
      para.AddBold("From ");
      para.Add(inc.sender);
      if (!inc.subject.empty()) {
        para.Fixed("\n");
        para.AddBold("Subject ");
        para.Add(inc.subject);
      }
      Paragraph(para,
                {.font = body_, .color = kInk, .indent = kIndent, .hang = 0, .space_after = 2});
    }
    {
      const in::SafeText safe = in::PrepareText(inc.text, inc.highlights);
      Attrs attrs;
      for (const TextSpan& span : safe.spans) attrs.Highlight(span.begin, span.end);
      const std::string& text = safe.text.empty() ? kNoText : safe.text;
      Paragraph(text,
                {.font = body_, .color = kInk, .indent = kIndent + 6, .hang = 0, .space_after = 2},
                safe.text.empty() ? nullptr : attrs.get());
    }
    Para details;
    for (const std::string& reason : inc.reasons) {
      if (!details.text.empty()) details.Fixed("\n");
      details.Fixed("▸ ");
      details.Add(reason);
    }
    for (const ReportAttachment& a : inc.attachments) {
      if (!details.text.empty()) details.Fixed("\n");
      details.AddBold("Attachment ");
      details.Add(a.name.empty() ? "(no name)" : a.name);
      details.Fixed("  ·  ");
      details.Add(a.mime_type.empty() ? "type not known" : a.mime_type);
      details.Fixed("  ·  " + in::FormatSize(a.size) + "\n");
      if (a.sha256.empty()) {
        details.Fixed("SHA-256 not known: the export did not include the file.");
      } else {
        details.Fixed("SHA-256 ");
        auto [hb, he] = details.Add(a.sha256);
        details.attrs.Mono(hb, he);
      }
    }
    if (!inc.event_id.empty()) {
      if (!details.text.empty()) details.Fixed("\n");
      auto [eb, ee] = details.Fixed("Event ");
      details.attrs.Ink(kMuted, eb, ee);
      auto [ib, ie] = details.Add(inc.event_id);
      details.attrs.Mono(ib, ie);
      details.attrs.Ink(kMuted, ib, ie);
    }
    if (!details.text.empty()) {
      Paragraph(
          details,
          {.font = small_, .color = kInk, .indent = kIndent + 6, .hang = 0, .space_after = 0});
    }
    Skip(7);
  }

  void Checklist(const ReportCase& c, int case_id) {
    Heading("Stalking checklist (in the style of the S-DASH screen)", h3_, 14, 90);
    Outline("Stalking checklist", case_id);
    Note(
        "Filled automatically from the evidence; the questions marked Not known are for the "
        "person and the officer to answer.");
    if (c.checklist.empty()) {
      Text("No checklist for this case.",
           {.font = body_, .color = kMuted, .indent = 0, .hang = 0, .space_after = 2});
    }
    for (size_t i = 0; i < c.checklist.size(); ++i) {
      const ChecklistItem& item = c.checklist[i];
      EnsureSpace(36);
      Para question;
      question.Fixed(std::to_string(i + 1) + ".\t");
      question.Add(item.question);
      question.attrs.Bold(0, question.text.size());
      Paragraph(question,
                {.font = body_, .color = kInk, .indent = 0, .hang = 18, .space_after = 1});
      Para answer;
      auto [ab, ae] = answer.Fixed(in::AnswerLabel(item.answer));
      answer.attrs.Bold(ab, ae);
      const Color ink = item.answer == Answer::kYes  ? Color{.r = 0.72, .g = 0.11, .b = 0.11}
                        : item.answer == Answer::kNo ? Color{.r = 0.18, .g = 0.49, .b = 0.2}
                                                     : kMuted;
      answer.attrs.Ink(ink, ab, ae);
      if (!item.evidence.empty()) {
        answer.Fixed("  —  ");
        answer.Add(item.evidence);
      }
      Paragraph(answer, {.font = body_, .color = kInk, .indent = 18, .hang = 0, .space_after = 6});
    }
  }

  // The person's safety check-up, on pages of its own before the integrity page.
  void Safety() {
    if (data_.safety.empty()) return;
    running_ = "Safety check-up";
    NewPage();
    Outline("Safety check-up", CAIRO_PDF_OUTLINE_ROOT);
    Text("Safety check-up", {.font = h2_, .color = kInk, .indent = 0, .hang = 0, .space_after = 2});
    Rule(y_ + 1, kInk, 1.2);
    Skip(8);
    Note(
        "What to lock down: passwords, what the person's own posts give away, links, the phone's "
        "apps and account settings. Items marked Not known need an answer or a check only the "
        "person can give.");
    for (const SafetyItem& item : data_.safety) {
      EnsureSpace(48);
      Skip(4);
      Para heading;
      auto [sb, se] = heading.Fixed(in::SafetyLabel(item.status));
      heading.attrs.Ink(item.status == SafetyStatus::kFix  ? Color{.r = 0.72, .g = 0.11, .b = 0.11}
                        : item.status == SafetyStatus::kOk ? Color{.r = 0.18, .g = 0.49, .b = 0.2}
                                                           : kMuted,
                        sb, se);
      heading.Fixed("   ");
      heading.Add(item.area + ": " + item.title);
      heading.attrs.Bold(0, heading.text.size());
      Paragraph(heading, {.font = body_, .color = kInk, .indent = 0, .hang = 0, .space_after = 2});
      Text(item.summary, {.font = body_, .color = kInk, .indent = 0, .hang = 0, .space_after = 2});
      if (!item.evidence.empty()) Bullets(item.evidence, false);
      if (!item.steps.empty()) {
        Text("What to do:", {.font = h4_, .color = kInk, .indent = 0, .hang = 0, .space_after = 1});
        Bullets(item.steps, true);
      }
    }
  }

  void Integrity() {
    running_ = "Evidence integrity";
    NewPage();
    Outline("Evidence integrity", CAIRO_PDF_OUTLINE_ROOT);
    Text("Evidence integrity",
         {.font = h2_, .color = kInk, .indent = 0, .hang = 0, .space_after = 2});
    Rule(y_ + 1, kInk, 1.2);
    Skip(8);
    Fact("Entries in the hash chain", in::FormatCount(static_cast<int64_t>(data_.chain_entries)));
    Fact("Chain head (SHA-256)", data_.chain_head, true);
    if (data_.bundle_path.empty()) {
      Fact("Evidence bundle", "No bundle was exported with this report.");
    } else {
      Fact("Evidence bundle", data_.bundle_path, true);
    }
    if (!data_.bundle_fingerprint.empty()) {
      Fact("Bundle fingerprint", data_.bundle_fingerprint, true);
    }
    Fact("Device key fingerprint", data_.device_fingerprint, true);
    Heading("How to check", h4_, 8, 50);
    {
      Para para;
      para.Fixed("Run ");
      auto [b, e] = para.Add(in::VerifyCommand(data_));
      para.attrs.Mono(b, e);
      para.Fixed(
          ". It recomputes the hash chain over every record in the bundle and checks the "
          "signature of the device key. The evidence is unchanged since this report was made "
          "when it reports success and prints the same number of entries, chain head and "
          "fingerprints as above.");
      Paragraph(para, {.font = body_, .color = kInk, .indent = 0, .hang = 0, .space_after = 6});
    }
    if (data_.redacted) {
      Note(
          "This copy is redacted: phone numbers and e-mail addresses of third parties were "
          "removed from the texts shown here. The hash chain covers the original records.");
    }
  }

  static inline const std::string kNoText = "(no text)";

  cairo_surface_t* surface_;
  const ReportData& data_;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
  PangoLayout* layout_ = nullptr;         // every paragraph of the body
  PangoLayout* aside_ = nullptr;          // header, footer and chart labels
  PangoAttrList* plain_attrs_ = nullptr;  // for paragraphs without attributes of their own
  PangoFontDescription* body_ = nullptr;
  PangoFontDescription* small_ = nullptr;
  PangoFontDescription* title_ = nullptr;
  PangoFontDescription* h2_ = nullptr;
  PangoFontDescription* h3_ = nullptr;
  PangoFontDescription* h4_ = nullptr;
  int page_ = 0;
  double y_ = kContentTop;
  std::string running_;  // what the page header names on the right
  bool bar_ = false;
  Color bar_color_;
  double bar_top_ = 0;
};

// "2026-11-29 10:42 Europe/London" -> "2026-11-29T10:42:00": PDF viewers show the creation
// date, and it should be the time the report says it was made, not the time of writing.
std::string CreateDate(std::string_view generated) {
  static constexpr std::string_view kShape = "dddd-dd-dd dd:dd";
  if (generated.size() < kShape.size()) return "";
  for (size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(generated[i])) != 0;
    if ((kShape[i] == 'd') != digit) return "";
    if (kShape[i] != 'd' && generated[i] != kShape[i]) return "";
  }
  std::string out(generated.substr(0, 10));
  out += 'T';
  out += generated.substr(11, 5);
  out += ":00";
  return out;
}

}  // namespace

Status WritePdfReport(const ReportData& data, const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  cairo_surface_t* surface = cairo_pdf_surface_create(tmp.c_str(), kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return MakeError(ErrorCode::kIo, tmp.string() + ": cannot create the PDF: " + why);
  }
  const std::string title = in::CleanText(data.title.empty() ? "Evidence report" : data.title);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "stalkguard");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "stalkguard");
  const std::string created = CreateDate(data.generated);
  if (!created.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  }

  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  {
    PdfWriter writer(surface, data);
    status = writer.Render();
  }
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  std::error_code ec;
  if (status != CAIRO_STATUS_SUCCESS) {
    std::filesystem::remove(tmp, ec);
    const ErrorCode code =
        status == CAIRO_STATUS_WRITE_ERROR ? ErrorCode::kIo : ErrorCode::kInternal;
    return MakeError(code,
                     path.string() + ": writing the PDF failed: " + cairo_status_to_string(status));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return MakeError(ErrorCode::kIo, path.string() + ": cannot replace: " + ec.message());
  }
  return OkStatus();
}

}  // namespace stalkguard::report
