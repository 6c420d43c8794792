#include "dyad/io/reader.h"
#include "dyad/io/writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace dyad {
namespace {

namespace fs = std::filesystem;

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dyad_reader_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  std::vector<ReadRecord> ReadAll(const std::string& path, ReaderOptions o = {}) {
    auto r = OpenReader(path, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<ReadRecord> out;
    while (auto rec = (*r)->Next()) out.push_back(std::move(*rec));
    return out;
  }

  fs::path dir_;
};

TEST_F(ReaderTest, JsonlFieldsAndDefaults) {
  auto recs = ReadAll(Write("a.jsonl",
                            "{\"id\":\"x1\",\"date\":\"2013-04-30\",\"source\":\"AFP\",\"url\":\"u\","
                            "\"title\":\"T\",\"text\":\"Kerry said.\"}\n"
                            "\n"
                            "{\"newid\": 7, \"date\": \"26-FEB-1987 15:01:01.79\", \"body\": \"B\\u00e9 \\\"q\\\"\"}\n"));
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_TRUE(recs[0].status.ok());
  EXPECT_EQ(recs[0].doc.meta.id, "x1");
  EXPECT_EQ(recs[0].doc.meta.source, "AFP");
  EXPECT_EQ(recs[0].doc.meta.title, "T");
  EXPECT_EQ(recs[0].doc.meta.date.ToString(), "2013-04-30");
  EXPECT_EQ(recs[1].doc.meta.id, "7");
  EXPECT_EQ(recs[1].doc.text, "B\xc3\xa9 \"q\"");
  EXPECT_EQ(recs[1].doc.meta.date.ToString(), "1987-02-26");
  EXPECT_NE(recs[1].doc.meta.origin.find("a.jsonl:3"), std::string::npos);
}

TEST_F(ReaderTest, JsonlConfigurableFields) {
  ReaderOptions o;
  o.json.text = {"story"};
  o.json.id = {"key"};
  auto recs = ReadAll(Write("a.jsonl", "{\"key\":\"k\",\"story\":\"S\",\"text\":\"ignored\"}\n"), o);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].doc.text, "S");
  EXPECT_EQ(recs[0].doc.meta.id, "k");
}

TEST_F(ReaderTest, BadRecordsGetMessagesAndTheBatchGoesOn) {
  std::string content;
  content += "{\"id\":\"ok1\",\"text\":\"Fine.\"}\n";                 // 1
  content += "{\"id\":\"broken\",\"text\":\"no end}\n";               // 2 malformed JSON
  content += "{\"id\":\"notext\",\"title\":\"x\"}\n";                  // 3 missing text
  content += "{\"id\":\"blank\",\"text\":\"  \\n \"}\n";               // 4 blank
  content += "{\"id\":\"bad-utf8\",\"text\":\"caf\xe9 ok\"}\n";        // 5 invalid UTF-8
  content += "{\"id\":\"nul\",\"text\":\"a\\u0000b\"}\n";              // 6 NUL byte
  content += "{\"id\":\"baddate\",\"date\":\"2013-02-30\",\"text\":\"T.\"}\n";  // 7 impossible date
  content += "[1,2]\n";                                                // 8 not an object
  content += "{\"id\":\"ok2\",\"text\":\"Also fine.\"}\n";             // 9
  auto recs = ReadAll(Write("bad.jsonl", content));
  ASSERT_EQ(recs.size(), 9u);
  auto msg = [&](int i) { return recs[i].status.message(); };
  EXPECT_TRUE(recs[0].status.ok());
  EXPECT_NE(msg(1).find("bad.jsonl:2: malformed JSON"), std::string::npos) << msg(1);
  EXPECT_NE(msg(2).find("bad.jsonl:3 (notext): no text field"), std::string::npos) << msg(2);
  EXPECT_NE(msg(3).find("(blank): empty document"), std::string::npos) << msg(3);
  EXPECT_TRUE(recs[4].status.ok());
  EXPECT_EQ(recs[4].doc.text, "caf\xEF\xBF\xBD ok");
  ASSERT_EQ(recs[4].doc.warnings.size(), 1u);
  EXPECT_NE(recs[4].doc.warnings[0].find("U+FFFD"), std::string::npos);
  EXPECT_TRUE(recs[5].status.ok());
  EXPECT_EQ(recs[5].doc.text, "a b");
  EXPECT_NE(recs[5].doc.warnings.at(0).find("NUL"), std::string::npos);
  EXPECT_TRUE(recs[6].status.ok());
  EXPECT_TRUE(recs[6].doc.meta.date.empty());
  EXPECT_NE(recs[6].doc.warnings.at(0).find("\"2013-02-30\" is not a calendar date"), std::string::npos);
  EXPECT_NE(msg(7).find("bad.jsonl:8: malformed JSON"), std::string::npos) << msg(7);
  EXPECT_TRUE(recs[8].status.ok());
}

