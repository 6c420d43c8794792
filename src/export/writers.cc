// The event and mention writers: one class per format, each building its columns from an
// EventRecord or MentionRecord only (see README.md "Export formats" for the column sources).
#include <fmt/format.h>

#include <cmath>
#include <iterator>
#include <type_traits>

#include "dyad/events/verb_dictionary.h"
#include "dyad/export/export.h"
#include "dyad/io/writer.h"

namespace dyad {
namespace {

std::string Compact(const Date& d) {
  return d.empty() ? "" : fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day);
}
std::string Iso(const Date& d) { return d.empty() ? "" : d.ToString(); }

std::string Join(const std::vector<std::string>& v, char sep) {
  std::string s;
  for (const std::string& x : v) {
    if (!s.empty()) s += sep;
    s += x;
  }
  return s;
}

std::string Coord(double x) { return FormatCoordinate(x); }

// A GDELT-style full name "City, Province, Country" (or "Province, Country", or "Country") taken
// apart: ICEWS's City / Province / Country and Phoenix's LocationName / StateName.
struct PlaceParts {
  std::string city, province, country;
};
PlaceParts SplitPlaceName(const PlaceRecord& p) {
  std::vector<std::string> parts;
  for (size_t at = 0; !p.empty() && at <= p.name.size();) {
    size_t comma = p.name.find(',', at);
    if (comma == std::string::npos) comma = p.name.size();
    size_t b = p.name.find_first_not_of(' ', at);
    parts.push_back(b < comma ? p.name.substr(b, comma - b) : "");
    at = comma + 1;
  }
  PlaceParts out;
  if (!parts.empty()) out.country = parts.back();
  if (parts.size() >= 3) {
    out.city = parts[0];
    out.province = parts[parts.size() - 2];
  } else if (parts.size() == 2) {
    (p.geo_type == 3 || p.geo_type == 4 ? out.city : out.province) = parts[0];
  }
  return out;
}

// One line of a tab-separated format. Fields never carry a tab or line break: control
// characters become spaces, so a title or sentence cannot shift the columns.
class TsvRow {
 public:
  TsvRow& operator<<(std::string_view s) {
    Separate();
    for (char c : s) line_ += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    return *this;
  }
  template <typename T>
  requires std::is_arithmetic_v<T> TsvRow& operator<<(T v) {
    Separate();
    fmt::format_to(std::back_inserter(line_), "{}", v);
    return *this;
  }
  size_t size() const { return fields_; }
  void End(std::string& out) {
    out += line_;
    out += '\n';
  }

