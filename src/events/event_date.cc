#include "dyad/events/event_date.h"

#include <string>
#include <vector>

namespace dyad {
namespace {

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == ',') {
      if (!w.empty()) out.push_back(std::move(w));
      w.clear();
      continue;
    }
    w += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

int WeekdayOf(std::string_view w) {
  static const char* kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i) {
    if (w == kDays[i]) return i;
  }
  return -1;
}

int NumberOf(std::string_view w) {
  static const char* kNumbers[] = {"zero",  "one",   "two",  "three", "four",   "five",  "six",
                                   "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  for (int i = 0; i < 13; ++i) {
    if (w == kNumbers[i]) return i;
  }
  if (w == "a" || w == "an") return 1;
  if (w == "several" || w == "few") return 3;
  int n = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
    if (n > 100000) return -1;
  }
  return w.empty() ? -1 : n;
}

// Day of month in "3", "3rd", "21st".
int DayOf(std::string_view w) {
  while (!w.empty() && (w.back() < '0' || w.back() > '9')) w.remove_suffix(1);
  int n = NumberOf(w);
  return (n >= 1 && n <= 31) ? n : -1;
}

int YearOf(std::string_view w) {
  int n = (w.size() == 4) ? NumberOf(w) : -1;
  return (n >= 1800 && n <= 2200) ? n : -1;
}

int DaysInMonth(int y, int m) {
  for (int d = 31; d >= 28; --d) {
    if (IsValidDate(y, m, d)) return d;
  }
  return 28;
}

Date MakeClamped(int y, int m, int d) {
  while (m < 1) {
    m += 12;
    --y;
  }
  while (m > 12) {
    m -= 12;
    ++y;
  }
  if (d > DaysInMonth(y, m)) d = DaysInMonth(y, m);
  return Date{static_cast<int16_t>(y), static_cast<int8_t>(m), static_cast<int8_t>(d)};
}

bool IsUnit(std::string_view w, std::string_view unit) {
  return w == unit || (w.size() == unit.size() + 1 && w.starts_with(unit) && w.back() == 's');
}

Date ShiftUnit(Date pub, std::string_view unit, int n) {
  if (IsUnit(unit, "day")) return pub.AddDays(n);
  if (IsUnit(unit, "week")) return pub.AddDays(7 * n);
  if (IsUnit(unit, "month")) return MakeClamped(pub.year, pub.month + n, pub.day);
  if (IsUnit(unit, "year")) return MakeClamped(pub.year + n, pub.month, pub.day);
  return Date{};
}

// The weekday `wd` relative to pub: the most recent (back) or next (forward) one; `strict`
// skips the publication day itself.
Date WeekdayNear(Date pub, int wd, bool forward, bool strict) {
  int diff = forward ? (wd - pub.Weekday() + 7) % 7 : (pub.Weekday() - wd + 7) % 7;
  if (diff == 0 && strict) diff = 7;
  return pub.AddDays(forward ? diff : -diff);
}

}  // namespace

