#include "dyad/core/date.h"

#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <vector>

namespace dyad {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Splits into alphanumeric runs; everything else separates. Also records whether the text
// has a 'T' or ':' time part so ISO forms are recognised.
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    size_t b = i;
    while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

bool AllDigits(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Digits to int; a number of more than 9 digits (no valid year, month or day) comes out as
// 1,000,000,000 instead of overflowing.
int ToInt(std::string_view w) {
  int v = 0;
  for (char c : w) {
    if (v >= 100'000'000) return 1'000'000'000;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "30th" -> 30; 0 when not an ordinal day.
int DayWord(std::string_view w) {
  size_t n = 0;
  while (n < w.size() && std::isdigit(static_cast<unsigned char>(w[n]))) ++n;
  if (n == 0 || n > 2) return 0;
  std::string suffix;
  for (char c : w.substr(n)) suffix += Lower(c);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th")
    return 0;
  return ToInt(w.substr(0, n));
}

StatusOr<Date> Make(std::string_view text, int y, int m, int d) {
  if (!IsValidDate(y, m, d)) {
    return DataError("\"" + std::string(text) + "\" is not a calendar date");
  }
  return Date{static_cast<int16_t>(y), static_cast<int8_t>(m), static_cast<int8_t>(d)};
}

}  // namespace

std::string Date::ToString() const {
  if (empty()) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int32_t Date::ToDays() const {
  using namespace std::chrono;
  return sys_days(std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day))
      .time_since_epoch()
      .count();
}

Date Date::FromDays(int32_t days) {
  using namespace std::chrono;
  year_month_day ymd{sys_days(std::chrono::days(days))};
  return Date{static_cast<int16_t>(static_cast<int>(ymd.year())),
              static_cast<int8_t>(static_cast<unsigned>(ymd.month())),
              static_cast<int8_t>(static_cast<unsigned>(ymd.day()))};
}

int Date::Weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int32_t d = ToDays();
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

int MonthFromName(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string w;
  for (char c : word)
    if (c != '.') w += Lower(c);
  if (w.size() < 3) return 0;
  if (w == "sept") return 9;
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (w == kNames[i] || (w.size() == 3 && kNames[i].substr(0, 3) == w)) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

StatusOr<Date> ParseDate(std::string_view text) {
  std::vector<std::string_view> w = Words(text);
  if (w.empty()) return DataError("empty date");
  // Pure digit forms: 20130430, 130430.
  if (w.size() == 1 && AllDigits(w[0])) {
    std::string_view s = w[0];
    if (s.size() == 8) return Make(text, ToInt(s.substr(0, 4)), ToInt(s.substr(4, 2)), ToInt(s.substr(6, 2)));
    if (s.size() == 6) {
      int yy = ToInt(s.substr(0, 2));
      return Make(text, yy < 30 ? 2000 + yy : 1900 + yy, ToInt(s.substr(2, 2)), ToInt(s.substr(4, 2)));
    }
    return DataError("\"" + std::string(text) + "\" is not a date");
  }
  // ISO: 2013-04-30[T...], 2013/04/30; the first three words decide.
  if (w.size() >= 3 && AllDigits(w[0]) && w[0].size() == 4 && AllDigits(w[1]) && AllDigits(w[2]) &&
      w[1].size() <= 2) {
    std::string_view d = w[2];
    // "2013-04-30T12" splits as 30T12 -> take leading digits.
    return Make(text, ToInt(w[0]), ToInt(w[1]), ToInt(d));
  }
  if (w.size() >= 3 && AllDigits(w[0]) && w[0].size() == 4 && AllDigits(w[1]) && w[1].size() <= 2) {
    size_t n = 0;
    while (n < w[2].size() && std::isdigit(static_cast<unsigned char>(w[2][n]))) ++n;
    if (n > 0 && n <= 2) return Make(text, ToInt(w[0]), ToInt(w[1]), ToInt(w[2].substr(0, n)));
  }
  // Forms with a month name: find it, then a day and a 4-digit year around it.
  size_t skip = 0;
  static constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu",
                                                            "fri", "sat", "sun"};
  if (!w.empty()) {
    std::string first;
    for (char c : w[0].substr(0, 3)) first += Lower(c);
    for (auto d : kDays)
      if (first == d && MonthFromName(w[0]) == 0) skip = 1;
  }
  for (size_t i = skip; i < w.size(); ++i) {
    int m = MonthFromName(w[i]);
    if (m == 0) continue;
    int day = 0, year = 0;
    // 30 April 2013 / 26-FEB-1987
    if (i > skip && DayWord(w[i - 1]) > 0) {
      day = DayWord(w[i - 1]);
      if (i + 1 < w.size() && AllDigits(w[i + 1]) && w[i + 1].size() == 4) year = ToInt(w[i + 1]);
    } else if (i + 1 < w.size() && DayWord(w[i + 1]) > 0) {
      // April 30, 2013
      day = DayWord(w[i + 1]);
      if (i + 2 < w.size() && AllDigits(w[i + 2]) && w[i + 2].size() == 4) year = ToInt(w[i + 2]);
    }
    if (day > 0 && year > 0) return Make(text, year, m, day);
    break;
  }
  return DataError("\"" + std::string(text) + "\" is not a date");
}

}  // namespace dyad
