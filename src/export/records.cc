// EventRecordsFromDocument, MentionRecordsFromDocument: a Document's events as flat rows.
#include <fmt/format.h>

#include <cctype>

#include "dyad/export/export.h"

namespace dyad {
namespace {

std::string DefaultDateAdded(const Document& doc, const Event& e) {
  const Date& d = !doc.meta.date.empty() ? doc.meta.date : e.date;
  if (d.empty()) return "";
  return fmt::format("{:04}{:02}{:02}000000", d.year, d.month, d.day);
}

std::string SpanString(const Document& doc, Span s) {
  if (s.empty() || s.end > doc.text.size()) return "";
  return std::string(doc.SpanText(s));
}

}  // namespace

PlaceRecord PlaceRecordFrom(const Document& doc, const GeoPlace& g) {
  PlaceRecord p;
  if (g.empty()) return p;
  p.geo_type = g.geo_type;
  p.name = g.name;
  p.country_iso2 = g.country_iso2;
  p.country_fips = g.country_fips;
  p.adm1 = g.adm1;
  p.lat = g.lat;
  p.lon = g.lon;
  p.feature_id = g.feature_id;
  p.evidence = g.evidence;
  p.evidence_text = SpanString(doc, g.evidence);
  p.how = g.how;
  return p;
}

std::string UrlHost(std::string_view url) {
  size_t at = url.find("://");
  if (at == std::string_view::npos) return "";
  url.remove_prefix(at + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (size_t user = url.rfind('@'); user != std::string_view::npos) url.remove_prefix(user + 1);
  return std::string(url.substr(0, url.find(':')));
}

int64_t StableEventId(std::string_view doc_id, size_t event_index) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;
  };
  for (char c : doc_id) mix(static_cast<unsigned char>(c));
  mix(0);
  for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(event_index >> (8 * i)));
  // Positive and non-zero: 0 means "not stored yet" in EventRecord.
  int64_t id = static_cast<int64_t>(h & 0x7FFFFFFFFFFFFFFFull);
  return id == 0 ? 1 : id;
}

Status ValidateDateAdded(std::string_view v) {
  if (v.empty()) return Status();
  auto bad = [&v](const char* why) {
    return InvalidArgumentError("date added \"" + std::string(v) + "\" " + why +
                                " (want UTC YYYYMMDDHHMMSS, e.g. 20130430120000)");
  };
  if (v.size() != 14) return bad("is not 14 digits");
  for (char c : v)
    if (!std::isdigit(static_cast<unsigned char>(c))) return bad("is not 14 digits");
  auto num = [&v](size_t at, size_t n) {
    int x = 0;
    for (size_t i = at; i < at + n; ++i) x = x * 10 + (v[i] - '0');
    return x;
  };
  if (!IsValidDate(num(0, 4), num(4, 2), num(6, 2))) return bad("is not a calendar date");
  if (num(8, 2) > 23 || num(10, 2) > 59 || num(12, 2) > 59) return bad("is not a time of day");
  return Status();
}

std::vector<EventRecord> EventRecordsFromDocument(const Document& doc,
                                                  const RecordOptions& options) {
  std::vector<EventRecord> out;
  out.reserve(doc.events.size());
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& e = doc.events[i];
    EventRecord r;
    r.event_id = StableEventId(doc.meta.id, i);
    r.doc_id = doc.meta.id;
    r.published = doc.meta.date;
    r.publisher = doc.meta.source;
    r.url = doc.meta.url;
    r.title = doc.meta.title;
    r.sentence = e.sentence + 1;
    if (e.sentence < doc.sentences.size()) {
      const Sentence& s = doc.sentences[e.sentence];
      r.sentence_text = SpanString(doc, s.span);
      // The lead: the body's first paragraph, and in any case its first sentence.
      r.is_root_event = s.paragraph == 0 || e.sentence == 0;
    }
    r.date = e.date;
    r.date_text = e.date_text;
    r.source = e.source;
    r.target = e.target;
    r.source_name = SpanString(doc, e.source_span);
    r.target_name = SpanString(doc, e.target_span);
    r.code = e.code;
    r.root = e.root;
    r.quad_class = e.quad_class;
    r.goldstein = e.goldstein;
    r.plover = e.plover;
    r.issues = e.issues;
    r.source_span = e.source_span;
    r.target_span = e.target_span;
    r.trigger_span = e.trigger_span;
    r.trigger_text = SpanString(doc, e.trigger_span);
    r.rule = e.rule;
    r.tone = doc.tone.tone;
    r.event_tone = e.tone;
    r.action_place = PlaceRecordFrom(doc, e.place);
    r.source_place = PlaceRecordFrom(doc, e.source_place);
    r.target_place = PlaceRecordFrom(doc, e.target_place);
    r.date_added = options.date_added.empty() ? DefaultDateAdded(doc, e) : options.date_added;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<MentionRecord> MentionRecordsFromDocument(const Document& doc,
                                                      const RecordOptions& options) {
  std::vector<MentionRecord> out;
  out.reserve(doc.events.size());
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& e = doc.events[i];
    MentionRecord m;
    m.event_id = StableEventId(doc.meta.id, i);
    m.event_date = e.date;
    m.event_time = options.date_added.empty() ? DefaultDateAdded(doc, e) : options.date_added;
    m.mention_time = m.event_time;
    m.mention_type = doc.meta.url.empty() ? 2 : 1;  // GDELT: 1 WEB (a URL), 2 CITATIONONLY
    // GDELT names the web site; a story's publisher says the same and reads better.
    m.source_name = doc.meta.source.empty() ? UrlHost(doc.meta.url) : doc.meta.source;
    m.identifier = doc.meta.url.empty() ? doc.meta.id : doc.meta.url;
    m.sentence = e.sentence + 1;
    auto offset = [](Span s) { return s.empty() ? int64_t{-1} : int64_t{s.begin}; };
    m.source_offset = offset(e.source_span);
    m.target_offset = offset(e.target_span);
    m.trigger_offset = offset(e.trigger_span);
    m.doc_length = doc.text.size();
    m.doc_tone = doc.tone.tone;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace dyad
