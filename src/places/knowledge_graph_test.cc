// BuildGkg's counts on parsed sentences and ParseCount's number words.
#include "dyad/places/knowledge_graph.h"

#include <gtest/gtest.h>

#include "dyad/dict/dictionary.h"
#include "dyad/parse/parser.h"
#include "dyad/tag/tagger.h"
#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

TEST(ParseCountTest, DigitsAndWords) {
  struct Case {
    const char* in;
    int64_t out;
  } cases[] = {{"3", 3}, {"1,500", 1500}, {"three", 3}, {"Twenty-five", 25},  {"dozen", 12},
               {"", -1}, {"people", -1},  {"12a", -1},  {"9999999999999", -1}};
  for (const Case& c : cases) EXPECT_EQ(ParseCount(c.in), c.out) << c.in;
}

TEST(BuildGkgTest, KilledInjuredArrested) {
  std::string models = std::string(DYAD_SOURCE_DIR) + "/models/";
  std::vector<std::shared_ptr<const Stage>> stages = {*Segmenter::Load({}),
                                                      *Tagger::Load(models + "tagger.dyad"),
                                                      *Parser::Load(models + "parser.dyad")};
  Document doc;
  doc.text =
      "Three people were killed in the blast. Police arrested 12 protesters on Monday. "
      "The storm injured 40 villagers. Officials met on Tuesday.";
  for (const auto& s : stages) {
    auto ws = s->NewWorkspace();
    ASSERT_TRUE(s->Process(doc, *ws).ok());
  }
  GkgRecord g = BuildGkg(doc, nullptr);
  ASSERT_EQ(g.counts.size(), 3u);
  EXPECT_EQ(g.counts[0].type, "KILL");
  EXPECT_EQ(g.counts[0].number, 3);
  EXPECT_EQ(g.counts[0].object, "people");
  EXPECT_EQ(doc.SpanText(g.counts[0].evidence), "Three people were killed");
  EXPECT_EQ(g.counts[1].type, "ARREST");
  EXPECT_EQ(g.counts[1].number, 12);
  EXPECT_EQ(g.counts[2].type, "WOUND");
  EXPECT_EQ(g.counts[2].number, 40);
  EXPECT_TRUE(g.themes.empty());
  Document empty;
  EXPECT_TRUE(BuildGkg(empty, nullptr).counts.empty());
}

TEST(BuildGkgTest, ThemesFromTheIssuesLayerOrTheDictionary) {
  DictionaryBuilder b;
  const uint16_t src = b.AddSource("issues.txt");
  for (auto [phrase, code] : {std::pair{"ceasefire", "PEACE"}, {"ethnic cleansing", "ETHNIC"}}) {
    EntryId id = b.AddEntry({.kind = EntryKind::kIssue,
                             .source = src,
                             .line = 1,
                             .name = phrase,
                             .codes = {{code, {}, {}}}});
    b.AddPhrase(id, phrase, PhraseStyle::kDyad);
  }
  auto dict = std::move(b).Compile().value();
  Document doc;
  doc.text = "ceasefire ethnic cleansing ceasefire";
  for (Span t : {Span{0, 9}, Span{10, 16}, Span{17, 26}, Span{27, 36}}) doc.tokens.push_back({t});
  doc.sentences.push_back({Span{0, static_cast<ByteOffset>(doc.text.size())}, 0, 4, 0});
  // The event coder's layer, as it would fill it; and the dictionary matched again.
  doc.issues = {
      {0, 0, 1, {0, 9}, "PEACE"}, {0, 1, 3, {10, 26}, "ETHNIC"}, {0, 3, 4, {27, 36}, "PEACE"}};
  EXPECT_EQ(BuildGkg(doc).themes, (std::vector<std::string>{"PEACE", "ETHNIC"}));
  EXPECT_EQ(BuildGkg(doc, dict.get()).themes, BuildGkg(doc).themes);
  doc.issues.clear();
  EXPECT_TRUE(BuildGkg(doc).themes.empty());
}

}  // namespace
}  // namespace dyad
