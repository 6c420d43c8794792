#include "dyad/events/verb_dictionary.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace dyad {
namespace {

const std::string kTestdata = std::string(DYAD_SOURCE_DIR) + "/src/events/testdata/";

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool HasWarning(const VerbDictionary& d, std::string_view needle) {
  for (const std::string& w : d.warnings()) {
    if (w.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST(VerbDictionaryTest, PetrarchBlocksFormsAndPatterns) {
  auto d = LoadVerbDictionaries(kTestdata + "mini.verbs.txt");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const VerbDictionary& v = **d;
  // Regular forms are generated; irregular ones come from {...}.
  auto restored = v.Lookup("restored", "");
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(v.block(restored[0]->block).name, "RESTORE");
  EXPECT_EQ(v.block(restored[0]->block).code, "064");
  EXPECT_EQ(v.Lookup("gave", "").size(), 1u);
  EXPECT_EQ(v.Lookup("reestablishes", "").size(), 1u);
  EXPECT_TRUE(v.Lookup("banana", "banana").empty());
  // Multi-word verbs keep their particle.
  auto called = v.Lookup("called", "call");
  ASSERT_EQ(called.size(), 1u);
  EXPECT_EQ(called[0]->particles, std::vector<std::string>{"on"});
  EXPECT_EQ(v.block(called[0]->block).paired, "043");
  // Patterns: most specific first; (PP) and {NP} flattened; synsets resolved.
  const VerbBlock& restore = v.block(restored[0]->block);
  ASSERT_EQ(restore.patterns.size(), 3u);
  EXPECT_EQ(restore.patterns[0].after.size(), 2u);
  EXPECT_EQ(restore.patterns[0].after[0].word, "diplomatic");
  EXPECT_EQ(restore.patterns[1].after[1].kind, PatternElement::Kind::kSynset);
  EXPECT_EQ(restore.patterns.back().before.size(), 1u);
  EXPECT_EQ(restore.patterns.back().before[0].word, "not");
  const VerbBlock& give = v.block(v.Lookup("give", "")[0]->block);
  ASSERT_EQ(give.patterns.size(), 1u);
  EXPECT_EQ(give.patterns[0].after.back().kind, PatternElement::Kind::kTarget);
  ASSERT_EQ(v.transformations().size(), 1u);
  EXPECT_EQ(v.transformations()[0].outer_word, "say");
  EXPECT_EQ(v.transformations()[0].result, "112");
  // Malformed lines are warnings with file:line, and loading went on.
  EXPECT_TRUE(HasWarning(v, "mini.verbs.txt:24: pattern without a [code]"));
  EXPECT_TRUE(HasWarning(v, "mini.verbs.txt:25: undefined synset &UNDEFINED"));
  EXPECT_TRUE(HasWarning(v, "malformed transformation"));
  EXPECT_EQ(v.synset(static_cast<uint32_t>(give.patterns[0].after[0].id)).size(), 2u);
}

TEST(VerbDictionaryTest, TabariStemsAlternativesAndTime) {
  VerbDictionaryBuilder b;
  ReadVerbText(Slurp(kTestdata + "mini.verbs"), "mini.verbs", VerbFormat::kUnknown, b);
  auto v = std::move(b).Compile();
  // "ACCUS" is a stem: it matches "accused" and "accusations".
  ASSERT_EQ(v->Lookup("accused", "").size(), 1u);
  EXPECT_EQ(v->block(v->Lookup("accused", "")[0]->block).code, "112");
  ASSERT_EQ(v->Lookup("abandoned", "").size(), 1u);
  const VerbBlock& abandon = v->block(v->Lookup("abandoned", "")[0]->block);
  EXPECT_EQ(abandon.patterns.size(), 3u);  // the <TIME> lines are not patterns
  // "IN_ +": exact word, then the target anywhere after.
  bool found_alternatives = false;
  for (const VerbPattern& p : abandon.patterns) {
    if (p.code == "190") {
      found_alternatives = true;
      ASSERT_GE(p.after.size(), 2u);
      EXPECT_EQ(p.after[1].kind, PatternElement::Kind::kSynset);
      EXPECT_EQ(v->synset(p.after[1].id).size(), 2u);
    }
  }
  EXPECT_TRUE(found_alternatives);
  EXPECT_TRUE(HasWarning(*v, "mini.verbs:9: malformed code"));
}

TEST(VerbDictionaryTest, TabariSynsetPhrasesReadAsPatterns) {
  VerbDictionaryBuilder b;
  ReadVerbText(Slurp(kTestdata + "synset_phrases.verbs"), "synset_phrases.verbs",
               VerbFormat::kUnknown, b);
  auto v = std::move(b).Compile();
  const uint32_t currency = v->block(v->Lookup("contribute", "")[0]->block).patterns[0].after[0].id;
  using Phrases = std::vector<std::vector<std::string>>;
  using Flags = std::vector<std::vector<uint8_t>>;
  constexpr uint8_t kStem = kSynsetStem, kGapStem = kSynsetGap | kSynsetStem;
  EXPECT_EQ(v->synset(currency),
            (Phrases{{"yum", "yennyen"}, {"javanese", "yen"}, {"kroner"}, {"peso", "$"}}));
  // A blank allows a gap; a word ending in `_` is exact, the others are stems.
  EXPECT_EQ(v->synset_flags(currency), (Flags{{kStem, kGapStem}, {0, kStem}, {0}, {0, 0}}));
  // "+&CURRENCY ASSURANCES": each phrase keeps its flags, ASSURANCES its gap.
  uint32_t pledge = 0;
  while (v->synset_name(pledge) != "&PLEDGE") ++pledge;
  ASSERT_EQ(v->synset(pledge).size(), 4u);
  EXPECT_EQ(v->synset(pledge)[1], (std::vector<std::string>{"javanese", "yen", "assurances"}));
  EXPECT_EQ(v->synset_flags(pledge)[1], (std::vector<uint8_t>{0, kStem, kGapStem}));
}

TEST(VerbDictionaryTest, SynsetInsideAPhraseIsEachOfItsPhrases) {
  VerbDictionaryBuilder b;
  ReadVerbText(Slurp(kTestdata + "nested_synsets.verbs"), "nested_synsets.verbs",
               VerbFormat::kUnknown, b);
  auto v = std::move(b).Compile();
  using Phrases = std::vector<std::vector<std::string>>;
  auto synset_of = [&](const VerbPattern& p) -> const Phrases& {
    EXPECT_EQ(p.after[0].kind, PatternElement::Kind::kSynset);
    return v->synset(p.after[0].id);
  };
  const VerbBlock& sign = v->block(v->Lookup("signed", "")[0]->block);
  ASSERT_EQ(sign.patterns.size(), 2u);
  for (const VerbPattern& p : sign.patterns) {
    if (p.code == "057") {
      // "+&KIND" is copied in; "MEMOS_ON_&KIND" and "&KIND DEALS" take each phrase of &KIND.
      EXPECT_EQ(synset_of(p), (Phrases{{"trade"},
                                       {"farming", "aid"},
                                       {"memos", "on", "trade"},
                                       {"memos", "on", "farming", "aid"},
                                       {"trade", "deals"},
                                       {"farming", "aid", "deals"}}));
    } else {
      EXPECT_EQ(p.code, "0571");
      EXPECT_EQ(synset_of(p), (Phrases{{"treaty"}, {"trade", "pact"}, {"farming", "aid", "pact"}}));
    }
  }
  EXPECT_FALSE(HasWarning(*v, "not supported"));
  EXPECT_TRUE(HasWarning(*v, "nested_synsets.verbs:11: undefined synset &NOWHERE"));
}

TEST(VerbDictionaryTest, TabariLongestStemFirstThenShorterOnes) {
  VerbDictionaryBuilder b;
  ReadVerbText("CALL  [---]\n- * FOR  [095]\nCALLED_ON  [094]\n", "x.verbs", VerbFormat::kTabari,
               b);
  auto v = std::move(b).Compile();
  // "called" begins with both stems: CALLED_ON (which needs "on") first, then CALL.
  auto entries = v->Lookup("called", "");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(v->block(entries[0]->block).code, "094");
  EXPECT_EQ(v->block(entries[1]->block).code, "---");
  EXPECT_EQ(v->Lookup("calls", "").size(), 1u);
}

TEST(VerbDictionaryTest, TabariFormsLinesPhrasesAndFinish) {
  VerbDictionaryBuilder b;
  ReadVerbText(
      "BREAK_  [1717]\n{BROKE_ BROKEN_}\n- * TREATY  [161]\nBURN DOWN  [222]\n~FINISH\n"
      "JUNK  [010]\n",
      "x.verbs", VerbFormat::kTabari, b);
  auto v = std::move(b).Compile();
  EXPECT_TRUE(v->warnings().empty()) << v->warnings()[0];
  // Manual 5.5.1: the "{...}" line after a verb gives its irregular forms.
  ASSERT_EQ(v->Lookup("broke", "").size(), 1u);
  EXPECT_EQ(v->block(v->Lookup("broken", "")[0]->block).code, "1717");
  // "BURN DOWN": the verb "burn" followed by "down".
  auto burn = v->Lookup("burned", "");
  ASSERT_EQ(burn.size(), 1u);
  EXPECT_EQ(burn[0]->particles, std::vector<std::string>{"down"});
  // Nothing after ~FINISH is read.
  EXPECT_TRUE(v->Lookup("junk", "").empty());
  // An exact verb still takes the regular endings (Validate.text VERBEND-01*).
  for (const char* form : {"breaks", "breakes", "breaked", "breaken", "breaking"})
    EXPECT_EQ(v->Lookup(form, "").size(), 1u) << form;
  EXPECT_TRUE(v->Lookup("breakx", "").empty());
}

TEST(VerbDictionaryTest, TabariTildeIsAStemThatTheNextWordFollowsDirectly) {
  VerbDictionaryBuilder b;
  ReadVerbText(
      "ALLOW  [060]\n- * REAL~_PLEASANT  [024]\n- * BACK~ POLICY  [062]\n"
      "- RECENT~_*  [025]\n",
      "x.verbs", VerbFormat::kTabari, b);
  auto v = std::move(b).Compile();
  const VerbBlock& allow = v->block(v->Lookup("allowed", "")[0]->block);
  ASSERT_EQ(allow.patterns.size(), 3u);
  for (const VerbPattern& p : allow.patterns) {
    const std::vector<PatternElement>& els = p.code == "025" ? p.before : p.after;
    ASSERT_EQ(els.size(), p.code == "025" ? 1u : 2u) << p.text;
    EXPECT_EQ(els[0].word, p.code == "024" ? "real" : p.code == "062" ? "back" : "recent");
    EXPECT_TRUE(els[0].stem);
    if (p.code == "025") {
      EXPECT_TRUE(els[0].adjacent);  // before the verb: directly followed by it
    } else {
      EXPECT_TRUE(els[1].adjacent) << p.text;
    }
  }
}

TEST(VerbDictionaryTest, TabariWordEndingInUnderscoreIsExact) {
  // "FOR_ASYLUM": FOR ends in `_`, so it is the word FOR ("foreign asylum" does not match);
  // ASYLUM does not, so it is a stem.
  VerbDictionaryBuilder b;
  ReadVerbText("BARGAIN  [031]\n- * FOR_ASYLUM  [174K]\n", "x.verbs", VerbFormat::kTabari, b);
  auto v = std::move(b).Compile();
  const VerbBlock& bargain = v->block(v->Lookup("bargain", "")[0]->block);
  ASSERT_EQ(bargain.patterns.size(), 1u);
  const std::vector<PatternElement>& after = bargain.patterns[0].after;
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].word, "for");
  EXPECT_FALSE(after[0].stem);
  EXPECT_EQ(after[1].word, "asylum");
  EXPECT_TRUE(after[1].stem);
  EXPECT_TRUE(after[1].adjacent);
}

TEST(VerbDictionaryTest, TabariHyphenAfterAWordIsAnUnderscore) {
  // Manual 5.2: "ANTI- + *" is "ANTI_ + *", the word "anti" as written (the text's hyphens are
  // blanks); a pattern line's leading "-" is untouched.
  VerbDictionaryBuilder b;
  ReadVerbText("PARADE  [017]\n- ANTI- + *  [111]\n- * PRO-GOVERNMENT  [020]\n", "x.verbs",
               VerbFormat::kTabari, b);
  auto v = std::move(b).Compile();
  const VerbBlock& parade = v->block(v->Lookup("parade", "")[0]->block);
  ASSERT_EQ(parade.patterns.size(), 2u);
  for (const VerbPattern& p : parade.patterns) {
    if (p.code == "111") {
      ASSERT_EQ(p.before.size(), 2u);
      EXPECT_EQ(p.before[0].word, "anti");
      EXPECT_FALSE(p.before[0].stem);
    } else {
      ASSERT_EQ(p.after.size(), 2u);
      EXPECT_EQ(p.after[0].word, "pro");
      EXPECT_TRUE(p.after[1].adjacent);
    }
  }
}

TEST(VerbDictionaryTest, TabariPatternsAreTriedLongestFirst) {
  // Manual 5.7.1: by their letters (not blanks, not $ + % * ^); alternatives count their longest
  // choice, a named synset nothing; equal lengths keep the file's order.
  VerbDictionaryBuilder b;
  ReadVerbText(
      "&CURRENCY\n+DOLLAR\n+SWISS_FRANC\nCONTRIBUT  [070]\n- * &CURRENCY  [903]\n"
      "- * DOLLAR  [071]\n- + * TO THE NEXT DAY $  [010]\n- * THEIR MEETINGS  [020]\n"
      "- * { AB | ABCDEFGHIJKLMN }  [030]\n- * WX  [040]\n- * YZ  [041]\n",
      "x.verbs", VerbFormat::kTabari, b);
  auto v = std::move(b).Compile();
  const VerbBlock& block = v->block(v->Lookup("contribute", "")[0]->block);
  std::vector<std::string> codes;
  for (const VerbPattern& p : block.patterns) codes.push_back(p.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"030", "020", "010", "071", "040", "041", "903"}));
}

