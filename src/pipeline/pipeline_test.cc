#include "dyad/pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

// A stage that fails on documents whose text contains "FAIL".
class Picky final : public Stage {
 public:
  std::string_view name() const override { return "picky"; }
  std::unique_ptr<Workspace> NewWorkspace() const override { return std::make_unique<Workspace>(); }
  Status Process(Document& doc, Workspace&) const override {
    if (doc.text.find("FAIL") != std::string::npos) return DataError("refused");
    return Status::Ok();
  }
};

std::string WriteJsonl(int n) {
  std::string path = (std::filesystem::temp_directory_path() / "dyad_pipeline_test.jsonl").string();
  std::ofstream out(path);
  for (int i = 0; i < n; ++i) {
    out << "{\"id\":\"d" << i << "\",\"date\":\"2013-04-30\",\"text\":\"Doc " << i
        << (i % 97 == 5 ? " FAIL" : "") << ". Second sentence.\"}\n";
  }
  return path;
}

TEST(PipelineTest, OutputInInputOrderAcrossThreads) {
  const std::string path = WriteJsonl(2000);
  for (int threads : {1, 2, 4}) {
    auto reader = OpenReader(path, {}).value();
    Pipeline p({Dateliner::Load({}).value(), Segmenter::Load({}).value(), std::make_shared<Picky>()},
               PipelineOptions{.threads = threads, .batch_documents = 7});
    std::vector<std::string> ids;
    PipelineOutput out;
    out.diagnostics = nullptr;
    out.on_document = [&](const Document& d, const Status&) { ids.push_back(d.meta.id); };
    RunStats s = p.Run(*reader, out);
    ASSERT_EQ(ids.size(), 2000u) << threads;
    for (int i = 0; i < 2000; ++i) ASSERT_EQ(ids[i], "d" + std::to_string(i)) << threads;
    EXPECT_EQ(s.read, 2000u);
    EXPECT_EQ(s.failed, 21u);  // i % 97 == 5
    EXPECT_EQ(s.ok, 1979u);
    EXPECT_EQ(s.sentences, 2u * 1979u);
    EXPECT_EQ(s.stage_seconds.size(), 3u);
  }
}

TEST(PipelineTest, FailedRecordMessageNamesStageAndRecord) {
  const std::string path = WriteJsonl(10);
  auto reader = OpenReader(path, {}).value();
  Pipeline p({std::make_shared<Picky>()}, PipelineOptions{.threads = 1});
  std::vector<std::string> errors;
  PipelineOutput out;
  out.diagnostics = nullptr;
  out.on_document = [&](const Document&, const Status& s) {
    if (!s.ok()) errors.push_back(s.message());
  };
  p.Run(*reader, out);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("dyad_pipeline_test.jsonl:6 (d5): picky: refused"), std::string::npos) << errors[0];
}

}  // namespace
}  // namespace dyad
