#include "dyad/eval/segment_eval.h"

#include <algorithm>

namespace dyad {

void ScoreSpans(const std::vector<Span>& gold, const std::vector<Span>& predicted, SpanScore& score) {
  score.gold += gold.size();
  score.predicted += predicted.size();
  size_t i = 0, j = 0;
  while (i < gold.size() && j < predicted.size()) {
    const Span& g = gold[i];
    const Span& p = predicted[j];
    if (g == p) {
      ++score.correct;
      ++i;
      ++j;
    } else if (g.begin < p.begin || (g.begin == p.begin && g.end < p.end)) {
      ++i;
    } else {
      ++j;
    }
  }
}

StatusOr<SegmentScores> EvaluateSegmentation(ConlluDocumentReader& gold,
                                             const std::vector<std::shared_ptr<const Stage>>& stages) {
  SegmentScores scores;
  std::vector<std::unique_ptr<Stage::Workspace>> ws;
  for (const auto& s : stages) ws.push_back(s->NewWorkspace());
  std::vector<Span> g_tok, g_word, g_sent, p_tok, p_word, p_sent;
  while (std::optional<ConlluDocument> gd = gold.Next()) {
    ++scores.documents;
    for (std::string& w : gd->warnings) scores.warnings.push_back(std::move(w));
    Document doc;
    doc.text = gd->text;
    doc.meta.id = gd->id;
    for (size_t s = 0; s < stages.size(); ++s) DYAD_RETURN_IF_ERROR(stages[s]->Process(doc, *ws[s]));
    g_tok.clear(), g_word.clear(), g_sent.clear(), p_tok.clear(), p_word.clear(), p_sent.clear();
    for (const ConlluSentence& s : gd->sentences) {
      g_sent.push_back(s.span);
      g_tok.insert(g_tok.end(), s.tokens.begin(), s.tokens.end());
      Span last{UINT32_MAX, UINT32_MAX};
      for (const ConlluWord& w : s.words) {
        if (!(w.span == last)) g_word.push_back(w.span);  // words without own span count once
        last = w.span;
      }
    }
    for (const Sentence& s : doc.sentences) p_sent.push_back(s.span);
    for (size_t t = 0; t < doc.tokens.size(); ++t) {
      p_word.push_back(doc.tokens[t].span);
      size_t last = t;
      while (last + 1 < doc.tokens.size() && doc.tokens[last].joined_to_next()) ++last;
      p_tok.push_back(Span{doc.tokens[t].span.begin, doc.tokens[last].span.end});
      // Words: p_word gets each; surface tokens skip the joined tail.
      for (size_t k = t + 1; k <= last; ++k) p_word.push_back(doc.tokens[k].span);
      t = last;
    }
    auto by_pos = [](const Span& a, const Span& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    };
    for (auto* v : {&g_tok, &g_word, &g_sent, &p_tok, &p_word, &p_sent}) std::sort(v->begin(), v->end(), by_pos);
    ScoreSpans(g_tok, p_tok, scores.token);
    ScoreSpans(g_word, p_word, scores.word);
    ScoreSpans(g_sent, p_sent, scores.sentence);
  }
  return scores;
}

}  // namespace dyad
