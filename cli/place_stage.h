// Set-up and JSON shared by the verbs that geolocate (`dyad code`, `dyad gkg`, `dyad eval
// places`, `dyad bench`): the gazetteer from --gazetteer or the build's default, and the
// `place` objects of the JSON Lines output.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "dyad/core/document.h"
#include "dyad/places/place_coder.h"

namespace dyad::cli {

// The place coder over the gazetteer at `path` ("" = DefaultGazetteerPath()).
// `base` gives the options other than the gazetteer; with `default_model`, an empty
// `base.model` becomes the shipped place model (DefaultModelPath("places.dyad")) when that file
// exists, so the event place is the model's choice.
StatusOr<std::shared_ptr<const PlaceCoder>> MakePlaceCoder(const std::string& path,
                                                           PlaceCoderOptions base = {},
                                                           bool default_model = true);

// The stages the place evaluation and trainer run before the place coder: segmenter, tagger,
// parser (models of `models`) and the actor coder with dyad's dictionaries.
StatusOr<std::vector<std::shared_ptr<const Stage>>> MakePlaceAnalysisStages(
    const ModelFlags& models);

// Appends the place coder to `stages`; without a usable gazetteer, prints one warning
// ("dyad VERB: warning: no event places: …") and appends nothing, so places stay empty.
void AddPlaceStage(const std::string& path, const char* verb,
                   std::vector<std::shared_ptr<const Stage>>& stages, PlaceCoderOptions base = {});

// {"name":…,"geo_type":4,"country":"SY","fips":"SY","adm1":"SY09","lat":…,"lon":…,
//  "feature_id":"170063","how":"clause","evidence":{"begin":…,"end":…,"text":…}|null}, or null.
void AppendGeoPlace(const Document& doc, const GeoPlace& p, std::string& out);
// {"tone":…,"positive":…,"negative":…,"words":…}
void AppendTone(const Tone& t, std::string& out);

}  // namespace dyad::cli