 private:
  void Separate() {
    if (fields_++) line_ += '\t';
  }
  std::string line_;
  size_t fields_ = 0;
};

// ---- dyad's own JSON Lines (dyad code's default format) ------------------------------------

void AppendEvidence(const char* name, Span s, const std::string& text, std::string& out) {
  out += fmt::format("\"{}\":", name);
  if (s.empty()) {
    out += "null";
    return;
  }
  out += fmt::format("{{\"begin\":{},\"end\":{},\"text\":", s.begin, s.end);
  AppendJsonString(out, text);
  out += "}";
}

class JsonlWriter final : public EventRecordWriter {
 public:
  size_t columns() const override { return 0; }
  void Append(const EventRecord& e, std::string& out) const override {
    out += "{\"doc_id\":";
    AppendJsonString(out, e.doc_id);
    out += fmt::format(",\"sentence\":{},\"date\":", e.sentence);
    AppendJsonString(out, Iso(e.date));
    for (auto [k, v] : {std::pair{"source", &e.source},
                        {"target", &e.target},
                        {"code", &e.code},
                        {"root", &e.root}}) {
      out += fmt::format(",\"{}\":", k);
      AppendJsonString(out, *v);
    }
    out +=
        fmt::format(",\"quad_class\":{},\"goldstein\":{},\"plover\":", e.quad_class, e.goldstein);
    AppendJsonString(out, e.plover);
    out += ",\"issues\":[";
    for (size_t i = 0; i < e.issues.size(); ++i) {
      if (i) out += ",";
      AppendJsonString(out, e.issues[i]);
    }
    out += "],\"evidence\":{";
    AppendEvidence("source", e.source_span, e.source_name, out);
    out += ",";
    AppendEvidence("target", e.target_span, e.target_name, out);
    out += ",";
    AppendEvidence("trigger", e.trigger_span, e.trigger_text, out);
    out += ",\"date_text\":";
    AppendJsonString(out, e.date_text);
    out += "},\"rule\":";
    AppendJsonString(out, e.rule);
    out += ",\"place\":";
    AppendPlaceJson(e.action_place, out);
    out += ",\"source_place\":";
    AppendPlaceJson(e.source_place, out);
    out += ",\"target_place\":";
    AppendPlaceJson(e.target_place, out);
    out += ",\"tone\":";
    AppendToneJson(e.event_tone, out);
    out += "}\n";
  }
};

// ---- the peers' event files ----------------------------------------------------------------

// PETRARCH-2's event file: date, source, target, code, issues, "docid-sentence", URL.
class PetrarchWriter final : public EventRecordWriter {
 public:
  size_t columns() const override { return 7; }
  void Append(const EventRecord& e, std::string& out) const override {
    TsvRow r;
    r << Compact(e.date) << e.source << e.target << e.code << Join(e.issues, ';')
      << fmt::format("{}-{}", e.doc_id, e.sentence) << e.url;
    r.End(out);
  }
};

// TABARI's event file: YYMMDD, source, target, code.
class TabariWriter final : public EventRecordWriter {
 public:
  size_t columns() const override { return 4; }
  void Append(const EventRecord& e, std::string& out) const override {
    std::string date = Compact(e.date);
    TsvRow r;
    r << (date.empty() ? date : date.substr(2)) << e.source << e.target << e.code;
    r.End(out);
  }
};

// Phoenix (PETRARCH-2 phoenix_pipeline): 26 columns. Actor codes split as Phoenix does: the
// first three letters are the entity, the next three the role, the rest the attribute.
class PhoenixWriter final : public EventRecordWriter {
 public:
  size_t columns() const override { return 26; }
  void Append(const EventRecord& e, std::string& out) const override {
    auto part = [](const std::string& c, size_t at, size_t n) {
      return at < c.size() ? c.substr(at, n) : std::string();
    };
    const PlaceRecord& p = e.action_place;
    TsvRow r;
    r << fmt::format("{}-{}-{}", e.doc_id, e.sentence, e.code) << Compact(e.date) << e.date.year
      << e.date.month << e.date.day;
    for (const std::string* a : {&e.source, &e.target})
      r << *a << part(*a, 0, 3) << part(*a, 3, 3) << part(*a, 6, std::string::npos);
    r << e.code << e.root << e.quad_class << e.goldstein << Join(e.issues, ';');
    // LocationName is the place's own name (city, province or country), StateName its
    // province; CountryCode ISO 3166 alpha-2, as CLIFF (Phoenix's geocoder) gives it.
    PlaceParts parts = SplitPlaceName(p);
    std::string location = !parts.city.empty()       ? parts.city
                           : !parts.province.empty() ? parts.province
                                                     : parts.country;
    r << Coord(p.lat) << Coord(p.lon) << location << parts.province << p.country_iso2;
    r << fmt::format("{}-{}", e.doc_id, e.sentence) << e.url << e.publisher;
    r.End(out);
  }
};

// ---- GDELT 2.0 -----------------------------------------------------------------------------

// "The GDELT Event Database Data Format Codebook V2.0" (2015-02-19): 61 tab-separated columns.
class GdeltEventWriter final : public EventRecordWriter {
 public:
  size_t columns() const override { return 61; }
  void Append(const EventRecord& e, std::string& out) const override {
    const Date& d = e.date.empty() ? e.published : e.date;
    TsvRow r;
    r << e.event_id;
    if (d.empty()) {
      for (int i = 0; i < 4; ++i) r << "";  // SQLDATE, MonthYear, Year, FractionDate
    } else {
      // FractionDate as the codebook defines it: YYYY + (MONTH * 30 + DAY) / 365.
      r << Compact(d) << fmt::format("{:04}{:02}", d.year, d.month) << d.year
        << fmt::format("{:.4f}", d.year + (d.month * 30 + d.day) / 365.0);
    }
    Actor(e.source, e.source_name, r);
    Actor(e.target, e.target_name, r);
    r << (e.is_root_event ? 1 : 0) << e.code << BaseCode(e.code) << e.root << e.quad_class
      << fmt::format("{:.1f}", e.goldstein) << e.num_mentions << e.num_sources << e.num_articles
      << e.tone;
    Geo(e.source_place, r);
    Geo(e.target_place, r);
    Geo(e.action_place, r);
    r << e.date_added << (e.url.empty() ? e.doc_id : e.url);
    r.End(out);
  }

