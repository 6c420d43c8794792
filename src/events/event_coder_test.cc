#include "dyad/events/event_coder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <tuple>

#include "dyad/dict/dictionary.h"

namespace dyad {
namespace {

const std::string kTestdata = std::string(DYAD_SOURCE_DIR) + "/src/events/testdata/";

// A one-sentence Document from "form/lemma/UPOS/head/deprel" words (head 1-based, 0 = root)
// and actors given as "first-last=CODE" (1-based token numbers).
Document Parsed(const std::vector<std::string>& words, const std::vector<std::string>& actors) {
  Document doc;
  doc.meta.date = Date{2013, 4, 30};
  for (const std::string& spec : words) {
    std::vector<std::string> f;
    std::stringstream ss(spec);
    std::string part;
    while (std::getline(ss, part, '/')) f.push_back(part);
    EXPECT_EQ(f.size(), 5u) << spec;
    Token t;
    t.span.begin = static_cast<ByteOffset>(doc.text.size());
    doc.text += f[0];
    t.span.end = static_cast<ByteOffset>(doc.text.size());
    doc.text += " ";
    doc.tokens.push_back(t);
    WordAnalysis w;
    w.lemma = f[1];
    w.upos = f[2] == "VERB"    ? Upos::kVerb
             : f[2] == "AUX"   ? Upos::kAux
             : f[2] == "PROPN" ? Upos::kPropn
             : f[2] == "ADJ"   ? Upos::kAdj
             : f[2] == "ADP"   ? Upos::kAdp
             : f[2] == "PRON"  ? Upos::kPron
             : f[2] == "SCONJ" ? Upos::kSconj
             : f[2] == "DET"   ? Upos::kDet
             : f[2] == "CCONJ" ? Upos::kCconj
             : f[2] == "PUNCT" ? Upos::kPunct
             : f[2] == "PART"  ? Upos::kPart
             : f[2] == "ADV"   ? Upos::kAdv
                               : Upos::kNoun;
    const int head = std::stoi(f[3]);
    w.head = head == 0 ? kNoHead : static_cast<TokenIndex>(head - 1);
    w.deprel = DeprelFromName(f[4]).value_or(Deprel::kDep);
    if (f[1] == "will") w.xpos = *XposFromName("MD");
    doc.words.push_back(w);
  }
  Sentence s;
  s.first_token = 0;
  s.end_token = static_cast<TokenIndex>(doc.tokens.size());
  s.span = {0, static_cast<ByteOffset>(doc.text.size() - 1)};
  doc.sentences.push_back(s);
  for (const std::string& a : actors) {
    ActorMention m;
    const size_t dash = a.find('-'), eq = a.find('=');
    m.first_token = std::stoi(a.substr(0, dash)) - 1;
    m.end_token = std::stoi(a.substr(dash + 1, eq - dash - 1));
    m.code = a.substr(eq + 1);
    m.span = {doc.tokens[m.first_token].span.begin, doc.tokens[m.end_token - 1].span.end};
    doc.actors.push_back(m);
  }
  return doc;
}

std::vector<std::string> Code(const std::string& dict, Document doc, EventCoderOptions o = {}) {
  auto verbs = LoadVerbDictionaries(kTestdata + dict);
  EXPECT_TRUE(verbs.ok());
  o.verbs = *verbs;
  auto coder = EventCoder::Load(o);
  EXPECT_TRUE(coder.ok());
  auto ws = (*coder)->NewWorkspace();
  EXPECT_TRUE((*coder)->Process(doc, *ws).ok());
  std::vector<std::string> out;
  for (const Event& e : doc.events) out.push_back(e.source + " " + e.code + " " + e.target);
  return out;
}

using V = std::vector<std::string>;

TEST(EventCoderTest, SubjectVerbObject) {
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/2/obj"},
      {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 190 GON"});
}

TEST(EventCoderTest, PatternWithPrepositionalPhraseBeatsTheVerbCode) {
  Document d = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "restored/restore/VERB/0/root",
                       "diplomatic/diplomatic/ADJ/4/amod", "ties/tie/NOUN/2/obj",
                       "with/with/ADP/6/case", "Gondor/Gondor/PROPN/2/obl"},
                      {"1-1=ARN", "6-6=GON"});
  auto verbs = LoadVerbDictionaries(kTestdata + "mini.verbs.txt").value();
  auto coder = EventCoder::Load({.verbs = verbs}).value();
  auto ws = coder->NewWorkspace();
  ASSERT_TRUE(coder->Process(d, *ws).ok());
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].code, "064");
  EXPECT_EQ(d.events[0].target, "GON");
  EXPECT_NE(d.events[0].rule.find("mini.verbs.txt:13"), std::string::npos) << d.events[0].rule;
  EXPECT_EQ(d.SpanText(d.events[0].trigger_span), "restored");
  EXPECT_EQ(d.events[0].root, "06");
  EXPECT_EQ(d.events[0].quad_class, 2);
  EXPECT_NE(coder->Explain(d, 0).find("matched"), std::string::npos);
}

TEST(EventCoderTest, SynsetInsideASynsetPhraseMatchesItsWords) {
  // nested_synsets.verbs: "- *_&TALKS WITH_ +" where &TALKS holds "MEMOS_ON_&KIND".
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "signed/sign/VERB/0/root", "memos/memo/NOUN/2/obj",
              "on/on/ADP/6/case", "farming/farming/NOUN/6/compound", "aid/aid/NOUN/3/nmod",
              "with/with/ADP/8/case", "Gondor/Gondor/PROPN/2/obl"},
             {"1-1=ARN", "8-8=GON"});
  EXPECT_EQ(Code("nested_synsets.verbs", d), V{"ARN 057 GON"});
}

TEST(EventCoderTest, PassiveAgentIsTheSource) {
  Document d =
      Parsed({"Gondor/Gondor/PROPN/3/nsubj:pass", "was/be/AUX/3/aux:pass",
              "attacked/attack/VERB/0/root", "by/by/ADP/5/case", "Arnor/Arnor/PROPN/3/obl:agent"},
             {"1-1=GON", "5-5=ARN"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 190 GON"});
}

TEST(EventCoderTest, CompoundActorsGiveOneEventPerPair) {
  Document d =
      Parsed({"Arnor/Arnor/PROPN/4/nsubj", "and/and/CCONJ/3/cc", "Rohan/Rohan/PROPN/1/conj",
              "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/4/obj"},
             {"1-1=ARN", "3-3=ROH", "5-5=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), (V{"ARN 190 GON", "ROH 190 GON"}));
}

TEST(EventCoderTest, CompoundActorsInsideAPhraseAndInPatternSlots) {
  // "restored the resumption of ties with Gondor, Rohan and Bree": each coordinated actor.
  Document d = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "restored/restore/VERB/0/root",
                       "the/the/DET/4/det", "resumption/resumption/NOUN/2/obj", "of/of/ADP/6/case",
                       "ties/tie/NOUN/4/nmod", "with/with/ADP/8/case", "Gondor/Gondor/PROPN/6/nmod",
                       "Rohan/Rohan/PROPN/8/conj", "and/and/CCONJ/11/cc", "Bree/Bree/PROPN/8/conj"},
                      {"1-1=ARN", "8-8=GON", "9-9=ROH", "11-11=BRE"});
  EXPECT_EQ(Code("mini.verbs.txt", d), (V{"ARN 064 GON", "ARN 064 ROH", "ARN 064 BRE"}));
  // A pattern's + slot takes the actors coordinated with the one it matched.
  Document g = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "gave/give/VERB/0/root", "aid/aid/NOUN/2/obj",
                       "to/to/ADP/5/case", "Gondor/Gondor/PROPN/2/obl", "and/and/CCONJ/7/cc",
                       "Rohan/Rohan/PROPN/5/conj"},
                      {"1-1=ARN", "5-5=GON", "7-7=ROH"});
  EXPECT_EQ(Code("mini.verbs.txt", g), (V{"ARN 070 GON", "ARN 070 ROH"}));
}

TEST(EventCoderTest, CompoundSlotFoundOnALaterConjunctStandsForTheWholeCoordination) {
  // "Gondor and Osgiliath renewed the truce": `% *` is matched right to left, on Osgiliath;
  // the compound is both members, one event each way.
  Document d = Parsed(
      {"Gondor/Gondor/PROPN/4/nsubj", "and/and/CCONJ/3/cc", "Osgiliath/Osgiliath/PROPN/1/conj",
       "renewed/renew/VERB/0/root", "the/the/DET/6/det", "truce/truce/NOUN/4/obj"},
      {"1-1=GON", "3-3=OSG"});
  EXPECT_EQ(Code("mini.verbs.txt", d), (V{"GON 074 OSG", "OSG 074 GON"}));
  // A `$` slot on a later member codes each member too.
  Document g = Parsed(
      {"Gondor/Gondor/PROPN/4/nsubj", "and/and/CCONJ/3/cc", "Osgiliath/Osgiliath/PROPN/1/conj",
       "attacked/attack/VERB/0/root", "Mordor/Mordor/PROPN/4/obj"},
      {"1-1=GON", "3-3=OSG", "5-5=MOR"});
  EXPECT_EQ(Code("mini.verbs.txt", g), (V{"GON 190 MOR", "OSG 190 MOR"}));
  // `%` needs a compound: a single subject does not match it (RENEW codes nothing itself).
  Document one =
      Parsed({"Gondor/Gondor/PROPN/2/nsubj", "renewed/renew/VERB/0/root", "the/the/DET/4/det",
              "truce/truce/NOUN/2/obj", "with/with/ADP/6/case", "Osgiliath/Osgiliath/PROPN/2/obl"},
             {"1-1=GON", "6-6=OSG"});
  EXPECT_EQ(Code("mini.verbs.txt", one), V{});
}

