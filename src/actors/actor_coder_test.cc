#include "dyad/actors/actor_coder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dyad/dict/readers.h"
#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

// A tiny dictionary in dyad's format. Kerry has no one-word alias, so "Kerry" alone can only be
// coded by coreference.
constexpr const char* kFixture = R"(country USA
  name    United States | the United States | US | U.S.
  demonym American | Americans
  gov     Washington | White House
country RUS
  name    Russia
  demonym Russian | Russians
  gov     Moscow | Kremlin
country SYR
  name    Syria
  demonym Syrian | Syrians
  gov     Damascus
country ESP
  name    Spain
  demonym Spanish
actor John Kerry
  gender m
  role   USAGOVLEG 1985-01-03 2013-02-01
  role   USAGOV 2013-02-01 2017-01-20
  role   USAELI
actor Vladimir Putin
  alias  Putin
  gender m
  role   RUSGOV 2012-05-07 -
actor Barack Obama
  gender m
  role   USAGOV 2009-01-20 2017-01-20
actor Angela Merkel
  gender f
  role   DEUGOV 2005-11-22 2021-12-08
agent GOV  government | regime | authorities | officials | official
agent REB  rebel | rebels
agent COP  police
title GOV  president | leader | Secretary of State | diplomat | counterpart | prime minister | secretary
agent BUS  company | firm
)";

const std::shared_ptr<const Dictionary>& Fixture() {
  static const std::shared_ptr<const Dictionary> dict = [] {
    DictionaryBuilder b;
    ReadDictionaryText(kFixture, "actors/people-test.txt", DictFormat::kDyad, b);
    return std::move(b).Compile().value();
  }();
  return dict;
}

Date D(int y, int m, int d) {
  return Date{static_cast<int16_t>(y), static_cast<int8_t>(m), static_cast<int8_t>(d)};
}

Document Segmented(const std::string& text, Date date = D(2013, 4, 30)) {
  static auto seg = Segmenter::Load({}).value();
  auto ws = seg->NewWorkspace();
  Document doc;
  doc.text = text;
  doc.meta.date = date;
  EXPECT_TRUE(seg->Process(doc, *ws).ok());
  return doc;
}

void Code(Document& doc, ActorCoderOptions o = {}) {
  if (!o.dictionary) o.dictionary = Fixture();
  auto coder = ActorCoder::Load(o).value();
  auto ws = coder->NewWorkspace();
  ASSERT_TRUE(coder->Process(doc, *ws).ok());
}

