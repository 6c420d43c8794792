#include "dyad/places/place_model_trainer.h"

#include <fmt/format.h>

#include <numeric>
#include <random>

#include "dyad/learn/perceptron.h"

namespace dyad {

std::string TrainPlaceModel(const std::vector<PlaceTrainingExample>& examples,
                            const PlaceTrainerOptions& options, std::string* log) {
  learn::AveragedPerceptron p(2);
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    learn::DeterministicShuffle(order, rng);
    size_t right = 0;
    for (size_t i : order) {
      const PlaceTrainingExample& ex = examples[i];
      size_t guess = BestPlaceCandidate(ex.candidates, [&](const PlaceCandidate& c) {
        float s[2] = {0, 0};
        p.Score(c.features.data(), c.features.size(), s);
        return static_cast<double>(s[1] - s[0]);
      });
      if (guess == static_cast<size_t>(ex.gold)) {
        ++right;
      } else {
        const PlaceCandidate& g = ex.candidates[ex.gold];
        const PlaceCandidate& w = ex.candidates[guess];
        p.Update(g.features.data(), g.features.size(), /*truth=*/1, /*guess=*/0);
        p.Update(w.features.data(), w.features.size(), /*truth=*/0, /*guess=*/1);
      }
      p.Tick();
    }
    if (log != nullptr)
      *log +=
          fmt::format("epoch {}: training accuracy {:.2f} % of {}\n", epoch,
                      examples.empty() ? 0.0 : 100.0 * right / examples.size(), examples.size());
  }
  return p.Serialize(options.prune, options.min_updates);
}

}  // namespace dyad