TEST_F(ReaderTest, FiftyMegabyteDocumentIsRejectedClearly) {
  std::string big = "{\"id\":\"huge\",\"text\":\"" + std::string(50u << 20, 'a') + "\"}\n{\"id\":\"next\",\"text\":\"x\"}\n";
  auto recs = ReadAll(Write("big.jsonl", big));
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].status.code(), StatusCode::kOutOfRange);
  EXPECT_NE(recs[0].status.message().find("big.jsonl:1 (huge): document is 52428800 bytes"), std::string::npos)
      << recs[0].status.message();
  EXPECT_TRUE(recs[1].status.ok());
  // With a larger bound it is read whole.
  ReaderOptions o;
  o.max_document_bytes = 64u << 20;
  auto again = ReadAll(dir_.string() + "/big.jsonl", o);
  EXPECT_TRUE(again[0].status.ok());
  EXPECT_EQ(again[0].doc.text.size(), 50u << 20);
  // Plain text too.
  std::string txt = Write("big.txt", std::string(17u << 20, 'b'));
  auto t = ReadAll(txt);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].status.code(), StatusCode::kOutOfRange);
}

TEST_F(ReaderTest, TruncateDocumentBytesCutsAtASpaceWithAWarning) {
  ReaderOptions o;
  o.truncate_document_bytes = 20;
  auto recs = ReadAll(Write("t.jsonl", "{\"id\":\"a\",\"text\":\"Kerry met Lavrov in Moscow on Tuesday.\"}\n"
                                      "{\"id\":\"b\",\"text\":\"Short.\"}\n"
                                      "{\"id\":\"c\",\"text\":\"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\"}\n"),
                      o);
  ASSERT_EQ(recs.size(), 3u);
  ASSERT_TRUE(recs[0].status.ok());
  EXPECT_EQ(recs[0].doc.text, "Kerry met Lavrov in ");
  ASSERT_EQ(recs[0].doc.warnings.size(), 1u);
  EXPECT_EQ(recs[0].doc.warnings[0],
            "document truncated to 20 of 38 bytes (--max-document-bytes); the rest is not analysed");
  EXPECT_EQ(recs[1].doc.text, "Short.");
  EXPECT_TRUE(recs[1].doc.warnings.empty());
  // No space: cut at a character boundary, never inside a UTF-8 sequence.
  EXPECT_EQ(recs[2].doc.text, "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9");
  EXPECT_EQ(recs[2].doc.text.size(), 20u);
  // From memory, too.
  auto r = OpenStringReader("Kerry met Lavrov in Moscow on Tuesday.", "s.txt", o);
  auto rec = r->Next();
  ASSERT_TRUE(rec && rec->status.ok());
  EXPECT_EQ(rec->doc.text, "Kerry met Lavrov in ");
  EXPECT_EQ(rec->doc.meta.id, "s");
  EXPECT_FALSE(r->Next());
}

TEST_F(ReaderTest, PlainTextFilesAndDirectories) {
  Write("corpus/afp-2013-04-30-kerry.txt", "Kerry said.\n");
  Write("corpus/sub/b.txt", "Second.\n");
  Write("corpus/c.jsonl", "{\"id\":\"j\",\"text\":\"Json.\"}\n");
  Write("corpus/.hidden", "skip me");
  auto recs = ReadAll((dir_ / "corpus").string());
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].doc.meta.id, "afp-2013-04-30-kerry");
  EXPECT_EQ(recs[0].doc.meta.date.ToString(), "2013-04-30");
  EXPECT_EQ(recs[1].doc.meta.id, "j");
  EXPECT_EQ(recs[2].doc.meta.id, "sub/b");
  EXPECT_TRUE(recs[2].doc.meta.date.empty());
}

