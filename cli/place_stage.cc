#include "place_stage.h"

#include <fmt/format.h>

#include <cmath>

#include "dyad/io/writer.h"

namespace dyad::cli {

StatusOr<std::shared_ptr<const PlaceCoder>> MakePlaceCoder(const std::string& path,
                                                           PlaceCoderOptions base) {
  DYAD_ASSIGN_OR_RETURN(base.gazetteer,
                        Gazetteer::Load(path.empty() ? DefaultGazetteerPath() : path));
  return PlaceCoder::Load(std::move(base));
}

void AppendGeoPlace(const Document& doc, const GeoPlace& p, std::string& out) {
  if (p.empty()) {
    out += "null";
    return;
  }
  out += "{\"name\":";
  AppendJsonString(out, p.name);
  out += fmt::format(",\"geo_type\":{},\"country\":", p.geo_type);
  AppendJsonString(out, p.country_iso2);
  out += ",\"fips\":";
  AppendJsonString(out, p.country_fips);
  out += ",\"adm1\":";
  AppendJsonString(out, p.adm1);
  auto coord = [](double v) {
    return std::isfinite(v) ? fmt::format("{:.5f}", v) : std::string("null");
  };
  out += ",\"lat\":" + coord(p.lat) + ",\"lon\":" + coord(p.lon) + ",\"feature_id\":";
  AppendJsonString(out, p.feature_id);
  out += ",\"how\":";
  AppendJsonString(out, p.how);
  out += ",\"evidence\":";
  if (p.evidence.empty()) {
    out += "null}";
    return;
  }
  out += fmt::format("{{\"begin\":{},\"end\":{},\"text\":", p.evidence.begin, p.evidence.end);
  AppendJsonString(out, doc.SpanText(p.evidence));
  out += "}}";
}

void AppendTone(const Tone& t, std::string& out) {
  out += fmt::format("{{\"tone\":{:.2f},\"positive\":{:.2f},\"negative\":{:.2f},\"words\":{}}}",
                     t.tone, t.positive, t.negative, t.words);
}

}  // namespace dyad::cli
