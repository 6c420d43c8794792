// Trainers on a tiny team-written treebank and NER file: each trains in well under a second,
// must learn its training data, and the models load, run and reject damage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "dyad/eval/ner_eval.h"
#include "dyad/eval/parse_eval.h"
#include "dyad/eval/tag_eval.h"
#include "dyad/io/conll2003.h"
#include "dyad/io/conllu.h"
#include "dyad/ner/entity_recognizer.h"
#include "dyad/ner/ner_trainer.h"
#include "dyad/parse/parser.h"
#include "dyad/parse/parser_trainer.h"
#include "dyad/tag/tagger.h"
#include "dyad/tag/tagger_trainer.h"

namespace dyad {
namespace {

const std::string kFixtures = std::string(DYAD_SOURCE_DIR) + "/tests/fixtures/";

// Per process: ctest runs each test of the suite in its own process, at the same time.
std::string Temp(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("dyad_analysis_test_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

class AnalysisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TaggerTrainOptions t;
    t.train = kFixtures + "tiny.conllu";
    t.out = Temp("tagger.dyad");
    t.epochs = 10;
    t.verbose = false;
    ASSERT_TRUE(TrainTagger(t).ok());
    ParserTrainOptions p;
    p.train = kFixtures + "tiny.conllu";
    p.out = Temp("parser.dyad");
    p.epochs = 20;
    p.folds = 0;
    p.verbose = false;
    ASSERT_TRUE(TrainParser(p).ok());
    NerTrainOptions n;
    n.train = kFixtures + "tiny.conll2003";
    n.out = Temp("ner.dyad");
    n.epochs = 10;
    n.verbose = false;
    ASSERT_TRUE(TrainNer(n).ok());
  }
};

TEST_F(AnalysisTest, TaggerLearnsItsTrainingData) {
  auto tagger = Tagger::Load(Temp("tagger.dyad"));
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto gold = ReadConlluSentences(kFixtures + "tiny.conllu");
  ASSERT_TRUE(gold.ok());
  TagScores s = EvaluateTagger(**tagger, *gold);
  EXPECT_EQ(s.words, 43u);
  EXPECT_EQ(s.upos, s.words);
  EXPECT_EQ(s.xpos, s.words);
  EXPECT_EQ(s.lemma, s.words);
  // Lemma rules generalise to unseen words of a seen pattern.
  EXPECT_EQ((*tagger)->Lemmatize("bombed", *XposFromName("VBD")), "bomb");
  EXPECT_EQ((*tagger)->Lemmatize("Syrians", *XposFromName("NNPS")), "Syrians");
}

TEST_F(AnalysisTest, ParserLearnsItsTrainingData) {
  auto parser = Parser::Load(Temp("parser.dyad"));
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  auto gold = ReadConlluSentences(kFixtures + "tiny.conllu");
  ASSERT_TRUE(gold.ok());
  ParseScores s = EvaluateParser(**parser, nullptr, *gold);
  EXPECT_EQ(s.uas, s.words);
  EXPECT_EQ(s.las, s.words);
}

TEST_F(AnalysisTest, NerLearnsItsTrainingData) {
  auto ner = EntityRecognizer::Load(Temp("ner.dyad"));
  ASSERT_TRUE(ner.ok()) << ner.status().ToString();
  auto gold = ReadConll2003(kFixtures + "tiny.conll2003");
  ASSERT_TRUE(gold.ok());
  NerScores s = EvaluateNer(**ner, nullptr, *gold);
  EXPECT_EQ(s.all.gold, 9u);
  EXPECT_EQ(s.all.correct, 9u);
  EXPECT_EQ(s.all.predicted, 9u);
}

TEST_F(AnalysisTest, StagesFillTheDocumentLayers) {
  auto tagger = Tagger::Load(Temp("tagger.dyad"));
  auto parser = Parser::Load(Temp("parser.dyad"));
  ASSERT_TRUE(tagger.ok() && parser.ok());
  Document doc;
  doc.text = "Kerry visited Moscow .";
  for (ByteOffset b : {0u, 6u, 14u, 21u}) {
    ByteOffset e = b;
    while (e < doc.text.size() && doc.text[e] != ' ') ++e;
    doc.tokens.push_back(Token{Span{b, e}, Token::kSpaceAfter});
  }
  doc.sentences.push_back(Sentence{Span{0, 22}, 0, 4, 0});
  Document untagged = doc;
  auto pws = (*parser)->NewWorkspace();
  EXPECT_FALSE((*parser)->Process(untagged, *pws).ok());  // needs tags first
  auto tws = (*tagger)->NewWorkspace();
  ASSERT_TRUE((*tagger)->Process(doc, *tws).ok());
  ASSERT_TRUE((*parser)->Process(doc, *pws).ok());
  ASSERT_EQ(doc.words.size(), 4u);
  EXPECT_EQ(UposName(doc.words[1].upos), "VERB");
  EXPECT_EQ(doc.words[1].lemma, "visit");
  EXPECT_EQ(doc.words[1].head, kNoHead);
  EXPECT_EQ(doc.words[1].deprel, Deprel::kRoot);
  EXPECT_EQ(doc.words[0].head, 1u);
  EXPECT_EQ(doc.words[0].deprel, Deprel::kNsubj);
  EXPECT_EQ(doc.words[2].deprel, Deprel::kObj);
}

TEST_F(AnalysisTest, DamagedModelsAreClearErrors) {
  std::string bytes;
  {
    std::ifstream in(Temp("parser.dyad"), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::string cut = Temp("cut.dyad");
  {
    std::ofstream out(cut, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  auto p = Parser::Load(cut);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("truncated"), std::string::npos) << p.status().message();
  auto wrong_kind = Tagger::Load(Temp("parser.dyad"));
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_NE(wrong_kind.status().message().find("is a parser model"), std::string::npos);
  EXPECT_FALSE(EntityRecognizer::Load(Temp("absent.dyad")).ok());
  std::filesystem::remove(cut);
}

// Removes this process's models.
class CleanUp : public ::testing::Environment {
 public:
  void TearDown() override {
    for (const char* m : {"tagger.dyad", "parser.dyad", "ner.dyad"}) std::filesystem::remove(Temp(m));
  }
};
const auto* const kCleanUp = ::testing::AddGlobalTestEnvironment(new CleanUp);

}  // namespace
}  // namespace dyad
