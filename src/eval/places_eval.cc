#include "dyad/eval/places_eval.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "dyad/core/text_file.h"
#include "dyad/learn/feature_hash.h"

namespace dyad {

namespace {

Status RunStages(const std::vector<std::shared_ptr<const Stage>>& stages,
                 std::vector<std::unique_ptr<Stage::Workspace>>& ws, Document& doc) {
  if (ws.empty())
    for (const auto& s : stages) ws.push_back(s->NewWorkspace());
  for (size_t i = 0; i < stages.size(); ++i) DYAD_RETURN_IF_ERROR(stages[i]->Process(doc, *ws[i]));
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<PlaceSpanRecord>> ReadPlaceSpanRecords(const std::string& path,
                                                            uint64_t* skipped) {
  DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  std::vector<PlaceSpanRecord> out;
  TextLines lines(text);
  std::string_view line;
  while (lines.Next(line)) {
    if (TrimBlanks(line).empty()) continue;
    nlohmann::json r = nlohmann::json::parse(line, nullptr, false);
    if (r.is_discarded() || !r.is_object() || !r.contains("text") || !r["text"].is_string()) {
      return DataError(path + ":" + std::to_string(lines.number()) +
                       ": not a JSON record with text");
    }
    if (!r.contains("spans") || !r["spans"].is_array()) {
      ++*skipped;
      continue;
    }
    PlaceSpanRecord rec;
    rec.text = r["text"].get<std::string>();
    rec.id = r.contains("_id") ? r["_id"].dump() : std::to_string(lines.number());
    rec.source = r.value("source", "");
    // Offsets count characters (code points); the Document counts bytes.
    std::vector<ByteOffset> byte_of;
    for (size_t b = 0; b < rec.text.size(); ++b)
      if ((static_cast<unsigned char>(rec.text[b]) & 0xC0) != 0x80) byte_of.push_back(b);
    byte_of.push_back(rec.text.size());
    auto at = [&](unsigned cp) { return cp < byte_of.size() ? byte_of[cp] : byte_of.back(); };
    for (const auto& sp : r["spans"]) {
      Span x{at(sp.value("start", 0u)), at(sp.value("end", 0u))};
      // Some records give token numbers instead of offsets: find the span's text instead.
      std::string words = sp.value("text", "");
      if (!words.empty() && rec.text.compare(x.begin, x.size(), words) != 0) {
        size_t found = rec.text.find(words);
        if (found == std::string::npos) continue;
        x = {static_cast<ByteOffset>(found), static_cast<ByteOffset>(found + words.size())};
      }
      // A few annotations take in the blank before or after the words (" Super Ferry 14"):
      // a span is its words.
      while (x.begin < x.end && std::isspace(static_cast<unsigned char>(rec.text[x.begin])))
        ++x.begin;
      while (x.end > x.begin && std::isspace(static_cast<unsigned char>(rec.text[x.end - 1])))
        --x.end;
      std::string label = sp.value("label", "");
      if (label == "VERB") rec.verb = x;
      if (label == "LOCATION") rec.gold.push_back(x);
    }
    if (rec.verb.empty() || rec.verb.end > rec.text.size()) {
      ++*skipped;
      continue;
    }
    out.push_back(std::move(rec));
  }
  return out;
}

bool PlaceSpanHeldOut(const PlaceSpanRecord& r) {
  return r.source == "RELABEL" || learn::HashText(r.id) % 5 == 0;
}

StatusOr<TokenIndex> AnalyzePlaceSpanRecord(const PlaceSpanRecord& r,
                                            const std::vector<std::shared_ptr<const Stage>>& stages,
                                            std::vector<std::unique_ptr<Stage::Workspace>>& ws,
                                            const PlaceCoder& coder, Document& doc) {
  doc = Document();
  doc.text = r.text;
  doc.meta.id = r.id;
  DYAD_RETURN_IF_ERROR(RunStages(stages, ws, doc));
  coder.FindPlaces(doc);
  for (TokenIndex t = 0; t < doc.tokens.size(); ++t)
    if (doc.tokens[t].span.begin < r.verb.end && doc.tokens[t].span.end > r.verb.begin) return t;
  return kNoHead;
}

StatusOr<PlaceSpanScores> EvaluatePlaceSpans(
    const std::string& path, const std::vector<std::shared_ptr<const Stage>>& stages,
    const PlaceCoder& coder) {
  PlaceSpanScores s;
  DYAD_ASSIGN_OR_RETURN(std::vector<PlaceSpanRecord> records,
                        ReadPlaceSpanRecords(path, &s.skipped));
  s.records = records.size() + s.skipped;
  std::vector<std::unique_ptr<Stage::Workspace>> ws;
  Document doc;
  for (const PlaceSpanRecord& r : records) {
    DYAD_ASSIGN_OR_RETURN(TokenIndex trigger, AnalyzePlaceSpanRecord(r, stages, ws, coder, doc));
    if (trigger == kNoHead) {
      ++s.skipped;
      continue;
    }
    const bool held_out = PlaceSpanHeldOut(r);
    Span p = coder.ClausePhrase(doc, trigger).span;
    const bool any = !p.empty();
    bool exact = false, overlap = false;
    for (Span g : r.gold) {
      exact |= any && g == p;
      overlap |= any && g.begin < p.end && p.begin < g.end;
    }
    uint64_t gold_tokens = 0, picked_tokens = 0, right_tokens = 0;
    for (const Token& t : doc.tokens) {
      bool in_gold = false;
      for (Span g : r.gold) in_gold |= t.span.begin >= g.begin && t.span.end <= g.end;
      bool picked = any && t.span.begin >= p.begin && t.span.end <= p.end;
      gold_tokens += in_gold;
      picked_tokens += picked;
      right_tokens += picked && in_gold;
    }
    for (PlaceSpanSet* set : {&s.all, held_out ? &s.held_out : nullptr}) {
      if (set == nullptr) continue;
      ++set->records;
      SpanScore& src = set->by_source[r.source];
      for (SpanScore* sc : {&set->exact, &set->overlap, &src}) {
        sc->gold += !r.gold.empty();
        sc->predicted += any;
      }
      set->exact.correct += exact;
      src.correct += exact;
      set->overlap.correct += overlap;
      set->token.gold += gold_tokens;
      set->token.predicted += picked_tokens;
      set->token.correct += right_tokens;
    }
    if (exact || (!any && r.gold.empty()) || s.misses.size() >= 100000) continue;
    // The place phrases dyad found, for the misses list: was the gold one among them?
    std::string found;
    for (const PlaceMention& pm : doc.places)
      found += (found.empty() ? "" : "; ") + std::string(doc.SpanText(pm.span));
    std::string gold = r.gold.empty() ? "none" : "\"" + std::string(doc.SpanText(r.gold[0])) + "\"";
    s.misses.push_back(
        r.source + " " + r.id + (held_out ? " [held-out]" : "") + ": " +
        (!any ? "picked nothing" : "picked \"" + std::string(doc.SpanText(p)) + "\"") + ", gold " +
        gold + " (found: " + found + ")");
  }
  return s;
}

StatusOr<PlaceCountryScores> EvaluatePlaceCountries(
    const std::string& path, const std::vector<std::shared_ptr<const Stage>>& stages,
    const PlaceCoder& coder) {
  DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  PlaceCountryScores s;
  std::vector<std::unique_ptr<Stage::Workspace>> ws;
  TextLines lines(text);
  std::string_view line;
  while (lines.Next(line)) {
    std::string_view t = TrimBlanks(line);
    if (t.empty() || t.front() == '#') continue;
    size_t a = t.find('|'), b = a == std::string_view::npos ? a : t.find('|', a + 1);
    std::string where = path + ":" + std::to_string(lines.number());
    if (b == std::string_view::npos)
      return DataError(where + ": expected `ISO2 | place | sentence`");
    std::string iso2(TrimBlanks(t.substr(0, a)));
    std::string name(TrimBlanks(t.substr(a + 1, b - a - 1)));
    Document doc;
    doc.text = std::string(TrimBlanks(t.substr(b + 1)));
    if (iso2.size() != 2 || name.empty() || doc.text.find(name) == std::string::npos)
      return DataError(where + ": the place \"" + name + "\" must appear in the sentence");
    ++s.sentences;
    DYAD_RETURN_IF_ERROR(RunStages(stages, ws, doc));
    coder.FindPlaces(doc);
    // The first occurrence of the words that a mention covers ("Tunis" after "Tunisian").
    const PlaceMention* found = nullptr;
    for (size_t at = doc.text.find(name); at != std::string::npos && found == nullptr;
         at = doc.text.find(name, at + 1))
      for (const PlaceMention& m : doc.places)
        if (m.span.begin <= at && m.span.end >= at + name.size()) found = &m;
    std::string got = found == nullptr ? "" : found->place.country_iso2;
    if (found == nullptr) ++s.no_mention;
    if (got == iso2) {
      ++s.correct;
    } else {
      s.misses.push_back(where + ": " + name + " -> " + (got.empty() ? "(none)" : got) +
                         ", expected " + iso2);
    }
  }
  return s;
}

}  // namespace dyad
