// Date: a calendar day, and the parser for the date spellings found in news metadata.
//
// Part of dyad_core. Used for publication dates (Document::meta.date) and, later, event dates.
//
//   StatusOr<Date> d = ParseDate("26-FEB-1987 15:01:01.79");   // 1987-02-26
//   if (d.ok()) std::cout << d->ToString();                    // "1987-02-26"
//   ParseDate("2013-02-30")  -> DataError: "2013-02-30" is not a calendar date
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/core/status.h"

namespace dyad {

// A proleptic Gregorian calendar day. Value type; year 0 means "no date".
struct Date {
  int16_t year = 0;
  int8_t month = 0;  // 1..12
  int8_t day = 0;    // 1..31

  bool empty() const { return year == 0; }
  // "YYYY-MM-DD".
  std::string ToString() const;
  // Days since 1970-01-01 (negative before).
  int32_t ToDays() const;
  static Date FromDays(int32_t days);
  Date AddDays(int32_t n) const { return FromDays(ToDays() + n); }
  // 0 = Monday … 6 = Sunday.
  int Weekday() const;

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date& a, const Date& b) { return a.ToDays() <=> b.ToDays(); }
};

// True when year/month/day name a real day (1 <= year <= 9999).
bool IsValidDate(int year, int month, int day);

// Month number 1..12 of an English month name or abbreviation ("Jan", "Sept.", "JANUARY"),
// or 0 when `word` is not one.
int MonthFromName(std::string_view word);

// Parses the spellings seen in news metadata and peers' inputs:
//   2013-04-30, 2013/04/30, 2013-04-30T12:00:00Z (and other ISO 8601 times), 20130430,
//   130430 (TABARI YYMMDD; 00-29 -> 20xx, else 19xx), 26-FEB-1987 15:01:01.79,
//   30 April 2013, April 30, 2013, Apr 30 2013, Tue, 30 Apr 2013 10:00:00 GMT (RFC 2822).
// Returns DataError naming the text when it is not a date or not a calendar day.
StatusOr<Date> ParseDate(std::string_view text);

}  // namespace dyad