TEST(VerbDictionaryTest, TabariUnderscoreJoinsAnAlternativeSetToItsNeighbours) {
  // Manual 5.5: "WORD_{ A | B }" puts the set right after the word, "{ A | B }_WORD" the word
  // right after the set.
  VerbDictionaryBuilder b;
  ReadVerbText(
      "SHOULD  [101]\n- SUGGESTED_{ NEVER | DON'T } * DEMAND CONVENTIONS  [171]\n"
      "- SUGGESTED * DEMAND_{ GENEVA_ | INTERNATIONAL_ }_CONVENTIONS  [161]\n",
      "x.verbs", VerbFormat::kTabari, b);
  auto v = std::move(b).Compile();
  const VerbBlock& should = v->block(v->Lookup("should", "")[0]->block);
  ASSERT_EQ(should.patterns.size(), 2u);
  for (const VerbPattern& p : should.patterns) {
    if (p.code == "171") {
      ASSERT_EQ(p.before.size(), 2u);
      EXPECT_TRUE(p.before[0].adjacent) << p.text;  // before the verb: followed directly
    } else {
      ASSERT_EQ(p.after.size(), 3u) << p.text;
      EXPECT_TRUE(p.after[1].adjacent) << p.text;
      EXPECT_TRUE(p.after[2].adjacent) << p.text;
    }
  }
}

