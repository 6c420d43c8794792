#include "dyad/text/dateliner.h"

#include <cctype>
#include <cstdlib>
#include <vector>

namespace dyad {
namespace {

constexpr size_t kMaxDatelineBytes = 160;

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpaceByte(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpaceByte(s.back())) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// "April 30" / "Feb 26" / "Sept. 3" -> month, day.
bool ParseMonthDay(std::string_view s, int* month, int* day) {
  s = Trim(s);
  size_t sp = s.find(' ');
  if (sp == std::string_view::npos) return false;
  int m = MonthFromName(s.substr(0, sp));
  std::string_view d = Trim(s.substr(sp + 1));
  if (m == 0 || !AllDigits(d) || d.size() > 2) return false;
  int dd = std::atoi(std::string(d).c_str());
  if (dd < 1 || dd > 31) return false;
  *month = m;
  *day = dd;
  return true;
}

// A place part: capitalised words ("NAIROBI", "Kenya", "SAN JOSE", "St. Petersburg"), no digits.
bool IsPlacePart(std::string_view s, bool* all_caps) {
  s = Trim(s);
  if (s.empty() || s.size() > 40) return false;
  bool word_start = true;
  bool has_lower = false;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isdigit(c)) return false;
    if (ch == ' ') {
      word_start = true;
      continue;
    }
    if (word_start && c < 128 && std::islower(c)) {
      // Lowercase words are allowed only as particles ("de", "al", "es").
      return false;
    }
    if (c < 128 && std::islower(c)) has_lower = true;
    if (c < 128 && !std::isalpha(c) && ch != '.' && ch != '-' && ch != '\'') return false;
    word_start = false;
  }
  *all_caps = !has_lower;
  return true;
}

