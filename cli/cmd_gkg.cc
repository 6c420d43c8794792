// dyad gkg: the knowledge-graph view of each story (GDELT GKG-like) as one JSON line: persons,
// organisations, geocoded locations, counts of killed / wounded / arrested, themes, tone; or, with
// --format gdelt-gkg, as a GDELT GKG 2.1 row (dyad/export/gkg.h).
#include <fmt/format.h>

#include "common.h"
#include "dyad/actors/actor_coder.h"
#include "dyad/dict/readers.h"
#include "dyad/export/gkg.h"
#include "dyad/io/writer.h"
#include "dyad/places/knowledge_graph.h"
#include "place_stage.h"
#include "verbs.h"

namespace dyad::cli {

namespace {

class GkgWriter final : public DocumentWriter {
 public:
  GkgWriter(std::shared_ptr<const Dictionary> dict, bool gdelt)
      : dict_(std::move(dict)), gdelt_(gdelt) {}
  void Append(const Document& doc, std::string& out) const override {
    GkgRecord g = BuildGkg(doc, dict_.get());
    if (gdelt_) {
      AppendGdeltGkgRow(doc, g, {}, out);
      return;
    }
    out += "{\"doc_id\":";
    AppendJsonString(out, doc.meta.id);
    out += ",\"date\":";
    AppendJsonString(out, doc.meta.date.empty() ? "" : doc.meta.date.ToString());
    for (auto [key, list] :
         {std::pair{"persons", &g.persons}, {"organizations", &g.organizations}}) {
      out += fmt::format(",\"{}\":[", key);
      for (size_t i = 0; i < list->size(); ++i) {
        const GkgName& n = (*list)[i];
        out += i ? ",{\"name\":" : "{\"name\":";
        AppendJsonString(out, n.name);
        out += fmt::format(",\"count\":{},\"offset\":{}}}", n.count, n.first);
      }
      out += "]";
    }
    out += ",\"locations\":[";
    for (size_t i = 0; i < g.locations.size(); ++i) {
      if (i) out += ",";
      std::string place;
      AppendGeoPlace(doc, g.locations[i].place, place);
      place.pop_back();  // the closing brace: the count goes inside
      out += place + fmt::format(",\"count\":{}}}", g.locations[i].count);
    }
    out += "],\"counts\":[";
    for (size_t i = 0; i < g.counts.size(); ++i) {
      const GkgCount& c = g.counts[i];
      out += fmt::format("{}{{\"type\":\"{}\",\"number\":{},\"object\":", i ? "," : "", c.type,
                         c.number);
      AppendJsonString(out, c.object);
      out += ",\"text\":";
      AppendJsonString(out, doc.SpanText(c.evidence));
      out += fmt::format(",\"begin\":{},\"end\":{}}}", c.evidence.begin, c.evidence.end);
    }
    out += "],\"themes\":[";
    for (size_t i = 0; i < g.themes.size(); ++i) {
      if (i) out += ",";
      AppendJsonString(out, g.themes[i]);
    }
    out += "],\"tone\":";
    AppendTone(g.tone, out);
    out += "}\n";
  }

 private:
  std::shared_ptr<const Dictionary> dict_;
  bool gdelt_;
};

}  // namespace

VerbRun SetupGkg(CLI::App& app) {
  struct Flags {
    InputFlags in;
    ModelFlags models;
    std::string dictionaries, gazetteer;
    std::string output = "-";
    std::string format = "jsonl";
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  AddModelFlags(app, f->models, Analysis::kAll);
  app.add_option("--dictionaries", f->dictionaries,
                 "actor dictionaries, whose issues become themes: a directory, PETR_config.ini or "
                 "TABARI .project (default: dyad's own, which have no issues)");
  app.add_option("--gazetteer", f->gazetteer, "gazetteer index (default: the build's)");
  app.add_option("--format", f->format,
                 "jsonl (dyad's view) or gdelt-gkg (GDELT GKG 2.1, 27 tab-separated columns)")
      ->check(CLI::IsMember({"jsonl", "gdelt-gkg"}))
      ->capture_default_str();
  app.add_option("--output,-o", f->output, "output file; - for standard output")
      ->capture_default_str();
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    auto dict =
        f->dictionaries.empty() ? LoadDefaultDictionaries() : LoadDictionaries(f->dictionaries);
    if (!dict.ok()) return Fail(dict.status());
    auto actors = ActorCoder::Load({.dictionary = *dict});
    if (!actors.ok()) return Fail(actors.status());
    auto places = MakePlaceCoder(f->gazetteer);
    if (!places.ok()) return Fail(places.status());
    auto stages = MakeTextStages(f->in);
    if (!stages.ok()) return Fail(stages.status());
    if (Status st = AddAnalysisStages(f->models, Analysis::kAll, *stages); !st.ok())
      return Fail(st);
    stages->push_back(*actors);
    stages->push_back(*places);
    auto reader = OpenReader(f->in.path, *ro);
    if (!reader.ok()) return Fail(reader.status());
    auto out = OpenOutput(f->output);
    if (!out.ok()) return Fail(out.status());
    GkgWriter writer(*dict, f->format == "gdelt-gkg");
    Pipeline pipeline(*stages, PipelineOptions{.threads = f->in.threads});
    PipelineOutput po;
    po.max_messages = MessageLimit(f->in);
    po.writer = &writer;
    po.out = out->get();
    RunStats stats = pipeline.Run(**reader, po);
    fmt::print(stderr, "dyad gkg: {} in {:.2f} s\n", stats.Summary(), stats.seconds);
    return stats.failed > 0 ? kExitData : kExitOk;
  };
}

}  // namespace dyad::cli