TEST(VerbDictionaryTest, PetrarchDropsTabarisDominantMark) {
  VerbDictionaryBuilder b;
  ReadVerbText("--- BACK  [---]  ---\nBACK\n- * DOWN (FROM)  [080!]\n", "x.txt",
               VerbFormat::kPetrarch, b);
  auto v = std::move(b).Compile();
  const VerbBlock& back = v->block(v->Lookup("back", "")[0]->block);
  ASSERT_EQ(back.patterns.size(), 1u);
  EXPECT_EQ(back.patterns[0].code, "080");
}

TEST(VerbDictionaryTest, ContractionsAreSplitAsTheTokeniserSplitsThem) {
  VerbDictionaryBuilder b;
  ReadVerbText("&NEG\n+DIDN'T\n+CAN'T\nCLASH  [223]\n- WON'T * OVER  [904]\n", "x.verbs",
               VerbFormat::kTabari, b);
  auto v = std::move(b).Compile();
  ASSERT_EQ(v->synset(0).size(), 2u);
  EXPECT_EQ(v->synset(0)[0], (std::vector<std::string>{"did", "n't"}));
  EXPECT_EQ(v->synset(0)[1], (std::vector<std::string>{"ca", "n't"}));
  const VerbBlock& clash = v->block(v->Lookup("clash", "")[0]->block);
  ASSERT_EQ(clash.patterns[0].before.size(), 2u);
  EXPECT_EQ(clash.patterns[0].before[0].word, "wo");
  EXPECT_EQ(clash.patterns[0].before[1].word, "n't");
  EXPECT_TRUE(clash.patterns[0].before[0].adjacent);
}

