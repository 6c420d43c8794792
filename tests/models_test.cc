// The shipped models in models/ against 300-sentence dev slices: each must reach the score it
// was shipped with (MODEL_CARD.md) minus one point. Reads ../shared (label "data").
#include <gtest/gtest.h>

#include <chrono>

#include "dyad/eval/ner_eval.h"
#include "dyad/eval/parse_eval.h"
#include "dyad/eval/tag_eval.h"
#include "dyad/io/conll2003.h"
#include "dyad/io/conllu.h"

namespace dyad {
namespace {

const std::string kModels = std::string(DYAD_SOURCE_DIR) + "/models/";
const std::string kShared = std::string(DYAD_SHARED_DIR) + "/data/";

// Scores of the shipped models on the slices below, as measured when they were trained.
constexpr double kUpos = 96.02;
constexpr double kUas = 84.06;
constexpr double kLas = 81.18;
constexpr double kNerF1 = 91.94;

std::vector<ConlluSentence> EwtDevSlice() {
  auto all = ReadConlluSentences(kShared + "ud_english_ewt/en_ewt-ud-dev.conllu");
  EXPECT_TRUE(all.ok());
  if (!all.ok()) return {};
  all->resize(std::min<size_t>(all->size(), 300));
  return *all;
}

TEST(ShippedModelsTest, LoadQuickly) {
  auto start = std::chrono::steady_clock::now();
  auto tagger = Tagger::Load(kModels + "tagger.dyad");
  auto parser = Parser::Load(kModels + "parser.dyad");
  auto ner = EntityRecognizer::Load(kModels + "ner.dyad");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  ASSERT_TRUE(ner.ok()) << ner.status().ToString();
  RecordProperty("load_seconds", std::to_string(secs));
  std::printf("loaded three models in %.3f s\n", secs);
}

TEST(ShippedModelsTest, TaggerAndParserReachTheirScores) {
  auto tagger = Tagger::Load(kModels + "tagger.dyad");
  auto parser = Parser::Load(kModels + "parser.dyad");
  ASSERT_TRUE(tagger.ok() && parser.ok());
  std::vector<ConlluSentence> dev = EwtDevSlice();
  ASSERT_EQ(dev.size(), 300u);
  TagScores t = EvaluateTagger(**tagger, dev);
  ParseScores p = EvaluateParser(**parser, tagger->get(), dev);
  std::printf("UPOS %.2f UAS %.2f LAS %.2f\n", t.Accuracy(t.upos), p.Accuracy(p.uas), p.Accuracy(p.las));
  EXPECT_GE(t.Accuracy(t.upos), kUpos - 1.0);
  EXPECT_GE(p.Accuracy(p.uas), kUas - 1.0);
  EXPECT_GE(p.Accuracy(p.las), kLas - 1.0);
}

TEST(ShippedModelsTest, NerReachesItsScore) {
  auto tagger = Tagger::Load(kModels + "tagger.dyad");
  auto ner = EntityRecognizer::Load(kModels + "ner.dyad");
  ASSERT_TRUE(tagger.ok() && ner.ok());
  auto docs = ReadConll2003(kShared + "conll2003/eng.testa");
  ASSERT_TRUE(docs.ok());
  // Whole documents up to 300 sentences.
  std::vector<Conll2003Document> slice;
  size_t sentences = 0;
  for (auto& d : *docs) {
    if (sentences >= 300) break;
    sentences += d.sentences.size();
    slice.push_back(d);
  }
  NerScores s = EvaluateNer(**ner, tagger->get(), slice);
  std::printf("NER F1 %.2f on %zu sentences\n", s.all.F1(), sentences);
  EXPECT_GE(s.all.F1(), kNerF1 - 1.0);
}

}  // namespace
}  // namespace dyad
