// PlaceCoder: finds the places a story names, resolves them against the gazetteer and gives
// each event where it happened (GDELT's ActionGeo), where its actors are when the text says so
// (Actor1Geo / Actor2Geo), and a lexicon tone for the story and each event (AvgTone).
//
// Part of dyad_places; runs after dyad_events on tagged and parsed text (Document::words) and
// fills Document::places, Document::tone and each Event's place, source_place, target_place
// and tone.
//
//   auto gaz = Gazetteer::Load(DefaultGazetteerPath()).value();
//   auto places = PlaceCoder::Load({.gazetteer = gaz}).value();
//   auto ws = places->NewWorkspace();
//   DYAD_RETURN_IF_ERROR(places->Process(doc, *ws));  // doc parsed, events coded
//   for (const Event& e : doc.events) std::cout << e.place.name << "\n";
//
// Mentions: the longest gazetteer name starting at a proper noun (any case, accents folded),
// unless it is part of a person or organisation actor or the first word of a longer proper
// name ("Washington Post"); and proper nouns the gazetteer lacks when a locative preposition
// governs them ("at her Reshimbagh residence"). "Paris, Texas" and "Tripoli (Lebanon)" are one
// mention whose container decides. Resolution scores each candidate by kind (country, division,
// city), population, capital status, whether the name is its main one, the countries of the
// story (actors, dateline, other places) and containment.
// Event place: the locative phrase ("in", "at", "near", ... ) closest to the event's trigger in
// the dependency tree, within its clause chain; else the place the trigger acts on for
// visits and attacks ("visited Moscow"); else the dateline place; else the story's most
// named place. With a trained model (models/places.dyad, `dyad train places`) the event place is
// instead the best-scoring of the sentence's place mentions and "no place", scored from the
// verb-to-place dependency path, the preposition, distances, the place's kind and what the rule
// above would pick (see PlaceCandidates).
// Tone: (positive - negative words) / words × 100 with the AFINN-165 lexicon.
// Thread safety: immutable after Load; one Workspace per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/learn/linear_model.h"
#include "dyad/places/gazetteer.h"

namespace dyad {

namespace learn {
class ModelFile;
}

// One choice for an event's place: "none" (an empty span), a mention of doc.places (`mention`
// its index), or a proper-name phrase that is no mention (`mention` -1: a name the gazetteer
// lacks, "the Kodori Gorge", or a mention with the word that follows it, "Idlib province"), with
// the hashed features the place model scores it by.
struct PlaceCandidate {
  int mention = -1;
  TokenIndex first_token = 0, end_token = 0;
  Span span;
  std::vector<uint64_t> features;
};

inline constexpr char kPlaceModelKind[] = "places";

// The index into `candidates` with the best score under the weights `margin` gives.
template <typename MarginFn>
size_t BestPlaceCandidate(const std::vector<PlaceCandidate>& candidates, MarginFn margin) {
  size_t best = 0;
  double best_margin = 0;
  for (size_t k = 0; k < candidates.size(); ++k) {
    double m = margin(candidates[k]);
    if (k == 0 || m > best_margin) best_margin = m, best = k;
  }
  return best;
}

struct PlaceCoderOptions {
  // The index; required. Shared, never copied.
  std::shared_ptr<const Gazetteer> gazetteer;
  // Largest dependency-tree distance (edges) between a trigger and a locative phrase for the
  // phrase to count as the event's place. Default 5.
  int max_clause_distance = 5;
  // Added to the distance of a place named without a locative preposition ("Aleppo bore the
  // brunt"), so that one only wins when no locative phrase is near. Default 2.
  int non_locative_penalty = 2;
  // With no place phrase within max_clause_distance, take the sentence's nearest locative phrase
  // (parses of long sentences often hang it far from the verb). Default on.
  bool sentence_fallback = true;
  // Compute tones. Default on.
  bool tone = true;
  // A document that arrives with a tone (Tone::words > 0) keeps it instead of being scored
  // again. For re-coding stored documents (`dyad recode`): the document tone depends only on
  // the text, its tokens and lemmas and the gazetteer's lexicon, none of which a recode with
  // the same gazetteer changes. Events' tones are always computed. Default off.
  bool keep_document_tone = false;
  // A place model written by `dyad train places` (ModelFile kind "places"); "" = the rules only.
  std::string model;
};

class PlaceCoder final : public Stage {
 public:
  static StatusOr<std::shared_ptr<const PlaceCoder>> Load(PlaceCoderOptions options);
  ~PlaceCoder() override;

  std::string_view name() const override { return "places"; }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  // Replaces doc.places and doc.tone; sets each event's places and tone.
  Status Process(Document& doc, Workspace& workspace) const override;

  // Fills doc.places only (mentions, resolved in the story's context).
  void FindPlaces(Document& doc) const;
  // The index into doc.places of the locative phrase attached to the clause of token `trigger`
  // (doc.places filled); -1 when none or when the phrase is no mention (see ClausePhrase).
  int ClausePlace(const Document& doc, TokenIndex trigger) const;
  // The phrase that says where the event of token `trigger` happened: the model's choice among
  // Candidates (the rules' without a model); an empty span when none. Features are not kept.
  PlaceCandidate ClausePhrase(const Document& doc, TokenIndex trigger) const;
  // The same choice by the rules alone (without the model).
  int RuleClausePlace(const Document& doc, TokenIndex trigger) const;
  // The choices for the place of the event whose trigger is token `trigger`: "none" first,
  // then every mention in the trigger's sentence (doc.places filled), then the proper-name
  // phrases that are no mention, with their features.
  std::vector<PlaceCandidate> Candidates(const Document& doc, TokenIndex trigger) const;
  // Whether a place model is loaded, and its file's fingerprint (0 without).
  bool has_model() const { return model_file_ != nullptr; }
  uint64_t model_fingerprint() const;
  // Resolves a free-standing name ("Tripoli, Lebanon", a dateline place) with the given
  // country weights (index into the gazetteer's countries); -1 when not in the gazetteer.
  int ResolveName(std::string_view name,
                  const std::unordered_map<uint16_t, double>& countries = {}) const;
  const Gazetteer& gazetteer() const { return *options_.gazetteer; }

 private:
  explicit PlaceCoder(PlaceCoderOptions options);
  double Score(uint32_t entry, bool main_name,
               const std::unordered_map<uint16_t, double>& countries) const;
  PlaceCoderOptions options_;
  std::unordered_map<std::string, uint16_t> country_by_iso3_;
  std::unique_ptr<learn::ModelFile> model_file_;
  learn::LinearModel model_;  // views model_file_'s "weights"; class 1 = the event's place
  double none_offset_ = 0;    // subtracted from "none"'s score (the file's "none_offset")
};

// Lexicon tone of tokens [begin, end) of `doc` (AFINN valences; two-word entries first).
Tone ComputeTone(const Gazetteer& gazetteer, const Document& doc, TokenIndex begin, TokenIndex end);

}  // namespace dyad