TEST_F(ReaderTest, TabariRecords) {
  auto recs = ReadAll(Write("v.text",
                            "# header comment\n\n950101  DEMO-01\nArnor is about to restore ties\nwith Gondor.\n"
                            "/*\\n[Simple coding]\n\\n{ ARN / GON / 064 } */\n\n"
                            "not a header\n\n"
                            "130430 K-1\nKerry said.\n\n"
                            "20150607 Y-1\nLong date.\n\n9501201  Y-2\nBroken date.\n"));
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs[3].doc.meta.date.ToString(), "2015-06-07");
  EXPECT_TRUE(recs[4].status.ok());
  EXPECT_TRUE(recs[4].doc.meta.date.empty());
  EXPECT_FALSE(recs[4].doc.warnings.empty());
  EXPECT_EQ(recs[0].doc.meta.id, "DEMO-01");
  EXPECT_EQ(recs[0].doc.meta.date.ToString(), "1995-01-01");
  EXPECT_EQ(recs[0].doc.text, "Arnor is about to restore ties\nwith Gondor.");
  ASSERT_EQ(recs[0].doc.meta.extra.size(), 1u);
  EXPECT_NE(recs[0].doc.meta.extra[0].second.find("ARN / GON / 064"), std::string::npos);
  EXPECT_FALSE(recs[1].status.ok());
  EXPECT_NE(recs[1].status.message().find("v.text:9: expected a \"YYMMDD id\""), std::string::npos)
      << recs[1].status.message();
  EXPECT_EQ(recs[2].doc.meta.date.ToString(), "2013-04-30");
}

TEST_F(ReaderTest, PetrarchXmlSentencesAndArticles) {
  auto recs = ReadAll(Write("p.xml",
                            "<Sentences>\n<Sentence date=\"20080804\" id=\"A_1\" source=\"AFP\" sentence=\"True\">\n"
                            "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
                            "<Text>\nThe US leader &amp; his aides\nleft.\n</Text>\n<Parse>(ROOT (S))</Parse>\n"
                            "</Sentence>\n<Sentence date=\"20130230\" id=\"B\"><Text>Bad date.</Text></Sentence>\n"
                            "</Sentences>\n"));
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].doc.meta.id, "A_1");
  EXPECT_EQ(recs[0].doc.meta.source, "AFP");
  EXPECT_EQ(recs[0].doc.text, "The US leader & his aides\nleft.");
  EXPECT_EQ(recs[0].doc.meta.date.ToString(), "2008-08-04");
  EXPECT_TRUE(recs[1].doc.meta.date.empty());
  EXPECT_FALSE(recs[1].doc.warnings.empty());
  auto arts = ReadAll(Write("a.xml", "<Articles><Article date=\"20130430\" id=\"S\"><Text>Story text.</Text></Article></Articles>"));
  ASSERT_EQ(arts.size(), 1u);
  EXPECT_EQ(arts[0].doc.text, "Story text.");
  auto broken = ReadAll(Write("b.xml", "<Sentences>\n<Sentence date=\"20080804\" id=\"x\"><Text>ok</Text></Sentence>\n<Sentence id=\"y\"><Text>unclosed\n</Sentences>\n"));
  ASSERT_EQ(broken.size(), 2u);
  EXPECT_TRUE(broken[0].status.ok());
  EXPECT_NE(broken[1].status.message().find("b.xml:4: XML error"), std::string::npos) << broken[1].status.message();
}

