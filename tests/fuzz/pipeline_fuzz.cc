// Fuzz target: the whole analysis of a short text with the shipped models and dictionaries:
// dateline, segmentation, tagging, parsing, NER, actors and events (as `dyad code` runs them,
// every event coded). Checks the layers point inside the document.
#include <memory>
#include <vector>

#include "dyad/actors/actor_coder.h"
#include "dyad/dict/readers.h"
#include "dyad/events/event_coder.h"
#include "dyad/events/verb_dictionary.h"
#include "dyad/ner/entity_recognizer.h"
#include "dyad/parse/parser.h"
#include "dyad/tag/tagger.h"
#include "dyad/text/dateliner.h"
#include "dyad/text/segmenter.h"
#include "fuzz_util.h"

namespace {

template <typename T>
T Must(dyad::StatusOr<T> v) {
  if (!v.ok()) {
    std::fprintf(stderr, "pipeline_fuzz: %s\n", v.status().message().c_str());
    std::abort();
  }
  return *std::move(v);
}

struct Stages {
  std::vector<std::shared_ptr<const dyad::Stage>> stages;
  std::vector<std::unique_ptr<dyad::Stage::Workspace>> workspaces;
};

Stages& Get() {
  static Stages* s = [] {
    auto* st = new Stages;
    const std::string models = DYAD_MODELS_DIR;
    auto dict = Must(dyad::LoadDefaultDictionaries());
    auto verbs = Must(dyad::LoadDefaultVerbDictionaries());
    st->stages.push_back(Must(dyad::Dateliner::Load({.default_date = {2013, 4, 30}})));
    st->stages.push_back(Must(dyad::Segmenter::Load({})));
    st->stages.push_back(Must(dyad::Tagger::Load(models + "/tagger.dyad")));
    st->stages.push_back(Must(dyad::Parser::Load(models + "/parser.dyad")));
    st->stages.push_back(Must(dyad::EntityRecognizer::Load(models + "/ner.dyad")));
    st->stages.push_back(Must(dyad::ActorCoder::Load({.dictionary = dict})));
    st->stages.push_back(Must(dyad::EventCoder::Load(
        {.verbs = verbs, .dictionary = dict, .one_a_story = false})));
    for (const auto& stage : st->stages) st->workspaces.push_back(stage->NewWorkspace());
    return st;
  }();
  return *s;
}

void Check(const dyad::Document& doc) {
  dyad::fuzz::CheckSegmentation(doc);
  const size_t n = doc.tokens.size();
  DYAD_FUZZ_ASSERT(doc.words.size() == n);
  for (const auto& w : doc.words) DYAD_FUZZ_ASSERT(w.head == dyad::kNoHead || w.head < n);
  for (const auto& e : doc.entities) {
    DYAD_FUZZ_ASSERT(e.sentence < doc.sentences.size());
    DYAD_FUZZ_ASSERT(e.first_token < e.end_token && e.end_token <= n);
  }
  for (const auto& a : doc.actors) {
    DYAD_FUZZ_ASSERT(a.sentence < doc.sentences.size());
    DYAD_FUZZ_ASSERT(a.first_token <= a.end_token && a.end_token <= n);
    DYAD_FUZZ_ASSERT(a.coref_of < static_cast<int32_t>(doc.actors.size()));
  }
  for (const auto& e : doc.events) {
    DYAD_FUZZ_ASSERT(e.sentence < doc.sentences.size());
    DYAD_FUZZ_ASSERT(e.source_actor < static_cast<int32_t>(doc.actors.size()));
    DYAD_FUZZ_ASSERT(e.target_actor < static_cast<int32_t>(doc.actors.size()));
    for (dyad::Span s : {e.source_span, e.target_span, e.trigger_span}) {
      DYAD_FUZZ_ASSERT(s.begin <= s.end && s.end <= doc.text.size());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // the cost per byte is bounded elsewhere (bench --pathological)
  Stages& st = Get();
  dyad::Document doc;
  doc.text = std::string(dyad::fuzz::AsText(data, size));
  dyad::RepairUtf8(doc.text);
  for (char& c : doc.text) {
    if (c == '\0') c = ' ';
  }
  doc.meta.id = "fuzz";
  for (size_t i = 0; i < st.stages.size(); ++i) {
    if (!st.stages[i]->Process(doc, *st.workspaces[i]).ok()) return 0;
  }
  Check(doc);
  return 0;
}