// "text=CODE" per mention; "text=CODE>N" when it refers back to mention N.
std::vector<std::string> Mentions(const Document& doc) {
  std::vector<std::string> out;
  for (const ActorMention& m : doc.actors) {
    std::string s = std::string(doc.SpanText(m.span)) + "=" + m.code;
    if (m.coref_of >= 0) {
      s += '>';
      s += std::to_string(m.coref_of);
    }
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> Coded(const std::string& text, Date date = D(2013, 4, 30),
                               ActorCoderOptions o = {}) {
  Document doc = Segmented(text, date);
  Code(doc, o);
  return Mentions(doc);
}

using Strings = std::vector<std::string>;

TEST(ActorCoderTest, DictionaryRolesFollowTheDocumentDate) {
  EXPECT_EQ(Coded("John Kerry met Vladimir Putin.", D(2013, 4, 30)),
            Strings({"John Kerry=USAGOV", "Vladimir Putin=RUSGOV"}));
  EXPECT_EQ(Coded("John Kerry met Vladimir Putin.", D(2010, 6, 1)),
            Strings({"John Kerry=USAGOVLEG"}));
  EXPECT_EQ(Coded("John Kerry left.", D(2020, 1, 1)), Strings({"John Kerry=USAELI"}));
  Document doc = Segmented("John Kerry left.");
  Code(doc);
  ASSERT_EQ(doc.actors.size(), 1u);
  EXPECT_EQ(doc.actors[0].how, "actors/people-test.txt:16");
  EXPECT_EQ(doc.actors[0].entry, "actors/people-test.txt:16");
  EXPECT_EQ(doc.actors[0].gender, 'm');
  EXPECT_EQ(doc.actors[0].span.begin, 0u);
  EXPECT_EQ(doc.actors[0].span.end, 10u);
}

TEST(ActorCoderTest, TitleAndNationalityCodeUnknownNames) {
  Document doc = Segmented("US Secretary of State Chuck Hagel said.");
  Code(doc);
  EXPECT_EQ(Mentions(doc), Strings({"US Secretary of State Chuck Hagel=USAGOV"}));
  EXPECT_EQ(doc.actors[0].how, "title rule: actors/people-test.txt:2 + actors/people-test.txt:34");
  EXPECT_EQ(Coded("Russian leader Ivan Petrov spoke."),
            Strings({"Russian leader Ivan Petrov=RUSGOV"}));
  // A known person keeps the dictionary's code, over the whole phrase.
  EXPECT_EQ(Coded("Russian leader Vladimir Putin spoke."),
            Strings({"Russian leader Vladimir Putin=RUSGOV"}));
  EXPECT_EQ(Coded("He met his Spanish counterpart Jose Manuel Garcia-Margallo on Monday."),
            Strings({"Spanish counterpart Jose Manuel Garcia-Margallo=ESPGOV"}));
  // Names stop at words that are not names.
  EXPECT_EQ(Coded("Russian leader Ivan Petrov Tuesday said."),
            Strings({"Russian leader Ivan Petrov=RUSGOV"}));
  EXPECT_EQ(Coded("President Bashar al-Assad spoke."),
            Strings({"President Bashar al-Assad=---GOV"}));
}

TEST(ActorCoderTest, AgentsAttachToCountries) {
  EXPECT_EQ(Coded("Syrian rebels attacked."), Strings({"Syrian rebels=SYRREB"}));
  EXPECT_EQ(Coded("It blamed the Damascus regime."), Strings({"Damascus regime=SYRGOV"}));
  EXPECT_EQ(Coded("Kerry met his Spanish counterpart."), Strings({"Spanish counterpart=ESPGOV"}));
  EXPECT_EQ(Coded("The government of Russia and rebels in Syria."),
            Strings({"government of Russia=RUSGOV", "rebels in Syria=SYRREB"}));
  EXPECT_EQ(Coded("Russia's top officials met."), Strings({"Russia's top officials=RUSGOV"}));
  // "from" links too, and the role goes to each coordinated country after the first.
  EXPECT_EQ(Coded("Rebels from Syria left."), Strings({"Rebels from Syria=SYRREB"}));
  EXPECT_EQ(Coded("Rebels in Syria and Russia left."),
            Strings({"Rebels in Syria=SYRREB", "Russia=RUSREB"}));
  EXPECT_EQ(Coded("Police arrested two men."), Strings({"Police=---COP"}));
  // An agent is no title: the name after it is not taken for a person's.
  EXPECT_EQ(Coded("The firm Verizon said so. Verizon agreed."), Strings({"firm=---BUS"}));
  ActorCoderOptions quiet;
  quiet.standalone_agents = false;
  EXPECT_EQ(Coded("Police arrested two men.", D(2013, 4, 30), quiet), Strings{});
  ActorCoderOptions plain;
  plain.context_rules = false;
  EXPECT_EQ(Coded("Syrian rebels attacked.", D(2013, 4, 30), plain), Strings({"Syrian=SYR"}));
}

TEST(ActorCoderTest, AgentsAttachToTheActorOfTheirNounPhrase) {
  // PETRARCH dictionaries: an NGO~ agent goes before the actor's code, a ~GOV agent after an
  // organisation or seat of power right before it (without repeating GOV).
  DictionaryBuilder b;
  ReadDictionaryText("ARNOR  [ARN]\nWHITE_HOUSE  [USAGOV]\n", "test.actors.txt",
                     DictFormat::kPetrarchActors, b);
  ReadDictionaryText("MSF {}  [NGO~]\nSECURITY_OFFICIALS  [~GOV]\nDIPLOMAT  [~GOV]\n",
                     "test.agents.txt", DictFormat::kPetrarchAgents, b);
  ActorCoderOptions o;
  o.dictionary = std::move(b).Compile().value();
  EXPECT_EQ(Coded("MSF Arnor left.", D(2013, 4, 30), o), Strings({"MSF Arnor=NGOARN"}));
  // The country's own role after it as well: NGO, then the country and its role.
  EXPECT_EQ(Coded("An MSF Arnor diplomat left.", D(2013, 4, 30), o),
            Strings({"MSF Arnor diplomat=NGOARNGOV"}));
  EXPECT_EQ(Coded("White House security officials left.", D(2013, 4, 30), o),
            Strings({"White House security officials=USAGOV"}));
  // TABARI manual 5.4: after IN or OF too, not after FROM.
  EXPECT_EQ(Coded("Security officials in White House left.", D(2013, 4, 30), o),
            Strings({"Security officials in White House=USAGOV"}));
  EXPECT_EQ(Coded("Security officials from White House left.", D(2013, 4, 30), o),
            Strings({"Security officials=---GOV", "White House=USAGOV"}));
  // A singular agent of a legacy dictionary (a possible title) right after an organisation is
  // its role when no name follows it.
  EXPECT_EQ(Coded("A White House diplomat left.", D(2013, 4, 30), o),
            Strings({"White House diplomat=USAGOV"}));
}

TEST(ActorCoderTest, TabariSpecialCodesAreKeptWithTheOption) {
  // TABARI manual 6.2, 6.4: "###" (here on the document's date) and "+++" actor codes.
  DictionaryBuilder b;
  ReadDictionaryText("ONODOHER  [ONO <911226] [###]\nISILDUR  [+++]\nARNOR  [ARN]\n", "test.actors",
                     DictFormat::kTabariActors, b);
  ActorCoderOptions o;
  o.dictionary = std::move(b).Compile().value();
  EXPECT_EQ(Coded("Onodoher crowds met Arnor.", D(1995, 1, 1), o), Strings({"Arnor=ARN"}));
  o.special_codes = true;
  EXPECT_EQ(Coded("Onodoher crowds met Arnor.", D(1995, 1, 1), o),
            Strings({"Onodoher=###", "Arnor=ARN"}));
  EXPECT_EQ(Coded("Onodoher crowds met Arnor.", D(1990, 1, 1), o),
            Strings({"Onodoher=ONO", "Arnor=ARN"}));
  EXPECT_EQ(Coded("Isildur met Arnor.", D(1995, 1, 1), o), Strings({"Isildur=+++", "Arnor=ARN"}));
  // PETRARCH-2 and UniversalPetrarch read them as codes like any other, on every date.
  o.special_codes = false;
  o.plain_special_codes = true;
  EXPECT_EQ(Coded("Isildur met Arnor.", D(1995, 1, 1), o), Strings({"Isildur=+++", "Arnor=ARN"}));
  EXPECT_EQ(Coded("Onodoher crowds met Arnor.", D(1995, 1, 1), o),
            Strings({"Onodoher=###", "Arnor=ARN"}));
}

TEST(ActorCoderTest, TabariAgentsStandRightBesideTheirActor) {
  // TABARI manual 5.4: right after the actor or its "'s" ("former" aside), or after IN / OF,
  // and then only that one actor.
  DictionaryBuilder b;
  ReadDictionaryText("DAGOLATH  [DAG]\nARNOR  [ARN]\nGONDOR  [GON]\n", "test.actors",
                     DictFormat::kTabariActors, b);
  ReadDictionaryText("MINISTER_  [~GOV]\nAMBASSADORS_  [~GOV]\n", "test.agents",
                     DictFormat::kTabariAgents, b);
  ActorCoderOptions o;
  o.dictionary = std::move(b).Compile().value();
  o.standalone_agents = false;
  EXPECT_EQ(Coded("Dagolath's top minister left.", D(1995, 1, 1), o),
            Strings({"Dagolath's top minister=DAGGOV"}));
  EXPECT_EQ(Coded("The ambassadors of Arnor and Gondor left.", D(1995, 1, 1), o),
            Strings({"ambassadors of Arnor=ARNGOV", "Gondor=GONGOV"}));
  o.adjacent_agents = true;
  EXPECT_EQ(Coded("Dagolath's top minister left.", D(1995, 1, 1), o), Strings({"Dagolath=DAG"}));
  EXPECT_EQ(Coded("Dagolath's minister left.", D(1995, 1, 1), o),
            Strings({"Dagolath's minister=DAGGOV"}));
  EXPECT_EQ(Coded("The ambassadors of Arnor and Gondor left.", D(1995, 1, 1), o),
            Strings({"ambassadors of Arnor=ARNGOV", "Gondor=GON"}));
}

TEST(ActorCoderTest, FormerMakesTheAgentAnElite) {
  // TABARI manual 5.4.1, CAMEO manual (ELI): "former" right before the actor's or the agent's
  // name in an actor-agent pair turns the agent into ELI; the actor's code stays.
  DictionaryBuilder b;
  ReadDictionaryText("ARNOR  [ARN]\nGONDOR  [GON]\nWHITE_HOUSE  [USAGOV]\n", "test.actors.txt",
                     DictFormat::kPetrarchActors, b);
  ReadDictionaryText("SECURITY_OFFICIALS  [~GOV]\nPROSECUTORS  [~JUD]\n", "test.agents.txt",
                     DictFormat::kPetrarchAgents, b);
  ActorCoderOptions o;
  o.dictionary = std::move(b).Compile().value();
  EXPECT_EQ(Coded("Arnor former security officials left.", D(2013, 4, 30), o),
            Strings({"Arnor former security officials=ARNELI"}));
  EXPECT_EQ(Coded("The former Gondor prosecutors left.", D(2013, 4, 30), o),
            Strings({"Gondor prosecutors=GONELI"}));
  EXPECT_EQ(Coded("Former security officials in White House left.", D(2013, 4, 30), o),
            Strings({"security officials in White House=USAGOVELI"}));
  EXPECT_EQ(Coded("Gondor prosecutors left.", D(2013, 4, 30), o),
            Strings({"Gondor prosecutors=GONJUD"}));
  // Not an agent of its own: "former Arnor" alone stays ARN.
  EXPECT_EQ(Coded("The former Arnor left.", D(2013, 4, 30), o), Strings({"Arnor=ARN"}));
  // dyad's own format, title rule: "former US Secretary of State X".
  EXPECT_EQ(Coded("Former US Secretary of State Chuck Hagel said."),
            Strings({"US Secretary of State Chuck Hagel=USAELI"}));
}

TEST(ActorCoderTest, CompoundActorsYieldEachActor) {
  EXPECT_EQ(Coded("Barack Obama and Vladimir Putin met."),
            Strings({"Barack Obama=USAGOV", "Vladimir Putin=RUSGOV"}));
  Document doc = Segmented("US and Russian officials met.");
  Code(doc);
  EXPECT_EQ(Mentions(doc), Strings({"US=USAGOV", "Russian officials=RUSGOV"}));
  EXPECT_TRUE(doc.actors[0].how.starts_with("compound: "));
  EXPECT_TRUE(doc.actors[1].plural);
  EXPECT_EQ(Coded("American, Syrian and Russian officials met."),
            Strings({"American=USAGOV", "Syrian=SYRGOV", "Russian officials=RUSGOV"}));
}

TEST(ActorCoderTest, SurnamesTakeTheFullMentionsCode) {
  Document doc = Segmented("John Kerry arrived in Moscow. Kerry said Putin would meet Kerry.");
  Code(doc);
  EXPECT_EQ(Mentions(doc), Strings({"John Kerry=USAGOV", "Moscow=RUSGOV", "Kerry=USAGOV>0",
                                    "Putin=RUSGOV", "Kerry=USAGOV>0"}));
  EXPECT_EQ(doc.actors[2].how, "surname -> 0 (John Kerry)");
  // Names found by the title rule are remembered too.
  EXPECT_EQ(Coded("Spanish counterpart Jose Garcia spoke. Later Garcia left."),
            Strings({"Spanish counterpart Jose Garcia=ESPGOV", "Garcia=ESPGOV>0"}));
  // No earlier full mention: nothing.
  EXPECT_EQ(Coded("Kerry said so."), Strings{});
}

TEST(ActorCoderTest, BareTitlesResolveToTheMostRecentCompatiblePerson) {
  Document doc = Segmented("John Kerry met Vladimir Putin. But the top US diplomat said no.");
  Code(doc);
  EXPECT_EQ(Mentions(doc),
            Strings({"John Kerry=USAGOV", "Vladimir Putin=RUSGOV", "US diplomat=USAGOV>0"}));
  EXPECT_EQ(doc.actors[2].how, "title -> 0 (John Kerry)");
  EXPECT_EQ(Coded("John Kerry met Vladimir Putin. Then the president left."),
            Strings({"John Kerry=USAGOV", "Vladimir Putin=RUSGOV", "president=RUSGOV>1"}));
  // No compatible antecedent: the title's own code.
  EXPECT_EQ(Coded("The president spoke."), Strings({"president=---GOV"}));
  EXPECT_EQ(Coded("Vladimir Putin left. The top US diplomat stayed."),
            Strings({"Vladimir Putin=RUSGOV", "US diplomat=USAGOV"}));
  // A person found by a title answers to that title only.
  EXPECT_EQ(
      Coded(
          "Prime Minister Tony Blair spoke. Secretary John Reid agreed. The prime minister left."),
      Strings({"Prime Minister Tony Blair=---GOV", "Secretary John Reid=---GOV",
               "prime minister=---GOV>0"}));
}

// A first-person pronoun in a quote is the speaker: the subject of the reporting verb whose
// complement the quote is. Outside a quote, or without a parse, it stays uncoded.
TEST(ActorCoderTest, FirstPersonInAQuoteIsTheSpeaker) {
  auto parsed = [](const std::string& text) {
    Document doc = Segmented(text);
    doc.words.resize(doc.tokens.size());
    TokenIndex said = 0, go = 0;
    for (TokenIndex t = 0; t < doc.tokens.size(); ++t) {
      if (doc.SpanText(doc.tokens[t].span) == "said") said = t;
      if (doc.SpanText(doc.tokens[t].span) == "go") go = t;
    }
    for (TokenIndex t = 0; t < doc.tokens.size(); ++t) {
      const std::string_view w = doc.SpanText(doc.tokens[t].span);
      WordAnalysis& a = doc.words[t];
      a.head = said;
      a.deprel = Deprel::kPunct;
      if (w == "I" || w == "we") a.head = go, a.deprel = Deprel::kNsubj;
      if (w == "will") a.head = go, a.deprel = Deprel::kAux;
      if (w == "go") a.deprel = Deprel::kCcomp;
      if (w == "Kerry") a.deprel = Deprel::kNsubj;
      if (w == "said") a.head = kNoHead, a.deprel = Deprel::kRoot;
    }
    return doc;
  };
  Document d = parsed("\"I will go,\" John Kerry said.");
  Code(d);
  EXPECT_EQ(Mentions(d), Strings({"I=USAGOV>1", "John Kerry=USAGOV"}));
  Document n = parsed("I will go, John Kerry said.");
  Code(n);
  EXPECT_EQ(Mentions(n), Strings({"John Kerry=USAGOV"}));
  EXPECT_EQ(Coded("\"I will go,\" John Kerry said."), Strings({"John Kerry=USAGOV"}));
}

TEST(ActorCoderTest, PronounsCanBeLeftUncoded) {
  // PETRARCH-2 codes no possessive pronoun; subject pronouns and surnames still resolve.
  ActorCoderOptions o{.pronouns = false};
  EXPECT_EQ(Coded("John Kerry arrived. He said Kerry was late.", D(2013, 4, 30), o),
            Strings({"John Kerry=USAGOV", "He=USAGOV>0", "Kerry=USAGOV>0"}));
  EXPECT_EQ(Coded("John Kerry said his visit was overdue.", D(2013, 4, 30), o),
            Strings({"John Kerry=USAGOV"}));
}

TEST(ActorCoderTest, CompoundAdjectivesBetweenCountryAndTitle) {
  // "awful and evil" modifies as one adjective (TABARI manual 7.5), so the title still takes
  // the country before it.
  EXPECT_EQ(Coded("Russia's new and powerful President Ivan Zorkin said no.", D(2013, 4, 30)),
            Strings({"Russia's new and powerful President Ivan Zorkin=RUSGOV"}));
  // A conjunction not between modifiers still separates.
  EXPECT_EQ(Coded("Russia and the new President Ivan Zorkin said no.", D(2013, 4, 30)),
            Strings({"Russia=RUS", "President Ivan Zorkin=---GOV"}));
}

TEST(ActorCoderTest, CoordinatedAgentsShareTheCountryWithTheOption) {
  ActorCoderOptions o;
  EXPECT_EQ(Coded("Russian police and officials said no.", D(2013, 4, 30), o),
            Strings({"Russian police=RUSCOP", "officials=---GOV"}));
  o.shared_country = true;
  EXPECT_EQ(Coded("Russian police and officials said no.", D(2013, 4, 30), o),
            Strings({"Russian police=RUSCOP", "officials=RUSGOV"}));
}

TEST(ActorCoderTest, TabariPronounRules) {
  // TABARI manual 7.7, by position only (PETRARCH's pronouns = false is overridden for ITS).
  ActorCoderOptions o{.pronouns = false, .tabari_pronouns = true};
  // HE, SHE, IT: the sentence's first actor, agreement or not.
  EXPECT_EQ(Coded("Barack Obama told Angela Merkel that she was right.", D(2013, 4, 30), o),
            Strings({"Barack Obama=USAGOV", "Angela Merkel=DEUGOV", "she=USAGOV>0"}));
  // ... else the previous sentence's first actor.
  EXPECT_EQ(Coded("Russia warned Syria. It said no.", D(2013, 4, 30), o),
            Strings({"Russia=RUS", "Syria=SYR", "It=RUS>0"}));
  // ITS, HIS, HER: the first actor before the pronoun, none when there is none in the sentence.
  EXPECT_EQ(Coded("Barack Obama told Vladimir Putin of his concern.", D(2013, 4, 30), o),
            Strings({"Barack Obama=USAGOV", "Vladimir Putin=RUSGOV", "his=USAGOV>0"}));
  EXPECT_EQ(Coded("Russia warned Syria. Its army moved.", D(2013, 4, 30), o),
            Strings({"Russia=RUS", "Syria=SYR"}));
  // THEY, THEM, THEIR: the first compound's actors, else the first actor.
  EXPECT_EQ(Coded("Syria said Moscow and Washington disagree, but they talk.", D(2013, 4, 30), o),
            Strings({"Syria=SYR", "Moscow=RUSGOV", "Washington=USAGOV", "they=RUSGOV>1",
                     "they=USAGOV>2"}));
  EXPECT_EQ(Coded("Russia warned Syria. They said no.", D(2013, 4, 30), o),
            Strings({"Russia=RUS", "Syria=SYR", "They=RUS>0"}));
  // A pronoun forwarded from the previous sentence takes its first actor without the agent
  // (FORWARD, manual 8.4); within the sentence the agent stays.
  EXPECT_EQ(Coded("Russian President Ivan Zorkin warned Syria. He said no.", D(2013, 4, 30), o),
            Strings({"Russian President Ivan Zorkin=RUSGOV", "Syria=SYR", "He=RUS>0"}));
}

TEST(ActorCoderTest, PronounsAgreeInGenderAndNumber) {
  EXPECT_EQ(Coded("John Kerry said he would go."), Strings({"John Kerry=USAGOV", "he=USAGOV>0"}));
  EXPECT_EQ(Coded("John Kerry arrived. He said his visit was overdue."),
            Strings({"John Kerry=USAGOV", "He=USAGOV>0", "his=USAGOV>0"}));
  // The subject, not the nearest person, without a parse.
  EXPECT_EQ(Coded("Barack Obama told Vladimir Putin of his concern."),
            Strings({"Barack Obama=USAGOV", "Vladimir Putin=RUSGOV", "his=USAGOV>0"}));
  // Gender: "she" skips Obama; the previous sentence's subject must agree.
  EXPECT_EQ(Coded("Barack Obama told Angela Merkel that she was right."),
            Strings({"Barack Obama=USAGOV", "Angela Merkel=DEUGOV", "she=DEUGOV>1"}));
  EXPECT_EQ(Coded("Barack Obama met Angela Merkel. She said no."),
            Strings({"Barack Obama=USAGOV", "Angela Merkel=DEUGOV"}));
  // Number: "they" wants a plural antecedent, "it" a country or organisation.
  EXPECT_EQ(Coded("Russian officials met John Kerry. They said no."),
            Strings({"Russian officials=RUSGOV", "John Kerry=USAGOV", "They=RUSGOV>0"}));
  EXPECT_EQ(Coded("Russia warned Syria. It said no."),
            Strings({"Russia=RUS", "Syria=SYR", "It=RUS>0"}));
  EXPECT_EQ(Coded("John Kerry left. It was late."), Strings({"John Kerry=USAGOV"}));
  // A demonym is an adjective: no subject, and not what "it" means.
  EXPECT_EQ(Coded("The American envoy left. It rained."), Strings({"American=USA"}));
  // Coordinated actors: "they" is each of them.
  EXPECT_EQ(Coded("Moscow and Washington disagree, but they talk."),
            Strings({"Moscow=RUSGOV", "Washington=USAGOV", "they=RUSGOV>0", "they=USAGOV>1"}));
  ActorCoderOptions off;
  off.coreference = false;
  EXPECT_EQ(Coded("John Kerry arrived. He said Kerry would stay.", D(2013, 4, 30), off),
            Strings({"John Kerry=USAGOV"}));
}

// Fills Document::words as the tagger and parser would for the tokens of `doc`.
struct Word {
  std::string lemma;
  Upos upos;
  Deprel deprel;
  int head;  // index into tokens, -1 for the root
};
void SetWords(Document& doc, const std::vector<Word>& words) {
  ASSERT_EQ(words.size(), doc.tokens.size());
  doc.words.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    doc.words[i].lemma = words[i].lemma;
    doc.words[i].upos = words[i].upos;
    doc.words[i].deprel = words[i].deprel;
    doc.words[i].head = words[i].head < 0 ? kNoHead : static_cast<TokenIndex>(words[i].head);
  }
}

TEST(ActorCoderTest, ParseSubjectsGuidePronouns) {
  const std::string text = "Washington said that Moscow blocked its ally.";
  EXPECT_EQ(Coded(text),
            Strings({"Washington=USAGOV", "Moscow=RUSGOV", "its=USAGOV>0"}));  // first subject
  Document doc = Segmented(text);
  SetWords(doc, {{"Washington", Upos::kPropn, Deprel::kNsubj, 1},
                 {"say", Upos::kVerb, Deprel::kRoot, -1},
                 {"that", Upos::kSconj, Deprel::kMark, 4},
                 {"Moscow", Upos::kPropn, Deprel::kNsubj, 4},
                 {"block", Upos::kVerb, Deprel::kCcomp, 1},
                 {"its", Upos::kPron, Deprel::kNmodPoss, 6},
                 {"ally", Upos::kNoun, Deprel::kObj, 4},
                 {".", Upos::kPunct, Deprel::kPunct, 1}});
  Code(doc);
  EXPECT_EQ(Mentions(doc), Strings({"Washington=USAGOV", "Moscow=RUSGOV", "its=RUSGOV>1"}));

  // The previous sentence's subject comes from the parse too.
  Document two = Segmented("In Moscow, Kerry met Putin. He smiled.");
  // Make "Putin" the subject in the parse, against the word order.
  SetWords(two, {{"in", Upos::kAdp, Deprel::kCase, 1},
                 {"Moscow", Upos::kPropn, Deprel::kObl, 4},
                 {",", Upos::kPunct, Deprel::kPunct, 1},
                 {"Kerry", Upos::kPropn, Deprel::kObj, 4},
                 {"meet", Upos::kVerb, Deprel::kRoot, -1},
                 {"Putin", Upos::kPropn, Deprel::kNsubj, 4},
                 {".", Upos::kPunct, Deprel::kPunct, 4},
                 {"he", Upos::kPron, Deprel::kNsubj, 8},
                 {"smile", Upos::kVerb, Deprel::kRoot, -1},
                 {".", Upos::kPunct, Deprel::kPunct, 8}});
  Code(two);
  EXPECT_EQ(Mentions(two), Strings({"Moscow=RUSGOV", "Putin=RUSGOV", "He=RUSGOV>1"}));

  // An expletive "it" refers to nothing.
  Document expl = Segmented("Russia left. It was clear.");
  SetWords(expl, {{"Russia", Upos::kPropn, Deprel::kNsubj, 1},
                  {"leave", Upos::kVerb, Deprel::kRoot, -1},
                  {".", Upos::kPunct, Deprel::kPunct, 1},
                  {"it", Upos::kPron, Deprel::kExpl, 5},
                  {"be", Upos::kAux, Deprel::kCop, 5},
                  {"clear", Upos::kAdj, Deprel::kRoot, -1},
                  {".", Upos::kPunct, Deprel::kPunct, 5}});
  Code(expl);
  EXPECT_EQ(Mentions(expl), Strings({"Russia=RUS"}));
}

TEST(ActorCoderTest, TagsHelpWithPluralsAndModifiers) {
  Document doc = Segmented("The police state worried Russian official bodies.");
  Code(doc);
  EXPECT_EQ(Mentions(doc), Strings({"police=---COP", "Russian official=RUSGOV"}));
  SetWords(doc, {{"the", Upos::kDet, Deprel::kDet, 2},
                 {"police", Upos::kNoun, Deprel::kCompound, 2},
                 {"state", Upos::kNoun, Deprel::kNsubj, 3},
                 {"worry", Upos::kVerb, Deprel::kRoot, -1},
                 {"Russian", Upos::kAdj, Deprel::kAmod, 6},
                 {"official", Upos::kAdj, Deprel::kAmod, 6},
                 {"body", Upos::kNoun, Deprel::kObj, 3},
                 {".", Upos::kPunct, Deprel::kPunct, 3}});
  Code(doc);
  EXPECT_EQ(Mentions(doc), Strings({"Russian official=RUSGOV"}));
  // PETRARCH and TABARI code the agent anyway.
  ActorCoderOptions peer;
  peer.agent_modifiers = false;
  Code(doc, peer);
  EXPECT_EQ(Mentions(doc), Strings({"police=---COP", "Russian official=RUSGOV"}));
}

TEST(ActorCoderTest, NoPluralAgentsIgnoreARegularPluralLemma) {
  // PETRARCH's "POLICE {}": no plural form, so "polices" is not the agent, though the tagger
  // gives it the lemma "police"; an irregular plural of a "{}" agent still goes by its lemma.
  DictionaryBuilder b;
  ReadDictionaryText("GONDOR  [GON]\n", "test.actors.txt", DictFormat::kPetrarchActors, b);
  ReadDictionaryText("POLICE {}  [~COP]\nGUNMAN {}  [~UAF]\nMINISTRY  [~GOV]\n", "test.agents.txt",
                     DictFormat::kPetrarchAgents, b);
  ActorCoderOptions o;
  o.dictionary = std::move(b).Compile().value();
  auto coded = [&](const std::string& text, const std::vector<std::string>& lemmas) {
    Document doc = Segmented(text);
    EXPECT_EQ(lemmas.size(), doc.tokens.size());
    doc.words.resize(doc.tokens.size());
    for (size_t i = 0; i < lemmas.size() && i < doc.words.size(); ++i)
      doc.words[i].lemma = lemmas[i];
    Code(doc, o);
    return Mentions(doc);
  };
  EXPECT_EQ(coded("Gondor's polices left.", {"Gondor", "'s", "police", "leave", "."}),
            Strings({"Gondor=GON"}));
  EXPECT_EQ(coded("Gondor's police left.", {"Gondor", "'s", "police", "leave", "."}),
            Strings({"Gondor's police=GONCOP"}));
  EXPECT_EQ(coded("Gondor's gunmen left.", {"Gondor", "'s", "gunman", "leave", "."}),
            Strings({"Gondor's gunmen=GONUAF"}));
  EXPECT_EQ(coded("Gondor's ministries left.", {"Gondor", "'s", "ministry", "leave", "."}),
            Strings({"Gondor's ministries=GONGOV"}));
}

TEST(ActorCoderTest, EdgeCases) {
  EXPECT_EQ(Coded(""), Strings{});
  EXPECT_EQ(Coded("nothing to see here"), Strings{});
  EXPECT_EQ(ActorCoder::Load({}).status().code(), StatusCode::kInvalidArgument);
  // Mentions are replaced, not appended, when a document is coded twice.
  Document doc = Segmented("John Kerry left.");
  Code(doc);
  Code(doc);
  EXPECT_EQ(doc.actors.size(), 1u);
  // A long sentence of names stays linear and coded.
  std::string text;
  for (int i = 0; i < 100; ++i) text += "Kerry and Putin and ";
  Document big = Segmented("John Kerry met Putin. " + text + "Obama.");
  Code(big);
  EXPECT_EQ(big.actors.size(), 202u);  // "Obama" alone is not in the fixture
}

}  // namespace
}  // namespace dyad
