#include "place_stage.h"

#include <fmt/format.h>

#include <filesystem>

#include "common.h"
#include "dyad/actors/actor_coder.h"
#include "dyad/dict/readers.h"
#include "dyad/export/export.h"
#include "dyad/text/segmenter.h"

namespace dyad::cli {

StatusOr<std::shared_ptr<const PlaceCoder>> MakePlaceCoder(const std::string& path,
                                                           PlaceCoderOptions base,
                                                           bool default_model) {
  DYAD_ASSIGN_OR_RETURN(base.gazetteer,
                        Gazetteer::Load(path.empty() ? DefaultGazetteerPath() : path));
  if (default_model && base.model.empty()) {
    std::string model = DefaultModelPath("places.dyad");
    if (std::filesystem::exists(model)) base.model = std::move(model);
  }
  return PlaceCoder::Load(std::move(base));
}

StatusOr<std::vector<std::shared_ptr<const Stage>>> MakePlaceAnalysisStages(
    const ModelFlags& models) {
  std::vector<std::shared_ptr<const Stage>> stages;
  DYAD_ASSIGN_OR_RETURN(auto seg, Segmenter::Load({}));
  stages.push_back(seg);
  DYAD_RETURN_IF_ERROR(AddAnalysisStages(models, Analysis::kParse, stages));
  DYAD_ASSIGN_OR_RETURN(auto dict, LoadDefaultDictionaries());
  DYAD_ASSIGN_OR_RETURN(auto actors, ActorCoder::Load({.dictionary = dict}));
  stages.push_back(actors);
  return stages;
}

void AddPlaceStage(const std::string& path, const char* verb,
                   std::vector<std::shared_ptr<const Stage>>& stages, PlaceCoderOptions base) {
  if (auto places = MakePlaceCoder(path, std::move(base)); places.ok())
    stages.push_back(*places);
  else
    fmt::print(stderr, "dyad {}: warning: no event places: {}\n", verb, places.status().message());
}

void AppendGeoPlace(const Document& doc, const GeoPlace& p, std::string& out) {
  AppendPlaceJson(PlaceRecordFrom(doc, p), out);
}

void AppendTone(const Tone& t, std::string& out) { AppendToneJson(t, out); }

}  // namespace dyad::cli
