// Training the place model: a ranking averaged perceptron over the choices PlaceCoder::Candidates
// gives for an event ("no place", or one of its sentence's place mentions), learning which one
// annotators marked as where the event happened.
//
// Part of dyad_places_train (linked by `dyad train places` and the tests, never by the runtime).
//
//   std::vector<PlaceTrainingExample> ex;  // coder->Candidates(doc, trigger) + the gold choice
//   std::string weights = TrainPlaceModel(ex, {.epochs = 10});
//   learn::ModelWriter w;
//   w.AddSection("weights", weights);
//   DYAD_RETURN_IF_ERROR(w.Write("models/places.dyad", kPlaceModelKind, fingerprint));
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "dyad/places/place_coder.h"

namespace dyad {

struct PlaceTrainingExample {
  std::vector<PlaceCandidate> candidates;  // candidates[0] is "no place"
  int gold = 0;                            // index into candidates
  // Other choices that are annotated spans too (a record may mark several: "Bayaa" and
  // "Baghdad"): picking one is right when a model is scored (`dyad train places --dev`), as
  // in `dyad eval places`. The trainer updates toward `gold` only (updating toward the
  // best-scoring annotated choice instead was no better on dev: F1 75.35 -> 75.25, mean of 4
  // seeds).
  std::vector<int> also_gold;
  bool IsGold(size_t k) const {
    return k == static_cast<size_t>(gold) ||
           std::find(also_gold.begin(), also_gold.end(), static_cast<int>(k)) != also_gold.end();
  }
};

struct PlaceTrainerOptions {
  // Passes over the examples, each in a new order drawn from `seed`. Default 10.
  int epochs = 10;
  uint64_t seed = 1;
  // Averaged weights smaller than this are dropped. Default 1e-3.
  float prune = 1e-3f;
  // Features updated fewer times are dropped (rare ones mostly fit noise). Default 1.
  uint32_t min_updates = 1;
};

// The serialised LinearModel (2 classes; a choice's score is class 1 minus class 0). The
// perceptron moves the gold choice's features toward class 1 and the wrongly preferred choice's
// toward class 0. `log` (when given) gets one line per epoch with the training accuracy.
std::string TrainPlaceModel(const std::vector<PlaceTrainingExample>& examples,
                            const PlaceTrainerOptions& options, std::string* log = nullptr);

}  // namespace dyad
