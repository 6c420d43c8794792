// Scoring dyad_places: event-location spans against the "Geolocating Political Events in Text"
// annotations, and country accuracy on the team's sentences with known answers.
//
// Part of dyad_eval. `stages` are the stages to run before the place coder (segmenter, tagger,
// parser, actor coder); the records' texts are single sentences or short passages.
//
//   auto s = EvaluatePlaceSpans("labeled_text_slim.jsonl", stages, *coder).value();
//   std::cout << s.exact.F1();
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/eval/segment_eval.h"
#include "dyad/places/place_coder.h"

namespace dyad {

struct PlaceSpanScores {
  // gold = records with an annotated location; predicted = records where dyad picked a place
  // phrase for the annotated verb; correct = the phrase is an annotated location span
  // (exact: same bytes; overlap: shares a byte).
  SpanScore exact, overlap;
  // Exact scores by the records' `source` ("RELABEL" marks the authors' gold-standard records;
  // the others are research assistants' first annotations).
  std::map<std::string, SpanScore> by_source;
  uint64_t records = 0, skipped = 0;  // skipped: no verb span, or the verb is not a token
  std::vector<std::string> misses;    // "id: picked X, gold Y"
};

// JSON Lines with `text` and `spans` ({start, end, label: VERB|LOCATION}).
StatusOr<PlaceSpanScores> EvaluatePlaceSpans(
    const std::string& path, const std::vector<std::shared_ptr<const Stage>>& stages,
    const PlaceCoder& coder);

struct PlaceCountryScores {
  uint64_t sentences = 0, correct = 0, no_mention = 0;
  double Accuracy() const { return sentences ? 100.0 * correct / sentences : 0; }
  std::vector<std::string> misses;  // "file:line: Tripoli -> LY, expected LB"
};

// Lines `ISO2 | place words | sentence` ('#' comments): the place the words name, in the
// sentence's context, must be in country ISO2.
StatusOr<PlaceCountryScores> EvaluatePlaceCountries(
    const std::string& path, const std::vector<std::shared_ptr<const Stage>>& stages,
    const PlaceCoder& coder);

}  // namespace dyad
