// PlaceCoder on real sentences with the built gazetteer and dyad's models: ambiguous names,
// containment, datelines, no place at all, diacritics and other scripts, event places, tone.
#include "dyad/places/place_coder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "dyad/actors/actor_coder.h"
#include "dyad/dict/readers.h"
#include "dyad/parse/parser.h"
#include "dyad/tag/tagger.h"
#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

class PlaceCoderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
#ifdef DYAD_GAZETTEER_PATH
    auto g = Gazetteer::Load(DYAD_GAZETTEER_PATH);
    if (!g.ok()) return;
    std::string models = std::string(DYAD_SOURCE_DIR) + "/models/";
    stages_.push_back(*Dateliner::Load({}));
    stages_.push_back(*Segmenter::Load({}));
    stages_.push_back(*Tagger::Load(models + "tagger.dyad"));
    stages_.push_back(*Parser::Load(models + "parser.dyad"));
    stages_.push_back(*ActorCoder::Load({.dictionary = *LoadDefaultDictionaries()}));
    coder_ = *PlaceCoder::Load({.gazetteer = *g});
    model_coder_ = *PlaceCoder::Load({.gazetteer = *g, .model = models + "places.dyad"});
    gaz_ = *g;
#endif
  }
  void SetUp() override {
    if (!coder_) GTEST_SKIP() << "gazetteer not built (scripts/install-deps)";
  }
  static Document Run(const std::string& text) {
    Document doc;
    doc.text = text;
    for (const auto& s : stages_) {
      auto ws = s->NewWorkspace();
      EXPECT_TRUE(s->Process(doc, *ws).ok());
    }
    coder_->FindPlaces(doc);
    return doc;
  }
  // The country (ISO2) of the mention whose words are `name`; "" when there is none.
  static std::string CountryOf(const Document& doc, std::string_view name) {
    for (const PlaceMention& m : doc.places)
      if (doc.SpanText(m.span) == name) return m.place.country_iso2;
    return "";
  }
  static inline std::vector<std::shared_ptr<const Stage>> stages_;
  static inline std::shared_ptr<const PlaceCoder> coder_;
  static inline std::shared_ptr<const PlaceCoder> model_coder_;  // with models/places.dyad
  static inline std::shared_ptr<const Gazetteer> gaz_;
  // The token whose words are `w`.
  static TokenIndex TokenOf(const Document& doc, std::string_view w) {
    for (TokenIndex t = 0; t < doc.tokens.size(); ++t)
      if (doc.SpanText(doc.tokens[t].span) == w) return t;
    return kNoHead;
  }
};

TEST_F(PlaceCoderTest, AmbiguousNamesFollowTheStory) {
  struct Case {
    const char* text;
    const char* name;
    const char* iso2;
  } cases[] = {
      {"Police in Paris arrested two men near the Eiffel Tower.", "Paris", "FR"},
      {"The mayor of Paris, Texas, met ranchers on Monday.", "Paris", "US"},
      {"Lebanese troops clashed with gunmen in Tripoli on Sunday.", "Tripoli", "LB"},
      {"Libyan militias fought for control of Tripoli airport in Tripoli.", "Tripoli", "LY"},
      {"Protesters marched in Santiago against Chile's pension system.", "Santiago", "CL"},
      {"Argentine farmers blocked roads in Córdoba.", "Córdoba", "AR"},
      {"Egyptian police raided a flat in Alexandria.", "Alexandria", "EG"},
      {"Russian troops entered Georgia in 2008.", "Georgia", "GE"},
      {"Voters in Atlanta, Georgia, waited for hours.", "Atlanta", "US"},
      {"The rally in São Paulo drew thousands.", "São Paulo", "BR"},
      {"Shelling hit Kyiv overnight.", "Kyiv", "UA"},
      {"Shelling hit Kiev overnight.", "Kiev", "UA"},
      {"Officials in Saint Petersburg and Moscow denied it.", "Saint Petersburg", "RU"},
      {"Militants attacked a police post in Dagestan.", "Dagestan", "RU"},
  };
  for (const Case& c : cases) {
    Document doc = Run(c.text);
    EXPECT_EQ(CountryOf(doc, c.name), c.iso2) << c.text;
  }
}

