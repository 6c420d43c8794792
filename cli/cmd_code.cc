// dyad code: CAMEO events from news, as JSON Lines, PETRARCH, Phoenix or TABARI event files.
#include <fmt/format.h>

#include "dyad/dict/readers.h"
#include "dyad/io/writer.h"
#include "event_stages.h"
#include "place_stage.h"
#include "verbs.h"

namespace dyad::cli {

StatusOr<EventDictionaries> LoadEventDictionaries(const std::string& path, const char* verb) {
  EventDictionaries d;
  auto actors = path.empty() ? LoadDefaultDictionaries() : LoadDictionaries(path);
  if (!actors.ok()) return actors.status();
  auto verbs = path.empty() ? LoadDefaultVerbDictionaries() : LoadVerbDictionaries(path);
  if (!verbs.ok()) return verbs.status();
  d.actors = *actors;
  d.verbs = *verbs;
  std::vector<std::string> warnings = d.actors->warnings();
  warnings.insert(warnings.end(), d.verbs->warnings().begin(), d.verbs->warnings().end());
  for (size_t i = 0; i < warnings.size() && i < 10; ++i)
    fmt::print(stderr, "dyad {}: warning: {}\n", verb, warnings[i]);
  if (warnings.size() > 10)
    fmt::print(stderr, "dyad {}: … and {} more dictionary warnings\n", verb, warnings.size() - 10);
  fmt::print(stderr, "dyad {}: dictionaries {}: {} actors, {} verbs, {} verb patterns\n", verb,
             path.empty() ? "(defaults)" : path, d.actors->Count(EntryKind::kActor),
             d.verbs->entry_count(), d.verbs->pattern_count());
  if (d.verbs->entry_count() == 0)
    fmt::print(stderr, "dyad {}: warning: no verb dictionary entries; no event can be coded\n",
               verb);
  return d;
}

StatusOr<CodingStages> MakeCodingStages(const EventDictionaries& dicts,
                                        const EventCoderOptions& base,
                                        const ActorCoderOptions& actor_base) {
  CodingStages s;
  ActorCoderOptions a = actor_base;
  a.dictionary = dicts.actors;
  DYAD_ASSIGN_OR_RETURN(s.actors, ActorCoder::Load(std::move(a)));
  EventCoderOptions o = base;
  o.verbs = dicts.verbs;
  o.dictionary = dicts.actors;
  DYAD_ASSIGN_OR_RETURN(s.events, EventCoder::Load(std::move(o)));
  return s;
}

namespace {

std::string Compact(const Date& d) {
  return d.empty() ? "" : fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day);
}

void AppendEvidence(const Document& doc, const char* name, Span s, std::string& out) {
  out += fmt::format("\"{}\":", name);
  if (s.empty()) {
    out += "null";
    return;
  }
  out += fmt::format("{{\"begin\":{},\"end\":{},\"text\":", s.begin, s.end);
  AppendJsonString(out, doc.SpanText(s));
  out += "}";
}

class EventWriter final : public DocumentWriter {
 public:
  explicit EventWriter(std::string format) : format_(std::move(format)) {}
  void Append(const Document& doc, std::string& out) const override {
    for (const Event& e : doc.events) {
      if (format_ == "jsonl")
        Jsonl(doc, e, out);
      else if (format_ == "petrarch") {
        out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}-{}\t{}\n", Compact(e.date), e.source, e.target,
                           e.code, Issues(e), doc.meta.id, e.sentence + 1, doc.meta.url);
      } else if (format_ == "tabari") {
        out +=
            fmt::format("{}\t{}\t{}\t{}\n", Compact(e.date).substr(2), e.source, e.target, e.code);
      } else {
        Phoenix(doc, e, out);
      }
    }
  }

 private:
  static std::string Issues(const Event& e) {
    std::string s;
    for (const std::string& i : e.issues) s += (s.empty() ? "" : ";") + i;
    return s;
  }
  static void Jsonl(const Document& doc, const Event& e, std::string& out) {
    out += "{\"doc_id\":";
    AppendJsonString(out, doc.meta.id);
    out += fmt::format(",\"sentence\":{},\"date\":", e.sentence + 1);
    AppendJsonString(out, e.date.empty() ? "" : e.date.ToString());
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
    AppendEvidence(doc, "source", e.source_span, out);
    out += ",";
    AppendEvidence(doc, "target", e.target_span, out);
    out += ",";
    AppendEvidence(doc, "trigger", e.trigger_span, out);
    out += ",\"date_text\":";
    AppendJsonString(out, e.date_text);
    out += "},\"rule\":";
    AppendJsonString(out, e.rule);
    out += ",\"place\":";  // dyad_places (null without a gazetteer)
    AppendGeoPlace(doc, e.place, out);
    out += ",\"source_place\":";
    AppendGeoPlace(doc, e.source_place, out);
    out += ",\"target_place\":";
    AppendGeoPlace(doc, e.target_place, out);
    out += ",\"tone\":";
    AppendTone(e.tone, out);
    out += "}\n";
  }
  // Phoenix's 26 columns; location columns stay empty until dyad_places exists.
  static void Phoenix(const Document& doc, const Event& e, std::string& out) {
    auto split = [](const std::string& c) {
      return std::tuple<std::string, std::string, std::string>(
          c.substr(0, std::min<size_t>(3, c.size())), c.size() > 3 ? c.substr(3, 3) : "",
          c.size() > 6 ? c.substr(6) : "");
    };
    auto [se, sr, sa] = split(e.source);
    auto [te, tr, ta] = split(e.target);
    out += fmt::format(
        "{}-{}-{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t\t\t\t\t\t{}"
        "-{}"
        "\t{}\t{}\n",
        doc.meta.id, e.sentence + 1, e.code, Compact(e.date), e.date.year, e.date.month, e.date.day,
        e.source, se, sr, sa, e.target, te, tr, ta, e.code, e.root, e.quad_class, e.goldstein,
        Issues(e), doc.meta.id, e.sentence + 1, doc.meta.url, doc.meta.source);
  }
  std::string format_;
};

}  // namespace

