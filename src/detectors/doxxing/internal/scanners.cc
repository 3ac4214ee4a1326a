#include "detectors/doxxing/internal/scanners.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "text/normalizer.h"

namespace stalkguard::detect::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
char Upper(char c) { return IsLower(c) ? static_cast<char>(c - ('a' - 'A')) : c; }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }

// Word boundaries look at ASCII only: a byte of a UTF-8 sequence next to a code counts as a
// boundary, which is what "LS6 2AB…" needs.
bool BoundaryBefore(std::string_view s, size_t i) { return i == 0 || !IsAlnum(s[i - 1]); }
bool BoundaryAfter(std::string_view s, size_t i) { return i >= s.size() || !IsAlnum(s[i]); }

bool ContainsIgnoreCase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && Lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

int DigitsValue(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// IBAN lengths by country (SWIFT IBAN registry). A code that is not here is not an IBAN, which
// keeps "AB12..." order numbers out even when they pass mod-97 by chance (1 in 97).
struct IbanLength {
  char country[3];
  uint8_t length;
};
constexpr IbanLength kIbanLengths[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27},
    {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
    {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20},
    {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24},
    {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24}, {"SC", 31},
    {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24},
    {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
};

size_t IbanLengthFor(char a, char b) {
  for (const IbanLength& e : kIbanLengths)
    if (e.country[0] == a && e.country[1] == b) return e.length;
  return 0;
}

// Letters allowed at each position of a UK postcode (Royal Mail's rules).
constexpr std::string_view kPostcodeFirst = "ABCDEFGHIJKLMNOPRSTUWYZ";   // not Q V X
constexpr std::string_view kPostcodeSecond = "ABCDEFGHKLMNOPQRSTUVWXY";  // not I J Z
constexpr std::string_view kPostcodeThird = "ABCDEFGHJKPSTUW";           // A9A
constexpr std::string_view kPostcodeFourth = "ABEHMNPRVWXY";             // AA9A
constexpr std::string_view kPostcodeInward = "ABDEFGHJLNPQRSTUWXYZ";     // not C I K M O V

// Street suffixes. "Strong" ones are street words in any case; "weak" ones are everyday words
// too ("a great view", "the park"), so they count only when the name before them is
// capitalised as written: "12 Rose Hill", not "2 big hill".
constexpr std::string_view kStrongSuffixes[] = {
    "street", "st",      "road",  "rd",   "lane",    "ln",        "avenue",
    "ave",    "av",      "drive", "dr",   "blvd",    "boulevard", "crescent",
    "cres",   "terrace", "tce",   "terr", "gardens", "gdns",      "mews",
};
constexpr std::string_view kWeakSuffixes[] = {
    "close", "cl",      "court", "ct",      "place",  "pl",     "square", "sq",      "grove",
    "way",   "walk",    "row",   "hill",    "parade", "pde",    "rise",   "view",    "green",
    "park",  "highway", "hwy",   "parkway", "pkwy",   "circle", "cir",    "trail",   "trl",
    "plaza", "alley",   "path",  "gate",    "vale",   "wharf",  "yard",   "heights", "hts",
};
// Words that cannot be part of a street's name, so that "5 minutes drive", "2 hour drive",
// "3 of the road" and "10 more lanes" are not addresses.
constexpr std::string_view kStreetStopWords[] = {
    "the",    "a",       "an",      "and",     "or",     "of",     "in",     "on",      "at",
    "to",     "for",     "from",    "by",      "with",   "my",     "your",   "his",     "her",
    "their",  "our",     "its",     "is",      "are",    "was",    "were",   "be",      "this",
    "that",   "these",   "those",   "there",   "here",   "it",     "i",      "you",     "he",
    "she",    "we",      "they",    "me",      "him",    "us",     "them",   "all",     "more",
    "most",   "less",    "some",    "any",     "many",   "few",    "other",  "another", "next",
    "last",   "first",   "minute",  "minutes", "min",    "mins",   "hour",   "hours",   "hr",
    "hrs",    "day",     "days",    "week",    "weeks",  "month",  "months", "year",    "years",
    "second", "seconds", "sec",     "secs",    "time",   "times",  "mile",   "miles",   "km",
    "kms",    "metre",   "metres",  "meter",   "meters", "people", "kids",   "cars",    "am",
    "pm",     "percent", "pounds",  "dollars", "quid",   "bucks",  "x",      "lap",     "laps",
    "lanes",  "roads",   "streets", "way",     "ways",   "new",    "old",    "big",     "small",
};

template <size_t N>
bool InList(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

constexpr std::string_view kMonths[] = {
    "january",   "february", "march",    "april",    "may",  "june", "july", "august",
    "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
    "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec",
};

// "lives at" and its kin: the words before someone gives an address.
constexpr std::string_view kAddressCues[] = {
    "lives at",    "living at",   "lives on",     "stays at",    "staying at",
    "address is",  "address:",    "home address", "addy is",     "house is on",
    "house is at", "postcode is", "post code is", "zip code is", "lives in flat",
};
// Words that introduce a date of birth. "born" also covers "born on".
constexpr std::string_view kBirthCues[] = {
    "date of birth", "dob", "d.o.b", "born", "birthday is", "birthday:", "bday is",
};

}  // namespace

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) return false;
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool IbanValid(std::string_view compact) {
  if (compact.size() < 15 || compact.size() > 34) return false;
  if (!IsUpper(compact[0]) || !IsUpper(compact[1]) || !IsDigit(compact[2]) ||
      !IsDigit(compact[3])) {
    return false;
  }
  if (IbanLengthFor(compact[0], compact[1]) != compact.size()) return false;
  // ISO 13616: move the first four characters to the end, read letters as 10..35, and the
  // number must leave 1 when divided by 97. Done digit by digit to stay in an int.
  int rest = 0;
  for (size_t k = 0; k < compact.size(); ++k) {
    const char c = compact[(k + 4) % compact.size()];
    if (IsDigit(c)) {
      rest = (rest * 10 + (c - '0')) % 97;
    } else if (IsUpper(c)) {
      rest = (rest * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return rest == 1;
}

bool NationalInsuranceValid(std::string_view compact) {
  if (compact.size() != 9) return false;
  const char a = compact[0];
  const char b = compact[1];
  if (!IsUpper(a) || !IsUpper(b)) return false;
  if (std::string_view("DFIQUV").find(a) != std::string_view::npos) return false;
  if (std::string_view("DFIOQUV").find(b) != std::string_view::npos) return false;
  for (std::string_view bad : {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
    if (compact.substr(0, 2) == bad) return false;
  for (size_t i = 2; i < 8; ++i)
    if (!IsDigit(compact[i])) return false;
  return compact[8] >= 'A' && compact[8] <= 'D';
}

bool SsnValid(std::string_view digits) {
  if (digits.size() != 9) return false;
  for (char c : digits)
    if (!IsDigit(c)) return false;
  const int area = DigitsValue(digits.substr(0, 3));
  const int group = DigitsValue(digits.substr(3, 2));
  const int serial = DigitsValue(digits.substr(5, 4));
  if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) return false;
  // Printed on sample cards and in advertisements, then used by thousands of people.
  for (std::string_view known : {"078051120", "219099999", "457555462"})
    if (digits == known) return false;
  return true;
}

bool CardPrefixValid(std::string_view d) {
  const size_t n = d.size();
  if (n < 13 || n > 19) return false;
  const int p2 = DigitsValue(d.substr(0, 2));
  const int p3 = DigitsValue(d.substr(0, 3));
  const int p4 = DigitsValue(d.substr(0, 4));
  if (d[0] == '4') return n == 13 || n == 16 || n == 19;                             // Visa
  if (p2 >= 51 && p2 <= 55) return n == 16;                                          // Mastercard
  if (p4 >= 2221 && p4 <= 2720) return n == 16;                                      // Mastercard
  if (p2 == 34 || p2 == 37) return n == 15;                                          // Amex
  if (p4 >= 3528 && p4 <= 3589) return n >= 16;                                      // JCB
  if (p2 == 36 || p2 == 38 || p2 == 39 || (p3 >= 300 && p3 <= 305)) return n >= 14;  // Diners
  if (d[0] == '6')
    return n >= 16 || (n >= 13 && p2 != 60 && p2 != 64 && p2 != 65);  // Discover,
                                                                      // Maestro
  if (p2 == 50 || (p2 >= 56 && p2 <= 58)) return true;                // Maestro
  return false;
}

size_t MatchUkPostcode(std::string_view s, size_t i, bool allow_lower, std::string* canonical) {
  const size_t n = s.size();
  if (i >= n || !IsAlpha(s[i])) return 0;
  const bool upper = IsUpper(s[i]);
  if (!upper && !allow_lower) return 0;
  auto letter = [&](size_t k, std::string_view allowed) {
    return k < n && IsAlpha(s[k]) && IsUpper(s[k]) == upper &&
           allowed.find(Upper(s[k])) != std::string_view::npos;
  };
  auto digit = [&](size_t k) { return k < n && IsDigit(s[k]); };
  if (!letter(i, kPostcodeFirst)) return 0;
  const bool two_letters = letter(i + 1, kPostcodeSecond);
  if (!upper && !two_letters) return 0;
  size_t q = i + (two_letters ? 2 : 1);
  if (!digit(q)) return 0;
  ++q;
  // The outward code may have one more character (a digit, or a letter in A9A and AA9A forms);
  // try the longer form first and fall back, so that "LS62AB" is "LS6 2AB".
  size_t outward_ends[2] = {0, q};
  if (digit(q) || letter(q, two_letters ? kPostcodeFourth : kPostcodeThird))
    outward_ends[0] = q + 1;
  for (size_t outward_end : outward_ends) {
    if (outward_end == 0) continue;
    size_t r = outward_end;
    if (r < n && s[r] == ' ') ++r;
    if (!digit(r) || !letter(r + 1, kPostcodeInward) || !letter(r + 2, kPostcodeInward)) continue;
    const size_t end = r + 3;
    if (!BoundaryAfter(s, end)) continue;
    if (!upper && (s.substr(r + 1, 2) == "am" || s.substr(r + 1, 2) == "pm")) continue;
    if (canonical != nullptr) {
      canonical->clear();
      for (size_t k = i; k < outward_end; ++k) *canonical += Upper(s[k]);
      *canonical += ' ';
      for (size_t k = r; k < end; ++k) *canonical += Upper(s[k]);
    }
    return end;
  }
  return 0;
}

void FindDigitRuns(std::string_view s, std::vector<DigitRun>& runs,
                   std::vector<DigitGroup>& groups) {
  runs.clear();
  groups.clear();
  const size_t n = s.size();
  auto is_sep = [](char c) {
    return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
  };
  size_t i = 0;
  while (i < n) {
    const char c = s[i];
    size_t first_digit;
    if (IsDigit(c)) {
      first_digit = i;
    } else if ((c == '+' || c == '(') && i + 1 < n && IsDigit(s[i + 1])) {
      first_digit = i + 1;
    } else {
      ++i;
      continue;
    }
    DigitRun run;
    run.begin = i;
    run.first_group = groups.size();
    size_t j = first_digit;
    char sep = 0;
    while (true) {
      const size_t group_begin = j;
      while (j < n && IsDigit(s[j])) ++j;
      groups.push_back({group_begin, j, sep});
      run.digits += j - group_begin;
      // Separators between groups: one or two of " -./()", as in "(0113) 496", "+44 (0)7700";
      // never two spaces, which end a number.
      size_t k = j;
      int spaces = 0;
      while (k < n && k - j < 3 && is_sep(s[k])) {
        if (s[k] == ' ') ++spaces;
        ++k;
      }
      if (k == j || k >= n || !IsDigit(s[k]) || spaces > 1) break;
      sep = k - j == 1 ? s[j] : '*';
      j = k;
    }
    run.end = j;
    run.group_count = groups.size() - run.first_group;
    runs.push_back(run);
    i = j;
  }
}

void ScanCardsAndSsns(std::string_view s, const std::vector<DigitRun>& runs,
                      const std::vector<DigitGroup>& groups, std::vector<PiiMatch>& out) {
  std::string digits;
  for (const DigitRun& run : runs) {
    const size_t first = run.first_group;
    const size_t last = first + run.group_count;  // one past
    if (run.digits >= 13) {
      // Cards: consecutive groups with one separator throughout (or none), 13-19 digits,
      // grouped as cards are printed: fours, or Amex/Diners 4-6-5 and 4-6-4.
      for (size_t g = first; g < last; ++g) {
        if (!BoundaryBefore(s, groups[g].begin) || (g == first && run.begin != groups[g].begin))
          continue;
        char uniform = 0;
        digits.clear();
        for (size_t e = g; e < last; ++e) {
          if (e > g) {
            const char sep = groups[e].sep_before;
            if (sep != ' ' && sep != '-') break;
            if (uniform == 0) uniform = sep;
            if (sep != uniform) break;
          }
          digits.append(s.substr(groups[e].begin, groups[e].end - groups[e].begin));
          if (digits.size() > 19) break;
          if (digits.size() < 13) continue;
          // The window must not be the middle of a longer run written the same way.
          if (g > first && uniform != 0 && groups[g].sep_before == uniform) break;
          if (e + 1 < last && groups[e + 1].sep_before == (uniform ? uniform : '\1')) continue;
          if (!BoundaryAfter(s, groups[e].end)) continue;
          bool grouped = e == g;
          if (!grouped) {
            std::array<size_t, 8> sizes{};
            const size_t count = e - g + 1;
            if (count <= sizes.size()) {
              for (size_t k = 0; k < count; ++k) sizes[k] = groups[g + k].end - groups[g + k].begin;
              grouped = true;
              for (size_t k = 0; k + 1 < count; ++k) grouped = grouped && sizes[k] == 4;
              grouped = grouped && sizes[count - 1] >= 1 && sizes[count - 1] <= 4;
              if (count == 3 && sizes[0] == 4 && sizes[1] == 6 && (sizes[2] == 5 || sizes[2] == 4))
                grouped = true;
            }
          }
          if (grouped && CardPrefixValid(digits) && LuhnValid(digits)) {
            out.push_back({PiiKind::kPaymentCard, {groups[g].begin, groups[e].end}, false, digits});
            g = e;
            break;
          }
        }
      }
    }
    // SSNs: "123-45-6789" on its own; "123 45 6789" and "123456789" only after "SSN" or
    // "social security", as spaced and bare nine-digit numbers are everywhere.
    if (run.begin != groups[first].begin || !BoundaryBefore(s, run.begin) ||
        !BoundaryAfter(s, run.end) || run.digits != 9) {
      continue;
    }
    const size_t from = run.begin > 40 ? run.begin - 40 : 0;
    const std::string_view before = s.substr(from, run.begin - from);
    const bool cue = ContainsIgnoreCase(before, "ssn") || ContainsIgnoreCase(before, "social sec");
    bool shape = false;
    if (run.group_count == 3) {
      const char sep = groups[first + 1].sep_before;
      shape = groups[first].end - groups[first].begin == 3 &&
              groups[first + 1].end - groups[first + 1].begin == 2 &&
              groups[first + 2].sep_before == sep && (sep == '-' || (sep == ' ' && cue));
    } else if (run.group_count == 1) {
      shape = cue;
    }
    if (!shape) continue;
    digits.clear();
    for (size_t g = first; g < last; ++g)
      digits.append(s.substr(groups[g].begin, groups[g].end - groups[g].begin));
    if (SsnValid(digits)) out.push_back({PiiKind::kSsn, {run.begin, run.end}, false, digits});
  }
}

void ScanCodes(std::string_view s, std::vector<PiiMatch>& out) {
  const size_t n = s.size();
  std::string compact;
  for (size_t i = 0; i + 1 < n; ++i) {
    if (!IsAlpha(s[i]) || !BoundaryBefore(s, i)) continue;
    // Every code here has a digit in its second or third place: a cheap filter for words.
    // ("AB 12 34 56 C" has it in its fourth.)
    if (!IsDigit(s[i + 1]) &&
        !(IsAlpha(s[i + 1]) && i + 2 < n &&
          (IsDigit(s[i + 2]) || (s[i + 2] == ' ' && i + 3 < n && IsDigit(s[i + 3]))))) {
      continue;
    }

    // IBAN: "GB82 WEST 1234 5698 7654 32" or written without spaces.
    if (const size_t length = IbanLengthFor(Upper(s[i]), Upper(s[i + 1]));
        length != 0 && i + 3 < n && IsDigit(s[i + 2]) && IsDigit(s[i + 3])) {
      compact.clear();
      size_t j = i;
      while (compact.size() < length && j < n) {
        if (IsAlnum(s[j])) {
          compact += Upper(s[j++]);
        } else if (s[j] == ' ' && compact.size() % 4 == 0 && j + 1 < n && IsAlnum(s[j + 1])) {
          ++j;
        } else {
          break;
        }
      }
      if (compact.size() == length && BoundaryAfter(s, j) && IbanValid(compact)) {
        out.push_back({PiiKind::kIban, {i, j}, false, compact});
        i = j;
        continue;
      }
    }

    // National Insurance: "AB123456C", "AB 12 34 56 C".
    if (IsAlpha(s[i + 1])) {
      compact.clear();
      compact += Upper(s[i]);
      compact += Upper(s[i + 1]);
      size_t j = i + 2;
      for (int pair = 0; pair < 3; ++pair) {
        if (j < n && s[j] == ' ') ++j;
        if (j + 1 < n && IsDigit(s[j]) && IsDigit(s[j + 1])) {
          compact += s[j];
          compact += s[j + 1];
          j += 2;
        }
      }
      if (compact.size() == 8) {
        if (j < n && s[j] == ' ') ++j;
        if (j < n && IsAlpha(s[j])) {
          compact += Upper(s[j++]);
          if (BoundaryAfter(s, j) && NationalInsuranceValid(compact)) {
            out.push_back({PiiKind::kNationalInsurance, {i, j}, false, compact});
            i = j;
            continue;
          }
        }
      }
    }

    std::string canonical;
    if (const size_t end = MatchUkPostcode(s, i, true, &canonical); end != 0) {
      out.push_back({PiiKind::kPostcode, {i, end}, false, std::move(canonical)});
      i = end;
    }
  }
}

void ScanEmails(std::string_view s, std::vector<PiiMatch>& out) {
  auto local_char = [](char c) {
    return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  };
  auto domain_char = [](char c) { return IsAlnum(c) || c == '.' || c == '-'; };
  size_t at = s.find('@');
  size_t done = 0;  // bytes before this were part of a match
  while (at != std::string_view::npos) {
    size_t begin = at;
    while (begin > done && local_char(s[begin - 1])) --begin;
    while (begin < at && s[begin] == '.') ++begin;
    size_t end = at + 1;
    while (end < s.size() && domain_char(s[end])) ++end;
    while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;
    const std::string_view domain = s.substr(at + 1, end - at - 1);
    const size_t dot = domain.rfind('.');
    bool ok = begin < at && dot != std::string_view::npos && dot > 0 &&
              domain.find("..") == std::string_view::npos && domain.size() - dot - 1 >= 2;
    for (size_t k = dot + 1; ok && k < domain.size(); ++k) ok = IsAlpha(domain[k]);
    if (ok) {
      std::string value(s.substr(begin, end - begin));
      for (char& c : value) c = Lower(c);
      out.push_back({PiiKind::kEmail, {begin, end}, false, std::move(value)});
      done = end;
    }
    at = s.find('@', std::max(at + 1, done));
  }
}

void ScanStreetAddresses(std::string_view s, std::vector<PiiMatch>& out) {
  const size_t n = s.size();
  char word[24];
  for (size_t i = 0; i < n; ++i) {
    if (!IsDigit(s[i]) || !BoundaryBefore(s, i)) continue;
    // Not a price, a time, a fraction, a version or part of a longer number: "£12", "10:30",
    // "1/2", "v1.2", "#3". '\xA3' and '\xAC' end "£" and "€" in UTF-8.
    if (i > 0 && std::string_view(":.$#/-+,\xA3\xAC").find(s[i - 1]) != std::string_view::npos)
      continue;
    size_t j = i;
    while (j < n && IsDigit(s[j]) && j - i < 6) ++j;
    if (j - i > 5 || (j < n && IsDigit(s[j]))) {
      while (i < n && IsDigit(s[i])) ++i;
      continue;
    }
    if (j < n && IsAlpha(s[j]) && BoundaryAfter(s, j + 1)) ++j;  // "221B"
    if (!BoundaryAfter(s, j)) continue;
    if (j < n && (s[j] == ':' || s[j] == '%' || s[j] == '/')) continue;
    if (j + 1 < n && s[j] == '.' && IsDigit(s[j + 1])) continue;
    if (j < n && s[j] == ',') ++j;
    if (j >= n || s[j] != ' ') continue;
    ++j;
    int names = 0;
    bool capitalised = true;
    while (j < n && names <= 4) {
      size_t w = j;
      while (w < n && (IsAlpha(s[w]) || (s[w] == '\'' && w > j && w + 1 < n && IsAlpha(s[w + 1]))))
        ++w;
      if (w == j || w - j >= sizeof word || !BoundaryAfter(s, w)) break;
      for (size_t k = j; k < w; ++k) word[k - j] = Lower(s[k]);
      const std::string_view lower(word, w - j);
      const bool cap = IsUpper(s[j]);
      if (names > 0) {
        const bool strong = InList(kStrongSuffixes, lower);
        if (strong || (InList(kWeakSuffixes, lower) && capitalised && cap)) {
          out.push_back({PiiKind::kAddress, {i, w}, false, std::string(s.substr(i, w - i))});
          break;
        }
      }
      if (InList(kStreetStopWords, lower)) break;
      capitalised = capitalised && cap;
      ++names;
      if (w >= n || s[w] != ' ') break;
      j = w + 1;
    }
  }
}

namespace {

// Normalised text is lower case with single spaces, which keeps these parsers short.
bool WordAt(std::string_view t, size_t i, std::string_view w) {
  return t.substr(i, w.size()) == w && BoundaryBefore(t, i) &&
         (w.back() == ':' || BoundaryAfter(t, i + w.size()));
}

size_t SkipDigits(std::string_view t, size_t i, size_t max, size_t* count) {
  size_t j = i;
  while (j < t.size() && IsDigit(t[j]) && j - i < max) ++j;
  *count = j - i;
  return j;
}

// A month name at t[i] ending at a word boundary (an abbreviation may carry a '.'): its end.
size_t MonthAt(std::string_view t, size_t i) {
  for (std::string_view m : kMonths) {
    if (t.substr(i, m.size()) == m && BoundaryAfter(t, i + m.size())) {
      size_t end = i + m.size();
      if (end < t.size() && t[end] == '.') ++end;
      return end;
    }
  }
  return 0;
}

// A day of the month with an optional ordinal ending: "3", "03", "3rd": its end, or 0.
size_t DayAt(std::string_view t, size_t i) {
  size_t count;
  size_t j = SkipDigits(t, i, 3, &count);
  if (count == 0 || count > 2) return 0;
  const int day = DigitsValue(t.substr(i, count));
  if (day < 1 || day > 31) return 0;
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (t.substr(j, 2) == suffix) {
      j += 2;
      break;
    }
  }
  return BoundaryAfter(t, j) ? j : 0;
}

// ", 2009" or " 2009" after a day and month: its end, else `i`.
size_t OptionalYear(std::string_view t, size_t i) {
  size_t j = i;
  if (j < t.size() && t[j] == ',') ++j;
  if (j < t.size() && t[j] == ' ') ++j;
  size_t count;
  const size_t end = SkipDigits(t, j, 5, &count);
  return count == 4 && BoundaryAfter(t, end) ? end : i;
}

// A full date at t[i]: "03/05/2009", "2009-05-03", "3 may 2009", "3rd of may", "may 3rd, 2009".
// A year alone or a month and year is not a date of birth. Returns its end, or 0.
size_t DateAt(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  size_t count;
  size_t j = SkipDigits(t, i, 5, &count);
  if (count > 0 && j < t.size() && (t[j] == '/' || t[j] == '.' || t[j] == '-')) {
    const char sep = t[j];
    size_t c2, c3;
    const size_t k = SkipDigits(t, j + 1, 3, &c2);
    if (c2 >= 1 && c2 <= 2 && k < t.size() && t[k] == sep) {
      const size_t end = SkipDigits(t, k + 1, 5, &c3);
      const bool ymd = count == 4 && c3 <= 2 && c3 >= 1;
      const bool dmy = count <= 2 && (c3 == 2 || c3 == 4);
      if ((ymd || dmy) && BoundaryAfter(t, end)) return end;
    }
    return 0;
  }
  if (size_t day_end = DayAt(t, i); day_end != 0) {
    size_t m = day_end;
    if (m < t.size() && t[m] == ' ') ++m;
    if (t.substr(m, 3) == "of ") m += 3;
    if (const size_t month_end = MonthAt(t, m); month_end != 0) return OptionalYear(t, month_end);
    return 0;
  }
  if (const size_t month_end = MonthAt(t, i); month_end != 0 && month_end < t.size()) {
    const size_t d = month_end + (t[month_end] == ' ' ? 1 : 0);
    if (const size_t day_end = DayAt(t, d); day_end != 0) return OptionalYear(t, day_end);
  }
  return 0;
}

}  // namespace

void ScanPhrases(const text::NormalizedText& normalized, std::vector<PiiMatch>& out) {
  const std::string_view t = normalized.text;
  // One pass over word starts; a word is compared only with the cues that start with its
  // first letter.
  struct Cue {
    std::string_view text;
    bool birth;
  };
  static const std::array<std::vector<Cue>, 26> by_letter = [] {
    std::array<std::vector<Cue>, 26> table;
    for (std::string_view cue : kAddressCues) table[cue[0] - 'a'].push_back({cue, false});
    for (std::string_view cue : kBirthCues) table[cue[0] - 'a'].push_back({cue, true});
    return table;
  }();
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsLower(t[i]) || !BoundaryBefore(t, i)) continue;
    for (const Cue& c : by_letter[t[i] - 'a']) {
      const std::string_view cue = c.text;
      if (!WordAt(t, i, cue)) continue;
      if (!c.birth) {
        out.push_back({PiiKind::kAddressCue, text::ToOriginal(normalized, i, i + cue.size()), false,
                       std::string(cue)});
        break;
      }
      // Up to three small words between the cue and the date: "DOB: 3/5/09", "born on the 3rd
      // of May", "birthday is on 3 May".
      size_t p = i + cue.size();
      for (int skip = 0; skip < 4 && p < t.size(); ++skip) {
        while (p < t.size() && (t[p] == ' ' || t[p] == ':' || t[p] == '-' || t[p] == ',')) ++p;
        bool skipped = false;
        for (std::string_view filler : {"is ", "was ", "on ", "the ", "date "}) {
          if (t.substr(p, filler.size()) == filler) {
            p += filler.size();
            skipped = true;
            break;
          }
        }
        if (!skipped) break;
      }
      const size_t end = DateAt(t, p);
      if (end == 0) continue;
      out.push_back({PiiKind::kDateOfBirth, text::ToOriginal(normalized, i, end), false,
                     std::string(t.substr(p, end - p))});
      i = end - 1;
      break;
    }
  }
}

}  // namespace stalkguard::detect::internal