// Reads the part of a dateline before its dash: "MOSCOW, April 30 (AFP)".
std::optional<Dateline> ParseDatelineHead(std::string_view prefix) {
  prefix = Trim(prefix);
  if (prefix.empty()) return std::nullopt;
  Dateline d;
  d.text = std::string(prefix);
  std::string_view rest = prefix;
  if (rest.back() == ')') {
    size_t open = rest.rfind('(');
    if (open == std::string_view::npos) return std::nullopt;
    d.agency = std::string(Trim(rest.substr(open + 1, rest.size() - open - 2)));
    if (d.agency.empty() || d.agency.size() > 30) return std::nullopt;
    for (char c : d.agency)
      if (std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    rest = Trim(rest.substr(0, open));
  }
  // Comma-separated parts, read from the end: [year], [month day], place parts.
  std::vector<std::string_view> parts;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    parts.push_back(Trim(rest.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (!parts.empty() && parts.back().empty()) return std::nullopt;
  size_t k = parts.size();
  if (k > 0 && AllDigits(parts[k - 1]) && parts[k - 1].size() == 4) {
    d.year = std::atoi(std::string(parts[k - 1]).c_str());
    --k;
  }
  if (k > 0 && ParseMonthDay(parts[k - 1], &d.month, &d.day)) --k;
  if (d.year != 0 && d.month == 0) return std::nullopt;
  bool place_all_caps = true;
  for (size_t i = 0; i < k; ++i) {
    bool caps = false;
    if (!IsPlacePart(parts[i], &caps)) return std::nullopt;
    if (i == 0) place_all_caps = caps;
    if (!d.place.empty()) d.place += ", ";
    d.place += parts[i];
  }
  if (k > 3) return std::nullopt;
  // Without an agency, only an upper-case place ("SALVADOR, Feb 26 -") marks a dateline.
  if (d.agency.empty() && (d.place.empty() || !place_all_caps)) return std::nullopt;
  if (d.place.empty() && d.month == 0 && d.agency.empty()) return std::nullopt;
  return d;
}

}  // namespace

std::optional<Dateline> ParseDateline(std::string_view text) {
  size_t start = 0;
  while (start < text.size() && IsSpaceByte(text[start])) ++start;
  std::string_view head = text.substr(start, kMaxDatelineBytes);
  // The separator: " - ", " -- ", " — ", " – " (also without the space before).
  size_t sep = std::string_view::npos, sep_end = 0;
  for (size_t i = 1; i < head.size(); ++i) {
    size_t len = 0;
    if (head[i] == '-') {
      len = (i + 1 < head.size() && head[i + 1] == '-') ? 2 : 1;
    } else if (head.substr(i, 3) == "\xE2\x80\x94" || head.substr(i, 3) == "\xE2\x80\x93") {
      len = 3;
    }
    if (len == 0) continue;
    bool space_before = IsSpaceByte(head[i - 1]) || head[i - 1] == ')';
    bool space_after = i + len < head.size() && IsSpaceByte(head[i + len]);
    if (space_before && space_after) {
      sep = i;
      sep_end = i + len;
      break;
    }
    if (!space_before) continue;
  }
  if (sep == std::string_view::npos) return std::nullopt;
  std::string_view prefix = Trim(head.substr(0, sep));
  if (prefix.empty()) return std::nullopt;

  std::optional<Dateline> d = ParseDatelineHead(prefix);
  if (!d) return std::nullopt;
  size_t end = start + sep_end;
  while (end < text.size() && IsSpaceByte(text[end])) ++end;
  d->end = end;
  return d;
}

StatusOr<std::shared_ptr<const Dateliner>> Dateliner::Load(const DatelinerOptions& options) {
  return std::shared_ptr<const Dateliner>(new Dateliner(options));
}

std::unique_ptr<Stage::Workspace> Dateliner::NewWorkspace() const {
  return std::make_unique<Workspace>();
}

Status Dateliner::Process(Document& doc, Workspace&) const {
  doc.body_begin = 0;
  std::optional<Dateline> dl = ParseDateline(doc.text);
  Date dateline_date;
  if (dl) {
    doc.body_begin = static_cast<ByteOffset>(dl->end);
  } else if (!doc.meta.dateline.empty()) {
    // A dateline given as metadata ("SALVADOR, Feb 26 -"): read it the same way.
    std::string_view head = doc.meta.dateline;
    while (!head.empty() && (head.back() == ' ' || head.back() == '-')) head.remove_suffix(1);
    dl = ParseDatelineHead(head);
  }
  if (dl) {
    doc.meta.dateline = dl->text;
    doc.meta.dateline_place = dl->place;
    if (doc.meta.source.empty()) doc.meta.source = dl->agency;
    if (dl->month != 0) {
      int year = dl->year;
      const Date& ref = !doc.meta.date.empty() ? doc.meta.date : options_.default_date;
      if (year == 0 && !ref.empty()) {
        // The year that puts month/day nearest the reference date.
        int best = 0, best_gap = 1 << 30;
        for (int y = ref.year - 1; y <= ref.year + 1; ++y) {
          if (!IsValidDate(y, dl->month, dl->day)) continue;
          Date c{static_cast<int16_t>(y), static_cast<int8_t>(dl->month),
                 static_cast<int8_t>(dl->day)};
          int gap = std::abs(c.ToDays() - ref.ToDays());
          if (gap < best_gap) best_gap = gap, best = y;
        }
        year = best;
      }
      if (year != 0 && IsValidDate(year, dl->month, dl->day)) {
        dateline_date = Date{static_cast<int16_t>(year), static_cast<int8_t>(dl->month),
                             static_cast<int8_t>(dl->day)};
      }
    }
  }
  if (!doc.meta.date.empty()) {
    doc.meta.date_source = DateSource::kMetadata;
  } else if (!dateline_date.empty()) {
    doc.meta.date = dateline_date;
    doc.meta.date_source = DateSource::kDateline;
  } else if (!options_.default_date.empty()) {
    doc.meta.date = options_.default_date;
    doc.meta.date_source = DateSource::kDefault;
  } else {
    doc.meta.date_source = DateSource::kNone;
    doc.warnings.push_back(dl && dl->month != 0
                               ? "dateline \"" + dl->text + "\" has no year and no --date anchors it; no publication date"
                               : "no publication date (no date field, no dated dateline, no --date)");
  }
  return Status::Ok();
}

}  // namespace dyad
