#include "dyad/events/event_date.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

struct Case {
  const char* expression;
  Tense tense;
  const char* expected;  // "" = not a date
};

// Publication date: Tuesday 2013-04-30 (the seed story's).
const Case kCases[] = {
    {"yesterday", Tense::kPast, "2013-04-29"},
    {"today", Tense::kPresent, "2013-04-30"},
    {"tomorrow", Tense::kFuture, "2013-05-01"},
    {"tonight", Tense::kFuture, "2013-04-30"},
    {"this morning", Tense::kPast, "2013-04-30"},
    {"yesterday morning", Tense::kPast, "2013-04-29"},
    {"last night", Tense::kPast, "2013-04-29"},
    {"on Tuesday", Tense::kPast, "2013-04-30"},
    {"on Monday", Tense::kPast, "2013-04-29"},
    {"Monday", Tense::kPast, "2013-04-29"},
    {"on Sunday", Tense::kPast, "2013-04-28"},
    {"on Wednesday", Tense::kPast, "2013-04-24"},
    {"on Wednesday", Tense::kFuture, "2013-05-01"},
    {"on Friday", Tense::kFuture, "2013-05-03"},
    {"on Friday", Tense::kPast, "2013-04-26"},
    {"Thursday night", Tense::kPast, "2013-04-25"},
    {"on Monday evening", Tense::kPast, "2013-04-29"},
    {"last Tuesday", Tense::kPast, "2013-04-23"},
    {"next Tuesday", Tense::kFuture, "2013-05-07"},
    {"next Monday", Tense::kFuture, "2013-05-06"},
    {"last Friday", Tense::kPast, "2013-04-26"},
    {"this Friday", Tense::kFuture, "2013-05-03"},
    {"last week", Tense::kPast, "2013-04-23"},
    {"next week", Tense::kFuture, "2013-05-07"},
    {"this week", Tense::kPast, "2013-04-30"},
    {"past week", Tense::kPast, "2013-04-23"},
    {"earlier this week", Tense::kPast, "2013-04-29"},
    {"later this week", Tense::kFuture, "2013-04-30"},
    {"last month", Tense::kPast, "2013-03-30"},
    {"next month", Tense::kFuture, "2013-05-30"},
    {"this month", Tense::kPast, "2013-04-30"},
    {"earlier this month", Tense::kPast, "2013-04-01"},
    {"last year", Tense::kPast, "2012-04-30"},
    {"next year", Tense::kFuture, "2014-04-30"},
    {"earlier this year", Tense::kPast, "2013-01-01"},
    {"last May", Tense::kPast, "2012-05-01"},
    {"last March", Tense::kPast, "2013-03-01"},  // the most recent March
    {"next May", Tense::kFuture, "2013-05-01"},
    {"next March", Tense::kFuture, "2014-03-01"},
    {"in May", Tense::kPast, "2012-05-01"},
    {"in May", Tense::kFuture, "2013-05-01"},
    {"in March", Tense::kPast, "2013-03-01"},
    {"in March", Tense::kFuture, "2014-03-01"},
    {"in April", Tense::kPast, "2013-04-01"},
    {"on April 3", Tense::kPast, "2013-04-03"},
    {"April 3", Tense::kFuture, "2014-04-03"},
    {"on May 9", Tense::kFuture, "2013-05-09"},
    {"on May 9", Tense::kPast, "2012-05-09"},
    {"on 3 April", Tense::kPast, "2013-04-03"},
    {"on the 3rd of April", Tense::kPast, "2013-04-03"},
    {"on April 3, 2012", Tense::kPast, "2012-04-03"},
    {"3 April 2012", Tense::kPast, "2012-04-03"},
    {"in March 2012", Tense::kPast, "2012-03-01"},
    {"in 2012", Tense::kPast, "2012-01-01"},
    {"in 2015", Tense::kFuture, "2015-01-01"},
    {"two days ago", Tense::kPast, "2013-04-28"},
    {"a week ago", Tense::kPast, "2013-04-23"},
    {"three weeks ago", Tense::kPast, "2013-04-09"},
    {"two months ago", Tense::kPast, "2013-02-28"},
    {"10 years ago", Tense::kPast, "2003-04-30"},
    {"in two weeks", Tense::kFuture, "2013-05-14"},
    {"in three days", Tense::kFuture, "2013-05-03"},
    {"the day before yesterday", Tense::kPast, "2013-04-28"},
    {"the day after tomorrow", Tense::kFuture, "2013-05-02"},
    {"over the weekend", Tense::kPast, "2013-04-27"},
    {"this weekend", Tense::kFuture, "2013-05-04"},
    {"Tuesday April 30", Tense::kPast, "2013-04-30"},
    {"ON TUESDAY", Tense::kPast, "2013-04-30"},
    {"on February 29", Tense::kPast, "2013-02-28"},
    {"banana", Tense::kPast, ""},
    {"on the table", Tense::kPast, ""},
    {"", Tense::kPast, ""},
    {"April 31 2012", Tense::kPast, ""},
    {"in Moscow", Tense::kPast, ""},
};

TEST(ResolveTemporalTest, Table) {
  const Date pub{2013, 4, 30};
  ASSERT_EQ(pub.Weekday(), 1);  // Tuesday
  for (const Case& c : kCases) {
    std::optional<Date> d = ResolveTemporal(c.expression, pub, c.tense);
    EXPECT_EQ(d ? d->ToString() : "", c.expected)
        << "\"" << c.expression << "\" tense " << static_cast<int>(c.tense);
  }
  EXPECT_GE(sizeof(kCases) / sizeof(kCases[0]), 60u);
}

TEST(ResolveTemporalTest, NoPublicationDate) {
  EXPECT_FALSE(ResolveTemporal("yesterday", Date{}, Tense::kPast).has_value());
}

TEST(ResolveTemporalTest, YearBoundaries) {
  const Date jan2{2014, 1, 2};
  EXPECT_EQ(ResolveTemporal("on December 30", jan2, Tense::kPast)->ToString(), "2013-12-30");
  EXPECT_EQ(ResolveTemporal("last month", jan2, Tense::kPast)->ToString(), "2013-12-02");
  EXPECT_EQ(ResolveTemporal("last week", jan2, Tense::kPast)->ToString(), "2013-12-26");
  EXPECT_EQ(ResolveTemporal("next December", jan2, Tense::kFuture)->ToString(), "2014-12-01");
}

}  // namespace
}  // namespace dyad
