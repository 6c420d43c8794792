#include "parse_codec.h"

#include <gtest/gtest.h>

namespace dyad::store_internal {
namespace {

TEST(ParseCodec, TokensRoundTrip) {
  std::vector<Token> tokens = {{{0, 5}, Token::kSpaceAfter},
                               {{6, 10}, Token::kJoinedToNext},
                               {{10, 13}, Token::kSpaceAfter},
                               {{4000000000u, 4000000007u}, 0}};
  auto back = DecodeTokens(EncodeTokens(tokens), "t");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ((*back)[i].span, tokens[i].span) << i;
    EXPECT_EQ((*back)[i].flags, tokens[i].flags) << i;
  }
  auto empty = DecodeTokens(EncodeTokens({}), "t");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(ParseCodec, WordsRoundTripWithUnicodeLemmas) {
  const std::string text = "Kerry visited Zürich, ZÜRICH";
  std::vector<Token> tokens = {
      {{0, 5}, 2}, {{6, 13}, 2}, {{14, 21}, 0}, {{21, 22}, 2}, {{23, 30}, 0}};
  std::vector<WordAnalysis> words(5);
  words[0] = {"kerry", Upos::kPropn, 5, Deprel::kNsubj, 1};  // the lowered text: not stored
  words[1] = {"visit", Upos::kVerb, 7, Deprel::kRoot, kNoHead};
  words[2] = {"zürich", Upos::kPropn, 9, Deprel::kObj, 1};
  words[3] = {",", Upos::kPunct, 3, Deprel::kPunct, 1};
  words[4] = {"zürich", Upos::kPropn, 9, Deprel::kConj, 2};  // ASCII lowering keeps "Ü"
  std::string blob = EncodeWords(words, tokens, text);
  EXPECT_EQ(blob.find("kerry"), std::string::npos);
  EXPECT_NE(blob.find("visit"), std::string::npos);
  auto back = DecodeWords(blob, tokens, text, "w");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ((*back)[i].lemma, words[i].lemma);
    EXPECT_EQ((*back)[i].upos, words[i].upos);
    EXPECT_EQ((*back)[i].xpos, words[i].xpos);
    EXPECT_EQ((*back)[i].deprel, words[i].deprel);
    EXPECT_EQ((*back)[i].head, words[i].head);
  }
}

TEST(ParseCodec, EntitiesRoundTrip) {
  std::vector<Entity> es = {{0, 0, 2, {0, 11}, EntityType::kPer},
                            {3, 17, 18, {120, 126}, EntityType::kLoc}};
  auto back = DecodeEntities(EncodeEntities(es), "e");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[1].sentence, 3u);
  EXPECT_EQ((*back)[1].first_token, 17u);
  EXPECT_EQ((*back)[1].end_token, 18u);
  EXPECT_EQ((*back)[1].span, (Span{120, 126}));
  EXPECT_EQ((*back)[1].type, EntityType::kLoc);
}

TEST(ParseCodec, DamagedBlobsAreErrorsNotCrashes) {
  std::string blob = EncodeWords({{"visit", Upos::kVerb, 7, Deprel::kRoot, kNoHead}}, {}, "");
  for (size_t n = 0; n < blob.size(); ++n) {
    auto r = DecodeWords(std::string_view(blob).substr(0, n), {}, "", "doc 1 words");
    EXPECT_FALSE(r.ok()) << n;
  }
  EXPECT_FALSE(DecodeWords(blob + "x", {}, "", "w").ok());
  std::string other = blob;
  other[1] = 9;  // another format version
  auto v = DecodeWords(other, {}, "", "doc 1 words");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(v.status().message().find("doc 1 words"), std::string::npos);
  EXPECT_FALSE(DecodeTokens(blob, "t").ok());  // a words blob is not a tokens blob
  // A head that points past the words.
  std::string bad_head = EncodeWords({{"a", Upos::kX, 0, Deprel::kDep, 5}}, {}, "");
  EXPECT_FALSE(DecodeWords(bad_head, {}, "", "w").ok());
  // A lemma "same as the token" without a token.
  std::vector<Token> one = {{{0, 1}, 0}};
  std::string same = EncodeWords({{"a", Upos::kX, 0, Deprel::kDep, kNoHead}}, one, "a");
  EXPECT_TRUE(DecodeWords(same, one, "a", "w").ok());
  EXPECT_FALSE(DecodeWords(same, {}, "a", "w").ok());
}

}  // namespace
}  // namespace dyad::store_internal
