#include "dyad/text/segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dyad {
namespace {

// Sentences as "tok tok tok"; words chained into one surface token are joined with '|'.
std::vector<std::string> Segment(const std::string& text, SegmenterOptions o = {}) {
  auto seg = Segmenter::Load(o).value();
  auto ws = seg->NewWorkspace();
  Document doc;
  doc.text = text;
  EXPECT_TRUE(seg->Process(doc, *ws).ok());
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) {
    std::string line;
    for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
      line += doc.SpanText(doc.tokens[t].span);
      if (t + 1 < s.end_token) line += doc.tokens[t].joined_to_next() ? "|" : " ";
    }
    out.push_back(line);
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(SegmenterTest, Clitics) {
  EXPECT_EQ(Segment("They didn't go."), Lines({"They did|n't go ."}));
  EXPECT_EQ(Segment("We can't and won't."), Lines({"We ca|n't and wo|n't ."}));
  EXPECT_EQ(Segment("Russia's plan"), Lines({"Russia|'s plan"}));
  EXPECT_EQ(Segment("North Korea’s programme"), Lines({"North Korea|’s programme"}));
  EXPECT_EQ(Segment("I'm sure they're right"), Lines({"I|'m sure they|'re right"}));
  EXPECT_EQ(Segment("the countries' leaders"), Lines({"the countries|' leaders"}));
  EXPECT_EQ(Segment("I cannot"), Lines({"I can|not"}));
}

TEST(SegmenterTest, Abbreviations) {
  EXPECT_EQ(Segment("U.S. Secretary of State J. Kerry met Gen. Smith."),
            Lines({"U.S. Secretary of State J. Kerry met Gen. Smith ."}));
  EXPECT_EQ(Segment("Mr. Putin arrived on Jan. 5 at 10:30 a.m. local time."),
            Lines({"Mr. Putin arrived on Jan. 5 at 10:30 a.m. local time ."}));
  EXPECT_EQ(Segment("He works for Acme Inc. The company agreed."),
            Lines({"He works for Acme Inc.", "The company agreed ."}));
  EXPECT_EQ(Segment("It was sold to Acme Inc. for $5."), Lines({"It was sold to Acme Inc. for $ 5 ."}));
  EXPECT_EQ(Segment("Talks ended in the U.S. They resume Monday."),
            Lines({"Talks ended in the U.S.", "They resume Monday ."}));
}

TEST(SegmenterTest, HyphensNumbersCurrencies) {
  EXPECT_EQ(Segment("President Bashar al-Assad"), Lines({"President Bashar al - Assad"}));
  EXPECT_EQ(Segment("a pre-war e-mail and anti-US rhetoric"), Lines({"a pre-war e-mail and anti-US rhetoric"}));
  EXPECT_EQ(Segment("the G-8 summit and F-16 jets"), Lines({"the G-8 summit and F-16 jets"}));
  EXPECT_EQ(Segment("a 20-year-old man"), Lines({"a 20 - year - old man"}));
  EXPECT_EQ(Segment("$1.2 billion, €450 million and £3m"),
            Lines({"$ 1.2 billion , € 450 million and £ 3m"}));
  EXPECT_EQ(Segment("155,221 bags, 5.93 mln, up 3.5%"), Lines({"155,221 bags , 5.93 mln , up 3.5 %"}));
  EXPECT_EQ(Segment("call 713-853-3989 now"), Lines({"call 713-853-3989 now"}));
  EXPECT_EQ(Segment("the 1990–95 period"), Lines({"the 1990–95 period"}));
}

TEST(SegmenterTest, QuotesDashesUrls) {
  EXPECT_EQ(Segment("“I will travel,” Kerry said."), Lines({"“ I will travel , ” Kerry said ."}));
  EXPECT_EQ(Segment("\"Why?\" he asked."), Lines({"\" Why ? \" he asked ."}));
  EXPECT_EQ(Segment("He said \"No more cuts!\" Then he left."),
            Lines({"He said \" No more cuts ! \"", "Then he left ."}));
  EXPECT_EQ(Segment("two brothers — Tamerlan and Dzokhar — as suspects"),
            Lines({"two brothers — Tamerlan and Dzokhar — as suspects"}));
  EXPECT_EQ(Segment("war--and peace"), Lines({"war -- and peace"}));
  EXPECT_EQ(Segment("See https://news.example.org/a-b?x=1. Or mail info@example.org."),
            Lines({"See https://news.example.org/a-b?x=1 .", "Or mail info@example.org ."}));
  EXPECT_EQ(Segment("(AFP) and/or [sic]"), Lines({"( AFP ) and / or [ sic ]"}));
}

TEST(SegmenterTest, SentenceBoundaries) {
  EXPECT_EQ(Segment("It rained. it stopped? Yes! Fine..."),
            Lines({"It rained .", "it stopped ?", "Yes !", "Fine ..."}));
  EXPECT_EQ(Segment("He waited... Then he left."), Lines({"He waited ...", "Then he left ."}));
  EXPECT_EQ(Segment("Really?! Yes."), Lines({"Really ?!", "Yes ."}));
  EXPECT_EQ(Segment("It is No. 2 in the list."), Lines({"It is No. 2 in the list ."}));
}

TEST(SegmenterTest, Paragraphs) {
  // Blank lines always end a paragraph; a headline without punctuation is its own sentence.
  EXPECT_EQ(Segment("Shell boss paid\n\nShell is to pay $1m."), Lines({"Shell boss paid", "Shell is to pay $ 1m ."}));
  // Hard-wrapped text: single line breaks are spaces, indented lines start paragraphs.
  std::string wrapped = "Showers continued throughout the week in\nthe Bahia cocoa zone\n    The dry period means the temporao will be late.";
  EXPECT_EQ(Segment(wrapped), Lines({"Showers continued throughout the week in the Bahia cocoa zone",
                                     "The dry period means the temporao will be late ."}));
  // One paragraph per line (long lines): each line break ends a paragraph.
  std::string lines = std::string(120, 'a') + "\nNext line here";
  EXPECT_EQ(Segment(lines).size(), 2u);
  SegmenterOptions space;
  space.line_breaks = SegmenterOptions::LineBreaks::kSpace;
  EXPECT_EQ(Segment(lines, space).size(), 1u);
}

TEST(SegmenterTest, EmptyUnicodeAndHugeInput) {
  EXPECT_TRUE(Segment("").empty());
  EXPECT_TRUE(Segment(" \n\t\u00a0 ").empty());
  EXPECT_EQ(Segment("Путин прибыл в Москву. Он говорил."), Lines({"Путин прибыл в Москву .", "Он говорил ."}));
  EXPECT_EQ(Segment("«Oui», dit-il."), Lines({"« Oui » , dit - il ."}));
  EXPECT_EQ(Segment("a\u00a0b\u2009c"), Lines({"a b c"}));
  // A long run without punctuation is cut at max_sentence_tokens.
  std::string huge;
  for (int i = 0; i < 100000; ++i) huge += "word ";
  auto seg = Segmenter::Load({}).value();
  auto ws = seg->NewWorkspace();
  Document doc;
  doc.text = huge;
  ASSERT_TRUE(seg->Process(doc, *ws).ok());
  EXPECT_EQ(doc.tokens.size(), 100000u);
  EXPECT_EQ(doc.sentences.size(), 400u);
  // The cuts are recorded, never silent.
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0],
            "399 sentences cut at 250 tokens (--max-sentence-tokens); the pieces are analysed as "
            "sentences");
  // A sentence of exactly the cap is not a cut.
  Document exact;
  for (int i = 0; i < 250; ++i) exact.text += "word ";
  ASSERT_TRUE(seg->Process(exact, *ws).ok());
  EXPECT_EQ(exact.sentences.size(), 1u);
  EXPECT_TRUE(exact.warnings.empty());
}

