// Golden files: tests/golden/segment/NAME.txt is segmented (dateline + segmenter) and written as
// CoNLL-U; the result must equal NAME.conllu. Rewrite with scripts/update-golden and review the diff.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/io/writer.h"
#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(GoldenTest, Segment) {
  const std::filesystem::path dir = std::filesystem::path(DYAD_SOURCE_DIR) / "tests/golden/segment";
  const bool update = std::getenv("DYAD_UPDATE_GOLDEN") != nullptr;
  auto dateliner = Dateliner::Load({}).value();
  auto segmenter = Segmenter::Load({}).value();
  auto dws = dateliner->NewWorkspace();
  auto sws = segmenter->NewWorkspace();
  auto writer = NewWriter("conllu").value();
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    Document doc;
    doc.text = Slurp(entry.path());
    doc.meta.id = entry.path().stem().string();
    ASSERT_TRUE(dateliner->Process(doc, *dws).ok());
    ASSERT_TRUE(segmenter->Process(doc, *sws).ok());
    std::string got;
    writer->Append(doc, got);
    std::filesystem::path expected = entry.path();
    expected.replace_extension(".conllu");
    if (update) {
      std::ofstream(expected, std::ios::binary) << got;
      continue;
    }
    EXPECT_EQ(got, Slurp(expected)) << "golden mismatch for " << entry.path()
                                    << " (scripts/update-golden rewrites; review the diff)";
  }
  EXPECT_GE(files, 3);
}

}  // namespace
}  // namespace dyad
