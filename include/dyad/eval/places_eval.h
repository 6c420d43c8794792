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

// One record of the event-location data: a text, its annotated event verb and the spans that
// say where that verb's event happened (none when the text does not say).
struct PlaceSpanRecord {
  std::string id;      // `_id` as JSON
  std::string source;  // "RELABEL" marks the authors' gold-standard records
  std::string text;
  Span verb;
  std::vector<Span> gold;  // byte spans of the LOCATION annotations
};

// The records of JSON Lines with `text` and `spans` ({start, end, label: VERB|LOCATION};
// offsets count code points). Records without a usable verb span are counted in `skipped`.
StatusOr<std::vector<PlaceSpanRecord>> ReadPlaceSpanRecords(const std::string& path,
                                                            uint64_t* skipped);

// The fixed train / held-out split of the records: every RELABEL record and one in five of the
// others (by a hash of `_id`) are held out for evaluation; `dyad train places` learns from the
// rest.
bool PlaceSpanHeldOut(const PlaceSpanRecord& r);

// Runs `stages` (workspaces in `ws`, created on first use) over the record's text into `doc`,
// finds its places with `coder` and returns the token of the annotated verb (kNoHead when the
// verb is no token).
StatusOr<TokenIndex> AnalyzePlaceSpanRecord(const PlaceSpanRecord& r,
                                            const std::vector<std::shared_ptr<const Stage>>& stages,
                                            std::vector<std::unique_ptr<Stage::Workspace>>& ws,
                                            const PlaceCoder& coder, Document& doc);

// Scores of one set of records. Per record dyad picks at most one place phrase for the verb.
// exact: gold = records with an annotated location; predicted = records where dyad picked a
// place; correct = the picked phrase is exactly (same bytes) one of the annotated spans.
// overlap: the same counts, correct when the phrase shares a byte with an annotated span.
// token: the paper's per-token measure: gold = tokens inside annotated spans, predicted =
// tokens of the picked phrase, correct = picked tokens inside an annotated span.
struct PlaceSpanSet {
  SpanScore exact, overlap, token;
  uint64_t records = 0;
  std::map<std::string, SpanScore> by_source;  // exact scores by the records' `source`
};

struct PlaceSpanScores {
  PlaceSpanSet all, held_out;         // held_out: the records PlaceSpanHeldOut keeps from training
  uint64_t records = 0, skipped = 0;  // skipped: no verb span, or the verb is not a token
  std::vector<std::string> misses;    // "source id: picked X, gold Y (found: …)"; held-out ones
                                      // are marked "[held-out]"
};

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
