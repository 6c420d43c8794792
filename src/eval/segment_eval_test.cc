#include "dyad/eval/segment_eval.h"

#include <gtest/gtest.h>

#include <sstream>

#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

TEST(SegmentEvalTest, ScoreSpansCountsExactMatches) {
  SpanScore s;
  ScoreSpans({{0, 3}, {4, 7}, {8, 9}}, {{0, 3}, {4, 9}}, s);
  EXPECT_EQ(s.gold, 3u);
  EXPECT_EQ(s.predicted, 2u);
  EXPECT_EQ(s.correct, 1u);
  EXPECT_DOUBLE_EQ(s.Precision(), 50.0);
}

TEST(SegmentEvalTest, PerfectOnSimpleGold) {
  std::istringstream good(
      "# newdoc id = d1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
      "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
      "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
      "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n"
      "# newpar\n# text = Fine.\n1\tFine\tfine\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n"
      "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n");
  ConlluDocumentReader r(good, "gold.conllu");
  SegmentScores s = EvaluateSegmentation(r, {Segmenter::Load({}).value()}).value();
  EXPECT_EQ(s.documents, 1u);
  EXPECT_EQ(s.token.gold, 6u);  // I, don't, know, ., Fine, .
  EXPECT_EQ(s.word.gold, 7u);
  EXPECT_DOUBLE_EQ(s.token.F1(), 100.0);
  EXPECT_DOUBLE_EQ(s.word.F1(), 100.0);
  EXPECT_DOUBLE_EQ(s.sentence.F1(), 100.0);
}

}  // namespace
}  // namespace dyad
