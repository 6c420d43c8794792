// What both store backends share: how Documents, events and mentions map to table rows and back.
//
// Private to dyad_store. The row readers are templates over a result row with the accessors
// IsNull(col), Int(col), Real(col), Text(col) and Str(col) — store_internal::Stmt for SQLite,
// store_internal::PgRow for PostgreSQL — so both backends fill records by the same code and a
// query gives the same records on either.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "dyad/export/export.h"
#include "dyad/io/writer.h"
#include "dyad/store/event_store.h"
#include "parse_codec.h"

namespace dyad::store_internal {

inline std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

inline int64_t DayOrNull(const Date& d) { return d.empty() ? -1 : d.ToDays(); }

// GDELT's DATEADDED for a stored event: its day at 000000 (the store keeps days, not times).
inline std::string DateAdded(const Date& d) {
  return d.empty() ? "" : fmt::format("{:04}{:02}{:02}000000", d.year, d.month, d.day);
}

inline std::string ExtraJson(const DocumentMeta& m) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& [k, v] : m.extra) j.push_back({k, v});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline std::string Issues(const std::vector<std::string>& issues) {
  std::string s;
  for (const std::string& i : issues) s += (s.empty() ? "" : ";") + i;
  return s;
}

inline std::vector<std::string> SplitIssues(std::string_view s) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < s.size()) {
    size_t e = s.find(';', b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.emplace_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// Reads `span` of `text`, or "" when it does not fit (a damaged row must not crash a query).
inline std::string SpanOf(std::string_view text, int64_t begin, int64_t end) {
  if (begin < 0 || end < begin || static_cast<uint64_t>(end) > text.size()) return "";
  return std::string(text.substr(begin, end - begin));
}

template <typename Row>
Span SpanFrom(const Row& s, int b, int e) {
  if (s.IsNull(b) || s.IsNull(e)) return {};
  return {static_cast<ByteOffset>(s.Int(b)), static_cast<ByteOffset>(s.Int(e))};
}

template <typename Row>
Date DateFrom(const Row& s, int col) {
  return s.IsNull(col) ? Date{} : Date::FromDays(static_cast<int32_t>(s.Int(col)));
}

// dyad_places' event columns (schema v4), in the order the backends bind them and FillEvent and
// the recode comparison read them: per place (action, source, target) geo_type, name, iso2,
// fips, adm1, lat, lon, feature_id, how, evidence begin and end; then the sentence's tone.
inline constexpr const char* kPlacePrefixes[] = {"action_place", "source_place", "target_place"};
inline constexpr const char* kPlaceFields[] = {
    "geo_type", "name", "iso2", "fips", "adm1", "lat", "lon", "feature_id", "how", "begin", "end"};
inline constexpr int kPlaceFieldCount = 11;
inline constexpr int kPlaceToneColumnCount = 3 * kPlaceFieldCount + 4;

// "e.action_place_geo_type, …, e.tone_words" (with `alias` "e.") or the bare names.
inline std::string PlaceToneColumns(const char* alias) {
  std::string cols;
  for (const char* p : kPlacePrefixes)
    for (const char* f : kPlaceFields) cols += fmt::format("{}{}_{}, ", alias, p, f);
  cols += fmt::format("{0}tone, {0}tone_positive, {0}tone_negative, {0}tone_words", alias);
  return cols;
}

// The action (0), source (1) or target (2) place of an event.
inline const GeoPlace& EventPlace(const Event& e, int i) {
  return i == 0 ? e.place : i == 1 ? e.source_place : e.target_place;
}

// Columns the event rows are read from; see FillEvent. Column 27 is the document's row id
// (for its text), 28 the event's index in its document, 29 the document's tone, then the
// places and tone (PlaceToneColumns).
inline const std::string& EventColumns() {
  static const std::string columns =
      "e.id, e.sentence, e.day, e.date_text, e.source, e.target, e.code, e.root, e.quad_class, "
      "e.goldstein, e.plover, e.issues, e.source_begin, e.source_end, e.target_begin, "
      "e.target_end, e.trigger_begin, e.trigger_end, e.rule, d.doc_id, d.day, d.source, d.url, "
      "d.title, s.paragraph, s.begin, s.\"end\", e.doc, "
      "(SELECT COUNT(*) FROM events x WHERE x.doc = e.doc AND x.id < e.id), d.tone, " +
      PlaceToneColumns("e.");
  return columns;
}
inline constexpr int kEventColumnCount = 30 + kPlaceToneColumnCount;

// Reads the places and tone from column `col` of a row (PlaceToneColumns).
template <typename Row>
void ReadPlaceTone(const Row& s, int col, std::string_view text, EventRecord& r) {
  for (PlaceRecord* p : {&r.action_place, &r.source_place, &r.target_place}) {
    p->geo_type = static_cast<int>(s.Int(col));
    p->name = s.Str(col + 1);
    p->country_iso2 = s.Str(col + 2);
    p->country_fips = s.Str(col + 3);
    p->adm1 = s.Str(col + 4);
    p->lat = s.IsNull(col + 5) ? NAN : s.Real(col + 5);
    p->lon = s.IsNull(col + 6) ? NAN : s.Real(col + 6);
    p->feature_id = s.Str(col + 7);
    p->how = s.Str(col + 8);
    if (!s.IsNull(col + 9)) {
      p->evidence = {static_cast<ByteOffset>(s.Int(col + 9)),
                     static_cast<ByteOffset>(s.Int(col + 10))};
      p->evidence_text = SpanOf(text, p->evidence.begin, p->evidence.end);
    }
    col += kPlaceFieldCount;
  }
  r.event_tone.tone = s.Real(col);
  r.event_tone.positive = s.Real(col + 1);
  r.event_tone.negative = s.Real(col + 2);
  r.event_tone.words = static_cast<uint32_t>(s.Int(col + 3));
}

// Fills `r` from a row of EventColumns(); `text` is the text of document Int(27).
template <typename Row>
void FillEvent(const Row& s, std::string_view text, EventRecord& r) {
  r.event_id = s.Int(0);
  r.sentence = static_cast<uint32_t>(s.Int(1)) + 1;
  r.date = DateFrom(s, 2);
  r.date_text = s.Str(3);
  r.source = s.Str(4);
  r.target = s.Str(5);
  r.code = s.Str(6);
  r.root = s.Str(7);
  r.quad_class = static_cast<int>(s.Int(8));
  r.goldstein = s.Real(9);
  r.plover = s.Str(10);
  r.issues = SplitIssues(s.Text(11));
  r.source_span = SpanFrom(s, 12, 13);
  r.target_span = SpanFrom(s, 14, 15);
  r.trigger_span = SpanFrom(s, 16, 17);
  r.rule = s.Str(18);
  r.doc_id = s.Str(19);
  r.published = DateFrom(s, 20);
  r.publisher = s.Str(21);
  r.url = s.Str(22);
  r.title = s.Str(23);
  // As dyad_export's EventRecordsFromDocument: the lead paragraph, and the first sentence.
  r.is_root_event = (!s.IsNull(24) && s.Int(24) == 0) || s.Int(1) == 0;
  r.date_added = DateAdded(r.published.empty() ? r.date : r.published);
  if (!s.IsNull(25)) r.sentence_text = SpanOf(text, s.Int(25), s.Int(26));
  r.source_name = SpanOf(text, r.source_span.begin, r.source_span.end);
  r.target_name = SpanOf(text, r.target_span.begin, r.target_span.end);
  r.trigger_text = SpanOf(text, r.trigger_span.begin, r.trigger_span.end);
  r.tone = s.Real(29);
  ReadPlaceTone(s, 30, text, r);
}

// After FillEvent, for an Events() row: the stable id and the dedup group's counts.
template <typename Row>
void FinishEvent(const Row& s, const EventFilter& filter, const Page& page, EventRecord& r) {
  if (page.stable_ids) r.event_id = StableEventId(r.doc_id, static_cast<size_t>(s.Int(28)));
  if (filter.dedup != Dedup::kNone) {
    r.num_mentions = static_cast<int>(s.Int(kEventColumnCount));
    r.num_sources = static_cast<int>(s.Int(kEventColumnCount + 1));
    r.num_articles = static_cast<int>(s.Int(kEventColumnCount + 2));
  }
}

// Fills `m` from a row of MentionsSql (query_sql.h).
template <typename Row>
void FillMention(const Row& s, const Page& page, MentionRecord& m) {
  if (page.stable_ids)
    m.event_id = StableEventId(s.Text(11), static_cast<size_t>(s.Int(12)));
  else
    m.event_id = s.Int(0);
  // Filled as dyad_export's MentionRecordsFromDocument fills a coded document's.
  m.event_date = DateFrom(s, 1);
  Date published = DateFrom(s, 2);
  m.event_time = DateAdded(published.empty() ? m.event_date : published);
  m.mention_time = m.event_time;
  std::string_view url = s.Text(4);
  m.mention_type = url.empty() ? 2 : 1;  // GDELT: 1 web (a URL), 2 citation only
  m.source_name = s.Text(3).empty() ? UrlHost(url) : s.Str(3);
  m.identifier = url.empty() ? s.Str(5) : std::string(url);
  m.sentence = static_cast<uint32_t>(s.Int(6)) + 1;
  m.source_offset = s.IsNull(7) ? -1 : s.Int(7);
  m.target_offset = s.IsNull(8) ? -1 : s.Int(8);
  m.trigger_offset = s.IsNull(9) ? -1 : s.Int(9);
  m.doc_length = static_cast<uint64_t>(s.Int(10));
  m.doc_tone = s.Real(13);
}

// Folds a row of DaySeriesSql (day, events, Goldstein sum; in day order) into `out`: days as
// they come, weeks (from Monday) and months summed here.
template <typename Row>
void AddSeriesDay(const Row& s, Bucket bucket, std::vector<SeriesPoint>& out) {
  Date d = Date::FromDays(static_cast<int32_t>(s.Int(0)));
  if (bucket == Bucket::kWeek) d = d.AddDays(-d.Weekday());
  if (bucket == Bucket::kMonth) d.day = 1;
  if (out.empty() || out.back().first != d) out.push_back({d, 0, 0});
  out.back().events += s.Int(1);
  out.back().goldstein += s.Real(2);
}

// The stored-documents query: row id, metadata, text, the parse blobs (kDocumentColumns) and
// the document's tone.
inline constexpr const char kStoredDocumentsSql[] =
    "SELECT d.id, d.doc_id, d.day, d.date_source, d.source, d.url, d.title, "
    "d.dateline, d.dateline_place, d.origin, d.extra, d.body_begin, d.text, "
    "p.tokens, p.words, p.entities, d.tone, d.tone_positive, d.tone_negative, d.tone_words "
    "FROM documents d "
    "LEFT JOIN parses p ON p.doc = d.id ORDER BY d.id";
inline constexpr const char kStoredSentencesSql[] =
    "SELECT begin, \"end\", first_token, end_token, paragraph FROM sentences "
    "WHERE doc = ? ORDER BY idx";

// Fills `doc` from a row of kStoredDocumentsSql: metadata, text, tokens, words, entities and
// the stored document tone (PlaceCoderOptions::keep_document_tone may keep it).
template <typename Row>
Status FillStoredDocument(const Row& s, const std::string& store, Document& doc) {
  DocumentMeta& m = doc.meta;
  m.id = s.Str(1);
  m.date = DateFrom(s, 2);
  m.date_source = static_cast<DateSource>(s.Int(3));
  m.source = s.Str(4);
  m.url = s.Str(5);
  m.title = s.Str(6);
  m.dateline = s.Str(7);
  m.dateline_place = s.Str(8);
  m.origin = s.Str(9);
  nlohmann::json extra = nlohmann::json::parse(s.Text(10), nullptr, false);
  if (extra.is_array()) {
    for (const auto& kv : extra)
      if (kv.is_array() && kv.size() == 2 && kv[0].is_string() && kv[1].is_string())
        m.extra.emplace_back(kv[0].get<std::string>(), kv[1].get<std::string>());
  }
  doc.body_begin = static_cast<ByteOffset>(s.Int(11));
  doc.text = s.Str(12);
  std::string what = fmt::format("{}: document \"{}\"", store, m.id);
  if (s.IsNull(13)) return DataError(what + ": no stored parse");
  DYAD_ASSIGN_OR_RETURN(doc.tokens, DecodeTokens(s.Text(13), what + " tokens"));
  // A stored layer that does not fit the text would send the coders out of bounds.
  for (const Token& t : doc.tokens)
    if (t.span.end > doc.text.size()) return DataError(what + ": token outside the text");
  DYAD_ASSIGN_OR_RETURN(doc.words, DecodeWords(s.Text(14), doc.tokens, doc.text, what + " words"));
  DYAD_ASSIGN_OR_RETURN(doc.entities, DecodeEntities(s.Text(15), what + " entities"));
  doc.tone = {.tone = s.Real(16),
              .positive = s.Real(17),
              .negative = s.Real(18),
              .words = static_cast<uint32_t>(s.Int(19))};
  return Status::Ok();
}

// A row of kStoredSentencesSql.
template <typename Row>
Sentence SentenceFrom(const Row& s) {
  Sentence sen;
  sen.span = {static_cast<ByteOffset>(s.Int(0)), static_cast<ByteOffset>(s.Int(1))};
  sen.first_token = static_cast<TokenIndex>(s.Int(2));
  sen.end_token = static_cast<TokenIndex>(s.Int(3));
  sen.paragraph = static_cast<uint32_t>(s.Int(4));
  return sen;
}

// The layers of a rebuilt document agree with each other.
inline Status CheckStoredDocument(const std::string& store, const Document& doc) {
  std::string what = fmt::format("{}: document \"{}\"", store, doc.meta.id);
  if (!doc.words.empty() && doc.words.size() != doc.tokens.size())
    return DataError(what + ": words and tokens differ in number");
  for (const Sentence& sen : doc.sentences)
    if (sen.end_token > doc.tokens.size() || sen.first_token > sen.end_token)
      return DataError(what + ": sentence outside the tokens");
  for (const WordAnalysis& w : doc.words)
    if (w.head != kNoHead && w.head >= doc.tokens.size())
      return DataError(what + ": head outside the tokens");
  return Status::Ok();
}

// Appends an integer in decimal.
inline void AppendInt(std::string& out, int64_t v) {
  char b[24];
  out.append(b, std::to_chars(b, b + sizeof b, v).ptr);
}

// The recode comparison's text: one line per row, a tag and then each cell after a '|'. Built
// with std::to_chars rather than fmt, since a recode that changes nothing spends most of its
// store time here. A number that is absent (NULL, NaN) reads "-" on both sides.
inline void AppendCell(std::string& out, std::string_view v) {
  out.push_back('|');
  out.append(v);
}
inline void AppendCell(std::string& out, double v) {
  out.push_back('|');
  if (!std::isfinite(v)) {
    out.push_back('-');
    return;
  }
  char b[32];
  out.append(b, std::to_chars(b, b + sizeof b, v).ptr);
}
template <std::integral T>
void AppendCell(std::string& out, T v) {
  out.push_back('|');
  AppendInt(out, static_cast<int64_t>(v));
}
template <typename... T>
void AppendKeyLine(std::string& out, char tag, const T&... cells) {
  out.push_back(tag);
  (AppendCell(out, cells), ...);
  out.push_back('\n');
}
// A cell of a row that may be NULL: the absent number's "-" (reals) or -1 (integers).
template <typename Row>
double RealOrAbsent(const Row& r, int c) {
  return r.IsNull(c) ? NAN : r.Real(c);
}
template <typename Row>
int64_t IntOrAbsent(const Row& r, int c) {
  return r.IsNull(c) ? int64_t{-1} : r.Int(c);
}
inline int64_t SpanBegin(Span sp) { return sp.empty() ? int64_t{-1} : int64_t{sp.begin}; }
inline int64_t SpanEnd(Span sp) { return sp.empty() ? int64_t{-1} : int64_t{sp.end}; }

// The cells of an event's places and tone, the same from an Event and from a row
// (PlaceToneColumns from `col`).
inline void AppendPlaceToneCells(std::string& k, const Event& e) {
  for (int i = 0; i < 3; ++i) {
    const GeoPlace& g = EventPlace(e, i);
    AppendCell(k, g.geo_type);
    for (std::string_view t : {std::string_view(g.name), std::string_view(g.country_iso2),
                               std::string_view(g.country_fips), std::string_view(g.adm1)})
      AppendCell(k, t);
    AppendCell(k, g.lat);
    AppendCell(k, g.lon);
    AppendCell(k, std::string_view(g.feature_id));
    AppendCell(k, std::string_view(g.how));
    AppendCell(k, SpanBegin(g.evidence));
    AppendCell(k, SpanEnd(g.evidence));
  }
  AppendCell(k, e.tone.tone);
  AppendCell(k, e.tone.positive);
  AppendCell(k, e.tone.negative);
  AppendCell(k, e.tone.words);
}
template <typename Row>
void AppendPlaceToneCells(std::string& k, const Row& s, int col) {
  for (int i = 0; i < 3; ++i, col += kPlaceFieldCount) {
    AppendCell(k, s.Int(col));
    for (int c = col + 1; c <= col + 4; ++c) AppendCell(k, s.Text(c));
    AppendCell(k, RealOrAbsent(s, col + 5));
    AppendCell(k, RealOrAbsent(s, col + 6));
    AppendCell(k, s.Text(col + 7));
    AppendCell(k, s.Text(col + 8));
    AppendCell(k, IntOrAbsent(s, col + 9));
    AppendCell(k, IntOrAbsent(s, col + 10));
  }
  AppendCell(k, s.Real(col));
  AppendCell(k, s.Real(col + 1));
  AppendCell(k, s.Real(col + 2));
  AppendCell(k, s.Int(col + 3));
}

// ReplaceCoding's comparison of the stored coding with a document's.
inline const std::string& OldEventsSql() {
  static const std::string sql =
      "SELECT sentence, source, target, code, root, day, date_text, quad_class, goldstein, "
      "plover, issues, source_begin, source_end, target_begin, target_end, trigger_begin, "
      "trigger_end, source_actor, target_actor, rule, " +
      PlaceToneColumns("") + " FROM events WHERE doc = ? ORDER BY id";
  return sql;
}
inline constexpr const char kOldPlacesSql[] =
    "SELECT sentence, first_token, end_token, begin, \"end\", entry, geo_type, name, iso2, fips, "
    "adm1, lat, lon, feature_id, how FROM places WHERE doc = ? ORDER BY idx";
inline constexpr const char kOldToneSql[] =
    "SELECT tone, tone_positive, tone_negative, tone_words FROM documents WHERE id = ?";
inline constexpr const char kOldActorsSql[] =
    "SELECT sentence, first_token, end_token, begin, \"end\", code, how, entry, coref_of, "
    "gender, plural FROM actors WHERE doc = ? ORDER BY idx";

class CodingDiff {
 public:
  // A row of OldEventsSql().
  template <typename Row>
  void AddStoredEvent(const Row& o) {
    auto& slot = diff_[{o.Int(0), o.Str(1), o.Str(2), o.Str(3)}];
    --slot.first;
    slot.second = o.Str(4);
    ++change_.before;
    auto n = [&o](int c) { return IntOrAbsent(o, c); };
    AppendKeyLine(stored_, 'e', o.Int(0), n(5), o.Text(6), o.Text(1), o.Text(2), o.Text(3),
                  o.Text(4), o.Int(7), o.Real(8), o.Text(9), o.Text(10), n(11), n(12), n(13), n(14),
                  n(15), n(16), n(17), n(18), o.Text(19));
    stored_.pop_back();
    AppendPlaceToneCells(stored_, o, 20);
    stored_.push_back('\n');
  }
  // A row of kOldActorsSql.
  template <typename Row>
  void AddStoredActor(const Row& a) {
    AppendKeyLine(stored_, 'a', a.Int(0), a.Int(1), a.Int(2), a.Int(3), a.Int(4), a.Text(5),
                  a.Text(6), a.Text(7), IntOrAbsent(a, 8), a.Text(9), a.Int(10));
  }
  // A row of kOldPlacesSql (after every actor).
  template <typename Row>
  void AddStoredPlace(const Row& p) {
    AppendKeyLine(stored_, 'p', p.Int(0), p.Int(1), p.Int(2), p.Int(3), p.Int(4), p.Int(5),
                  p.Int(6), p.Text(7), p.Text(8), p.Text(9), p.Text(10), RealOrAbsent(p, 11),
                  RealOrAbsent(p, 12), p.Text(13), p.Text(14));
  }
  // The row of kOldToneSql (after every place).
  template <typename Row>
  void AddStoredTone(const Row& t) {
    AppendKeyLine(stored_, 't', t.Real(0), t.Real(1), t.Real(2), t.Int(3));
  }
  // Compares with `doc`'s coding; true when the rows must be rewritten.
  bool Compare(const Document& doc) {
    std::string coded;
    coded.reserve(stored_.size());
    for (const Event& e : doc.events) {
      auto& slot = diff_[{int64_t{e.sentence}, e.source, e.target, e.code}];
      ++slot.first;
      slot.second = e.root;
      AppendKeyLine(coded, 'e', e.sentence, DayOrNull(e.date), std::string_view(e.date_text),
                    std::string_view(e.source), std::string_view(e.target),
                    std::string_view(e.code), std::string_view(e.root), e.quad_class, e.goldstein,
                    std::string_view(e.plover), std::string_view(Issues(e.issues)),
                    SpanBegin(e.source_span), SpanEnd(e.source_span), SpanBegin(e.target_span),
                    SpanEnd(e.target_span), SpanBegin(e.trigger_span), SpanEnd(e.trigger_span),
                    e.source_actor, e.target_actor, std::string_view(e.rule));
      coded.pop_back();
      AppendPlaceToneCells(coded, e);
      coded.push_back('\n');
    }
    for (const ActorMention& m : doc.actors) {
      AppendKeyLine(coded, 'a', m.sentence, m.first_token, m.end_token, m.span.begin, m.span.end,
                    std::string_view(m.code), std::string_view(m.how), std::string_view(m.entry),
                    m.coref_of, std::string_view(&m.gender, m.gender ? 1 : 0), int{m.plural});
    }
    for (const PlaceMention& m : doc.places) {
      const GeoPlace& g = m.place;
      AppendKeyLine(coded, 'p', m.sentence, m.first_token, m.end_token, m.span.begin, m.span.end,
                    m.entry, g.geo_type, std::string_view(g.name), std::string_view(g.country_iso2),
                    std::string_view(g.country_fips), std::string_view(g.adm1), g.lat, g.lon,
                    std::string_view(g.feature_id), std::string_view(g.how));
    }
    AppendKeyLine(coded, 't', doc.tone.tone, doc.tone.positive, doc.tone.negative, doc.tone.words);
    change_.after = doc.events.size();
    for (const auto& [key, v] : diff_) {
      CodingChange::Key k{v.second, std::get<1>(key) + "," + std::get<2>(key)};
      for (int i = 0; i < v.first; ++i) change_.added.push_back(k);
      for (int i = 0; i < -v.first; ++i) change_.removed.push_back(k);
    }
    // The same coding as stored: nothing to write (a recode that changes nothing writes nothing).
    return coded != stored_;
  }
  CodingChange& change() { return change_; }

 private:
  std::map<std::tuple<int64_t, std::string, std::string, std::string>, std::pair<int, std::string>>
      diff_;
  CodingChange change_;
  std::string stored_;
};

// Dump(): one query per table, each row a line of cells (ids and ingest times left out).
// The last ("fts") lists the documents the full-text index finds for the word "the".
inline const std::vector<std::string>& DumpTables() {
  static const std::vector<std::string> tables = {
      "SELECT 'document', doc_id, hash, day, date_source, source, url, title, dateline, "
      "dateline_place, origin, extra, body_begin, text, tone, tone_positive, tone_negative, "
      "tone_words FROM documents",
      "SELECT 'sentence', d.doc_id, s.idx, s.begin, s.\"end\", s.first_token, s.end_token, "
      "s.paragraph FROM sentences s JOIN documents d ON d.id = s.doc",
      "SELECT 'parse', d.doc_id, p.tokens, p.words, p.entities FROM parses p "
      "JOIN documents d ON d.id = p.doc",
      "SELECT 'actor', d.doc_id, a.idx, a.sentence, a.first_token, a.end_token, a.begin, "
      "a.\"end\", a.code, a.how, a.entry, a.coref_of, a.gender, a.plural FROM actors a "
      "JOIN documents d ON d.id = a.doc",
      "SELECT 'event', d.doc_id, e.sentence, e.day, e.date_text, e.source, e.target, e.code, "
      "e.root, e.quad_class, e.goldstein, e.plover, e.issues, e.source_begin, e.source_end, "
      "e.target_begin, e.target_end, e.trigger_begin, e.trigger_end, e.source_actor, "
      "e.target_actor, e.rule, " +
          PlaceToneColumns("e.") + " FROM events e JOIN documents d ON d.id = e.doc",
      "SELECT 'place', d.doc_id, p.idx, p.sentence, p.first_token, p.end_token, p.begin, "
      "p.\"end\", p.entry, p.geo_type, p.name, p.iso2, p.fips, p.adm1, p.lat, p.lon, "
      "p.feature_id, p.how FROM places p JOIN documents d ON d.id = p.doc",
      "SELECT 'gkg', d.doc_id, g.persons, g.organizations, g.locations, g.counts, g.themes "
      "FROM gkg g JOIN documents d ON d.id = g.doc",
  };
  return tables;
}

// Dump cells, the same on both backends: null, a number, a JSON string, or the hash of a blob
// or long text.
std::string DumpNull();
std::string DumpInt(int64_t v);
std::string DumpReal(double v);
std::string DumpText(std::string_view v, bool blob);
// The lines sorted and joined.
std::string JoinDump(std::vector<std::string> lines);

// The knowledge-graph view's columns (schema v5), JSON arrays: persons and organizations
// [[name, mentions, first byte], …]; locations [{geo_type, name, iso2, fips, adm1, lat, lon,
// feature_id, how, begin, end, count}, …] (lat/lon null when unknown); counts [[type, number,
// object, begin, end], …]; themes [code, …].
struct GkgColumns {
  std::string persons, organizations, locations, counts, themes;
};

// Keeps a document's view (id and the columns of EncodeGkg bound 1-6). A view equal to the
// stored one is not updated: PostgreSQL would write a new row version for it (SQLite already
// leaves a b-tree cell rewritten with the same bytes alone). The columns are NOT NULL, so <>
// compares them.
inline constexpr const char kPutGkgSql[] =
    "INSERT INTO gkg(doc, persons, organizations, locations, counts, themes) "
    "VALUES (?,?,?,?,?,?) ON CONFLICT(doc) DO UPDATE SET persons = excluded.persons, "
    "organizations = excluded.organizations, locations = excluded.locations, "
    "counts = excluded.counts, themes = excluded.themes "
    "WHERE gkg.persons <> excluded.persons OR gkg.organizations <> excluded.organizations OR "
    "gkg.locations <> excluded.locations OR gkg.counts <> excluded.counts OR "
    "gkg.themes <> excluded.themes";

// Append a real in nlohmann's shortest form ("36.0", "-3.7"; null when not finite), as the GKG
// columns always held them (integers: AppendInt).
inline void AppendJsonReal(std::string& out, double v) {
  out += std::isfinite(v) ? nlohmann::json(v).dump() : "null";
}

// The columns, written directly rather than through nlohmann::json trees (a view is encoded for
// every document an ingest or recode codes). The bytes are those nlohmann's dump gave, objects'
// keys sorted, except that AppendJsonString writes \b and \f as \u0008 and \u000c (the same
// JSON) and keeps the text's bytes as they are (Document text is valid UTF-8).
inline GkgColumns EncodeGkg(const GkgRecord& g) {
  GkgColumns c;
  for (auto [list, out] :
       {std::pair{&g.persons, &c.persons}, {&g.organizations, &c.organizations}}) {
    *out += '[';
    for (const GkgName& n : *list) {
      if (out->size() > 1) *out += ',';
      *out += '[';
      AppendJsonString(*out, n.name);
      *out += ',';
      AppendInt(*out, n.count);
      *out += ',';
      AppendInt(*out, n.first);
      *out += ']';
    }
    *out += ']';
  }
  std::string& loc = c.locations;
  auto text = [&loc](const char* key, std::string_view v) {
    loc += key;
    AppendJsonString(loc, v);
  };
  auto number = [&loc](const char* key, int64_t v) {
    loc += key;
    AppendInt(loc, v);
  };
  loc += '[';
  for (const GkgLocation& l : g.locations) {
    const GeoPlace& p = l.place;
    if (loc.size() > 1) loc += ',';
    text("{\"adm1\":", p.adm1);
    number(",\"begin\":", p.evidence.begin);
    number(",\"count\":", l.count);
    number(",\"end\":", p.evidence.end);
    text(",\"feature_id\":", p.feature_id);
    text(",\"fips\":", p.country_fips);
    number(",\"geo_type\":", p.geo_type);
    text(",\"how\":", p.how);
    text(",\"iso2\":", p.country_iso2);
    loc += ",\"lat\":";
    AppendJsonReal(loc, p.lat);
    loc += ",\"lon\":";
    AppendJsonReal(loc, p.lon);
    text(",\"name\":", p.name);
    loc += '}';
  }
  loc += ']';
  c.counts += '[';
  for (const GkgCount& n : g.counts) {
    if (c.counts.size() > 1) c.counts += ',';
    c.counts += '[';
    AppendJsonString(c.counts, n.type);
    c.counts += ',';
    AppendInt(c.counts, n.number);
    c.counts += ',';
    AppendJsonString(c.counts, n.object);
    c.counts += ',';
    AppendInt(c.counts, n.evidence.begin);
    c.counts += ',';
    AppendInt(c.counts, n.evidence.end);
    c.counts += ']';
  }
  c.counts += ']';
  c.themes += '[';
  for (const std::string& t : g.themes) {
    if (c.themes.size() > 1) c.themes += ',';
    AppendJsonString(c.themes, t);
  }
  c.themes += ']';
  return c;
}

// The view from its columns; a malformed column is a DataError naming it.
inline StatusOr<GkgRecord> DecodeGkg(const GkgColumns& c) {
  GkgRecord g;
  auto parse = [](const std::string& text, const char* name) -> StatusOr<nlohmann::json> {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_array())
      return DataError(std::string("gkg.") + name + ": not a JSON array");
    return j;
  };
  try {
    for (auto [text, list, name] : {std::tuple{&c.persons, &g.persons, "persons"},
                                    {&c.organizations, &g.organizations, "organizations"}}) {
      DYAD_ASSIGN_OR_RETURN(nlohmann::json j, parse(*text, name));
      for (const auto& n : j)
        list->push_back(
            {n.at(0).get<std::string>(), n.at(1).get<uint32_t>(), n.at(2).get<ByteOffset>()});
    }
    DYAD_ASSIGN_OR_RETURN(nlohmann::json loc, parse(c.locations, "locations"));
    for (const auto& o : loc) {
      GkgLocation l;
      GeoPlace& p = l.place;
      p.geo_type = o.at("geo_type").get<int>();
      p.name = o.at("name").get<std::string>();
      p.country_iso2 = o.at("iso2").get<std::string>();
      p.country_fips = o.at("fips").get<std::string>();
      p.adm1 = o.at("adm1").get<std::string>();
      p.feature_id = o.at("feature_id").get<std::string>();
      p.how = o.at("how").get<std::string>();
      p.evidence = {o.at("begin").get<ByteOffset>(), o.at("end").get<ByteOffset>()};
      if (!o.at("lat").is_null()) p.lat = o.at("lat").get<double>();
      if (!o.at("lon").is_null()) p.lon = o.at("lon").get<double>();
      l.count = o.at("count").get<uint32_t>();
      g.locations.push_back(std::move(l));
    }
    DYAD_ASSIGN_OR_RETURN(nlohmann::json counts, parse(c.counts, "counts"));
    for (const auto& n : counts)
      g.counts.push_back({n.at(0).get<std::string>(), n.at(1).get<int64_t>(),
                          n.at(2).get<std::string>(),
                          Span{n.at(3).get<ByteOffset>(), n.at(4).get<ByteOffset>()}});
    DYAD_ASSIGN_OR_RETURN(nlohmann::json themes, parse(c.themes, "themes"));
    for (const auto& t : themes) g.themes.push_back(t.get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    return DataError(std::string("gkg: malformed row: ") + e.what());
  }
  return g;
}

// Stored views for EventStore::Gkg: the SQL (parameters `?`, bound in order as the integers of
// `params`) and the reader of its rows.
inline std::string GkgSql(const EventFilter& f, const Page& page, std::vector<int64_t>& params) {
  std::string sql =
      "SELECT d.id, d.doc_id, d.day, d.source, d.url, d.title, d.tone, d.tone_positive, "
      "d.tone_negative, d.tone_words, g.persons, g.organizations, g.locations, g.counts, "
      "g.themes FROM gkg g JOIN documents d ON d.id = g.doc WHERE d.id > ?";
  params = {page.after_id};
  if (!f.from.empty()) sql += " AND d.day >= ?", params.push_back(f.from.ToDays());
  if (!f.to.empty()) sql += " AND d.day <= ?", params.push_back(f.to.ToDays());
  sql += " ORDER BY d.id LIMIT ? OFFSET ?";
  params.push_back(page.limit < 0 ? int64_t{1} << 62 : page.limit);
  params.push_back(page.offset);
  return sql;
}

template <typename Row>
StatusOr<StoredGkg> ReadGkgRow(const Row& s) {
  StoredGkg r;
  r.meta.id = s.Str(1);
  if (!s.IsNull(2) && s.Int(2) >= 0) r.meta.date = Date::FromDays(static_cast<int32_t>(s.Int(2)));
  r.meta.source = s.Str(3);
  r.meta.url = s.Str(4);
  r.meta.title = s.Str(5);
  GkgColumns c{s.Str(10), s.Str(11), s.Str(12), s.Str(13), s.Str(14)};
  DYAD_ASSIGN_OR_RETURN(r.gkg, DecodeGkg(c));
  r.gkg.tone = {s.Real(6), s.Real(7), s.Real(8), static_cast<uint32_t>(s.Int(9))};
  return r;
}

}  // namespace dyad::store_internal
