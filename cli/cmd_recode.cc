// dyad recode: re-runs actor, event and place coding over a store's parses (no tagger, parser or
// NER) after a dictionary change, replaces the actor and event rows and reports what changed.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "dyad/places/knowledge_graph.h"
#include "dyad/store/event_store.h"
#include "event_stages.h"
#include "place_stage.h"
#include "store_flags.h"
#include "verbs.h"

namespace dyad::cli {

VerbRun SetupRecode(CLI::App& app) {
  struct Flags {
    std::string db = "dyad.db";
    std::string dictionaries;
    int threads = 0;
    size_t batch = 256;
    int top = 20;
    bool all_events = false;
    bool null_actors = false;
    std::string gazetteer;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("--db", f->db, "the event store")->capture_default_str();
  app.add_option("--dictionaries", f->dictionaries,
                 "actors and verbs: a directory, a PETR_config.ini or a TABARI .project "
                 "(default: dyad's own, compiled in)");
  app.add_option("--threads,-j", f->threads, "worker threads (0 = all cores)")
      ->capture_default_str();
  app.add_option("--batch", f->batch, "documents per transaction")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--top", f->top, "dyads listed in the report")->capture_default_str();
  app.add_flag("--all-events", f->all_events,
               "keep repeated (source, target, code) events of a story (as ingest --all-events)");
  app.add_flag("--no-require-dyad", f->null_actors,
               "keep events without a source or target (as ingest --no-require-dyad)");
  app.add_option("--gazetteer", f->gazetteer,
                 "gazetteer index for event places (default: the build's, or $DYAD_GAZETTEER)");
  return [f]() -> int {
    auto dicts = LoadEventDictionaries(f->dictionaries, "recode");
    if (!dicts.ok()) return Fail(dicts.status());
    auto coding =
        MakeCodingStages(*dicts, {.require_dyad = !f->null_actors, .one_a_story = !f->all_events});
    if (!coding.ok()) return Fail(coding.status());
    auto store = EventStore::Open(f->db, {.create = false});
    if (!store.ok()) return Fail(store.status());
    auto reader = (*store)->ReadDocuments();
    if (!reader.ok()) return Fail(reader.status());
    const std::string how_coded =
        CodingSetting(f->dictionaries, f->all_events, !f->null_actors, f->gazetteer);
    auto stored_coding = (*store)->GetSetting("coding");
    if (!stored_coding.ok()) return Fail(stored_coding.status());

    // (added, removed) per root code and per dyad.
    std::map<std::string, std::pair<int64_t, int64_t>> by_root, by_dyad;
    uint64_t before = 0, after = 0, changed_docs = 0, in_batch = 0;
    Status store_error = (*store)->Begin();
    if (!store_error.ok()) return Fail(store_error);
    std::vector<std::shared_ptr<const Stage>> stages = {coding->actors, coding->events};
    // The stored document tones stay when the store was coded with this gazetteer (its lexicon):
    // tone depends on nothing a recode changes. Events' tones are computed again.
    AddPlaceStage(f->gazetteer, "recode", stages,
                  {.keep_document_tone = SameGazetteer(*stored_coding, how_coded)});
    Pipeline pipeline(std::move(stages), PipelineOptions{.threads = f->threads});
    PipelineOutput po;
    po.on_document = [&](const Document& doc, const Status& status) {
      if (!status.ok() || !store_error.ok()) return;
      StatusOr<CodingChange> c = (*store)->ReplaceCoding(doc);
      if (!c.ok()) {
        store_error = c.status();
        return;
      }
      // The knowledge-graph view follows the new coding (themes, places, tone).
      if (Status st = (*store)->PutGkg(doc.meta.id, BuildGkg(doc)); !st.ok()) {
        store_error = st;
        return;
      }
      before += c->before;
      after += c->after;
      if (!c->added.empty() || !c->removed.empty()) ++changed_docs;
      for (const auto& k : c->added) {
        ++by_root[k.root].first;
        ++by_dyad[k.dyad].first;
      }
      for (const auto& k : c->removed) {
        ++by_root[k.root].second;
        ++by_dyad[k.dyad].second;
      }
      if (++in_batch >= f->batch) {
        in_batch = 0;
        store_error = (*store)->Commit();
        if (store_error.ok()) store_error = (*store)->Begin();
      }
    };
    RunStats stats = pipeline.Run(**reader, po);
    if (store_error.ok() && stats.failed == 0)
      store_error = (*store)->SetSetting("coding", how_coded);
    if (store_error.ok()) store_error = (*store)->Commit();
    if (!store_error.ok()) {
      (void)(*store)->Rollback();
      return Fail(store_error);
    }

    int64_t added = 0, removed = 0;
    for (const auto& [root, ar] : by_root) {
      added += ar.first;
      removed += ar.second;
    }
    fmt::print("events {} -> {} (+{} -{}) in {} of {} documents\n", before, after, added, removed,
               changed_docs, stats.ok);
    if (!by_root.empty()) {
      fmt::print("\n{:<6} {:>8} {:>8}\n", "root", "added", "removed");
      for (const auto& [root, ar] : by_root)
        fmt::print("{:<6} {:>8} {:>8}\n", root, ar.first, ar.second);
      std::vector<std::pair<std::string, std::pair<int64_t, int64_t>>> dyads(by_dyad.begin(),
                                                                             by_dyad.end());
      std::stable_sort(dyads.begin(), dyads.end(), [](const auto& a, const auto& b) {
        return a.second.first + a.second.second > b.second.first + b.second.second;
      });
      if (f->top >= 0 && dyads.size() > static_cast<size_t>(f->top)) dyads.resize(f->top);
      fmt::print("\n{:<30} {:>8} {:>8}\n", "dyad (most changed)", "added", "removed");
      for (const auto& [dyad, ar] : dyads)
        fmt::print("{:<30} {:>8} {:>8}\n", dyad, ar.first, ar.second);
    }
    if (stored_coding.ok() && *stored_coding != how_coded && stats.failed == 0)
      fmt::print(stderr, "dyad recode: coding was {}, now {}\n",
                 stored_coding->empty() ? "(not recorded)" : *stored_coding, how_coded);
    fmt::print(stderr,
               "dyad recode: {}; {} sentences in {:.2f} s ({:.1f} docs/s, {:.0f} sentences/s, {} "
               "threads) -> {}\n",
               stats.Summary(), stats.sentences, stats.seconds,
               stats.seconds > 0 ? stats.read / stats.seconds : 0.0,
               stats.seconds > 0 ? stats.sentences / stats.seconds : 0.0, stats.threads, f->db);
    return stats.failed > 0 ? kExitData : kExitOk;
  };
}

}  // namespace dyad::cli