 private:
  // EventBaseCode: the three-digit parent of a four-digit code, else the code itself.
  static std::string BaseCode(const std::string& code) {
    return code.size() > 3 ? code.substr(0, 3) : code;
  }
  static void Actor(const std::string& code, const std::string& name, TsvRow& r) {
    CameoActorParts p = SplitCameoActorCode(code);
    r << code << name << p.country << p.known_group << p.ethnic << p.religion1 << p.religion2
      << p.types[0] << p.types[1] << p.types[2];
  }
  static void Geo(const PlaceRecord& p, TsvRow& r) {
    r << p.geo_type << p.name << p.country_fips << p.adm1 << p.adm2 << Coord(p.lat) << Coord(p.lon)
      << p.feature_id;
  }
};

// GDELT 2.0's Mentions table: 16 tab-separated columns.
class GdeltMentionWriter final : public MentionRecordWriter {
 public:
  size_t columns() const override { return 16; }
  void Append(const MentionRecord& m, std::string& out) const override {
    TsvRow r;
    r << m.event_id << m.event_time << m.mention_time << m.mention_type << m.source_name
      << m.identifier << m.sentence << m.source_offset << m.target_offset << m.trigger_offset
      << (m.in_raw_text ? 1 : 0) << m.confidence << m.doc_length << m.doc_tone
      << "" /* MentionDocTranslationInfo: dyad codes English originals */ << "" /* Extras */;
    r.End(out);
  }
};

// ---- ICEWS ---------------------------------------------------------------------------------

// ICEWS sector names for CAMEO role codes, in dyad's words.
std::string_view SectorName(std::string_view role) {
  static constexpr std::pair<std::string_view, std::string_view> kSectors[] = {
      {"AGR", "Agriculture"},
      {"BUS", "Business"},
      {"COP", "Police"},
      {"CRM", "Criminals"},
      {"CVL", "Civilians"},
      {"DEV", "Development"},
      {"EDU", "Education"},
      {"ELI", "Elites"},
      {"ENV", "Environment"},
      {"GOV", "Government"},
      {"HLH", "Health"},
      {"HRI", "Human Rights"},
      {"IGO", "International Government Organizations"},
      {"IMG", "International Militarized Groups"},
      {"INS", "Insurgents"},
      {"INT", "International Actors"},
      {"JUD", "Judicial"},
      {"LAB", "Labor"},
      {"LEG", "Legislative / Parliamentary"},
      {"MED", "Media"},
      {"MIL", "Military"},
      {"MNC", "Multinational Corporations"},
      {"MOD", "Moderates"},
      {"NGM", "Non-Governmental Movements"},
      {"NGO", "Non-Governmental Organizations"},
      {"OPP", "Opposition"},
      {"PTY", "Parties"},
      {"RAD", "Radicals"},
      {"REB", "Rebels"},
      {"REF", "Refugees"},
      {"SEP", "Separatists"},
      {"SPY", "Intelligence"},
      {"UAF", "Armed Forces, Unaligned"},
      {"UIS", "Unidentified State Actors"},
  };
  for (const auto& [code, name] : kSectors)
    if (code == role) return name;
  return role;
}

// "ICEWS Coded Event Data" (Harvard Dataverse doi:10.7910/DVN/28075) events.*.tab: 20
// tab-separated columns under a header line.
class IcewsWriter final : public EventRecordWriter {
 public:
  size_t columns() const override { return 20; }
  void Header(std::string& out) const override {
    TsvRow r;
    for (const char* h :
         {"Event ID",       "Event Date", "Source Name",     "Source Sectors", "Source Country",
          "Event Text",     "CAMEO Code", "Intensity",       "Target Name",    "Target Sectors",
          "Target Country", "Story ID",   "Sentence Number", "Publisher",      "City",
          "District",       "Province",   "Country",         "Latitude",       "Longitude"})
      r << h;
    r.End(out);
  }
  void Append(const EventRecord& e, std::string& out) const override {
    const CameoCode* c = CameoTable::Default().Find(e.code);
    TsvRow r;
    r << e.event_id << Iso(e.date);
    Actor(e.source, e.source_name, r);
    r << (c ? c->name : std::string()) << e.code << e.goldstein;
    Actor(e.target, e.target_name, r);
    r << e.doc_id << e.sentence << e.publisher;
    Place(e.action_place, r);
    r.End(out);
  }