TEST(EventCoderTest, PhraseTargetsPassActorsUpThroughUncodedComplements) {
  // "Arnor restored ties to help Gondor": "help" codes nothing, so PETRARCH-2 passes Gondor up.
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "restored/restore/VERB/0/root", "ties/tie/NOUN/2/obj",
              "to/to/PART/5/mark", "help/help/VERB/2/advcl", "Gondor/Gondor/PROPN/5/obj"},
             {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{});  // off by default
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), V{"ARN 064 GON"});
  // Not through a clause with its own subordinator, nor past a verb with its own event.
  Document after =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "restored/restore/VERB/0/root", "ties/tie/NOUN/2/obj",
              "after/after/SCONJ/5/mark", "helping/help/VERB/2/advcl", "Gondor/Gondor/PROPN/5/obj"},
             {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", after, {.phrase_targets = true}), V{});
  Document coded =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "restored/restore/VERB/0/root", "ties/tie/NOUN/2/obj",
              "to/to/PART/5/mark", "attack/attack/VERB/2/advcl", "Gondor/Gondor/PROPN/5/obj"},
             {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", coded, {.phrase_targets = true}), V{"ARN 190 GON"});
  // The passive subject of an uncoded complement: "restored ties so that Gondor is helped".
  Document pass = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "restored/restore/VERB/0/root", "ties/tie/NOUN/2/obj",
       "Gondor/Gondor/PROPN/6/nsubj:pass", "is/be/AUX/6/aux:pass", "helped/help/VERB/2/ccomp"},
      {"1-1=ARN", "4-4=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", pass, {.phrase_targets = true}), V{"ARN 064 GON"});
  // A misparse hangs "with Gondor" on a later clause: the first actor after the verb.
  Document mis =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "restored/restore/VERB/0/root", "ties/tie/NOUN/2/obj",
              "with/with/ADP/5/case", "Gondor/Gondor/PROPN/6/nsubj", "grew/grow/VERB/2/parataxis"},
             {"1-1=ARN", "5-5=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", mis, {.phrase_targets = true}), V{"ARN 064 GON"});
  // No subject in the parse: the nearest actor before the verb.
  Document nosubj = Parsed(
      {"Arnor/Arnor/PROPN/2/obl", "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/2/obj"},
      {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", nosubj), V{});
  EXPECT_EQ(Code("mini.verbs.txt", nosubj, {.phrase_targets = true}), V{"ARN 190 GON"});
}

TEST(EventCoderTest, ConjunctsOfAnActorInsideAMentionJoinTheMention) {
  // "Rebels in Arnor and Rohan attacked Gondor": one mention ARNREB over "Rebels in Arnor",
  // and "Rohan" (ROHREB), conjoined with the mention's inner country.
  Document d = Parsed({"Rebels/rebel/NOUN/6/nsubj", "in/in/ADP/3/case", "Arnor/Arnor/PROPN/1/nmod",
                       "and/and/CCONJ/5/cc", "Rohan/Rohan/PROPN/3/conj",
                       "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/6/obj"},
                      {"1-3=ARNREB", "5-5=ROHREB", "7-7=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), (V{"ARNREB 190 GON", "ROHREB 190 GON"}));
}

TEST(EventCoderTest, SubjectlessVerbHangingFromTheRootNounTakesItAsSubject) {
  // "Arnor certainly attacked Gondor" misparsed with "Arnor" as root, the verb its parataxis.
  Document d = Parsed({"Arnor/Arnor/PROPN/0/root", "certainly/certainly/ADV/3/advmod",
                       "attacked/attack/VERB/1/parataxis", "Gondor/Gondor/PROPN/3/obj"},
                      {"1-1=ARN", "4-4=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 190 GON"});
}

TEST(EventCoderTest, TabariDefaultCodesStandInForAMissingSourceOrTarget) {
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "Xyz/Xyz/PROPN/2/obj"},
             {"1-1=ARN"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.default_source = "DEFSRC", .default_target = "DEFTAR"}),
            V{"ARN 190 DEFTAR"});
  Document g =
      Parsed({"Xyz/Xyz/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/2/obj"},
             {"3-3=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", g, {.default_source = "DEFSRC"}), V{"DEFSRC 190 GON"});
}

TEST(EventCoderTest, TabariComplexAndDiscardCodesLeaveTheSentenceUncoded) {
  auto attack = [](const std::string& word) {
    return Parsed({"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root",
                   "Gondor/Gondor/PROPN/2/obj", word + "/" + word + "/NOUN/2/obl"},
                  {"1-1=ARN", "3-3=GON"});
  };
  EXPECT_EQ(Code("special_codes.verbs", attack("today")), V{"ARN 190 GON"});
  EXPECT_EQ(Code("special_codes.verbs", attack("fxll")), V{});        // +++: complex
  EXPECT_EQ(Code("special_codes.verbs", attack("diplxmatic")), V{});  // ###: discarded
}

TEST(EventCoderTest, TabariSpecialActorCodesLeaveTheSentenceUncoded) {
  // ActorCoderOptions::special_codes keeps a "###" or "+++" actor as a mention (manual 6.2).
  for (const char* special : {"###", "+++"}) {
    Document d = Parsed(
        {"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/2/obj",
         "after/after/SCONJ/6/mark", "Onodoher/Onodoher/PROPN/6/nsubj", "left/leave/VERB/2/advcl"},
        {"1-1=ARN", "3-3=GON", std::string("5-5=") + special});
    EXPECT_EQ(Code("mini.verbs.txt", d), V{}) << special;
    // PETRARCH-2 and UniversalPetrarch: a code like any other.
    EventCoderOptions plain;
    plain.special_actor_codes = false;
    EXPECT_EQ(Code("mini.verbs.txt", d, plain), V{"ARN 190 GON"}) << special;
  }
}

TEST(EventCoderTest, TabariComplexityFilter) {
  // TABARI manual 8.7: "Arnor attacked and visited Rohan or Gondor and Bree".
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "and/and/CCONJ/4/cc",
              "visited/visit/VERB/2/conj", "Rohan/Rohan/PROPN/4/obj", "or/or/CCONJ/7/cc",
              "Gondor/Gondor/PROPN/5/conj", "and/and/CCONJ/9/cc", "Bree/Bree/PROPN/5/conj"},
             {"1-1=ARN", "5-5=ROH", "7-7=GON", "9-9=BRE"});
  const V all = Code("mini.verbs.txt", d);
  EXPECT_FALSE(all.empty());
  EventCoderOptions o;
  o.complexity.verbs = 2;
  EXPECT_EQ(Code("mini.verbs.txt", d, o), V{});
  o.complexity.verbs = 3;
  EXPECT_EQ(Code("mini.verbs.txt", d, o), all);
  // The conjunctions of the compound actor "Rohan or Gondor and Bree" do not count.
  o.complexity.conjunctions = 2;
  EXPECT_EQ(Code("mini.verbs.txt", d, o), all);
  o.complexity.conjunctions = 1;
  EXPECT_EQ(Code("mini.verbs.txt", d, o), V{});
  // NOACTPRIOR: no actor before the first coded verb.
  Document late = Parsed({"Yesterday/yesterday/NOUN/2/obl", "attacked/attack/VERB/0/root",
                          "Arnor/Arnor/PROPN/2/obj", "Rohan/Rohan/PROPN/2/nsubj"},
                         {"3-3=ARN", "4-4=ROH"});
  EXPECT_EQ(Code("mini.verbs.txt", late), V{"ROH 190 ARN"});
  EventCoderOptions prior;
  prior.complexity.no_actor_prior = true;
  EXPECT_EQ(Code("mini.verbs.txt", late, prior), V{});
}

TEST(EventCoderTest, TabariDominantCodeLeavesOnlyDominantEvents) {
  // "ATTEND [031!]" (manual 6.6.2): "Arnor attacked Gondor and attended Rohan" codes only the
  // attending, without the "!".
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/2/obj",
       "and/and/CCONJ/5/cc", "attended/attend/VERB/2/conj", "Rohan/Rohan/PROPN/5/obj"},
      {"1-1=ARN", "3-3=GON", "6-6=ROH"});
  EXPECT_EQ(Code("special_codes.verbs", d), V{"ARN 031 ROH"});
}

TEST(EventCoderTest, PetrarchBareNounIsTheHeadOfAPhraseOfTheVerb) {
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "adopted/adopt/VERB/0/root",
       "resolutions/resolution/NOUN/2/obj", "with/with/ADP/5/case", "Gondor/Gondor/PROPN/2/obl"},
      {"1-1=ARN", "5-5=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 102 GON"});
  // "a set of resolutions": the phrase's head is "set"; RESOLUTION modifies it through "of".
  Document g =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "adopted/adopt/VERB/0/root", "set/set/NOUN/2/obj",
              "of/of/ADP/5/case", "resolutions/resolution/NOUN/3/nmod", "with/with/ADP/7/case",
              "Gondor/Gondor/PROPN/2/obl"},
             {"1-1=ARN", "7-7=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", g), V{"ARN 081 GON"});
}

TEST(EventCoderTest, TabariSynsetPhrasesMatchAsPatterns) {
  auto contributed = [](std::vector<std::string> money, std::vector<std::string> actors) {
    std::vector<std::string> words = {"Arnor/Arnor/PROPN/2/nsubj",
                                      "contributed/contribute/VERB/0/root"};
    for (std::string& w : money) words.push_back(w + "/NOUN/2/obj");
    const std::string to = std::to_string(words.size() + 2);
    words.push_back("to/to/ADP/" + to + "/case");
    words.push_back("Gondor/Gondor/PROPN/2/obl");
    actors.push_back("1-1=ARN");
    actors.push_back(to + "-" + to + "=GON");
    return Parsed(words, actors);
  };
  // "+YUM YENNYEN": a word may stand between, YENNYEN is a stem.
  EXPECT_EQ(Code("synset_phrases.verbs", contributed({"yum/yum", "yennyener/yennyener"}, {})),
            V{"ARN 903 GON"});
  EXPECT_EQ(
      Code("synset_phrases.verbs", contributed({"yum/yum", "gold/gold", "yennyen/yennyen"}, {})),
      V{"ARN 903 GON"});
  // "+JAVANESE_YEN": consecutive words.
  EXPECT_EQ(
      Code("synset_phrases.verbs", contributed({"javanese/javanese", "gold/gold", "yen/yen"}, {})),
      V{"ARN 070 GON"});
  // "+KRONER_": the word itself, not "kronerian".
  EXPECT_EQ(Code("synset_phrases.verbs", contributed({"kronerian/kronerian"}, {})),
            V{"ARN 070 GON"});
  // "+PESO_$": the actor right after PESO is the source; the target differs from it (TABARI).
  EXPECT_EQ(Code("synset_phrases.verbs", contributed({"peso/peso", "Bree/Bree"}, {"4-4=BRE"}),
                 {.phrase_targets = true, .distinct_targets = true}),
            V{"BRE 903 GON"});
}

