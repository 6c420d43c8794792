#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "dyad/learn/feature_hash.h"
#include "dyad/learn/linear_model.h"
#include "dyad/learn/model_file.h"
#include "dyad/learn/perceptron.h"

namespace dyad::learn {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("dyad_learn_test_" + name)).string();
}

TEST(ModelFileTest, RoundTripsSections) {
  ModelWriter w;
  w.AddSection("a", "hello");
  w.AddSection("b", std::string(1000, 'x'));
  std::string path = TempPath("roundtrip");
  ASSERT_TRUE(w.Write(path, "tagger", 42).ok());
  auto f = ModelFile::Open(path, "tagger");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ((*f)->fingerprint(), 42u);
  EXPECT_EQ(*(*f)->Section("a"), "hello");
  EXPECT_EQ((*f)->Section("b")->size(), 1000u);
  EXPECT_FALSE((*f)->Section("c").ok());
  auto wrong = ModelFile::Open(path, "parser");
  EXPECT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("is a tagger model"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(ModelFileTest, TruncatedAndCorruptedFilesAreClearErrors) {
  ModelWriter w;
  w.AddSection("weights", std::string(5000, 'w'));
  std::string path = TempPath("corrupt");
  ASSERT_TRUE(w.Write(path, "ner", 1).ok());
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), 3000);
  }
  auto t = ModelFile::Open(path, "ner");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("truncated"), std::string::npos);
  bytes[4000] ^= 1;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  auto c = ModelFile::Open(path, "ner");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("checksum"), std::string::npos);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "not a model at all, just some text that is long enough to hold a header......";
  }
  auto m = ModelFile::Open(path, "ner");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("magic"), std::string::npos);
  std::filesystem::remove(path);
  EXPECT_FALSE(ModelFile::Open(path, "ner").ok());
}

TEST(HashIndexTest, FindsWhatWasStored) {
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  for (uint32_t i = 0; i < 1000; ++i) entries.emplace_back(HashText(std::to_string(i)), i);
  entries.emplace_back(0, 7);  // key 0 is legal
  std::string bytes = HashIndex::Serialize(entries);
  auto h = HashIndex::FromBytes(bytes);
  ASSERT_TRUE(h.ok());
  for (uint32_t i = 0; i < 1000; ++i) EXPECT_EQ(h->Find(HashText(std::to_string(i))), i);
  EXPECT_EQ(h->Find(0), 7u);
  EXPECT_FALSE(h->Find(HashText("absent")).has_value());
  EXPECT_FALSE(HashIndex::FromBytes(bytes.substr(0, 100)).ok());
}

TEST(PerceptronTest, LearnsASeparableProblemAndSerialisesTheAverage) {
  // Class = which of three marker features is present, plus noise features.
  std::mt19937_64 rng(1);
  AveragedPerceptron p(3);
  std::vector<std::pair<std::vector<uint64_t>, int>> data;
  for (int i = 0; i < 300; ++i) {
    int y = static_cast<int>(rng() % 3);
    data.push_back({{Feature(1, static_cast<uint64_t>(y)), Feature(2, rng() % 50)}, y});
  }
  for (int epoch = 0; epoch < 5; ++epoch) {
    for (const auto& [f, y] : data) {
      float s[3] = {0, 0, 0};
      p.Score(f.data(), f.size(), s);
      int g = static_cast<int>(std::max_element(s, s + 3) - s);
      p.Update(f.data(), f.size(), y, g);
      p.Tick();
    }
  }
  std::string bytes = p.Serialize(0.0f);
  auto lm = LinearModel::FromBytes(bytes);
  ASSERT_TRUE(lm.ok()) << lm.status().ToString();
  int correct = 0;
  for (const auto& [f, y] : data) {
    std::vector<LinearModel::Score> s(lm->score_size(), 0);
    lm->AddScores(f.data(), f.size(), s.data());
    correct += (std::max_element(s.begin(), s.begin() + 3) - s.begin()) == y;
  }
  EXPECT_GE(correct, 290);  // noise features cost a few; chance is 100
  EXPECT_FALSE(LinearModel::FromBytes(bytes.substr(0, bytes.size() - 1)).ok());
}