 private:
  static void Actor(const std::string& code, const std::string& name, TsvRow& r) {
    CameoActorParts p = SplitCameoActorCode(code);
    std::string sectors;
    for (const std::string& t : p.types) {
      if (t.empty()) continue;
      if (!sectors.empty()) sectors += ',';
      sectors += SectorName(t);
    }
    r << name << sectors << CountryName(p.country);
  }
  // District stays empty: dyad's gazetteer has no second-level divisions.
  static void Place(const PlaceRecord& p, TsvRow& r) {
    PlaceParts parts = SplitPlaceName(p);
    r << parts.city << "" << parts.province << parts.country << Coord(p.lat) << Coord(p.lon);
  }
};

// ---- PLOVER JSON Lines ---------------------------------------------------------------------

// One PLOVER record a line, with the field names of the PLOVER manual's "JSON Data Fields"
// chapter (draft 0.7b1): id, date, source / recipient (lists of actor objects: code, sector,
// actor_text, religion, ethnicity), event, event_text, quad_code, event_scale, text,
// text_info, cite_info, coder, coded_date, coded_time; plus dyad's "cameo" fields.
class PloverWriter final : public EventRecordWriter {
 public:
  size_t columns() const override { return 0; }
  void Append(const EventRecord& e, std::string& out) const override {
    out += "{\"id\":";
    AppendJsonString(out, std::to_string(e.event_id));
    out += ",\"date\":";
    AppendJsonString(out, Iso(e.date));
    out += ",\"source\":[";
    Actor(e.source, e.source_name, out);
    out += "],\"recipient\":[";
    if (!e.target.empty() || !e.target_name.empty()) Actor(e.target, e.target_name, out);
    out += "],\"event\":[";
    if (!e.plover.empty()) AppendJsonString(out, e.plover);
    out += "],\"event_text\":[";
    if (!e.trigger_text.empty()) AppendJsonString(out, e.trigger_text);
    out +=
        fmt::format("],\"quad_code\":{},\"event_scale\":{},\"cameo\":", e.quad_class, e.goldstein);
    AppendJsonString(out, e.code);
    out += ",\"text\":";
    AppendJsonString(out, e.sentence_text);
    out +=
        fmt::format(",\"text_info\":{{\"sequence\":{}}},\"cite_info\":{{\"citation\":", e.sentence);
    AppendJsonString(out, e.doc_id);
    for (auto [k, v] :
         {std::pair{"url", &e.url}, {"title", &e.title}, {"publication", &e.publisher}}) {
      if (v->empty()) continue;
      out += fmt::format(",\"{}\":", k);
      AppendJsonString(out, *v);
    }
    out += ",\"coder\":\"dyad\",\"codebook\":\"CAMEO 1.1b3 with PLOVER types\"},\"coder\":\"dyad\"";
    // dyad's: where the event happened (the manual's draft leaves the location fields open).
    if (const PlaceRecord& p = e.action_place; !p.empty()) {
      out += ",\"geolocation\":{\"name\":";
      AppendJsonString(out, p.name);
      out += ",\"country\":";
      AppendJsonString(out, p.country_iso2);
      out += fmt::format(",\"lat\":{},\"lon\":{},\"geonames_id\":",
                         std::isfinite(p.lat) ? FormatCoordinate(p.lat) : "null",
                         std::isfinite(p.lon) ? FormatCoordinate(p.lon) : "null");
      AppendJsonString(out, p.feature_id);
      out += "}";
    }
    if (e.date_added.size() == 14) {
      const std::string& a = e.date_added;
      out += fmt::format(",\"coded_date\":\"{}-{}-{}\",\"coded_time\":\"{}:{}:{}\"", a.substr(0, 4),
                         a.substr(4, 2), a.substr(6, 2), a.substr(8, 2), a.substr(10, 2),
                         a.substr(12, 2));
    }
    out += "}\n";
  }