TEST(EventCoderTest, SkipMarkerSkipsOneNounPhrase) {
  // "- * FEAST IN ^ +": "hosted a feast in Rohan with Gondor" skips Rohan, binds Gondor.
  Document d = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "hosted/host/VERB/0/root", "a/a/DET/4/det",
                       "feast/feast/NOUN/2/obj", "in/in/ADP/6/case", "Rohan/Rohan/PROPN/4/nmod",
                       "with/with/ADP/8/case", "Gondor/Gondor/PROPN/2/obl"},
                      {"1-1=ARN", "6-6=ROH", "8-8=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 045 GON"});
}

TEST(EventCoderTest, TabariSkipMarkerSkipsOneActor) {
  // "- * IFTAR AT ^ ^ +": "celebrated Iftar at Osgiliath with the leaders of Gondor in Eriador"
  // skips Osgiliath and Gondor (manual 5.7), not two noun phrases.
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "celebrated/celebrate/VERB/0/root", "Iftar/Iftar/PROPN/2/obj",
       "at/at/ADP/5/case", "Osgiliath/Osgiliath/PROPN/2/obl", "with/with/ADP/8/case",
       "the/the/DET/8/det", "leaders/leader/NOUN/2/obl", "of/of/ADP/10/case",
       "Gondor/Gondor/PROPN/8/nmod", "in/in/ADP/12/case", "Eriador/Eriador/PROPN/2/obl"},
      {"1-1=ARN", "5-5=OSG", "10-10=GON", "12-12=ERI"});
  EXPECT_EQ(Code("skip.verbs", d), V{"ARN 044 ERI"});
  // A compound actor is skipped whole: "at Osgiliath and Rohan with Gondor in Eriador".
  Document g =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "celebrated/celebrate/VERB/0/root",
              "Iftar/Iftar/PROPN/2/obj", "at/at/ADP/5/case", "Osgiliath/Osgiliath/PROPN/2/obl",
              "and/and/CCONJ/7/cc", "Rohan/Rohan/PROPN/5/conj", "with/with/ADP/9/case",
              "Gondor/Gondor/PROPN/2/obl", "in/in/ADP/11/case", "Eriador/Eriador/PROPN/2/obl"},
             {"1-1=ARN", "5-5=OSG", "7-7=ROH", "9-9=GON", "11-11=ERI"});
  EXPECT_EQ(Code("skip.verbs", g), V{"ARN 044 ERI"});
}

TEST(EventCoderTest, PassivePhraseSourceForThePeers) {
  // "Gondor was attacked in Arnor": no "by" agent; the peers take Arnor as the source.
  Document d =
      Parsed({"Gondor/Gondor/PROPN/3/nsubj:pass", "was/be/AUX/3/aux:pass",
              "attacked/attack/VERB/0/root", "in/in/ADP/5/case", "Arnor/Arnor/PROPN/3/obl"},
             {"1-1=GON", "5-5=ARN"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.passive_phrase_source = true}), V{"ARN 190 GON"});
}

TEST(EventCoderTest, CompoundActorCodesSplitOrWhole) {
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "Shire/Shire/PROPN/2/obj"},
      {"1-1=ARN", "3-3=FRO/BIL"});
  EXPECT_EQ(Code("mini.verbs.txt", d), (V{"ARN 190 FRO", "ARN 190 BIL"}));
  EXPECT_EQ(Code("mini.verbs.txt", d, {.split_compound_codes = false}), V{"ARN 190 FRO/BIL"});
}

TEST(EventCoderTest, TargetSlotOnTheSubjectMakesTheReporterTheSource) {
  // "- NOTED + *": "Arnor noted that Gondor regretted it" is Arnor 115 Gondor.
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "noted/note/VERB/0/root", "that/that/SCONJ/5/mark",
              "Gondor/Gondor/PROPN/5/nsubj", "regretted/regret/VERB/2/ccomp", "it/it/PRON/5/obj"},
             {"1-1=ARN", "4-4=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 115 GON"});
  // UniversalPetrarch reads a word before the verb as a noun: the verb "noted" is none, so
  // REGRET keeps its own code.
  EventCoderOptions nouns;
  nouns.noun_words_before = true;
  EXPECT_EQ(Code("mini.verbs.txt", d, nouns), V{"GON 111 ARN"});
}

TEST(EventCoderTest, UniversalPetrarchNounGroupsTakeOnlyAdjectivesBetween) {
  EventCoderOptions groups;
  groups.contiguous_noun_groups = true;
  auto abandon = [](const std::string& modifiers) {
    std::vector<std::string> w = {"Arnor/Arnor/PROPN/2/nsubj", "abandoned/abandon/VERB/0/root"};
    std::stringstream ss(modifiers);
    std::string m;
    while (ss >> m) w.push_back(m);
    const int head = static_cast<int>(w.size()) + 1;
    for (size_t i = 2; i < w.size(); ++i) w[i] += "/" + std::to_string(head) + "/amod";
    w.push_back("relations/relation/NOUN/2/obj");
    w.push_back("with/with/ADP/" + std::to_string(head + 2) + "/case");
    w.push_back("Gondor/Gondor/PROPN/" + std::to_string(head) + "/nmod");
    const std::string g = std::to_string(head + 2);
    return Parsed(w, {"1-1=ARN", g + "-" + g + "=GON"});
  };
  // "- * {NEW &TIETYPES RELATIONS} [1951]": adjectives may stand between the group's words.
  Document d = abandon("new/new/ADJ economic/economic/ADJ");
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 1951 GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d, groups), V{"ARN 1951 GON"});
  d = abandon("new/new/ADJ global/global/ADJ economic/economic/ADJ");
  EXPECT_EQ(Code("mini.verbs.txt", d, groups), V{"ARN 1951 GON"});
  // A noun there is compounded into the head: "economic trade relations" are no RELATIONS.
  d = abandon("new/new/ADJ economic/economic/ADJ trade/trade/NOUN");
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 1951 GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d, groups), V{"ARN 1121 GON"});
  // Before the verb too: "- {DEATH TOLL} * [190]" is no match for "death and injury toll".
  Document r =
      Parsed({"Arnor/Arnor/PROPN/5/nmod:poss", "death/death/NOUN/5/compound", "and/and/CCONJ/4/cc",
              "injury/injury/NOUN/2/conj", "toll/toll/NOUN/6/nsubj", "rose/rise/VERB/0/root",
              "against/against/ADP/8/case", "Gondor/Gondor/PROPN/6/obl"},
             {"1-1=ARN", "8-8=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", r), V{"ARN 190 GON"});
  EXPECT_EQ(Code("mini.verbs.txt", r, groups), V{});
  Document a = Parsed(
      {"Arnor/Arnor/PROPN/3/nmod:poss", "death/death/NOUN/3/compound", "toll/toll/NOUN/4/nsubj",
       "rose/rise/VERB/0/root", "against/against/ADP/6/case", "Gondor/Gondor/PROPN/4/obl"},
      {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", a, groups), V{"ARN 190 GON"});
}

TEST(EventCoderTest, UniversalPetrarchSourceSlotAfterTheVerbMakesTheSubjectTheTarget) {
  // CELEBRATE's "- * {MAY DAY} $ [017]": "Mordor celebrated May Day with Eriador".
  Document d = Parsed({"Mordor/Mordor/PROPN/2/nsubj", "celebrated/celebrate/VERB/0/root",
                       "May/May/PROPN/4/compound", "Day/Day/PROPN/2/obj", "with/with/ADP/6/case",
                       "Eriador/Eriador/PROPN/4/nmod"},
                      {"1-1=MOR", "6-6=ERI"});
  EventCoderOptions up;
  up.source_slot_subject_target = true;
  EXPECT_EQ(Code("mini.verbs.txt", d, up), V{"ERI 017 MOR"});
  EXPECT_NE(Code("mini.verbs.txt", d), V{"ERI 017 MOR"});
}

TEST(EventCoderTest, UniversalPetrarchInfinitiveComplementDropsTheOuterPair) {
  // ENTERTAIN [043:042] with a coded infinitive: "Mordor entertained Osgiliath to celebrate
  // May Day with Eriador".
  Document d =
      Parsed({"Mordor/Mordor/PROPN/2/nsubj", "entertained/entertain/VERB/0/root",
              "Osgiliath/Osgiliath/PROPN/2/obj", "to/to/PART/5/mark",
              "celebrate/celebrate/VERB/2/xcomp", "May/May/PROPN/7/compound", "Day/Day/PROPN/5/obj",
              "with/with/ADP/9/case", "Eriador/Eriador/PROPN/7/nmod"},
             {"1-1=MOR", "3-3=OSG", "9-9=ERI"});
  EventCoderOptions up;
  up.source_slot_subject_target = true;
  const V keeps = Code("mini.verbs.txt", d, up);
  EXPECT_NE(std::find(keeps.begin(), keeps.end(), "OSG 042 MOR"), keeps.end());
  up.xcomp_drops_paired = true;
  EXPECT_EQ(Code("mini.verbs.txt", d, up), V{"ERI 017 MOR"});
}

TEST(EventCoderTest, UniversalPetrarchWordsAfterTheVerbSkipMarkersAndComplements) {
  EventCoderOptions up;
  up.words_after_outside_complements = true;
  // SIGN's "- * {TO SUPPLY} [057]" before "- * ACCORD [056]": "to" marks an infinitive.
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "signed/sign/VERB/0/root", "an/a/DET/4/det",
              "accord/accord/NOUN/2/obj", "with/with/ADP/6/case", "Gondor/Gondor/PROPN/4/nmod",
              "to/to/PART/8/mark", "supply/supply/VERB/2/advcl", "wheat/wheat/NOUN/8/obj"},
             {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 057 GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d, up), V{"ARN 056 GON"});
  // ABANDON's "- * {NEW &TIETYPES RELATIONS} [1951]" is not for a complement clause's words.
  Document c = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "abandoned/abandon/VERB/0/root", "Gondor/Gondor/PROPN/2/obj",
       "that/that/SCONJ/6/mark", "it/it/PRON/6/nsubj", "has/have/VERB/2/ccomp",
       "new/new/ADJ/9/amod", "economic/economic/ADJ/9/amod", "relations/relation/NOUN/6/obj"},
      {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", c), V{"ARN 1951 GON"});
  EXPECT_EQ(Code("mini.verbs.txt", c, up), V{"ARN 1121 GON"});
}

