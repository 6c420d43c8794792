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
// named place. Tone: (positive - negative words) / words × 100 with the AFINN-165 lexicon.
// Thread safety: immutable after Load; one Workspace per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/places/gazetteer.h"

namespace dyad {

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
};

class PlaceCoder final : public Stage {
 public:
  static StatusOr<std::shared_ptr<const PlaceCoder>> Load(PlaceCoderOptions options);

  std::string_view name() const override { return "places"; }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  // Replaces doc.places and doc.tone; sets each event's places and tone.
  Status Process(Document& doc, Workspace& workspace) const override;

  // Fills doc.places only (mentions, resolved in the story's context).
  void FindPlaces(Document& doc) const;
  // The index into doc.places of the locative phrase attached to the clause of token `trigger`
  // (doc.places filled); -1 when none.
  int ClausePlace(const Document& doc, TokenIndex trigger) const;
  // Resolves a free-standing name ("Tripoli, Lebanon", a dateline place) with the given
  // country weights (index into the gazetteer's countries); -1 when not in the gazetteer.
  int ResolveName(std::string_view name,
                  const std::unordered_map<uint16_t, double>& countries = {}) const;
  const Gazetteer& gazetteer() const { return *options_.gazetteer; }

 private:
  explicit PlaceCoder(PlaceCoderOptions options) : options_(std::move(options)) {}
  double Score(uint32_t entry, bool main_name,
               const std::unordered_map<uint16_t, double>& countries) const;
  PlaceCoderOptions options_;
  std::unordered_map<std::string, uint16_t> country_by_iso3_;
};

// Lexicon tone of tokens [begin, end) of `doc` (AFINN valences; two-word entries first).
Tone ComputeTone(const Gazetteer& gazetteer, const Document& doc, TokenIndex begin, TokenIndex end);

}  // namespace dyad
