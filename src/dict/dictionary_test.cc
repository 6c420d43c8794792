#include "dyad/dict/dictionary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

Document Segmented(const std::string& text) {
  static auto seg = Segmenter::Load({}).value();
  auto ws = seg->NewWorkspace();
  Document doc;
  doc.text = text;
  EXPECT_TRUE(seg->Process(doc, *ws).ok());
  return doc;
}

Date D(int y, int m, int d) {
  return Date{static_cast<int16_t>(y), static_cast<int8_t>(m), static_cast<int8_t>(d)};
}

// A small builder front: each phrase is its own actor entry whose name is the code.
struct Fixture {
  DictionaryBuilder b;
  uint16_t src = b.AddSource("test.txt");
  EntryId Add(const std::string& phrase, const std::string& code,
              PhraseStyle style = PhraseStyle::kDyad, EntryKind kind = EntryKind::kActor) {
    DictEntry e;
    e.kind = kind;
    e.source = src;
    e.line = static_cast<uint32_t>(b.entry_count() + 1);
    e.name = code;
    e.codes.push_back({code, {}, {}});
    EntryId id = b.AddEntry(std::move(e));
    b.AddPhrase(id, phrase, style);
    return id;
  }
  std::shared_ptr<const Dictionary> Compile() { return std::move(b).Compile().value(); }
};

// "text:CODE" for every match over the whole document, looking the words up in Match; the
// same matches must come from the labels Dictionary::Label keeps in the document.
std::vector<std::string> Matches(const Dictionary& dict, const Document& doc,
                                 DictLayer layer = DictLayer::kActors) {
  auto ws = dict.NewWorkspace();
  auto matches = [&](const Document& d) {
    std::vector<std::string> out;
    for (const DictMatch& m :
         dict.Match(d, 0, static_cast<TokenIndex>(d.tokens.size()), layer, *ws)) {
      Span s{d.tokens[m.first_token].span.begin, d.tokens[m.end_token - 1].span.end};
      out.push_back(std::string(d.SpanText(s)) + ":" + dict.entry(m.entries[0]).name);
    }
    return out;
  };
  Document labeled = doc;
  labeled.token_labels = {};
  std::vector<std::string> out = matches(labeled);
  dict.Label(labeled, *ws);
  EXPECT_EQ(labeled.token_labels.flags.size(), labeled.tokens.size());
  EXPECT_EQ(matches(labeled), out);
  return out;
}

using Strings = std::vector<std::string>;

TEST(DictionaryTest, LongestMatchWins) {
  Fixture f;
  f.Add("John", "JOHN");
  f.Add("John Kerry", "KERRY");
  f.Add("Secretary of State John Kerry", "SECKERRY");
  f.Add("Secretary of State", "SEC");
  auto dict = f.Compile();
  EXPECT_EQ(Matches(*dict, Segmented("US Secretary of State John Kerry said John left.")),
            Strings({"Secretary of State John Kerry:SECKERRY", "John:JOHN"}));
  EXPECT_EQ(Matches(*dict, Segmented("The Secretary of State John met John Kerry.")),
            Strings({"Secretary of State:SEC", "John:JOHN", "John Kerry:KERRY"}));
}

TEST(DictionaryTest, CapitalWordsMatchCaseSensitively) {
  Fixture f;
  f.Add("UN", "IGOUNO");
  f.Add("Russia", "RUS");
  f.Add("US Secretary of State", "USAGOV");
  auto dict = f.Compile();
  EXPECT_EQ(Matches(*dict, Segmented("The UN and RUSSIA, not un or Un; russia.")),
            Strings({"UN:IGOUNO", "RUSSIA:RUS", "russia:RUS"}));
  EXPECT_EQ(Matches(*dict, Segmented("US secretary of state and us Secretary of State")),
            Strings({"US secretary of state:USAGOV"}));
  Fixture g;
  g.Add("NATO", "IGONAT");
  g.Add("EU", "IGOEUR");
  auto caps = g.Compile();
  // Four capitals or more also match in title case ("Nato"); "Eu" and "nato" do not.
  EXPECT_EQ(Matches(*caps, Segmented("NATO, Nato, nato, EU, Eu.")),
            Strings({"NATO:IGONAT", "Nato:IGONAT", "EU:IGOEUR"}));
}

TEST(DictionaryTest, LegacyCapitalsAreCaseInsensitiveExceptShortAcronyms) {
  Fixture f;
  f.Add("US_", "USA", PhraseStyle::kPetrarch);
  f.Add("UNITED_STATES_", "USA2", PhraseStyle::kPetrarch);
  f.Add("IRAN", "IRN", PhraseStyle::kPetrarch);
  auto dict = f.Compile();
  EXPECT_EQ(Matches(*dict, Segmented("Iran told us the US and the United States agree.")),
            Strings({"Iran:IRN", "US:USA", "United States:USA2"}));
}