TEST(EventCoderTest, UniversalPetrarchWordsBeforeTheVerbAreNouns) {
  EventCoderOptions nouns;
  nouns.noun_words_before = true;
  // RECONCILE's "- ENVOY * [036]": a noun of the subject's phrase.
  Document d = Parsed({"Arnor/Arnor/PROPN/2/compound", "envoy/envoy/NOUN/3/nsubj",
                       "reconciled/reconcile/VERB/0/root", "Gondor/Gondor/PROPN/3/obj"},
                      {"1-1=ARN", "4-4=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 036 GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d, nouns), V{"ARN 036 GON"});
  // RECONCILE's "- NEITHER * [057]": a determiner is no noun either; RECONCILE codes nothing.
  Document n = Parsed({"Neither/neither/DET/2/det", "Arnor/Arnor/PROPN/3/nsubj",
                       "reconciled/reconcile/VERB/0/root", "Gondor/Gondor/PROPN/3/obj"},
                      {"2-2=ARN", "4-4=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", n), V{"ARN 057 GON"});
  EXPECT_EQ(Code("mini.verbs.txt", n, nouns), V{});
  // RESTORE's "- NOT * [112]": "not" is no noun, so the negated verb is not coded.
  Document r = Parsed({"Arnor/Arnor/PROPN/4/nsubj", "did/do/AUX/4/aux", "not/not/PART/4/advmod",
                       "restore/restore/VERB/0/root", "Gondor/Gondor/PROPN/4/obj"},
                      {"1-1=ARN", "5-5=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", r), V{"ARN 112 GON"});
  EXPECT_EQ(Code("mini.verbs.txt", r, nouns), V{});
}

TEST(EventCoderTest, TabariLexicalVerbRightAfterAnActor) {
  // "Estonia said it attacks Libya" with "attacks" tagged as an adverb, after the actor "it"
  // (Validate.text: "Estonia said it deplore from Libya").
  Document s = Parsed({"Estonia/Estonia/PROPN/2/nsubj", "said/say/VERB/0/root", "it/it/PRON/2/obj",
                       "attacks/attacks/ADV/2/advmod", "Libya/Libya/PROPN/4/obl"},
                      {"1-1=EST", "3-3=EST", "5-5=LBY"});
  EXPECT_EQ(Code("mini.verbs.txt", s, {.phrase_targets = true}), V{});
  EXPECT_EQ(Code("mini.verbs.txt", s,
                 {.phrase_targets = true,
                  .lexical_verbs = true,
                  .code_by = EventCoderOptions::CodeBy::kClause}),
            V{"EST 190 LBY"});
}

TEST(EventCoderTest, TabariLexicalVerbRightAfterTheFirstActor) {
  // "Arnor attacks Gondor" with "attacks" tagged as a noun in a flat name.
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/0/root", "attacks/attack/NOUN/1/flat", "Gondor/Gondor/PROPN/1/nmod"},
      {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), V{});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true, .lexical_verbs = true}),
            V{"ARN 190 GON"});
}

TEST(EventCoderTest, TabariVerbCapitalizedInTheSentenceIsANoun) {
  // Manual 7.4: "Arnor Attacked Gondor" (a name, say); not in a sentence of capitals.
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "Attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/2/obj"},
      {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), V{"ARN 190 GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true, .lexical_verbs = true}), V{});
  Document caps = Parsed(
      {"ARNOR/Arnor/PROPN/2/nsubj", "ATTACKED/attack/VERB/0/root", "GONDOR/Gondor/PROPN/2/obj"},
      {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", caps, {.phrase_targets = true, .lexical_verbs = true}),
            V{"ARN 190 GON"});
}

TEST(EventCoderTest, TabariModalVerbCodesTheClauseItServes) {
  // TABARI's "SHOULD [101]": "Arnor suggested Gondor should apply conventions with Rohan".
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "suggested/suggest/VERB/0/root", "Gondor/Gondor/PROPN/5/nsubj",
       "should/should/AUX/5/aux", "apply/apply/VERB/2/ccomp", "conventions/convention/NOUN/5/obj",
       "with/with/ADP/8/case", "Rohan/Rohan/PROPN/5/obl"},
      {"1-1=ARN", "3-3=GON", "8-8=ROH"});
  EXPECT_EQ(Code("modal.verbs", d, {.phrase_targets = true}), V{});
  EXPECT_EQ(Code("modal.verbs", d, {.phrase_targets = true, .lexical_verbs = true}),
            V{"ARN 151 ROH"});
}

TEST(EventCoderTest, TabariTargetDiffersFromTheSource) {
  // "Gondor attacked to help its neighbor Ithilen": the phrase's first actor, "its", is the
  // source again; TABARI's default target search (manual 5.8) passes over it for Ithilen.
  Document d = Parsed({"Gondor/Gondor/PROPN/2/nsubj", "attacked/attack/VERB/0/root",
                       "to/to/PART/4/mark", "help/help/VERB/2/xcomp", "its/its/PRON/6/nmod:poss",
                       "neighbor/neighbor/NOUN/4/obj", "Ithilen/Ithilen/PROPN/6/flat"},
                      {"1-1=GON", "5-5=GON", "7-7=ITH"});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), V{});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true, .distinct_targets = true}),
            V{"GON 190 ITH"});
}

TEST(EventCoderTest, TabariSourceIsTheClausesFirstActor) {
  // "Elrond, that Calimehtar attacked Gandalf": the parse's subject is Calimehtar; TABARI's
  // source is the clause's first actor (manual 5.8).
  Document d = Parsed({"Elrond/Elrond/PROPN/5/dep", ",/,/PUNCT/5/punct", "that/that/SCONJ/5/mark",
                       "Calimehtar/Calimehtar/PROPN/5/nsubj", "attacked/attack/VERB/0/root",
                       "Gandalf/Gandalf/PROPN/5/obj"},
                      {"1-1=ELF", "4-4=CAL", "6-6=WIZ"});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), V{"CAL 190 WIZ"});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true, .lexical_verbs = true}),
            V{"ELF 190 WIZ"});
  // A conjunction joining clauses starts a new one: "Arnor left and Gondor attacked Rohan".
  Document g = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "left/leave/VERB/0/root", "and/and/CCONJ/5/cc",
       "Gondor/Gondor/PROPN/5/nsubj", "attacked/attack/VERB/2/conj", "Rohan/Rohan/PROPN/5/obj"},
      {"1-1=ARN", "4-4=GON", "6-6=ROH"});
  EXPECT_EQ(Code("mini.verbs.txt", g, {.phrase_targets = true, .lexical_verbs = true}),
            V{"GON 190 ROH"});
}

TEST(EventCoderTest, TabariTargetSearchPassesOtherVerbs) {
  // "Arnor restored ties to visit Gondor": TABARI's target is the first actor after the verb in
  // its clause (manual 5.8), past VISIT; only a conjunction joining clauses ends the search.
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "restored/restore/VERB/0/root", "ties/tie/NOUN/2/obj",
              "to/to/PART/5/mark", "visit/visit/VERB/2/advcl", "Gondor/Gondor/PROPN/5/obj"},
             {"1-1=ARN", "6-6=GON"});
  const EventCoderOptions tabari{
      .phrase_targets = true, .lexical_verbs = true, .code_by = EventCoderOptions::CodeBy::kClause};
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), (V{"ARN 042 GON", "GON 043 ARN"}));
  EXPECT_EQ(Code("mini.verbs.txt", d, tabari), V{"ARN 064 GON"});
  Document g =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "restored/restore/VERB/0/root", "ties/tie/NOUN/2/obj",
              "and/and/CCONJ/5/cc", "visited/visit/VERB/2/conj", "Gondor/Gondor/PROPN/5/obj"},
             {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", g, tabari), (V{"ARN 042 GON", "GON 043 ARN"}));
}

TEST(EventCoderTest, TabariObjectThatIsTheSourceGivesWayToTheNextActor) {
  // "Gondor attacked its embassy near Rohan", ITS being Gondor: the object is the source again.
  Document d = Parsed(
      {"Gondor/Gondor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "its/its/PRON/4/nmod:poss",
       "embassy/embassy/NOUN/2/obj", "near/near/ADP/6/case", "Rohan/Rohan/PROPN/4/nmod"},
      {"1-1=GON", "3-3=GON", "6-6=ROH"});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), V{});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true, .distinct_targets = true}),
            V{"GON 190 ROH"});
}

