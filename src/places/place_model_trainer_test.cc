// The place trainer on synthetic choices: it learns which feature marks the annotated choice,
// including "no place", and writes a model PlaceCoder's scoring reads.
#include "dyad/places/place_model_trainer.h"

#include <gtest/gtest.h>

#include "dyad/learn/linear_model.h"

namespace dyad {
namespace {

// Three choices: none (feature 1), a near place (feature 2) and a far one (feature 3); the gold
// is the near place, or none when `empty`.
PlaceTrainingExample Example(bool empty) {
  PlaceTrainingExample ex;
  ex.candidates.resize(3);
  ex.candidates[0].features = {1, empty ? uint64_t{11} : uint64_t{12}};
  ex.candidates[1].features = {2, empty ? uint64_t{21} : uint64_t{22}};
  ex.candidates[1].span = {0, 5};
  ex.candidates[2].features = {3};
  ex.candidates[2].span = {10, 15};
  ex.gold = empty ? 0 : 1;
  return ex;
}

TEST(PlaceModelTrainer, LearnsTheAnnotatedChoice) {
  std::vector<PlaceTrainingExample> examples;
  for (int i = 0; i < 20; ++i) examples.push_back(Example(i % 3 == 0));
  std::string log;
  std::string bytes = TrainPlaceModel(examples, {.epochs = 5}, &log);
  EXPECT_NE(log.find("epoch 5: training accuracy 100.00 %"), std::string::npos) << log;
  auto lm = learn::LinearModel::FromBytes(bytes);
  ASSERT_TRUE(lm.ok());
  EXPECT_EQ(lm->num_classes(), 2);
  std::vector<learn::LinearModel::Score> scores(lm->score_size());
  auto margin = [&](const PlaceCandidate& c) {
    std::fill(scores.begin(), scores.end(), 0);
    lm->AddScores(c.features.data(), c.features.size(), scores.data());
    return static_cast<double>(scores[1] - scores[0]);
  };
  EXPECT_EQ(BestPlaceCandidate(Example(false).candidates, margin), 1u);
  EXPECT_EQ(BestPlaceCandidate(Example(true).candidates, margin), 0u);
}

TEST(PlaceModelTrainer, DeterministicAndEmptyInput) {
  std::vector<PlaceTrainingExample> examples;
  for (int i = 0; i < 10; ++i) examples.push_back(Example(i % 2 == 0));
  EXPECT_EQ(TrainPlaceModel(examples, {.seed = 7}), TrainPlaceModel(examples, {.seed = 7}));
  EXPECT_TRUE(learn::LinearModel::FromBytes(TrainPlaceModel({}, {})).ok());
  // Ties go to the first choice, "no place".
  EXPECT_EQ(BestPlaceCandidate(Example(false).candidates, [](const PlaceCandidate&) { return 0; }),
            0u);
}

}  // namespace
}  // namespace dyad