std::optional<Date> ResolveTemporal(std::string_view expression, Date pub, Tense tense) {
  if (pub.empty()) return std::nullopt;
  std::vector<std::string> w = Words(expression);
  // Prepositions and determiners that do not change the day.
  static const char* kLead[] = {"on",     "in",    "at",    "during", "by",    "since",
                                "from",   "the",   "of",    "over",   "until", "till",
                                "around", "about", "early", "late"};
  while (!w.empty()) {
    bool cut = false;
    for (const char* l : kLead) cut |= w.front() == l;
    if (!cut) break;
    w.erase(w.begin());
  }
  // Parts of a day do not move it ("Tuesday night", "yesterday morning").
  static const char* kParts[] = {"morning", "afternoon", "evening", "night"};
  if (w.size() >= 2 && w[w.size() - 2] != "this" && w[w.size() - 2] != "last" &&
      w[w.size() - 2] != "next") {
    for (const char* p : kParts) {
      if (w.back() == p) {
        w.pop_back();
        break;
      }
    }
  }
  if (w.empty()) return std::nullopt;
  const bool future = tense == Tense::kFuture;
  const std::string& a = w[0];
  if (w.size() == 1) {
    if (a == "today" || a == "tonight" || a == "now") return pub;
    if (a == "yesterday") return pub.AddDays(-1);
    if (a == "tomorrow") return pub.AddDays(1);
    if (a == "morning" || a == "afternoon" || a == "evening") return pub;  // "this morning" cut
    if (a == "night") return future ? pub : pub.AddDays(-1);
    if (a == "weekend") return WeekdayNear(pub, 5, future, true);
    if (int wd = WeekdayOf(a); wd >= 0) return WeekdayNear(pub, wd, future, false);
    if (int m = MonthFromName(a); m > 0) {
      int y = pub.year;
      if (!future && m > pub.month) --y;
      if (future && m < pub.month) ++y;
      return MakeClamped(y, m, 1);
    }
    if (int y = YearOf(a); y > 0) return MakeClamped(y, 1, 1);
    return std::nullopt;
  }
  const std::string& b = w[1];
  // "this week", "last month", "next Tuesday", "last May", "past week".
  if (w.size() == 2 && (a == "this" || a == "last" || a == "next" || a == "past" ||
                        a == "previous" || a == "coming")) {
    const int dir = (a == "next" || a == "coming") ? 1 : (a == "this") ? 0 : -1;
    if (b == "weekend") {
      if (dir == 0) return WeekdayNear(pub, 5, future, false);
      return WeekdayNear(pub, 5, dir > 0, true);
    }
    if (int wd = WeekdayOf(b); wd >= 0) {
      if (dir == 0) return WeekdayNear(pub, wd, future, false);
      return WeekdayNear(pub, wd, dir > 0, true);
    }
    if (int m = MonthFromName(b); m > 0) {
      int y = pub.year;
      if (dir < 0 && m >= pub.month) --y;
      if (dir > 0 && m <= pub.month) ++y;
      return MakeClamped(y, m, 1);
    }
    if (b == "night") return dir > 0 ? pub.AddDays(1) : dir == 0 ? pub : pub.AddDays(-1);
    if (IsUnit(b, "day") || IsUnit(b, "week") || IsUnit(b, "month") || IsUnit(b, "year")) {
      return dir == 0 ? pub : ShiftUnit(pub, b, dir);
    }
    if (b == "morning" || b == "afternoon" || b == "evening") return pub;
    return std::nullopt;
  }
  // "two days ago", "a week ago", "three years earlier".
  if (w.size() == 3 && (w[2] == "ago" || w[2] == "earlier" || w[2] == "before")) {
    int n = NumberOf(a);
    if (n >= 0) {
      Date d = ShiftUnit(pub, b, -n);
      if (!d.empty()) return d;
    }
    return std::nullopt;
  }
  // "in two weeks", "two days later", "within three days" (leading "in" already cut).
  if (w.size() == 2 || (w.size() == 3 && (w[2] == "later" || w[2] == "time" || w[2] == "hence"))) {
    int n = NumberOf(a == "within" ? b : a);
    if (n >= 0 && a != "within") {
      Date d = ShiftUnit(pub, b, n);
      if (!d.empty()) return d;
    }
  }
  // "earlier this month", "later this week", "earlier this year".
  if (w.size() == 3 && (a == "earlier" || a == "later") && b == "this") {
    if (a == "later") return pub;
    if (IsUnit(w[2], "week")) return pub.AddDays(-pub.Weekday());
    if (IsUnit(w[2], "month")) return MakeClamped(pub.year, pub.month, 1);
    if (IsUnit(w[2], "year")) return MakeClamped(pub.year, 1, 1);
    return std::nullopt;
  }
  // "the day before yesterday", "the day after tomorrow" (leading "the" cut).
  if (w.size() == 3 && a == "day" && b == "before" && w[2] == "yesterday") return pub.AddDays(-2);
  if (w.size() == 3 && a == "day" && b == "after" && w[2] == "tomorrow") return pub.AddDays(2);
  // "April 3", "April 3 2012", "3 April", "3 April 2012", "May 2012", "Tuesday April 30".
  size_t i = 0;
  if (WeekdayOf(w[0]) >= 0) ++i;
  int month = 0, day = -1, year = -1;
  if (i < w.size() && (month = MonthFromName(w[i])) > 0) {
    ++i;
    if (i < w.size() && (day = DayOf(w[i])) > 0 && YearOf(w[i]) < 0)
      ++i;
    else
      day = -1;
  } else if (i < w.size() && (day = DayOf(w[i])) > 0) {
    ++i;
    if (i < w.size() && w[i] == "of") ++i;
    if (i >= w.size() || (month = MonthFromName(w[i])) <= 0) return std::nullopt;
    ++i;
  } else {
    return std::nullopt;
  }
  if (i < w.size() && (year = YearOf(w[i])) > 0) ++i;
  if (i != w.size()) return std::nullopt;
  if (day < 0) day = 1;
  if (year > 0) {
    if (!IsValidDate(year, month, day)) return std::nullopt;
    return MakeClamped(year, month, day);
  }
  year = pub.year;
  if (!IsValidDate(year, month, day) && !(month == 2 && day == 29)) return std::nullopt;
  Date d = MakeClamped(year, month, day);
  if (!future && d > pub) d = MakeClamped(year - 1, month, day);
  if (future && d < pub) d = MakeClamped(year + 1, month, day);
  return d;
}