TEST(EventCoderTest, TabariDefaultWithoutPriorOrAfterSearchesOnFirst) {
  EventCoderOptions o;
  o.default_source = "DEFSRC";
  o.default_target = "DEFTAR";
  // "Xx restored ties with Gondor and Bree": no actor before the verb.
  Document d = Parsed({"Xx/xx/NOUN/2/nsubj", "restored/restore/VERB/0/root", "ties/tie/NOUN/2/obj",
                       "with/with/ADP/5/case", "Gondor/Gondor/PROPN/2/obl", "and/and/CCONJ/7/cc",
                       "Bree/Bree/PROPN/5/conj"},
                      {"5-5=GON", "7-7=BRE"});
  EXPECT_EQ(Code("mini.verbs.txt", d, o), V({"DEFSRC 064 GON", "DEFSRC 064 BRE"}));
  o.default_source_prior = false;  // manual 8.5: the source is the first actor after the verb
  EXPECT_EQ(Code("mini.verbs.txt", d, o), V{"GON 064 BRE"});
  // "Bree and Arnor restored ties": no actor after the verb.
  Document g = Parsed({"Bree/Bree/PROPN/4/nsubj", "and/and/CCONJ/3/cc", "Arnor/Arnor/PROPN/1/conj",
                       "restored/restore/VERB/0/root", "ties/tie/NOUN/4/obj"},
                      {"1-1=BRE", "3-3=ARN"});
  EXPECT_EQ(Code("mini.verbs.txt", g, o), V({"BRE 064 DEFTAR", "ARN 064 DEFTAR"}));
  o.default_target_after = false;  // the first actor before the verb unlike the source
  EXPECT_EQ(Code("mini.verbs.txt", g, o), V{"BRE 064 ARN"});
}

TEST(EventCoderTest, ListOfActorsOpeningTheSentenceIsTheSource) {
  // "Evil Mordor, the awful Fornost, and good Gondor attacked Rohan", parsed with Mordor as the
  // root and only Gondor as the subject.
  Document d = Parsed(
      {"Evil/evil/ADJ/2/amod", "Mordor/Mordor/PROPN/0/root", ",/,/PUNCT/6/punct",
       "the/the/DET/6/det", "awful/awful/ADJ/6/amod", "Fornost/Fornost/PROPN/2/appos",
       ",/,/PUNCT/11/punct", "and/and/CCONJ/11/cc", "good/good/ADJ/10/amod",
       "Gondor/Gondor/PROPN/11/nsubj", "attacked/attack/VERB/2/conj", "Rohan/Rohan/PROPN/11/obj"},
      {"2-2=MOR", "6-6=FOR", "10-10=GON", "12-12=ROH"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V({"MOR 190 ROH", "FOR 190 ROH", "GON 190 ROH"}));
  // Not without a conjunction, nor when something else comes between.
  Document g = Parsed(
      {"Mordor/Mordor/PROPN/0/root", "said/say/VERB/1/acl", ",/,/PUNCT/4/punct",
       "Gondor/Gondor/PROPN/5/nsubj", "attacked/attack/VERB/1/conj", "Rohan/Rohan/PROPN/5/obj"},
      {"1-1=MOR", "4-4=GON", "6-6=ROH"});
  EXPECT_EQ(Code("mini.verbs.txt", g), V{"GON 190 ROH"});
}

TEST(EventCoderTest, TabariInfinitiveWithoutSubjectTakesTheClausesFirstActor) {
  // "Estonia's is about to restore ties with Libya": "about" has no subject to share.
  Document d =
      Parsed({"Estonia/Estonia/PROPN/4/nmod:poss", "'s/'s/PART/1/case", "is/be/AUX/4/cop",
              "about/about/ADJ/0/root", "to/to/PART/6/mark", "restore/restore/VERB/4/xcomp",
              "ties/tie/NOUN/6/obj", "with/with/ADP/9/case", "Libya/Libya/PROPN/7/nmod"},
             {"1-1=EST", "9-9=LBY"});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), V{});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true, .lexical_verbs = true}),
            V{"EST 064 LBY"});
}

TEST(EventCoderTest, TabariSourceStaysTheSentencesFirstActor) {
  // "Gondor accepts that Calenardon might attack Ithilen": the subject is no actor and none
  // stands in the clause after "that"; TABARI keeps the sentence's first actor (manual 7.6).
  Document d =
      Parsed({"Gondor/Gondor/PROPN/2/nsubj", "accepts/accept/VERB/0/root", "that/that/SCONJ/6/mark",
              "Calenardon/Calenardon/PROPN/6/nsubj", "might/might/AUX/6/aux",
              "attack/attack/VERB/2/ccomp", "Ithilen/Ithilen/PROPN/6/obj"},
             {"1-1=GON", "7-7=ITH"});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), V{});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true, .lexical_verbs = true}),
            V{"GON 190 ITH"});
}

TEST(EventCoderTest, TabariPatternWordsDoNotEndTheTargetSearch) {
  // "Arnor suggested it should demand conventions in its dealings with Rohan": SHOULD's
  // "SUGGESTED * DEMAND CONVENTIONS" [162] took "demand", which then does not end the search.
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "suggested/suggest/VERB/0/root", "it/it/PRON/5/nsubj",
              "should/should/AUX/5/aux", "demand/demand/VERB/2/ccomp",
              "conventions/convention/NOUN/5/obj", "in/in/ADP/9/case", "its/its/PRON/9/nmod:poss",
              "dealings/dealing/NOUN/6/nmod", "with/with/ADP/11/case", "Rohan/Rohan/PROPN/9/nmod"},
             {"1-1=ARN", "3-3=ARN", "8-8=ARN", "11-11=ROH"});
  // TABARI's default CODE BY CLAUSE keeps the clause's first event: DEMAND's own [150] (whose
  // object, "its dealings", is the source again) is not coded.
  EXPECT_EQ(Code("modal.verbs", d,
                 {.phrase_targets = true,
                  .lexical_verbs = true,
                  .distinct_targets = true,
                  .code_by = EventCoderOptions::CodeBy::kClause}),
            V{"ARN 162 ROH"});
}

TEST(EventCoderTest, TabariVerbWithoutItsParticlesIsNoClauseBoundary) {
  // "Arnor has attacked Gondor" parsed without a subject for "attacked": "has" is a verb of
  // TABARI's dictionary only as HAVE NOTHING TO DO WITH, so the clause's first actor is Arnor.
  Document d = Parsed({"Arnor/Arnor/PROPN/2/dep", "has/have/VERB/0/root",
                       "attacked/attack/VERB/2/ccomp", "Gondor/Gondor/PROPN/3/obj"},
                      {"1-1=ARN", "4-4=GON"});
  EXPECT_EQ(Code("particles.verbs", d, {.phrase_targets = true, .lexical_verbs = true}),
            V{"ARN 190 GON"});
}

TEST(EventCoderTest, TabariNounInTheVerbDictionaryCodesOnlyThroughAPattern) {
  auto voice = [](const std::string& verb) {
    return Parsed({"Arnor/Arnor/PROPN/2/nsubj", verb + "/" + verb + "/VERB/0/root",
                   "its/its/PRON/4/nmod:poss", "voice/voice/NOUN/2/obj", "for/for/ADP/6/case",
                   "Gondor/Gondor/PROPN/4/nmod"},
                  {"1-1=ARN", "6-6=GON"});
  };
  const EventCoderOptions tabari{.phrase_targets = true, .lexical_verbs = true};
  EXPECT_EQ(Code("modal.verbs", voice("raised"), tabari), V{"ARN 042 GON"});
  EXPECT_EQ(Code("modal.verbs", voice("heard"), tabari), V{});  // VOICE's own 020: not a verb
}

TEST(EventCoderTest, NameSplitOffAsASecondSubjectIsTheMentionsName) {
  // "Arnor Prime Minister Elendil attacked Gondor", parsed with two subjects and "Elendil" an
  // actor of its own: the subject is the mention before the name.
  Document d = Parsed({"Arnor/Arnor/PROPN/3/compound", "Minister/Minister/PROPN/5/nsubj",
                       "Elendil/Elendil/PROPN/5/nsubj", "x/x/NOUN/5/dep",
                       "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/5/obj"},
                      {"1-2=ARNGOV", "3-3=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARNGOV 190 GON"});
  // A lone name subject after a mention stays the subject.
  Document g = Parsed({"Arnor/Arnor/PROPN/2/nmod", "Elendil/Elendil/PROPN/3/nsubj",
                       "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/3/obj"},
                      {"1-1=ARNGOV", "2-2=ARN", "4-4=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", g), V{"ARN 190 GON"});
}

TEST(EventCoderTest, ConjoinedVerbsShareTheirSubject) {
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "visited/visit/VERB/0/root", "Rohan/Rohan/PROPN/2/obj",
              "and/and/CCONJ/5/cc", "attacked/attack/VERB/2/conj", "Gondor/Gondor/PROPN/5/obj"},
             {"1-1=ARN", "3-3=ROH", "6-6=GON"});
  // VISIT is [042:043]: the visit and the hosting of it.
  EXPECT_EQ(Code("mini.verbs.txt", d), (V{"ARN 042 ROH", "ROH 043 ARN", "ARN 190 GON"}));
}

TEST(EventCoderTest, TabariCodeByClauseKeepsTheFirstEventOfEachClause) {
  // TABARI manual 7.6.1. "Arnor visited Rohan after attacking Gondor and hailed Bree": AND joins
  // two clauses; the first has two coded verbs.
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "Rohan/Rohan/PROPN/2/obj",
       "after/after/SCONJ/5/mark", "visiting/visit/VERB/2/advcl", "Gondor/Gondor/PROPN/5/obj",
       "and/and/CCONJ/8/cc", "attacked/attack/VERB/2/conj", "Bree/Bree/PROPN/8/obj"},
      {"1-1=ARN", "3-3=ROH", "6-6=GON", "9-9=BRE"});
  EXPECT_EQ(Code("mini.verbs.txt", d),
            (V{"ARN 190 ROH", "ARN 042 GON", "GON 043 ARN", "ARN 190 BRE"}));
  EventCoderOptions o;
  o.code_by = EventCoderOptions::CodeBy::kClause;
  EXPECT_EQ(Code("mini.verbs.txt", d, o), (V{"ARN 190 ROH", "ARN 190 BRE"}));
  o.code_by = EventCoderOptions::CodeBy::kSentence;
  EXPECT_EQ(Code("mini.verbs.txt", d, o), (V{"ARN 190 ROH"}));
  // An AND inside a compound actor ("Rohan and Gondor") delimits no clause (manual 7.5.1).
  Document c =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "Rohan/Rohan/PROPN/2/obj",
              "and/and/CCONJ/5/cc", "Gondor/Gondor/PROPN/3/conj", "after/after/SCONJ/7/mark",
              "visiting/visit/VERB/2/advcl", "Bree/Bree/PROPN/7/obj"},
             {"1-1=ARN", "3-3=ROH", "5-5=GON", "8-8=BRE"});
  o.code_by = EventCoderOptions::CodeBy::kClause;
  EXPECT_EQ(Code("mini.verbs.txt", c, o), (V{"ARN 190 ROH", "ARN 190 GON"}));
}

