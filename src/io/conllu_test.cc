#include "dyad/io/conllu.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dyad {
namespace {

TEST(ConlluTest, RebuildsTextAndGoldSpans) {
  std::istringstream in(
      "# newdoc id = a\n# newpar\n# text = I don't.\n1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# text = Yes.\n1\tYes\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# newdoc id = b\n1\tNo\t_\t_\t_\t_\t_\t_\t_\t_\nbad line\n2\tway\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
  ConlluDocumentReader r(in, "t.conllu");
  auto a = r.Next();
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->id, "a");
  EXPECT_EQ(a->text, "I don't. Yes.");
  ASSERT_EQ(a->sentences.size(), 2u);
  EXPECT_EQ(a->sentences[0].tokens.size(), 3u);
  EXPECT_EQ(a->sentences[0].tokens[1], (Span{2, 7}));
  EXPECT_EQ(a->sentences[0].words[1].span, (Span{2, 4}));
  EXPECT_EQ(a->sentences[0].words[2].span, (Span{4, 7}));
  EXPECT_EQ(a->sentences[1].span, (Span{9, 13}));
  auto b = r.Next();
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->id, "b");
  EXPECT_EQ(b->text, "No way");  // no # text: rebuilt from forms
  ASSERT_EQ(b->warnings.size(), 1u);
  EXPECT_NE(b->warnings[0].find("t.conllu:16: expected 10 columns"), std::string::npos) << b->warnings[0];
  EXPECT_FALSE(r.Next().has_value());
}

TEST(ConlluTest, BadMultiwordRangeIsAWarningNotAWildIndex) {
  // Found by fuzz_conllu: "0-2" made word -1 part of a multiword token.
  std::istringstream in(
      "# text = a b\n0-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n3-1\tab\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n2\tb\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
  ConlluDocumentReader r(in, "m.conllu");
  auto d = r.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->text, "a b");
  ASSERT_EQ(d->sentences.size(), 1u);
  EXPECT_EQ(d->sentences[0].tokens.size(), 2u);
  ASSERT_EQ(d->warnings.size(), 2u);
  EXPECT_EQ(d->warnings[0],
            "m.conllu:2: multiword range \"0-2\" is not FIRST-LAST with 1 <= FIRST <= LAST; line "
            "skipped");
}

}  // namespace
}  // namespace dyad