TEST_F(ReaderTest, ConlluAndDetection) {
  auto recs = ReadAll(Write("g.conllu",
                            "# newdoc id = d1\n# text = Hi there.\n1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n"
                            "2\tthere\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
                            "# newpar\n# text = Bye.\n1\tBye\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"));
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].doc.text, "Hi there.\n\nBye.");
  EXPECT_EQ(recs[0].doc.meta.id, "d1");
  EXPECT_EQ(DetectFormat("x", "{\"a\":1}"), InputFormat::kJsonl);
  EXPECT_EQ(DetectFormat("x", "<Sentences>"), InputFormat::kPetrarchXml);
  EXPECT_EQ(DetectFormat("x", "950101  DEMO-01\ntext"), InputFormat::kTabari);
  EXPECT_EQ(DetectFormat("x", "# sent_id = 1\n1\tA"), InputFormat::kConllu);
  EXPECT_EQ(DetectFormat("x", "Plain words."), InputFormat::kText);
  EXPECT_EQ(DetectFormat("x.jsonl", "Plain"), InputFormat::kJsonl);
  ReaderOptions forced;
  forced.format = InputFormat::kText;
  auto as_text = ReadAll(Write("j.jsonl", "{\"text\":\"x\"}\n"), forced);
  ASSERT_EQ(as_text.size(), 1u);
  EXPECT_EQ(as_text[0].doc.text, "{\"text\":\"x\"}\n");
}

TEST_F(ReaderTest, MissingPathIsAnError) {
  auto r = OpenReader((dir_ / "nope.jsonl").string(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(RepairUtf8Test, ReplacesOnlyInvalidSequences) {
  std::string s = "ok \xc3\xa9 \xff \xe2\x82 end \xf0\x9f\x98\x80";
  EXPECT_EQ(RepairUtf8(s), 2u);
  EXPECT_EQ(s, "ok \xc3\xa9 \xEF\xBF\xBD \xEF\xBF\xBD end \xf0\x9f\x98\x80");
  std::string fine = "plain";
  EXPECT_EQ(RepairUtf8(fine), 0u);
}

TEST_F(ReaderTest, OpenReadersChainsPathsAndReportsOnesThatCannotBeOpened) {
  std::string a = Write("a.jsonl", "{\"id\":\"a1\",\"text\":\"One.\"}\n");
  std::string b = Write("b.jsonl", "{\"id\":\"b1\",\"text\":\"Two.\"}\n");
  std::unique_ptr<Reader> r = OpenReaders({a, (dir_ / "missing.jsonl").string(), b}, {});
  std::vector<std::string> seen;
  while (std::optional<ReadRecord> rec = r->Next())
    seen.push_back(rec->status.ok() ? rec->doc.meta.id : "error: " + rec->status.message());
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], "a1");
  EXPECT_NE(seen[1].find("missing.jsonl: cannot open"), std::string::npos) << seen[1];
  EXPECT_EQ(seen[2], "b1");
}

TEST(StringReaderTest, DocumentRecordRoundTrips) {
  Document doc;
  doc.meta.id = "afp-1";
  doc.meta.date = *ParseDate("2013-04-30");
  doc.meta.source = "AFP";
  doc.meta.title = "Kerry \"to visit\" Russia";
  doc.text = "MOSCOW, April 30 (AFP) - Kerry said\ttoday\nhe would visit \u00e9 Russia.";
  std::string line;
  AppendDocumentRecord(doc, line);
  AppendDocumentRecord(doc, line);
  ReaderOptions o;
  o.format = InputFormat::kJsonl;
  std::unique_ptr<Reader> r = OpenStringReader(line, "message", o);
  for (int i = 0; i < 2; ++i) {
    std::optional<ReadRecord> rec = r->Next();
    ASSERT_TRUE(rec.has_value());
    ASSERT_TRUE(rec->status.ok()) << rec->status.message();
    EXPECT_EQ(rec->doc.meta.id, "afp-1");
    EXPECT_EQ(rec->doc.meta.date.ToString(), "2013-04-30");
    EXPECT_EQ(rec->doc.meta.source, "AFP");
    EXPECT_EQ(rec->doc.meta.title, doc.meta.title);
    EXPECT_EQ(rec->doc.text, doc.text);
    EXPECT_EQ(rec->doc.meta.origin, "message:" + std::to_string(i + 1));
  }
  EXPECT_FALSE(r->Next().has_value());
}

TEST(StringReaderTest, DetectsFormatAndReportsBadRecords) {
  std::unique_ptr<Reader> r = OpenStringReader("{\"id\": 3, \"text\": 4}\n", "m.jsonl", {});
  std::optional<ReadRecord> rec = r->Next();
  ASSERT_TRUE(rec.has_value());
  EXPECT_FALSE(rec->status.ok());
  EXPECT_NE(rec->status.message().find("m.jsonl:1"), std::string::npos) << rec->status.message();
}

}  // namespace
}  // namespace dyad