TEST(EventCoderTest, TabariOuterVerbKeepsItsEventBeforeAnXcomp) {
  // "Arnor adopted Rohan to attack Gondor", "attack" an xcomp: dyad codes the inner act; TABARI
  // codes verbs left to right, so ADOPT keeps its event (CODE BY CLAUSE keeps only it).
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "adopted/adopt/VERB/0/root", "Rohan/Rohan/PROPN/2/obj",
              "to/to/PART/5/mark", "attack/attack/VERB/2/xcomp", "Gondor/Gondor/PROPN/5/obj"},
             {"1-1=ARN", "3-3=ROH", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 190 GON"});
  EventCoderOptions o;
  o.lexical_verbs = true;
  EXPECT_EQ(Code("mini.verbs.txt", d, o), (V{"ARN 081 ROH", "ARN 190 GON"}));
  o.code_by = EventCoderOptions::CodeBy::kClause;
  EXPECT_EQ(Code("mini.verbs.txt", d, o), V{"ARN 081 ROH"});
}

TEST(EventCoderTest, TabariLongerPatternBeatsAShorterMatchThroughAlternatives) {
  // longest.verbs: "* FIGHT { ON | ... }" (22 letters) matches "fighting on", 10 letters; the
  // longer "* FIGHTING ON AND ON FOREVER" after it is tried and stands (manual 5.7.1).
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "pledged/pledge/VERB/0/root", "fighting/fight/NOUN/2/obj",
       "on/on/ADV/3/advmod", "and/and/CCONJ/6/cc", "on/on/ADV/4/conj",
       "forever/forever/ADV/3/advmod", "against/against/ADP/9/case", "Gondor/Gondor/PROPN/2/obl"},
      {"1-1=ARN", "9-9=GON"});
  EXPECT_EQ(Code("longest.verbs", d), V{"ARN 114 GON"});
  Document shorter = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "pledged/pledge/VERB/0/root", "fighting/fight/NOUN/2/obj",
       "on/on/ADV/3/advmod", "against/against/ADP/6/case", "Gondor/Gondor/PROPN/2/obl"},
      {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("longest.verbs", shorter), V{"ARN 113 GON"});
}

TEST(EventCoderTest, TabariCodeAllKeepsTheClausesSourceAndTarget) {
  // "Arnor visited Rohan to attack it": "it" is Arnor again, so ATTACK keeps VISIT's target
  // when the clause keeps its actors (TABARI's CODE ALL, manual 7.6).
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "visited/visit/VERB/0/root", "Rohan/Rohan/PROPN/2/obj",
              "to/to/PART/5/mark", "attack/attack/VERB/2/advcl", "it/it/PRON/5/obj"},
             {"1-1=ARN", "3-3=ROH", "6-6=ARN"});
  EXPECT_EQ(Code("mini.verbs.txt", d), (V{"ARN 042 ROH", "ROH 043 ARN"}));
  EventCoderOptions o;
  o.keep_clause_actors = true;
  EXPECT_EQ(Code("mini.verbs.txt", d, o), (V{"ARN 042 ROH", "ROH 043 ARN", "ARN 190 ROH"}));
  // A conjunction starts a new clause: "... and attacked it" keeps nothing.
  Document c =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "visited/visit/VERB/0/root", "Rohan/Rohan/PROPN/2/obj",
              "and/and/CCONJ/5/cc", "attacked/attack/VERB/2/conj", "it/it/PRON/5/obj"},
             {"1-1=ARN", "3-3=ROH", "6-6=ARN"});
  EXPECT_EQ(Code("mini.verbs.txt", c, o), (V{"ARN 042 ROH", "ROH 043 ARN"}));
}

TEST(EventCoderTest, NegationIsNotCodedUnlessThePatternSaysSo) {
  Document d = Parsed({"Arnor/Arnor/PROPN/4/nsubj", "did/do/AUX/4/aux", "not/not/PART/4/advmod",
                       "attack/attack/VERB/0/root", "Gondor/Gondor/PROPN/4/obj"},
                      {"1-1=ARN", "5-5=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{});
  Document r = Parsed({"Arnor/Arnor/PROPN/4/nsubj", "did/do/AUX/4/aux", "not/not/PART/4/advmod",
                       "restore/restore/VERB/0/root", "Gondor/Gondor/PROPN/4/obj"},
                      {"1-1=ARN", "5-5=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", r), V{"ARN 112 GON"});
}

TEST(EventCoderTest, NegatedGovernorLeavesItsXcompUncodedUnlessThePatternSaysSo) {
  auto tried = [](const std::string& verb) {
    return Parsed({"Arnor/Arnor/PROPN/4/nsubj", "did/do/AUX/4/aux", "not/not/PART/4/advmod",
                   "try/try/VERB/0/root", "to/to/PART/6/mark", verb + "/" + verb + "/VERB/4/xcomp",
                   "Gondor/Gondor/PROPN/6/obj"},
                  {"1-1=ARN", "7-7=GON"});
  };
  EXPECT_EQ(Code("mini.verbs.txt", tried("attack")), V{});
  // RESTORE's "- NOT * [112]" names the negation.
  EXPECT_EQ(Code("mini.verbs.txt", tried("restore")), V{"ARN 112 GON"});
}

TEST(EventCoderTest, PhraseTargetsPassThroughAParticipleModifyingANoun) {
  // "Arnor visited the crowds attacking Gondor": PETRARCH-2's noun phrase takes the target of
  // the verb phrase inside it, though ATTACK codes (here without a source).
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "visited/visit/VERB/0/root", "the/the/DET/4/det",
       "crowds/crowd/NOUN/2/obj", "attacking/attack/VERB/4/acl", "Gondor/Gondor/PROPN/5/obj"},
      {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.phrase_targets = true}), (V{"ARN 042 GON", "GON 043 ARN"}));
}

TEST(EventCoderTest, TargetIsTheSubjectOfAVerblessComplementClause) {
  // "Rohan said that Gondor is a friend": no object; PETRARCH's first actor in the verb phrase.
  Document d = Parsed({"Rohan/Rohan/PROPN/2/nsubj", "said/say/VERB/0/root",
                       "that/that/SCONJ/7/mark", "Gondor/Gondor/PROPN/7/nsubj", "is/be/AUX/7/cop",
                       "a/a/DET/7/det", "friend/friend/NOUN/2/ccomp"},
                      {"1-1=ROH", "4-4=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ROH 010 GON"});
}

