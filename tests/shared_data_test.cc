// Tests over ../shared (override with DYAD_SHARED): the seed story, EWT segmentation goals,
// and the readers on the peers' real files. Label "data".
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "dyad/eval/segment_eval.h"
#include "dyad/io/reader.h"
#include "dyad/pipeline/pipeline.h"
#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

std::string Shared(const std::string& rel) {
  const char* env = std::getenv("DYAD_SHARED");
  return std::string(env ? env : DYAD_SHARED_DIR) + "/" + rel;
}

#define REQUIRE_SHARED(path)                                                  \
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present"

struct Collected {
  std::vector<Document> docs;
  RunStats stats;
};

Collected Collect(const std::string& path, InputFormat format = InputFormat::kAuto, Date default_date = {}) {
  ReaderOptions ro;
  ro.format = format;
  auto reader = OpenReader(path, ro).value();
  DatelinerOptions dopt;
  dopt.default_date = default_date;
  Pipeline p({Dateliner::Load(dopt).value(), Segmenter::Load({}).value()}, PipelineOptions{.threads = 2});
  Collected c;
  PipelineOutput out;
  out.diagnostics = nullptr;
  out.on_document = [&](const Document& d, const Status& s) {
    if (s.ok()) c.docs.push_back(d);
  };
  c.stats = p.Run(*reader, out);
  return c;
}

TEST(SharedDataTest, SeedStoryIsSixteenSentences) {
  const std::string seed = Shared("seed/afp-2013-04-30-kerry-russia.txt");
  REQUIRE_SHARED(seed);
  Collected c = Collect(seed);
  ASSERT_EQ(c.docs.size(), 1u);
  const Document& d = c.docs[0];
  EXPECT_EQ(d.sentences.size(), 16u);
  EXPECT_EQ(d.sentences.back().paragraph, 14u);  // 15 paragraphs; the sixth holds two sentences
  EXPECT_EQ(d.sentences[5].paragraph, d.sentences[6].paragraph);
  EXPECT_EQ(d.meta.date.ToString(), "2013-04-30");  // from the file name
  EXPECT_EQ(d.SpanText(d.sentences[6].span), "And it was not immediately clear if he would have talks with Putin.");
}

TEST(SharedDataTest, EwtSegmentationMeetsGoals) {
  const std::string gold = Shared("data/ud_english_ewt/en_ewt-ud-test.conllu");
  REQUIRE_SHARED(gold);
  std::ifstream in(gold);
  ConlluDocumentReader r(in, gold);
  SegmentScores s = EvaluateSegmentation(r, {Segmenter::Load({}).value()}).value();
  EXPECT_EQ(s.sentence.gold, 2077u);
  EXPECT_GE(s.token.F1(), 99.0);
  EXPECT_GE(s.sentence.F1(), 85.0);
}

TEST(SharedDataTest, ReadsPetrarchXml) {
  const std::string f = Shared("data/petrarch2/text/PETR.UnitTest.records.xml");
  REQUIRE_SHARED(f);
  Collected c = Collect(f);
  EXPECT_EQ(c.stats.failed, 0u);
  ASSERT_GE(c.docs.size(), 250u);
  EXPECT_EQ(c.docs[0].meta.id, "DEMO-00");
  EXPECT_EQ(c.docs[0].meta.date.ToString(), "1995-01-01");
  EXPECT_EQ(c.docs[0].text.rfind("Arnor is about to restore", 0), 0u);
  bool coding = false;
  for (const auto& [k, v] : c.docs[0].meta.extra) coding |= (k == "EventCoding" && v == "ARN GON 064");
  EXPECT_TRUE(coding);
}

TEST(SharedDataTest, ReadsTabariText) {
  const std::string f = Shared("data/tabari/Validate.text");
  REQUIRE_SHARED(f);
  Collected c = Collect(f);
  EXPECT_GE(c.docs.size(), 400u);
  EXPECT_EQ(c.docs[0].meta.id, "START-00");
  EXPECT_EQ(c.docs[0].meta.date.ToString(), "2000-01-01");
  EXPECT_EQ(c.docs[0].text.find("/*"), std::string::npos);  // comments are not text
}

TEST(SharedDataTest, ReadsNewsCorporaWithDifferentFieldNames) {
  const std::string dir = Shared("data/news");
  REQUIRE_SHARED(dir);
  Collected c = Collect(dir);
  // Reuters uses "body"/"newid" and 145 stories have no body; BBC uses "text" and has no dates.
  // SOURCE.txt is a plain-text document too; LICENSE.repo and README.repo.md are not read.
  EXPECT_EQ(c.stats.read, 4096u);
  EXPECT_EQ(c.stats.failed, 145u);
  EXPECT_GT(c.stats.sentences, 40000u);
}

TEST(SharedDataTest, ReadsCoNLLU) {
  const std::string f = Shared("data/ud_english_ewt/en_ewt-ud-dev.conllu");
  REQUIRE_SHARED(f);
  Collected c = Collect(f);
  EXPECT_GT(c.docs.size(), 200u);
  EXPECT_EQ(c.stats.failed, 0u);
}

}  // namespace
}  // namespace dyad