TEST(DictionaryTest, HyphensMatchSplitOrWhole) {
  Fixture f;
  f.Add("GARCIA-MARGALLO", "ESPGOV", PhraseStyle::kPetrarch);
  f.Add("G-8", "G8", PhraseStyle::kPetrarch);
  f.Add("BASHAR_AL-ASSAD_", "SYRGOV", PhraseStyle::kPetrarch);
  auto dict = f.Compile();
  EXPECT_EQ(Matches(*dict, Segmented("Garcia-Margallo met Bashar al-Assad before the G-8 summit.")),
            Strings({"Garcia-Margallo:ESPGOV", "Bashar al-Assad:SYRGOV", "G-8:G8"}));
}

TEST(DictionaryTest, CliticsAndTypographicApostrophes) {
  Fixture f;
  f.Add("North Korea", "PRK");
  f.Add("ANARCHISTS'_ATTACK_GROUP_", "GRCREB", PhraseStyle::kPetrarch);
  auto dict = f.Compile();
  EXPECT_EQ(
      Matches(*dict,
              Segmented("North Korea’s and North Korea's programs; the Anarchists' Attack Group.")),
      Strings({"North Korea:PRK", "North Korea:PRK", "Anarchists' Attack Group:GRCREB"}));
}

TEST(DictionaryTest, AccentsAndUnicodeCaseFold) {
  Fixture f;
  f.Add("José Manuel García", "ESPGOV");
  f.Add("Эрдоган", "TURGOV");
  auto dict = f.Compile();
  EXPECT_EQ(Matches(*dict, Segmented("Jose Manuel Garcia and JOSÉ MANUEL GARCÍA met ЭРДОГАН.")),
            Strings({"Jose Manuel Garcia:ESPGOV", "JOSÉ MANUEL GARCÍA:ESPGOV", "ЭРДОГАН:TURGOV"}));
}

TEST(DictionaryTest, LemmasFromTheWordsLayer) {
  Fixture f;
  f.Add("official", "GOV", PhraseStyle::kDyad, EntryKind::kAgent);
  auto dict = f.Compile();
  Document doc = Segmented("Russian officials said.");
  EXPECT_EQ(Matches(*dict, doc), Strings{});
  doc.words.resize(doc.tokens.size());
  doc.words[1].lemma = "official";
  EXPECT_EQ(Matches(*dict, doc), Strings({"officials:GOV"}));
}

TEST(DictionaryTest, TabariStemsAndRegularEndings) {
  Fixture f;
  f.Add("SYRI", "SYR", PhraseStyle::kTabari);
  f.Add("HAMAS_", "HMS", PhraseStyle::kTabari);
  f.Add("GOV", "XX", PhraseStyle::kTabari);  // three letters: stems must be at least that long
  auto dict = f.Compile();
  EXPECT_EQ(Matches(*dict, Segmented("Syrians, SYRIA and Syracuse; Hamas, Hamass and Hamasi.")),
            Strings({"Syrians:SYR", "SYRIA:SYR", "Hamas:HMS", "Hamass:HMS"}));
}

TEST(DictionaryTest, RegularPlurals) {
  Fixture f;
  DictEntry e;
  e.kind = EntryKind::kAgent;
  e.name = "GOV";
  e.codes.push_back({"GOV", {}, {}});
  EntryId id = f.b.AddEntry(e);
  f.b.AddPhrase(id, "MINISTRY", PhraseStyle::kPetrarch, 0, true);
  f.b.AddPhrase(id, "BOSS", PhraseStyle::kPetrarch, 0, true);
  f.b.AddPhrase(id, "ATTORNEY", PhraseStyle::kPetrarch, 0, true);
  auto dict = f.Compile();
  EXPECT_EQ(Matches(*dict, Segmented("ministries, bosses, attorneys, ministry")),
            Strings({"ministries:GOV", "bosses:GOV", "attorneys:GOV", "ministry:GOV"}));
}

TEST(DictionaryTest, LayersMatchIndependently) {
  Fixture f;
  f.Add("World Cup", "DISCARD", PhraseStyle::kDyad, EntryKind::kDiscard);
  f.Add("World", "WLD");
  auto dict = f.Compile();
  Document doc = Segmented("The World Cup");
  EXPECT_EQ(Matches(*dict, doc, DictLayer::kActors), Strings({"World:WLD"}));
  EXPECT_EQ(Matches(*dict, doc, DictLayer::kDiscards), Strings({"World Cup:DISCARD"}));
  EXPECT_EQ(Matches(*dict, doc, DictLayer::kIssues), Strings{});
}

