// Fuzz target: date parsing (ParseDate, MonthFromName), wire datelines (ParseDateline and the
// Dateliner stage) and event-date resolution (ResolveTemporal; FindTemporalExpression and
// TenseOf over a segmented sentence with an arbitrary dependency tree taken from the input).
#include "dyad/core/date.h"
#include "dyad/events/event_date.h"
#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"
#include "fuzz_util.h"

namespace {
const dyad::Date kPub{2013, 4, 30};

void CheckDate(dyad::Date d) {
  if (d.empty()) return;
  DYAD_FUZZ_ASSERT(dyad::IsValidDate(d.year, d.month, d.day));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(dyad::fuzz::AsText(data, size));
  dyad::RepairUtf8(text);
  for (char& c : text) {
    if (c == '\0') c = ' ';
  }
  if (auto d = dyad::ParseDate(text); d.ok()) CheckDate(*d);
  (void)dyad::MonthFromName(text);
  if (auto dl = dyad::ParseDateline(text)) DYAD_FUZZ_ASSERT(dl->end <= text.size());
  for (dyad::Tense t : {dyad::Tense::kPast, dyad::Tense::kPresent, dyad::Tense::kFuture}) {
    if (auto d = dyad::ResolveTemporal(text, kPub, t)) CheckDate(*d);
  }

  static auto dateliner = *dyad::Dateliner::Load({.default_date = kPub});
  static auto segmenter = *dyad::Segmenter::Load({});
  static auto dws = dateliner->NewWorkspace();
  static auto sws = segmenter->NewWorkspace();
  dyad::Document doc;
  doc.text = text;
  if (!dateliner->Process(doc, *dws).ok()) return 0;
  DYAD_FUZZ_ASSERT(doc.body_begin <= doc.text.size());
  CheckDate(doc.meta.date);
  if (!segmenter->Process(doc, *sws).ok()) return 0;
  dyad::fuzz::CheckSegmentation(doc);

  // A tree per sentence: each word's head is an earlier word of its sentence or the root, read
  // from the input bytes; parts of speech likewise.
  doc.words.resize(doc.tokens.size());
  for (dyad::TokenIndex i = 0; i < doc.tokens.size(); ++i) {
    const uint8_t b = data[i % size];
    doc.words[i].upos = static_cast<dyad::Upos>(b % static_cast<int>(dyad::Upos::kCount));
    doc.words[i].xpos = static_cast<dyad::Xpos>((b >> 2) % dyad::kXposCount);
    doc.words[i].deprel = static_cast<dyad::Deprel>(b % static_cast<int>(dyad::Deprel::kCount));
    doc.words[i].lemma = std::string(doc.SpanText(doc.tokens[i].span));
  }
  for (const dyad::Sentence& s : doc.sentences) {
    for (dyad::TokenIndex i = s.first_token; i < s.end_token; ++i) {
      const uint8_t b = data[(i * 7 + 3) % size];
      doc.words[i].head = (i == s.first_token || b % 5 == 0) ? dyad::kNoHead
                                                              : s.first_token + b % (i - s.first_token);
    }
  }
  for (size_t si = 0; si < doc.sentences.size() && si < 4; ++si) {
    const dyad::Sentence& s = doc.sentences[si];
    for (dyad::TokenIndex v = s.first_token; v < s.end_token; ++v) {
      dyad::Span span = dyad::FindTemporalExpression(doc, s, v);
      DYAD_FUZZ_ASSERT(span.begin <= span.end && span.end <= doc.text.size());
      dyad::Tense tense = dyad::TenseOf(doc, s, v);
      if (!span.empty()) {
        if (auto d = dyad::ResolveTemporal(doc.SpanText(span), kPub, tense)) CheckDate(*d);
      }
    }
  }
  return 0;
}