namespace {

bool IsTemporalWord(std::string_view lemma) {
  static const char* kWords[] = {"yesterday", "today", "tomorrow", "tonight", "week",
                                 "month",     "year",  "weekend",  "morning", "afternoon",
                                 "evening",   "night", "day",      "ago"};
  for (const char* w : kWords) {
    if (lemma == w) return true;
  }
  return WeekdayOf(lemma) >= 0 || MonthFromName(lemma) > 0 || YearOf(lemma) > 0;
}

}  // namespace

Span FindTemporalExpression(const Document& doc, const Sentence& s, TokenIndex verb) {
  if (doc.words.size() != doc.tokens.size()) return {};
  for (int hops = 0; hops < 3 && verb != kNoHead; ++hops) {
    for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
      const WordAnalysis& w = doc.words[t];
      if (w.head != verb) continue;
      const Deprel r = w.deprel;
      if (r != Deprel::kObl && r != Deprel::kOblUnmarked && r != Deprel::kAdvmod &&
          r != Deprel::kNmodUnmarked && r != Deprel::kNmod)
        continue;
      if (!IsTemporalWord(w.lemma)) continue;
      // The phrase: t and its dependents (the preposition, "last", the day number).
      TokenIndex lo = t, hi = t;
      for (TokenIndex u = s.first_token; u < s.end_token; ++u) {
        TokenIndex h = u;
        for (int d = 0; d < 4 && h != kNoHead && h != t; ++d) h = doc.words[h].head;
        if (h == t) {
          lo = std::min(lo, u);
          hi = std::max(hi, u);
        }
      }
      std::string text(doc.SpanText({doc.tokens[lo].span.begin, doc.tokens[hi].span.end}));
      if (ResolveTemporal(text, Date{2000, 1, 1}, Tense::kPast)) {
        return {doc.tokens[lo].span.begin, doc.tokens[hi].span.end};
      }
    }
    const Deprel r = doc.words[verb].deprel;
    if (r != Deprel::kConj && r != Deprel::kXcomp) break;
    verb = doc.words[verb].head;
  }
  return {};
}

Tense TenseOf(const Document& doc, const Sentence& s, TokenIndex verb) {
  if (doc.words.size() != doc.tokens.size()) return Tense::kPast;
  bool perfect = false;
  for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
    const WordAnalysis& w = doc.words[t];
    if (w.head != verb || (w.deprel != Deprel::kAux && w.deprel != Deprel::kAuxPass)) continue;
    if (w.lemma == "will" || w.lemma == "shall" || w.lemma == "'ll") return Tense::kFuture;
    if (w.lemma == "have") perfect = true;
  }
  const std::string_view x = XposName(doc.words[verb].xpos);
  if (x == "VBD" || x == "VBN" || perfect) return Tense::kPast;
  return Tense::kPresent;
}

}  // namespace dyad