TEST(DictionaryTest, MatchSameTokensEqualsMatchForEachLayer) {
  Fixture f;
  f.Add("World Cup", "DISCARD", PhraseStyle::kDyad, EntryKind::kDiscard);
  f.Add("World", "WLD");
  f.Add("Cup final", "SPORT", PhraseStyle::kDyad, EntryKind::kIssue);
  auto dict = f.Compile();
  Document doc = Segmented("The World Cup final. World leaders met at the Cup final.");
  const TokenIndex n = static_cast<TokenIndex>(doc.tokens.size());
  auto ws = dict->NewWorkspace();
  auto spans = [&](std::span<const DictMatch> ms) {
    std::vector<std::pair<TokenIndex, TokenIndex>> out;
    for (const DictMatch& m : ms) out.push_back({m.first_token, m.end_token});
    return out;
  };
  for (TokenIndex first : {TokenIndex{0}, TokenIndex{2}}) {
    for (DictLayer a : {DictLayer::kActors, DictLayer::kDiscards, DictLayer::kIssues}) {
      for (DictLayer b : {DictLayer::kActors, DictLayer::kDiscards, DictLayer::kIssues}) {
        auto ws2 = dict->NewWorkspace();
        const auto expected = spans(dict->Match(doc, first, n, b, *ws2));
        dict->Match(doc, first, n, a, *ws);
        EXPECT_EQ(spans(dict->MatchSameTokens(b, *ws)), expected);
      }
    }
  }
}

TEST(DictionaryTest, EmptyInputsAndSharedPhrases) {
  Fixture f;
  auto empty = Fixture().Compile();
  EXPECT_EQ(Matches(*empty, Segmented("Kerry went to Moscow.")), Strings{});
  f.Add("Moscow", "RUS");
  f.Add("Moscow", "RUSGOV");
  auto dict = f.Compile();
  EXPECT_EQ(Matches(*dict, Segmented("")), Strings{});
  auto ws = dict->NewWorkspace();
  Document doc = Segmented("Moscow");
  auto m = dict->Match(doc, 0, 1, DictLayer::kActors, *ws);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].entries.size(), 2u);  // both entries, in the order they were added
  EXPECT_EQ(dict->entry(m[0].entries[1]).name, "RUSGOV");
}

TEST(DictionaryTest, LongSentencesMatchEverywhere) {
  Fixture f;
  f.Add("Kerry", "USAGOV");
  auto dict = f.Compile();
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Kerry met Lavrov and ";
  Document doc = Segmented(text + "Kerry.");
  auto ws = dict->NewWorkspace();
  size_t n = 0;
  for (const Sentence& s : doc.sentences)
    n += dict->Match(doc, s.first_token, s.end_token, DictLayer::kActors, *ws).size();
  EXPECT_EQ(n, 201u);
}

TEST(DictionaryTest, LabelsOfAnotherDictionaryAreNotRead) {
  Fixture f, g;
  f.Add("John Kerry", "KERRY");
  g.Add("Lavrov", "LAVROV");
  auto kerry = f.Compile(), lavrov = g.Compile();
  Document doc = Segmented("John Kerry met Lavrov.");
  auto ws = lavrov->NewWorkspace();
  lavrov->Label(doc, *ws);
  EXPECT_EQ(Matches(*kerry, doc), Strings({"John Kerry:KERRY"}));
  auto kws = kerry->NewWorkspace();
  EXPECT_EQ(
      kerry->Match(doc, 0, static_cast<TokenIndex>(doc.tokens.size()), DictLayer::kActors, *kws)
          .size(),
      1u);
  EXPECT_EQ(
      lavrov->Match(doc, 0, static_cast<TokenIndex>(doc.tokens.size()), DictLayer::kActors, *ws)
          .size(),
      1u);
}

TEST(DictionaryTest, CodeForPicksTheRuleOfTheDate) {
  DictionaryBuilder b;
  uint16_t src = b.AddSource("people.txt");
  DictEntry kerry;
  kerry.source = src;
  kerry.line = 7;
  kerry.name = "John Kerry";
  kerry.codes = {{"USAGOVLEG", D(1985, 1, 3), D(2013, 2, 1)}, {"USAGOV", D(2013, 2, 1), {}}};
  EntryId k = b.AddEntry(kerry);
  DictEntry putin;
  putin.codes = {
      {"RUSGOV", D(1999, 8, 9), D(2008, 5, 7)}, {"RUSELI", {}, {}}, {"RUSGOV", D(2012, 5, 7), {}}};
  EntryId p = b.AddEntry(putin);
  DictEntry none;
  EntryId n = b.AddEntry(none);
  auto dict = std::move(b).Compile().value();
  EXPECT_EQ(dict->CodeFor(k, D(2010, 6, 1)), "USAGOVLEG");
  EXPECT_EQ(dict->CodeFor(k, D(2013, 4, 30)), "USAGOV");
  EXPECT_EQ(dict->CodeFor(k, D(2013, 2, 1)), "USAGOVLEG");  // both ends inclusive; first wins
  EXPECT_EQ(dict->CodeFor(k, D(1980, 1, 1)), "");           // no default: null
  EXPECT_EQ(dict->CodeFor(k, Date{}), "USAGOV");            // undated: the latest role
  EXPECT_EQ(dict->CodeFor(p, D(2010, 1, 1)), "RUSELI");     // the default, wherever it is
  EXPECT_EQ(dict->CodeFor(p, D(2013, 4, 30)), "RUSGOV");
  EXPECT_EQ(dict->CodeFor(p, Date{}), "RUSELI");
  EXPECT_EQ(dict->CodeFor(n, D(2013, 4, 30)), "");
  EXPECT_EQ(dict->Origin(k), "people.txt:7");
}

}  // namespace
}  // namespace dyad