TEST(EventCoderTest, PassiveGovernorsSubjectActsInItsXcomp) {
  // "Arnor was seen to attack Gondor": Arnor attacks; "seen" is passive, "attack" is not.
  Document d =
      Parsed({"Arnor/Arnor/PROPN/3/nsubj:pass", "was/be/AUX/3/aux:pass", "seen/see/VERB/0/root",
              "to/to/PART/5/mark", "attack/attack/VERB/3/xcomp", "Gondor/Gondor/PROPN/5/obj"},
             {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ARN 190 GON"});
}

TEST(EventCoderTest, NegatedActTakesTheNegationTableCode) {
  // UniversalPetrarch: "did not attack" is the act its ontology names as attack's negation.
  Document d = Parsed({"Arnor/Arnor/PROPN/4/nsubj", "did/do/AUX/4/aux", "not/not/PART/4/advmod",
                       "attack/attack/VERB/0/root", "Gondor/Gondor/PROPN/4/obj"},
                      {"1-1=ARN", "5-5=GON"});
  EventCoderOptions o;
  o.negations = {{"190", "050"}};
  EXPECT_EQ(Code("mini.verbs.txt", d, o), V{"ARN 050 GON"});
  // A pattern that names the negation keeps its own code.
  Document r = Parsed({"Arnor/Arnor/PROPN/4/nsubj", "did/do/AUX/4/aux", "not/not/PART/4/advmod",
                       "restore/restore/VERB/0/root", "Gondor/Gondor/PROPN/4/obj"},
                      {"1-1=ARN", "5-5=GON"});
  o.negations = {{"112", "050"}};
  EXPECT_EQ(Code("mini.verbs.txt", r, o), V{"ARN 112 GON"});
}

TEST(EventCoderTest, FutureBecomesIntent) {
  Document d = Parsed({"Kerry/Kerry/PROPN/3/nsubj", "will/will/AUX/3/aux",
                       "visit/visit/VERB/0/root", "Moscow/Moscow/PROPN/3/obj"},
                      {"1-1=USAGOV", "4-4=RUSGOV"});
  EXPECT_EQ(Code("verbs", d), V{"USAGOV 036 RUSGOV"});
  EXPECT_EQ(Code("verbs", d, {.modality = false}), V{"USAGOV 042 RUSGOV"});
}

TEST(EventCoderTest, ReportedSpeechCodesTheInnerEvent) {
  Document d =
      Parsed({"Rohan/Rohan/PROPN/2/nsubj", "said/say/VERB/0/root", "Arnor/Arnor/PROPN/4/nsubj",
              "attacked/attack/VERB/2/ccomp", "Gondor/Gondor/PROPN/4/obj"},
             {"1-1=ROH", "3-3=ARN", "5-5=GON"});
  // The transformation "~ a (b . ATTACK) SAY = a b 112": Rohan accuses Arnor.
  EXPECT_EQ(Code("mini.verbs.txt", d), V{"ROH 112 ARN"});
  // Without one, the say-verb has no target: only the inner event.
  EXPECT_EQ(Code("verbs", Parsed({"Rohan/Rohan/PROPN/2/nsubj", "said/say/VERB/0/root",
                                  "Arnor/Arnor/PROPN/4/nsubj", "visited/visit/VERB/2/ccomp",
                                  "Gondor/Gondor/PROPN/4/obj"},
                                 {"1-1=ROH", "3-3=ARN", "5-5=GON"})),
            V{"ARN 042 GON"});
}

TEST(EventCoderTest, RequireDyad) {
  Document d = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root",
                       "yesterday/yesterday/NOUN/2/obl:tmod"},
                      {"1-1=ARN"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{});
  EXPECT_EQ(Code("mini.verbs.txt", d, {.require_dyad = false}), V{"ARN 190 "});
  // Without require_dyad an event still needs one actor.
  Document none = Parsed({"They/they/PRON/2/nsubj", "attacked/attack/VERB/0/root",
                          "yesterday/yesterday/NOUN/2/obl:tmod"},
                         {});
  EXPECT_EQ(Code("mini.verbs.txt", none, {.require_dyad = false}), V{});
}

TEST(EventCoderTest, SubordinateCodesOnlyWithoutOtherEvents) {
  VerbDictionaryBuilder b;
  ReadVerbText("--- SAY [023?] ---\nSAY {SAYS SAID SAYING}\n\n--- ATTACK [190] ---\nATTACK\n",
               "sub.verbs.txt", VerbFormat::kPetrarch, b);
  std::shared_ptr<const VerbDictionary> verbs = std::move(b).Compile();
  auto code = [&](Document d) {
    auto coder = EventCoder::Load({.verbs = verbs, .require_dyad = false}).value();
    auto ws = coder->NewWorkspace();
    EXPECT_TRUE(coder->Process(d, *ws).ok());
    V out;
    for (const Event& e : d.events) out.push_back(e.source + " " + e.code + " " + e.target);
    return out;
  };
  // Alone, SAID [023?] codes 023, written without the "?".
  EXPECT_EQ(code(Parsed({"Arnor/Arnor/PROPN/2/nsubj", "said/say/VERB/0/root"}, {"1-1=ARN"})),
            V{"ARN 023 "});
  // With another event in the sentence it gives way.
  EXPECT_EQ(
      code(Parsed({"Rohan/Rohan/PROPN/2/nsubj", "said/say/VERB/0/root", "Arnor/Arnor/PROPN/4/nsubj",
                   "attacked/attack/VERB/2/ccomp", "Gondor/Gondor/PROPN/4/obj"},
                  {"1-1=ROH", "3-3=ARN", "5-5=GON"})),
      V{"ARN 190 GON"});
}

TEST(EventCoderTest, NoCodedVerbNoEvent) {
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "likes/like/VERB/0/root", "Gondor/Gondor/PROPN/2/obj"},
             {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{});
}

TEST(EventCoderTest, EventDateFollowsTheClause) {
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root",
              "Gondor/Gondor/PROPN/2/obj", "last/last/ADJ/5/amod", "week/week/NOUN/2/obl:unmarked"},
             {"1-1=ARN", "3-3=GON"});
  auto coder =
      EventCoder::Load({.verbs = LoadVerbDictionaries(kTestdata + "mini.verbs.txt").value()})
          .value();
  auto ws = coder->NewWorkspace();
  ASSERT_TRUE(coder->Process(d, *ws).ok());
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].date.ToString(), "2013-04-23");
  EXPECT_EQ(d.events[0].date_text, "last week");
}

TEST(EventCoderTest, OneAStory) {
  Document d = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "attacked/attack/VERB/0/root", "Gondor/Gondor/PROPN/2/obj",
       "and/and/CCONJ/5/cc", "attacked/attack/VERB/2/conj", "Gondor/Gondor/PROPN/5/obj"},
      {"1-1=ARN", "3-3=GON", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d).size(), 1u);
  EXPECT_EQ(Code("mini.verbs.txt", d, {.one_a_story = false}).size(), 2u);
}

TEST(EventCoderTest, DyadPlusFirstMakesTheSubjectTheTarget) {
  Document d = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "received/receive/VERB/0/root",
                       "aid/aid/NOUN/2/obj", "from/from/ADP/5/case", "Gondor/Gondor/PROPN/2/obl"},
                      {"1-1=ARN", "5-5=GON"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", d), V{"GON 070 ARN"});
}

TEST(EventCoderTest, DyadWordAfterTargetIsTheTargetsHead) {
  // "Arnor expelled Gondor diplomats": the head is "diplomats" -> 161, not the general 174.
  Document d = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "expelled/expel/VERB/0/root",
                       "Gondor/Gondor/PROPN/4/compound", "diplomats/diplomat/NOUN/2/obj"},
                      {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", d), V{"ARN 161 GON"});
  Document e = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "expelled/expel/VERB/0/root",
                       "Gondor/Gondor/PROPN/4/compound", "soldiers/soldier/NOUN/2/obj"},
                      {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", e), V{"ARN 174 GON"});
}

