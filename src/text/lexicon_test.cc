#include "lexicon.h"

#include <gtest/gtest.h>

namespace dyad::text_internal {
namespace {

TEST(LexiconTest, BuiltinLexiconLoads) {
  const SegmentLexicon& lex = SegmentLexicon::Builtin();
  EXPECT_TRUE(lex.title.count("Gen."));
  EXPECT_TRUE(lex.abbrev.count("Inc."));
  EXPECT_TRUE(lex.prefix.count("pre"));
  EXPECT_TRUE(lex.starter.count("The"));
  EXPECT_FALSE(lex.clitics.empty());
  EXPECT_GE(lex.clitics.front().size(), lex.clitics.back().size());
}

TEST(LexiconTest, ErrorsNameFileAndLine) {
  auto bad = SegmentLexicon::Parse("# c\n[title]\nMr.\n[nonsense]\n", "seg.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "seg.txt:4: unknown section [nonsense]");
  auto orphan = SegmentLexicon::Parse("Mr.\n", "seg.txt");
  ASSERT_FALSE(orphan.ok());
  EXPECT_NE(orphan.status().message().find("seg.txt:1:"), std::string::npos);
}

}  // namespace
}  // namespace dyad::text_internal