TEST(VerbDictionaryTest, CompoundAfterTheVerbIsAPetrarchTarget) {
  VerbDictionaryBuilder p, t;
  ReadVerbText("--- AGREE [081] ---\nAGREE\n- * WITH % [031]\n", "x.txt", VerbFormat::kPetrarch, p);
  ReadVerbText("AGREE [081]\n- * WITH %  [031]\n", "x.verbs", VerbFormat::kTabari, t);
  auto pv = std::move(p).Compile();
  auto tv = std::move(t).Compile();
  EXPECT_EQ(pv->block(0).patterns[0].after.back().kind, PatternElement::Kind::kTarget);
  EXPECT_EQ(tv->block(0).patterns[0].after.back().kind, PatternElement::Kind::kCompound);
}

TEST(VerbDictionaryTest, DyadFormat) {
  auto d = LoadVerbDictionaries(kTestdata + "verbs");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const VerbDictionary& v = **d;
  ASSERT_EQ(v.Lookup("visited", "visit").size(), 1u);
  EXPECT_TRUE(v.Lookup("sanctions", "sanction").empty());  // nominal triggers are asked for
  ASSERT_EQ(v.Lookup("sanctions", "sanction", /*noun=*/true).size(), 1u);
  EXPECT_EQ(v.Lookup("states", "state").size(), 1u);
  const VerbBlock& meet = v.block(v.Lookup("met", "meet")[0]->block);
  ASSERT_EQ(meet.patterns.size(), 1u);
  EXPECT_EQ(meet.patterns[0].code, "040");
  EXPECT_EQ(meet.patterns[0].after[0].word, "with");
  EXPECT_TRUE(HasWarning(v, "verbs/dyad-test.txt:7: \"xyz\" is not a CAMEO code"));
}