 private:
  // code: the country, else the international type (IGO, NGO …); sector: up to two role codes.
  static void Actor(const std::string& code, const std::string& name, std::string& out) {
    CameoActorParts p = SplitCameoActorCode(code);
    std::string top = p.country;
    std::string sector;
    for (const std::string& t : p.types) {
      if (t.empty()) continue;
      if (top.empty() && (t == "IGO" || t == "IMG" || t == "INT" || t == "MNC" || t == "NGM" ||
                          t == "NGO" || t == "UIS")) {
        top = t;
        continue;
      }
      if (sector.size() < 6) sector += t;
    }
    out += "{\"code\":";
    AppendJsonString(out, top);
    auto field = [&out](const char* k, const std::string& v) {
      if (v.empty()) return;
      out += fmt::format(",\"{}\":", k);
      AppendJsonString(out, v);
    };
    field("sector", sector);
    field("actor_text", name);
    field("religion", p.religion1 + p.religion2);
    field("ethnicity", p.ethnic);
    field("cameo", code);
    out += "}";
  }
};

// ---- CSV -----------------------------------------------------------------------------------

// RFC 4180: CRLF line ends; a field holding a comma, quote, CR or LF is quoted and its quotes
// doubled.
void AppendCsvField(std::string_view s, std::string& out) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

class CsvWriter final : public EventRecordWriter {
 public:
  size_t columns() const override { return Names().size(); }
  void Header(std::string& out) const override {
    std::vector<std::string> row(Names().begin(), Names().end());
    End(row, out);
  }
  void Append(const EventRecord& e, std::string& out) const override {
    auto span = [](Span s, std::vector<std::string>& row) {
      row.push_back(s.empty() ? "" : std::to_string(s.begin));
      row.push_back(s.empty() ? "" : std::to_string(s.end));
    };
    std::vector<std::string> row = {std::to_string(e.event_id),
                                    e.doc_id,
                                    Iso(e.published),
                                    e.publisher,
                                    e.url,
                                    e.title,
                                    std::to_string(e.sentence),
                                    e.sentence_text,
                                    Iso(e.date),
                                    e.date_text,
                                    e.source,
                                    e.source_name,
                                    e.target,
                                    e.target_name,
                                    e.code,
                                    e.root,
                                    std::to_string(e.quad_class),
                                    fmt::format("{}", e.goldstein),
                                    e.plover,
                                    Join(e.issues, ';'),
                                    e.is_root_event ? "1" : "0"};
    span(e.source_span, row);
    span(e.target_span, row);
    span(e.trigger_span, row);
    row.push_back(e.trigger_text);
    row.push_back(e.rule);
    row.push_back(std::to_string(e.num_mentions));
    row.push_back(std::to_string(e.num_sources));
    row.push_back(std::to_string(e.num_articles));
    row.push_back(fmt::format("{}", e.tone));
    for (const PlaceRecord* p : {&e.source_place, &e.target_place, &e.action_place}) {
      row.push_back(std::to_string(p->geo_type));
      row.push_back(p->name);
      row.push_back(p->country_iso2);
      row.push_back(p->country_fips);
      row.push_back(p->adm1);
      row.push_back(p->adm2);
      row.push_back(Coord(p->lat));
      row.push_back(Coord(p->lon));
      row.push_back(p->feature_id);
      span(p->evidence, row);
    }
    row.push_back(e.date_added);
    DYAD_CHECK(row.size() == Names().size());
    End(row, out);
  }

