#include "dyad/text/dateliner.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(DatelineTest, WireStyles) {
  struct Case {
    const char* text;
    const char* place;
    const char* agency;
    int year, month, day;
    const char* body;
  } cases[] = {
      {"MOSCOW, April 30 (AFP) - Russia said", "MOSCOW", "AFP", 0, 4, 30, "Russia said"},
      {"WASHINGTON (Reuters) - U.S. officials", "WASHINGTON", "Reuters", 0, 0, 0, "U.S. officials"},
      {"Jan 5 (Reuters) - Oil rose", "", "Reuters", 0, 1, 5, "Oil rose"},
      {"NAIROBI, Kenya, March 3 (DNS) — Police", "NAIROBI, Kenya", "DNS", 0, 3, 3, "Police"},
      {"KABUL, May 2, 2014 (DNS) -- Voters", "KABUL", "DNS", 2014, 5, 2, "Voters"},
      {"SALVADOR, Feb 26 - Showers", "SALVADOR", "", 0, 2, 26, "Showers"},
      {"  SAN JOSE (AP) – Costa Rica", "SAN JOSE", "AP", 0, 0, 0, "Costa Rica"},
  };
  for (const Case& c : cases) {
    std::optional<Dateline> d = ParseDateline(c.text);
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(d->place, c.place) << c.text;
    EXPECT_EQ(d->agency, c.agency) << c.text;
    EXPECT_EQ(d->year, c.year) << c.text;
    EXPECT_EQ(d->month, c.month) << c.text;
    EXPECT_EQ(d->day, c.day) << c.text;
    EXPECT_EQ(std::string(c.text).substr(d->end), c.body) << c.text;
  }
}

TEST(DatelineTest, NotDatelines) {
  for (const char* t : {"US Secretary of State John Kerry said - quietly - that",
                        "Obama, Putin - a rivalry", "The talks - which began", "", "-",
                        "In 2012 - the year", "Kerry (the top US diplomat) said"}) {
    EXPECT_FALSE(ParseDateline(t).has_value()) << t;
  }
}

Document Dateline(const std::string& text, Date meta_date, Date default_date) {
  DatelinerOptions o;
  o.default_date = default_date;
  auto d = Dateliner::Load(o).value();
  auto ws = d->NewWorkspace();
  Document doc;
  doc.text = text;
  doc.meta.date = meta_date;
  EXPECT_TRUE(d->Process(doc, *ws).ok());
  return doc;
}

TEST(DatelinerTest, DateResolutionOrder) {
  // Metadata wins.
  Document a = Dateline("MOSCOW, April 30 (AFP) - x", Date{2013, 5, 1}, {});
  EXPECT_EQ(a.meta.date.ToString(), "2013-05-01");
  EXPECT_EQ(a.meta.date_source, DateSource::kMetadata);
  EXPECT_EQ(a.meta.dateline_place, "MOSCOW");
  EXPECT_EQ(a.meta.source, "AFP");
  EXPECT_EQ(a.body_begin, 25u);
  // Then a dateline with a year, or anchored by --date (nearest year: Dec 31 near Jan 2).
  EXPECT_EQ(Dateline("KABUL, May 2, 2014 (DNS) - x", {}, {}).meta.date.ToString(), "2014-05-02");
  Document b = Dateline("Dec 31 (Reuters) - x", {}, Date{2014, 1, 2});
  EXPECT_EQ(b.meta.date.ToString(), "2013-12-31");
  EXPECT_EQ(b.meta.date_source, DateSource::kDateline);
  // Then --date.
  Document c = Dateline("No dateline here.", {}, Date{2013, 4, 30});
  EXPECT_EQ(c.meta.date_source, DateSource::kDefault);
  EXPECT_EQ(c.body_begin, 0u);
  // A dateline from metadata gives the place (and the date when the record has none).
  {
    DatelinerOptions o;
    o.default_date = Date{1987, 3, 1};
    auto dl = Dateliner::Load(o).value();
    auto ws = dl->NewWorkspace();
    Document m;
    m.text = "Showers continued.";
    m.meta.dateline = "SALVADOR, Feb 26 -";
    ASSERT_TRUE(dl->Process(m, *ws).ok());
    EXPECT_EQ(m.meta.dateline_place, "SALVADOR");
    EXPECT_EQ(m.body_begin, 0u);
    EXPECT_EQ(m.meta.date.ToString(), "1987-02-26");
  }
  // Else a warning and no date.
  Document d = Dateline("Jan 5 (Reuters) - x", {}, {});
  EXPECT_TRUE(d.meta.date.empty());
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_NE(d.warnings[0].find("no year"), std::string::npos);
}

}  // namespace
}  // namespace dyad
