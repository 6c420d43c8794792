#include "dyad/eval/places_eval.h"

#include <nlohmann/json.hpp>

#include "dyad/core/text_file.h"

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

StatusOr<PlaceSpanScores> EvaluatePlaceSpans(
    const std::string& path, const std::vector<std::shared_ptr<const Stage>>& stages,
    const PlaceCoder& coder) {
  DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  PlaceSpanScores s;
  std::vector<std::unique_ptr<Stage::Workspace>> ws;
  TextLines lines(text);
  std::string_view line;
  while (lines.Next(line)) {
    if (TrimBlanks(line).empty()) continue;
    nlohmann::json r = nlohmann::json::parse(line, nullptr, false);
    if (r.is_discarded() || !r.is_object() || !r.contains("text") || !r["text"].is_string()) {
      return DataError(path + ":" + std::to_string(lines.number()) +
                       ": not a JSON record with text");
    }
    ++s.records;
    if (!r.contains("spans") || !r["spans"].is_array()) {
      ++s.skipped;
      continue;
    }
    Span verb;
    std::vector<Span> gold;
    // Offsets count characters (code points); the Document counts bytes.
    const std::string& raw_text = r["text"].get_ref<const std::string&>();
    std::vector<ByteOffset> byte_of;
    for (size_t b = 0; b < raw_text.size(); ++b)
      if ((static_cast<unsigned char>(raw_text[b]) & 0xC0) != 0x80) byte_of.push_back(b);
    byte_of.push_back(raw_text.size());
    auto at = [&](unsigned cp) { return cp < byte_of.size() ? byte_of[cp] : byte_of.back(); };
    for (const auto& sp : r["spans"]) {
      Span x{at(sp.value("start", 0u)), at(sp.value("end", 0u))};
      // Some records give token numbers instead of offsets: find the span's text instead.
      std::string words = sp.value("text", "");
      if (!words.empty() && raw_text.compare(x.begin, x.size(), words) != 0) {
        size_t found = raw_text.find(words);
        if (found == std::string::npos) continue;
        x = {static_cast<ByteOffset>(found), static_cast<ByteOffset>(found + words.size())};
      }
      std::string label = sp.value("label", "");
      if (label == "VERB") verb = x;
      if (label == "LOCATION") gold.push_back(x);
    }
    Document doc;
    doc.text = r["text"].get<std::string>();
    doc.meta.id = r.contains("_id") ? r["_id"].dump() : std::to_string(lines.number());
    if (verb.empty() || verb.end > doc.text.size()) {
      ++s.skipped;
      continue;
    }
    DYAD_RETURN_IF_ERROR(RunStages(stages, ws, doc));
    coder.FindPlaces(doc);
    TokenIndex trigger = kNoHead;
    for (TokenIndex t = 0; t < doc.tokens.size(); ++t)
      if (doc.tokens[t].span.begin < verb.end && doc.tokens[t].span.end > verb.begin) {
        trigger = t;
        break;
      }
    if (trigger == kNoHead) {
      ++s.skipped;
      continue;
    }
    SpanScore& src = s.by_source[r.value("source", "")];
    if (!gold.empty()) ++s.exact.gold, ++s.overlap.gold, ++src.gold;
    int m = coder.ClausePlace(doc, trigger);
    // The place phrases dyad found, for the misses list: was the gold one among them?
    std::string found;
    for (const PlaceMention& pm : doc.places)
      found += (found.empty() ? "" : "; ") + std::string(doc.SpanText(pm.span));
    if (m < 0) {
      if (!gold.empty() && s.misses.size() < 100000)
        s.misses.push_back(r.value("source", "") + " " + doc.meta.id + ": picked nothing, gold \"" +
                           std::string(doc.SpanText(gold[0])) + "\" (found: " + found + ")");
      continue;
    }
    ++s.exact.predicted, ++s.overlap.predicted, ++src.predicted;
    Span p = doc.places[m].span;
    bool exact = false, overlap = false;
    for (Span g : gold) {
      exact |= g == p;
      overlap |= g.begin < p.end && p.begin < g.end;
    }
    s.exact.correct += exact;
    src.correct += exact;
    s.overlap.correct += overlap;
    if (!exact && s.misses.size() < 100000)
      s.misses.push_back(
          r.value("source", "") + " " + doc.meta.id + ": picked \"" + std::string(doc.SpanText(p)) +
          "\", gold " + (gold.empty() ? "none" : "\"" + std::string(doc.SpanText(gold[0])) + "\"") +
          " (found: " + found + ")");
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