 private:
  static const std::vector<std::string>& Names() {
    static const std::vector<std::string>* names = [] {
      auto* n = new std::vector<std::string>{
          "event_id",      "doc_id",       "published",     "publisher",    "url",
          "title",         "sentence",     "sentence_text", "date",         "date_text",
          "source",        "source_name",  "target",        "target_name",  "code",
          "root",          "quad_class",   "goldstein",     "plover",       "issues",
          "is_root_event", "source_begin", "source_end",    "target_begin", "target_end",
          "trigger_begin", "trigger_end",  "trigger_text",  "rule",         "num_mentions",
          "num_sources",   "num_articles", "tone"};
      for (const char* p : {"source_place", "target_place", "action_place"})
        for (const char* f : {"geo_type", "name", "country_iso2", "country_fips", "adm1", "adm2",
                              "lat", "lon", "feature_id", "begin", "end"})
          n->push_back(fmt::format("{}_{}", p, f));
      n->push_back("date_added");
      return n;
    }();
    return *names;
  }
  static void End(const std::vector<std::string>& row, std::string& out) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      AppendCsvField(row[i], out);
    }
    out += "\r\n";
  }
};

constexpr std::string_view kEventFormats[] = {"jsonl",        "petrarch", "phoenix", "tabari",
                                              "gdelt-events", "icews",    "plover",  "csv"};

}  // namespace

std::string FormatCoordinate(double x) {
  if (!std::isfinite(x)) return "";
  std::string s = fmt::format("{:.5f}", x);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

void AppendPlaceJson(const PlaceRecord& p, std::string& out) {
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
  AppendJsonString(out, p.evidence_text);
  out += "}}";
}

void AppendToneJson(const Tone& t, std::string& out) {
  out += fmt::format("{{\"tone\":{:.2f},\"positive\":{:.2f},\"negative\":{:.2f},\"words\":{}}}",
                     t.tone, t.positive, t.negative, t.words);
}

std::span<const std::string_view> EventRecordFormats() { return kEventFormats; }

StatusOr<std::unique_ptr<EventRecordWriter>> NewEventRecordWriter(std::string_view format) {
  std::unique_ptr<EventRecordWriter> w;
  if (format == "jsonl") w = std::make_unique<JsonlWriter>();
  if (format == "petrarch") w = std::make_unique<PetrarchWriter>();
  if (format == "phoenix") w = std::make_unique<PhoenixWriter>();
  if (format == "tabari") w = std::make_unique<TabariWriter>();
  if (format == "gdelt-events") w = std::make_unique<GdeltEventWriter>();
  if (format == "icews") w = std::make_unique<IcewsWriter>();
  if (format == "plover") w = std::make_unique<PloverWriter>();
  if (format == "csv") w = std::make_unique<CsvWriter>();
  if (w) return StatusOr<std::unique_ptr<EventRecordWriter>>(std::move(w));
  std::string known;
  for (std::string_view f : kEventFormats) known += (known.empty() ? "" : ", ") + std::string(f);
  return InvalidArgumentError("unknown event format \"" + std::string(format) + "\" (" + known +
                              "; gdelt-mentions writes mention records)");
}

StatusOr<std::unique_ptr<MentionRecordWriter>> NewMentionRecordWriter(std::string_view format) {
  if (format == "gdelt-mentions")
    return std::unique_ptr<MentionRecordWriter>(std::make_unique<GdeltMentionWriter>());
  return InvalidArgumentError("unknown mention format \"" + std::string(format) +
                              "\" (gdelt-mentions)");
}

}  // namespace dyad