TEST(EventCoderTest, DyadNounModifierFollowsTheTrigger) {
  // "Arnor's suicide attack on Gondor": "~attack suicide on +"; the possessor is the source.
  Document d =
      Parsed({"Arnor/Arnor/PROPN/3/nmod:poss", "suicide/suicide/NOUN/3/compound",
              "attack/attack/NOUN/0/root", "on/on/ADP/5/case", "Gondor/Gondor/PROPN/3/nmod"},
             {"1-1=ARN", "5-5=GON"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", d), V{"ARN 190 GON"});
  Document plain = Parsed({"Arnor/Arnor/PROPN/2/nmod:poss", "attack/attack/NOUN/0/root",
                           "on/on/ADP/4/case", "Gondor/Gondor/PROPN/2/nmod"},
                          {"1-1=ARN", "4-4=GON"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", plain), V{});
}

TEST(EventCoderTest, NominalTriggerTakesTheSubjectOfItsVerb) {
  // "Kerry held talks with Lavrov".
  Document d =
      Parsed({"Kerry/Kerry/PROPN/2/nsubj", "held/hold/VERB/0/root", "talks/talk/NOUN/2/obj",
              "with/with/ADP/5/case", "Lavrov/Lavrov/PROPN/3/nmod"},
             {"1-1=USAGOV", "5-5=RUSGOV"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", d), V{"USAGOV 046 RUSGOV"});
  // "the talks with Lavrov were useful": no source; with require_dyad nothing.
  Document s =
      Parsed({"talks/talk/NOUN/5/nsubj", "with/with/ADP/3/case", "Lavrov/Lavrov/PROPN/1/nmod",
              "were/be/AUX/5/cop", "useful/useful/ADJ/0/root"},
             {"3-3=RUSGOV"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", s), V{});
}

TEST(EventCoderTest, NominalTriggerTakesItsPossessor) {
  // "Kerry's visit to Moscow".
  Document d = Parsed({"Kerry's/Kerry/PROPN/2/nmod:poss", "visit/visit/NOUN/0/root",
                       "to/to/ADP/4/case", "Moscow/Moscow/PROPN/2/nmod"},
                      {"1-1=USAGOV", "4-4=RUSGOV"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", d), V{"USAGOV 036 RUSGOV"});
}

TEST(EventCoderTest, PossessiveIsNotThePhrasesActor) {
  // "Kerry held talks with his counterpart Lavrov": "his" (Kerry) is not the target.
  Document d = Parsed({"Kerry/Kerry/PROPN/2/nsubj", "held/hold/VERB/0/root",
                       "talks/talk/NOUN/2/obj", "with/with/ADP/7/case", "his/he/PRON/7/nmod:poss",
                       "counterpart/counterpart/NOUN/7/compound", "Lavrov/Lavrov/PROPN/3/nmod"},
                      {"1-1=USAGOV", "5-5=USAGOV", "6-7=RUSGOV"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", d), V{"USAGOV 046 RUSGOV"});
}

TEST(EventCoderTest, CopularAdjectiveIsATrigger) {
  // "Arnor said it is ready to help Gondor": the adjective heads a ccomp, not the root.
  Document d = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "said/say/VERB/0/root", "it/it/PROPN/5/nsubj",
                       "is/be/AUX/5/cop", "ready/ready/ADJ/2/ccomp", "to/to/ADP/7/mark",
                       "help/help/VERB/5/xcomp", "Gondor/Gondor/PROPN/7/obj"},
                      {"1-1=ARN", "3-3=ARN", "8-8=GON"});
  EXPECT_EQ(Code("dyad_rules.verbs.txt", d), V{"ARN 033 GON"});
}

TEST(EventCoderTest, RootNounWithADeterminerIsNoVerb) {
  // "Arnor was an attack on Gondor": the root noun is no verb the tagger missed (PETRARCH-2's
  // suite, PATTERN-06); without the determiner it may be one ("Arnor attack Gondor").
  Document d =
      Parsed({"Arnor/Arnor/PROPN/4/nsubj", "was/be/AUX/4/cop", "an/a/DET/4/det",
              "attack/attack/NOUN/0/root", "on/on/ADP/6/case", "Gondor/Gondor/PROPN/4/nmod"},
             {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", d), V{});
  Document bare = Parsed(
      {"Arnor/Arnor/PROPN/2/nsubj", "attack/attack/NOUN/0/root", "Gondor/Gondor/PROPN/2/obj"},
      {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("mini.verbs.txt", bare), V{"ARN 190 GON"});
}

TEST(EventCoderTest, NeedsVerbs) { EXPECT_FALSE(EventCoder::Load({}).ok()); }

// `say to +`: "to" must open the target's own phrase, attached to the trigger.
TEST(EventCoderTest, SlotPrepositionIsTheCaseOfTheTargetPhrase) {
  // "Arnor said to Gondor": GON's phrase is obl of "said" with case "to".
  Document d = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "said/say/VERB/0/root", "to/to/ADP/4/case",
                       "Gondor/Gondor/PROPN/2/obl"},
                      {"1-1=ARN", "4-4=GON"});
  EXPECT_EQ(Code("attach.verbs.txt", d), V{"ARN 010 GON"});
  // "Arnor said to reporters in Gondor": "to" opens "reporters", not Gondor's phrase.
  Document r =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "said/say/VERB/0/root", "to/to/ADP/4/case",
              "reporters/reporter/NOUN/2/obl", "in/in/ADP/6/case", "Gondor/Gondor/PROPN/4/nmod"},
             {"1-1=ARN", "6-6=GON"});
  EXPECT_EQ(Code("attach.verbs.txt", r), V{});
}

// `tell +`: the target is the object, not an actor later in the clause.
TEST(EventCoderTest, SlotWithoutPrepositionIsTheObject) {
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "told/tell/VERB/0/root", "Gondor/Gondor/PROPN/2/obj"},
             {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("attach.verbs.txt", d), V{"ARN 032 GON"});
  // "Arnor told reporters about Gondor": Gondor hangs from "about", no object actor.
  Document r =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "told/tell/VERB/0/root", "reporters/reporter/NOUN/2/obj",
              "about/about/ADP/5/case", "Gondor/Gondor/PROPN/2/obl"},
             {"1-1=ARN", "5-5=GON"});
  EXPECT_EQ(Code("attach.verbs.txt", r), V{});
}

// `allow + to report`: "report" must be in the trigger's own clause, not a nested one.
TEST(EventCoderTest, FreeWordsStayInTheTriggersClause) {
  // "Arnor allowed Gondor to report"
  Document d =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "allowed/allow/VERB/0/root", "Gondor/Gondor/PROPN/2/obj",
              "to/to/PART/5/mark", "report/report/VERB/2/xcomp"},
             {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("attach.verbs.txt", d), V{"ARN 0811 GON"});
  // "Arnor allowed Gondor in, where others report"
  Document r =
      Parsed({"Arnor/Arnor/PROPN/2/nsubj", "allowed/allow/VERB/0/root", "Gondor/Gondor/PROPN/2/obj",
              "to/to/ADP/5/case", "town/town/NOUN/2/obl", "where/where/ADV/8/advmod",
              "others/other/NOUN/8/nsubj", "report/report/VERB/5/acl:relcl"},
             {"1-1=ARN", "3-3=GON"});
  EXPECT_EQ(Code("attach.verbs.txt", r), V{});
}

// A dyad pattern without `+` ("say") codes no target, not the verb's object or adjunct.
TEST(EventCoderTest, PatternWithoutTargetSlotHasNoTarget) {
  // "Arnor said in Gondor"
  Document d = Parsed({"Arnor/Arnor/PROPN/2/nsubj", "said/say/VERB/0/root", "in/in/ADP/4/case",
                       "Gondor/Gondor/PROPN/2/obl"},
                      {"1-1=ARN", "4-4=GON"});
  EventCoderOptions o;
  o.require_dyad = false;
  EXPECT_EQ(Code("attach.verbs.txt", d, o), V{"ARN 010 "});
  EXPECT_EQ(Code("attach.verbs.txt", d), V{});  // require_dyad: no event at all
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// PETR_config.ini's defaults: comma_min 2, comma_max 8, comma_bmin/bmax 0 (off), comma_emin 2,
// comma_emax 8.
constexpr CommaClauseOptions kPetrCommas{.min = 2, .max = 8, .emin = 2, .emax = 8};

TEST(CommaClauses, TerminalClauseIsDropped) {
  EXPECT_EQ(DropCommaClauses("Arnor is about to restore complete, full diplomatic ties with Gondor "
                             "after crowds burned down its embassy, a senior official said on "
                             "Saturday.",
                             kPetrCommas),
            "Arnor is about to restore complete, full diplomatic ties with Gondor after crowds "
            "burned down its embassy.");
}

TEST(CommaClauses, OffByDefaultAndWhenEmaxIsZero) {
  const std::string s = "Arnor restored ties with Gondor, a senior official said on Saturday.";
  EXPECT_EQ(DropCommaClauses(s, {}), s);
  CommaClauseOptions o = kPetrCommas;
  o.emax = 0;
  EXPECT_EQ(DropCommaClauses(s, o), s);
}

// A dictionary of issue and discard phrases (dyad's phrase style, one default code each).
std::shared_ptr<const Dictionary> IssueDictionary(
    const std::vector<std::tuple<EntryKind, std::string, std::string, bool>>& entries) {
  DictionaryBuilder b;
  const uint16_t src = b.AddSource("issues.txt");
  uint32_t line = 0;
  for (const auto& [kind, phrase, code, story] : entries) {
    DictEntry e{.kind = kind, .story_level = story, .source = src, .line = ++line, .name = phrase};
    if (!code.empty()) e.codes = {{code, {}, {}}};
    b.AddPhrase(b.AddEntry(std::move(e)), phrase, PhraseStyle::kDyad);
  }
  return std::move(b).Compile().value();
}

// Sentences of space-separated tokens, without tags or parse.
Document Sentences(const std::vector<std::string>& sentences) {
  Document doc;
  doc.meta.date = Date{2013, 4, 30};
  for (const std::string& text : sentences) {
    Sentence s;
    s.first_token = static_cast<TokenIndex>(doc.tokens.size());
    std::stringstream ss(text);
    std::string word;
    while (ss >> word) {
      if (!doc.text.empty()) doc.text += ' ';
      const auto begin = static_cast<ByteOffset>(doc.text.size());
      doc.text += word;
      doc.tokens.push_back({Span{begin, static_cast<ByteOffset>(doc.text.size())}});
    }
    s.end_token = static_cast<TokenIndex>(doc.tokens.size());
    s.span = {doc.tokens[s.first_token].span.begin, doc.tokens.back().span.end};
    doc.sentences.push_back(s);
  }
  return doc;
}

TEST(EventCoderTest, IssuesOfEverySentenceDiscardedOrNot) {
  auto dict = IssueDictionary({{EntryKind::kIssue, "ethnic cleansing", "ETHNIC", false},
                               {EntryKind::kIssue, "ceasefire", "PEACE", false},
                               {EntryKind::kIssue, "truce", "", false},  // no code: no issue
                               {EntryKind::kDiscard, "football", "", false},
                               {EntryKind::kDiscard, "World Cup", "", true}});
  auto coder = EventCoder::Load(
      {.verbs = LoadVerbDictionaries(kTestdata + "mini.verbs.txt").value(), .dictionary = dict});
  ASSERT_TRUE(coder.ok());
  auto ws = (*coder)->NewWorkspace();
  auto issues = [&](Document doc) {
    EXPECT_TRUE((*coder)->Process(doc, *ws).ok());
    std::vector<std::string> out;
    for (const IssueMention& m : doc.issues)
      out.push_back(std::to_string(m.sentence) + ":" + std::string(doc.SpanText(m.span)) + "=" +
                    m.code);
    return out;
  };
  // A discarded sentence keeps its issues, and so do the sentences after a discarded story.
  EXPECT_EQ(issues(Sentences({"Reports of ethnic cleansing grew .", "A football ceasefire .",
                              "A truce and a ceasefire ."})),
            (V{"0:ethnic cleansing=ETHNIC", "1:ceasefire=PEACE", "2:ceasefire=PEACE"}));
  EXPECT_EQ(issues(Sentences({"The World Cup ceasefire .", "Ethnic cleansing ."})),
            (V{"0:ceasefire=PEACE", "1:Ethnic cleansing=ETHNIC"}));
  EXPECT_EQ(issues(Sentences({})), V{});
}

TEST(CommaClauses, ActorListsStay) {
  const std::string s =
      "Osgiliath welcomed the resumption of formal diplomatic ties with Mordor, Rohan, Arnor and "
      "Bree after a 12-year rift.";
  EXPECT_EQ(DropCommaClauses(s, kPetrCommas), s);
}

TEST(CommaClauses, ListElementIsNoClause) {
  // "Mordor, the Shire, Arnor and Bree": a list element is no clause.
  const std::string list =
      "Mordor, the Shire, Arnor and Bree welcomed a resumption of formal diplomatic ties between "
      "Minas Tirith and Osgiliath after a rift of twelve long and bitter years.";
  EXPECT_EQ(DropCommaClauses(list, kPetrCommas), list);
}

// TABARI's defaults (manual 8.6).
constexpr CommaClauseOptions kTabariCommas{
    .min = 2, .max = 10, .bmin = 128, .bmax = 0, .emin = 2, .emax = 10};

TEST(CommaClauses, TabariEliminatedPhraseTakesItsCommasWithIt) {
  // The internal phrase goes; the terminal one after it is not measured. Its closing comma
  // stays, so "Dagolath, officials" does not run together.
  EXPECT_EQ(DropCommaClauses("Arnor's foreign minister, in remarks published on Monday, urged "
                             "Eriador to respond.",
                             kTabariCommas),
            "Arnor's foreign minister, urged Eriador to respond.");
  // A kept internal phrase's closing comma opens the terminal phrase.
  EXPECT_EQ(DropCommaClauses("Arnor restored ties with Gondor, almost five years after the long "
                             "and bitter war ended there, a senior official said.",
                             kTabariCommas),
            "Arnor restored ties with Gondor, almost five years after the long and bitter war "
            "ended there.");
  // The initial phrase stays (BMAX 0); without final punctuation there is no terminal phrase.
  const std::string s = "Elrond, suspicious of Mordor, brushed aside reports, rumors said";
  EXPECT_EQ(DropCommaClauses(s, kTabariCommas), "Elrond, brushed aside reports, rumors said");
  // An actor list stays.
  const std::string list =
      "Mordor, the Shire, Arnor and Bree welcomed a resumption of ties between Minas Tirith and "
      "Osgiliath after a rift of twelve long and bitter years.";
  EXPECT_EQ(DropCommaClauses(list, kTabariCommas), list);
}

}  // namespace
}  // namespace dyad
