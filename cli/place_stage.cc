#include "place_stage.h"

#include <fmt/format.h>

#include "dyad/export/export.h"

namespace dyad::cli {

StatusOr<std::shared_ptr<const PlaceCoder>> MakePlaceCoder(const std::string& path,
                                                           PlaceCoderOptions base) {
  DYAD_ASSIGN_OR_RETURN(base.gazetteer,
                        Gazetteer::Load(path.empty() ? DefaultGazetteerPath() : path));
  return PlaceCoder::Load(std::move(base));
}

void AddPlaceStage(const std::string& path, const char* verb,
                   std::vector<std::shared_ptr<const Stage>>& stages) {
  if (auto places = MakePlaceCoder(path); places.ok())
    stages.push_back(*places);
  else
    fmt::print(stderr, "dyad {}: warning: no event places: {}\n", verb, places.status().message());
}

void AppendGeoPlace(const Document& doc, const GeoPlace& p, std::string& out) {
  AppendPlaceJson(PlaceRecordFrom(doc, p), out);
}

void AppendTone(const Tone& t, std::string& out) { AppendToneJson(t, out); }

}  // namespace dyad::cli