TEST(VerbDictionaryTest, DetectFormat) {
  EXPECT_EQ(DetectVerbFormat("x.verbs", "ABANDON [---]"), VerbFormat::kTabari);
  EXPECT_EQ(DetectVerbFormat("CAMEO.2.0.txt", "# c\n--- A [01] ---\n"), VerbFormat::kPetrarch);
  EXPECT_EQ(DetectVerbFormat("v.txt", "# c\n042 visit +\n"), VerbFormat::kDyad);
  EXPECT_EQ(DetectVerbFormat("v.txt", "country RUS\n"), VerbFormat::kUnknown);
  VerbDictionaryBuilder b;
  ReadVerbText("", "empty.txt", VerbFormat::kUnknown, b);
  EXPECT_EQ(b.warning_count(), 1u);
  EXPECT_FALSE(LoadVerbDictionaries("/nonexistent/verbs").ok());
}

TEST(CameoTableTest, ReadsAndWarns) {
  CameoTable t = CameoTable::Read(Slurp(kTestdata + "cameo.txt"), "cameo.txt");
  EXPECT_EQ(t.size(), 8u);
  ASSERT_NE(t.Find("042"), nullptr);
  EXPECT_DOUBLE_EQ(t.Find("042")->goldstein, 1.9);
  EXPECT_EQ(t.Find("042")->plover, "CONSULT");
  EXPECT_EQ(t.Find("0421")->code, "042");  // longest listed prefix
  EXPECT_EQ(t.Find("99"), nullptr);
  EXPECT_EQ(t.warnings().size(), 3u);
  EXPECT_NE(t.warnings()[0].find("cameo.txt:10:"), std::string::npos);
  EXPECT_EQ(CameoTable::Root("036"), "03");
  EXPECT_EQ(CameoTable::Root("---"), "");
  EXPECT_EQ(CameoTable::QuadClassOfRoot("03"), 1);
  EXPECT_EQ(CameoTable::QuadClassOfRoot("07"), 2);
  EXPECT_EQ(CameoTable::QuadClassOfRoot("11"), 3);
  EXPECT_EQ(CameoTable::QuadClassOfRoot("19"), 4);
}

TEST(VerbDictionaryTest, PicoNegationsFromHexSums) {
  auto n = ReadPicoNegations(
      "# PICO\n010:0x1000#Make Public Statement\n011:0x1000-0xFFFF\n050:0x0080#Coop\n"
      "110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove\n111:0x7001\nbad line\n");
  EXPECT_EQ(n["010"], "011");
  EXPECT_EQ(n["110"], "050");
  EXPECT_EQ(n.count("111"), 0u);
  EXPECT_EQ(n.count("050"), 0u);
  // Found by fuzz_dict_verbs: a hex number past 64 bits overflowed; now the line is skipped.
  auto big = ReadPicoNegations("010:0x1000\n011:0x1000-0xFFFF\n012:0x10000000000000000000\n");
  EXPECT_EQ(big["010"], "011");
  EXPECT_EQ(big.count("012"), 0u);
}

}  // namespace
}  // namespace dyad
