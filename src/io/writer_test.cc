#include "dyad/io/writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

Document Segmented(const std::string& text) {
  Document doc;
  doc.text = text;
  doc.meta.id = "d";
  doc.meta.date = Date{2013, 4, 30};
  auto seg = Segmenter::Load({}).value();
  auto ws = seg->NewWorkspace();
  EXPECT_TRUE(seg->Process(doc, *ws).ok());
  return doc;
}

TEST(WriterTest, ConlluHasMultiwordRangesAndSpaceAfter) {
  Document doc = Segmented("I don't know.\n\nNext \"one\".");
  std::string out;
  NewWriter("conllu").value()->Append(doc, out);
  EXPECT_EQ(out,
            "# newdoc id = d\n# date = 2013-04-30\n# newpar\n# sent_id = d-1\n# text = I don't know.\n"
            "1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n"
            "3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
            "# newpar\n# sent_id = d-2\n# text = Next \"one\".\n1\tNext\t_\t_\t_\t_\t_\t_\t_\t_\n"
            "2\t\"\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\tone\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
            "4\t\"\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
}

TEST(WriterTest, JsonlIsValidJsonWithOffsets) {
  Document doc = Segmented("Tab\there \"q\" \\ ok.");
  std::string out;
  NewWriter("jsonl").value()->Append(doc, out);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["doc_id"], "d");
  EXPECT_EQ(j["sentence"], 1);
  EXPECT_EQ(j["date"], "2013-04-30");
  EXPECT_EQ(j["text"], "Tab\there \"q\" \\ ok.");
  EXPECT_EQ(j["tokens"][0][2], "Tab");
  EXPECT_EQ(j["tokens"][1][0], 4);
}

TEST(WriterTest, TextAndUnknownFormat) {
  Document doc = Segmented("One. Two.");
  std::string out;
  NewWriter("text").value()->Append(doc, out);
  EXPECT_EQ(out, "One .\nTwo .\n\n");
  EXPECT_FALSE(NewWriter("xml").ok());
}

TEST(WriterTest, JsonEscapesControlCharacters) {
  std::string out;
  AppendJsonString(out, std::string("a\x01\"\\\n", 5));
  EXPECT_EQ(out, "\"a\\u0001\\\"\\\\\\n\"");
}

}  // namespace
}  // namespace dyad
