#include "dyad/core/date.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(DateTest, ParsesNewsSpellings) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"2013-04-30", "2013-04-30"},
      {"2013/04/30", "2013-04-30"},
      {"2013-04-30T12:00:00Z", "2013-04-30"},
      {"20130430", "2013-04-30"},
      {"130430", "2013-04-30"},
      {"950101", "1995-01-01"},
      {"26-FEB-1987 15:01:01.79", "1987-02-26"},
      {"30 April 2013", "2013-04-30"},
      {"April 30, 2013", "2013-04-30"},
      {"Sept. 3, 2001", "2001-09-03"},
      {"Tue, 30 Apr 2013 10:00:00 GMT", "2013-04-30"},
      {"2024-02-29", "2024-02-29"},
  };
  for (const Case& c : cases) {
    StatusOr<Date> d = ParseDate(c.text);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status().ToString();
    EXPECT_EQ(d->ToString(), c.want) << c.text;
  }
}

TEST(DateTest, RejectsImpossibleAndJunk) {
  for (const char* bad : {"2013-02-30", "2023-02-29", "2013-13-01", "", "yesterday", "12345",
                          "April 2013", "0000-01-01", "\xff\xfe",
                          // Found by fuzz_dates: digits past int overflowed.
                          "3011.1 1111111111", "99999999999-1-1", "1 1 2147483648"}) {
    StatusOr<Date> d = ParseDate(bad);
    EXPECT_FALSE(d.ok()) << bad;
  }
  EXPECT_NE(ParseDate("2013-02-30").status().message().find("not a calendar date"), std::string::npos);
}

TEST(DateTest, DayArithmeticAndWeekday) {
  Date d{2013, 4, 30};
  EXPECT_EQ(d.Weekday(), 1);  // Tuesday
  EXPECT_EQ(d.AddDays(1).ToString(), "2013-05-01");
  EXPECT_EQ(d.AddDays(-365).ToString(), "2012-04-30");
  EXPECT_EQ(Date::FromDays(0).ToString(), "1970-01-01");
  EXPECT_LT(Date({2013, 4, 30}), Date({2013, 5, 1}));
}

TEST(DateTest, MonthNames) {
  EXPECT_EQ(MonthFromName("Jan"), 1);
  EXPECT_EQ(MonthFromName("Sept."), 9);
  EXPECT_EQ(MonthFromName("DECEMBER"), 12);
  EXPECT_EQ(MonthFromName("Ma"), 0);
  EXPECT_EQ(MonthFromName("Monday"), 0);
}

}  // namespace
}  // namespace dyad