TEST_F(PlaceCoderTest, ContainmentDecides) {
  Document doc = Run("A tornado hit Paris, Texas, on Friday.");
  ASSERT_FALSE(doc.places.empty());
  EXPECT_EQ(doc.places[0].place.adm1, "USTX");
  EXPECT_EQ(doc.SpanText(doc.places[0].place.evidence), "Paris, Texas");
  EXPECT_EQ(coder_->gazetteer().entry(coder_->ResolveName("Tripoli, Lebanon")).country,
            coder_->gazetteer().entry(coder_->ResolveName("Lebanon")).country);
  EXPECT_EQ(coder_->gazetteer().ToGeoPlace(coder_->ResolveName("Tripoli (Libya)")).country_iso2,
            "LY");
}

TEST_F(PlaceCoderTest, NoPlaceAtAll) {
  for (const char* text :
       {"He said the talks were useful.", "", "Police said nothing.", "Paris Hilton sang."}) {
    Document doc = Run(text);
    EXPECT_TRUE(doc.places.empty())
        << text << ": " << (doc.places.empty() ? "" : doc.SpanText(doc.places[0].span));
  }
}

TEST_F(PlaceCoderTest, OtherScripts) {
  EXPECT_EQ(coder_->gazetteer().ToGeoPlace(coder_->ResolveName("Киев")).country_iso2, "UA");
  EXPECT_EQ(coder_->gazetteer().ToGeoPlace(coder_->ResolveName("دمشق")).country_iso2, "SY");
  EXPECT_EQ(coder_->ResolveName("Xqzzyville"), -1);
}

TEST_F(PlaceCoderTest, EventPlaceFromClauseThenDateline) {
  Document doc =
      Run("DAMASCUS, April 30 (AFP) - Syrian troops attacked rebels in Aleppo on "
          "Tuesday. The minister praised the army.");
  ASSERT_GE(doc.sentences.size(), 2u);
  // Build events by hand on the two verbs so the test does not depend on the verb dictionaries.
  for (SentenceIndex s = 0; s < 2; ++s) {
    for (TokenIndex t = doc.sentences[s].first_token; t < doc.sentences[s].end_token; ++t) {
      std::string_view w = doc.SpanText(doc.tokens[t].span);
      if (w == "attacked" || w == "praised") {
        Event e;
        e.sentence = s;
        e.trigger_span = doc.tokens[t].span;
        doc.events.push_back(e);
      }
    }
  }
  ASSERT_EQ(doc.events.size(), 2u);
  auto ws = coder_->NewWorkspace();
  ASSERT_TRUE(coder_->Process(doc, *ws).ok());
  EXPECT_EQ(doc.events[0].place.country_iso2, "SY");
  EXPECT_EQ(doc.events[0].place.how, "clause");
  EXPECT_EQ(doc.SpanText(doc.events[0].place.evidence), "Aleppo");
  EXPECT_EQ(doc.events[1].place.how, "dateline");
  EXPECT_EQ(doc.events[1].place.name, "Damascus, Damascus, Syria");
  EXPECT_TRUE(doc.events[1].place.evidence.empty());
  EXPECT_GT(doc.events[1].tone.tone, 0);  // "praised"
  EXPECT_LT(doc.events[0].tone.tone, 0);  // "attacked"
}