TEST(LinearModelTest, DenseAndSparseRowsAddTheSameScores) {
  // 40 classes: one feature votes for 30 of them (stored dense), one for 2 (sparse).
  std::vector<std::pair<uint64_t, LinearModel::Row>> rows;
  LinearModel::Row dense, sparse{{3, -2.5f}, {39, 4.0f}};
  for (uint8_t c = 0; c < 30; ++c) dense.emplace_back(c, 0.25f * c - 3.0f);
  rows.emplace_back(Feature(1, 1), dense);
  rows.emplace_back(Feature(1, 2), sparse);
  std::string bytes = LinearModel::Serialize(40, rows, 16);
  auto lm = LinearModel::FromBytes(bytes);
  ASSERT_TRUE(lm.ok()) << lm.status().ToString();
  EXPECT_EQ(lm->score_size(), 40);
  std::vector<LinearModel::Score> s(lm->score_size(), 0);
  uint64_t f[3] = {Feature(1, 1), Feature(1, 2), Feature(1, 3)};  // the last is unknown
  lm->AddScores(f, 3, s.data());
  for (int c = 0; c < 40; ++c) {
    float want =
        (c < 30 ? 0.25f * c - 3.0f : 0.0f) + (c == 3 ? -2.5f : 0.0f) + (c == 39 ? 4.0f : 0.0f);
    EXPECT_NEAR(s[c] * lm->scale(), want, 2 * lm->scale()) << "class " << c;
  }
  EXPECT_FALSE(LinearModel::FromBytes(bytes.substr(0, bytes.size() - 2)).ok());
}

// The fast path (batched lookups, dense rows added with the scores held in registers) against
// a plain sum of the quantised weights, for class counts whose padded width is below, at and
// past one register block, with more features than one lookup batch.
TEST(LinearModelTest, AddScoresMatchesAPlainSumOfRows) {
  std::mt19937 rng(5);
  for (int num_classes : {3, 40, 64, 105, 128}) {
    std::vector<std::pair<uint64_t, LinearModel::Row>> rows;
    for (uint64_t id = 0; id < 400; ++id) {
      LinearModel::Row row;
      const int len = 1 + static_cast<int>(rng() % std::min(num_classes, 40));
      std::vector<uint8_t> classes(num_classes);
      for (int c = 0; c < num_classes; ++c) classes[c] = static_cast<uint8_t>(c);
      std::shuffle(classes.begin(), classes.end(), rng);
      for (int k = 0; k < len; ++k) {
        row.emplace_back(classes[k], static_cast<float>(static_cast<int>(rng() % 2001) - 1000));
      }
      rows.emplace_back(Feature(7, id), row);
    }
    std::string bytes = LinearModel::Serialize(num_classes, rows, 8);
    auto lm = LinearModel::FromBytes(bytes);
    ASSERT_TRUE(lm.ok()) << lm.status().ToString();
    // Each model row alone, as the reference adds it.
    std::vector<std::vector<LinearModel::Score>> alone(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      alone[r].assign(lm->score_size(), 0);
      uint64_t f = rows[r].first;
      lm->AddScores(&f, 1, alone[r].data());
    }
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<uint64_t> features;
      std::vector<LinearModel::Score> want(lm->score_size(), 7), got(lm->score_size(), 7);
      for (int k = 0; k < 100; ++k) {
        if (rng() % 5 == 0) {
          features.push_back(Feature(8, rng()));  // unknown
          continue;
        }
        size_t r = rng() % rows.size();
        features.push_back(rows[r].first);
        for (int c = 0; c < lm->score_size(); ++c) want[c] += alone[r][c];
      }
      lm->AddScores(features.data(), features.size(), got.data());
      ASSERT_EQ(got, want) << num_classes << " classes, trial " << trial;
    }
  }
}

}  // namespace
}  // namespace dyad::learn