TEST(SegmenterTest, PathologicalChunksStayLinear) {
  // Megabytes without white space: brackets, hyphens, dots, quotes. Quadratic scanning would
  // not finish; each must come out with every byte covered by exactly one token.
  auto seg = Segmenter::Load({}).value();
  auto ws = seg->NewWorkspace();
  for (std::string unit : {"a(", "a)", "a-", "a.", "\"a", "a/", "a,", "(((", "'s", "\xe2\x80\x94a"}) {
    Document doc;
    for (int i = 0; i < 400000; ++i) doc.text += unit;
    ASSERT_TRUE(seg->Process(doc, *ws).ok());
    ByteOffset covered = 0;
    for (const Token& t : doc.tokens) {
      EXPECT_EQ(t.span.begin, covered);
      covered = t.span.end;
    }
    EXPECT_EQ(covered, doc.text.size()) << unit;
  }
}

TEST(SegmenterTest, OffsetsPointIntoTheOriginalText) {
  auto seg = Segmenter::Load({}).value();
  auto ws = seg->NewWorkspace();
  Document doc;
  doc.text = "MOSCOW (AFP) - Kerry didn't say.";
  doc.body_begin = 15;
  ASSERT_TRUE(seg->Process(doc, *ws).ok());
  ASSERT_EQ(doc.sentences.size(), 1u);
  EXPECT_EQ(doc.SpanText(doc.sentences[0].span), "Kerry didn't say.");
  EXPECT_EQ(doc.tokens[0].span.begin, 15u);
  for (size_t i = 0; i + 1 < doc.tokens.size(); ++i) EXPECT_LE(doc.tokens[i].span.end, doc.tokens[i + 1].span.begin);
  EXPECT_TRUE(doc.tokens[1].joined_to_next());
  EXPECT_FALSE(doc.tokens[1].space_after());
  EXPECT_TRUE(doc.tokens[2].space_after());
}

}  // namespace
}  // namespace dyad