// recode's option: a document that arrives with a tone keeps it; one without is scored.
TEST_F(PlaceCoderTest, KeepDocumentToneOnlyWhenAsked) {
  Document doc = Run("Syrian troops attacked rebels in Aleppo on Tuesday.");
  auto ws0 = coder_->NewWorkspace();
  ASSERT_TRUE(coder_->Process(doc, *ws0).ok());
  const Tone scored = doc.tone;
  ASSERT_GT(scored.words, 0u);
  ASSERT_LT(scored.tone, 0);
  auto keeping = *PlaceCoder::Load({.gazetteer = gaz_, .keep_document_tone = true});
  auto ws = keeping->NewWorkspace();
  doc.tone = {.tone = 12.5, .positive = 12.5, .negative = 0, .words = 8};
  ASSERT_TRUE(keeping->Process(doc, *ws).ok());
  EXPECT_EQ(doc.tone.tone, 12.5);  // kept: as stored
  EXPECT_EQ(doc.tone.words, 8u);
  doc.tone = {};  // no stored tone (a store from before tones): scored
  ASSERT_TRUE(keeping->Process(doc, *ws).ok());
  EXPECT_EQ(doc.tone.tone, scored.tone);
  EXPECT_EQ(doc.tone.words, scored.words);
  doc.tone = {.tone = 12.5, .positive = 12.5, .negative = 0, .words = 8};
  auto ws2 = coder_->NewWorkspace();
  ASSERT_TRUE(coder_->Process(doc, *ws2).ok());  // the default scores again
  EXPECT_EQ(doc.tone.tone, scored.tone);
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// The seed story names Saint Petersburg, Dagestan and Moscow; each resolves in Russia.
TEST_F(PlaceCoderTest, ModelCandidatesAreNoneMentionsAndNames) {
  Document doc = Run("Gunmen captured two observers in the tense Kodori Gorge near Sukhumi.");
  TokenIndex verb = TokenOf(doc, "captured");
  ASSERT_NE(verb, kNoHead);
  std::vector<PlaceCandidate> c = model_coder_->Candidates(doc, verb);
  ASSERT_GE(c.size(), 2u);
  EXPECT_TRUE(c[0].span.empty());  // "no place" first
  EXPECT_FALSE(c[0].features.empty());
  std::vector<std::string> words;
  for (size_t k = 1; k < c.size(); ++k) {
    words.emplace_back(doc.SpanText(c[k].span));
    EXPECT_FALSE(c[k].features.empty());
    if (c[k].mention >= 0) EXPECT_EQ(doc.places[c[k].mention].span, c[k].span);
  }
  EXPECT_NE(std::find(words.begin(), words.end(), "Sukhumi"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "Kodori Gorge"), words.end())
      << "a name the gazetteer lacks is a candidate";
  // Out of range: only "no place".
  EXPECT_EQ(model_coder_->Candidates(doc, 100000).size(), 1u);
}

// Names the gazetteer lacks are candidates whole, read as FindPlaces reads place names.
TEST_F(PlaceCoderTest, ModelCandidateNamesSpanHyphensArticlesAndOf) {
  struct Case {
    std::string text, verb, name;
  } cases[] = {
      {"ISIS stormed the defenses south of Al-Shadadi city.", "stormed", "Al-Shadadi"},
      {"The army captured Jabal al-Sayyid after heavy fighting.", "captured", "Jabal al-Sayyid"},
      {"Warships are patrolling off the Horn of Africa.", "patrolling", "Horn of Africa"},
      {"Gunmen captured two observers in the tense Kodori Gorge.", "captured", "Kodori Gorge"},
  };
  for (const Case& k : cases) {
    Document doc = Run(k.text);
    TokenIndex verb = TokenOf(doc, k.verb);
    ASSERT_NE(verb, kNoHead) << k.text;
    std::vector<std::string> words;
    for (const PlaceCandidate& c : model_coder_->Candidates(doc, verb))
      words.emplace_back(doc.SpanText(c.span));
    EXPECT_NE(std::find(words.begin(), words.end(), k.name), words.end()) << k.text;
  }
}

TEST_F(PlaceCoderTest, ModelPicksTheEventsPlaceOrNone) {
  ASSERT_TRUE(model_coder_->has_model());
  EXPECT_NE(model_coder_->model_fingerprint(), 0u);
  Document doc = Run("Rebels shelled government positions in Aleppo on Monday.");
  PlaceCandidate p = model_coder_->ClausePhrase(doc, TokenOf(doc, "shelled"));
  EXPECT_EQ(doc.SpanText(p.span), "Aleppo");
  ASSERT_GE(p.mention, 0);
  EXPECT_EQ(doc.places[p.mention].place.country_iso2, "SY");
  Document none = Run("The minister said the talks would continue.");
  EXPECT_TRUE(model_coder_->ClausePhrase(none, TokenOf(none, "said")).span.empty());
  EXPECT_EQ(model_coder_->ClausePlace(none, TokenOf(none, "said")), -1);
}

TEST_F(PlaceCoderTest, BadModelFileIsAnError) {
  std::string path = ::testing::TempDir() + "/bad-places.dyad";
  std::ofstream(path) << "not a model";
  auto bad = PlaceCoder::Load({.gazetteer = gaz_, .model = path});
  EXPECT_FALSE(bad.ok());
  auto missing = PlaceCoder::Load({.gazetteer = gaz_, .model = path + ".missing"});
  EXPECT_FALSE(missing.ok());
}

TEST_F(PlaceCoderTest, SeedStory) {
  std::string path = std::string(DYAD_SHARED_DIR) + "/seed/afp-2013-04-30-kerry-russia.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << path << " not present";
  Document doc = Run(std::string(std::istreambuf_iterator<char>(in), {}));
  for (const char* name : {"Saint Petersburg", "Dagestan", "Moscow"}) {
    bool found = false;
    for (const PlaceMention& m : doc.places)
      if (doc.SpanText(m.span) == name) {
        found = true;
        EXPECT_EQ(m.place.country_iso2, "RU") << name;
        EXPECT_NE(m.entry, -1) << name;
      }
    EXPECT_TRUE(found) << name;
  }
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST_F(PlaceCoderTest, ActorPlaceWhereStated) {
  Document doc = Run("Syrian rebels in Homs attacked an army post near the border with Turkey.");
  int rebels = -1;
  for (size_t i = 0; i < doc.actors.size(); ++i)
    if (doc.SpanText(doc.actors[i].span).find("rebels") != std::string_view::npos) rebels = i;
  ASSERT_GE(rebels, 0);
  Event e;
  e.sentence = 0;
  e.source_actor = rebels;
  for (TokenIndex t = 0; t < doc.tokens.size(); ++t)
    if (doc.SpanText(doc.tokens[t].span) == "attacked") e.trigger_span = doc.tokens[t].span;
  doc.events.push_back(e);
  auto ws = coder_->NewWorkspace();
  ASSERT_TRUE(coder_->Process(doc, *ws).ok());
  EXPECT_EQ(doc.SpanText(doc.events[0].source_place.evidence), "Homs");
  EXPECT_EQ(doc.events[0].source_place.how, "actor");
  EXPECT_EQ(doc.events[0].source_place.country_iso2, "SY");
  EXPECT_TRUE(doc.events[0].target_place.empty());
  // The event happened "near the border with Turkey": the place phrase of its clause.
  EXPECT_EQ(doc.events[0].place.how, "clause");
  EXPECT_EQ(doc.events[0].place.country_iso2, "TR");
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST_F(PlaceCoderTest, HugeDocument) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "Police in Paris arrested two men. ";
  Document doc = Run(text);
  ASSERT_EQ(doc.places.size(), 3000u);
  for (const PlaceMention& m : doc.places) ASSERT_EQ(m.place.country_iso2, "FR");
  auto ws = coder_->NewWorkspace();
  ASSERT_TRUE(coder_->Process(doc, *ws).ok());
  EXPECT_LT(doc.tone.tone, 0);  // "arrested"
  EXPECT_EQ(doc.tone.words, 18000u);
}

}  // namespace
}  // namespace dyad