VerbRun SetupCode(CLI::App& app) {
  struct Flags {
    InputFlags in;
    ModelFlags models;
    std::string dictionaries;
    std::string format = "jsonl";
    std::string output = "-";
    bool all_events = false;
    bool null_actors = false;
    std::string gazetteer;
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  AddModelFlags(app, f->models, Analysis::kParse);
  app.add_option("--dictionaries", f->dictionaries,
                 "actors and verbs: a directory, a PETR_config.ini or a TABARI .project "
                 "(default: dyad's own, compiled in)");
  app.add_option("--format", f->format, "jsonl, petrarch, phoenix or tabari")
      ->check(CLI::IsMember({"jsonl", "petrarch", "phoenix", "tabari"}))
      ->capture_default_str();
  app.add_option("--output,-o", f->output, "output file; - for standard output")
      ->capture_default_str();
  app.add_flag("--all-events", f->all_events,
               "keep repeated (source, target, code) events of a story (one-a-story filter off)");
  app.add_flag("--no-require-dyad", f->null_actors, "keep events without a source or target");
  app.add_option("--gazetteer", f->gazetteer,
                 "gazetteer index for event places (default: the build's, or $DYAD_GAZETTEER)");
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    auto dicts = LoadEventDictionaries(f->dictionaries, "code");
    if (!dicts.ok()) return Fail(dicts.status());
    auto coding =
        MakeCodingStages(*dicts, {.require_dyad = !f->null_actors, .one_a_story = !f->all_events});
    if (!coding.ok()) return Fail(coding.status());
    auto stages = MakeTextStages(f->in);
    if (!stages.ok()) return Fail(stages.status());
    if (Status st = AddAnalysisStages(f->models, Analysis::kParse, *stages); !st.ok())
      return Fail(st);
    stages->push_back(coding->actors);
    stages->push_back(coding->events);
    if (auto places = MakePlaceCoder(f->gazetteer); places.ok())
      stages->push_back(*places);
    else
      fmt::print(stderr, "dyad code: warning: no event places: {}\n", places.status().message());
    auto reader = OpenReader(f->in.path, *ro);
    if (!reader.ok()) return Fail(reader.status());
    std::FILE* out = stdout;
    if (f->output != "-") {
      out = std::fopen(f->output.c_str(), "wb");
      if (!out) return Fail(NotFoundError(f->output + ": cannot open for writing"));
    }
    EventWriter writer(f->format);
    Pipeline pipeline(*stages, PipelineOptions{.threads = f->in.threads});
    PipelineOutput po;
    po.writer = &writer;
    po.out = out;
    uint64_t events = 0;
    po.on_document = [&](const Document& d, const Status&) { events += d.events.size(); };
    RunStats stats = pipeline.Run(**reader, po);
    if (out != stdout) std::fclose(out);
    std::string per_stage;
    for (const auto& [name, sec] : stats.stage_seconds)
      per_stage += fmt::format(" {} {:.2f} s", name, sec);
    fmt::print(stderr,
               "dyad code: {}; {} sentences, {} events in {:.2f} s ({:.0f} sentences/s;{})\n",
               stats.Summary(), stats.sentences, events, stats.seconds,
               stats.seconds > 0 ? stats.sentences / stats.seconds : 0.0, per_stage);
    return stats.failed > 0 ? kExitData : kExitOk;
  };
}

}  // namespace dyad::cli
