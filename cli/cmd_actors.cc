// dyad actors: actor mentions and their CAMEO codes, one JSON line each; and dyad eval actors,
// the defaults' coverage of what the Phoenix dictionaries code.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common.h"
#include "dyad/actors/actor_coder.h"
#include "dyad/dict/readers.h"
#include "dyad/io/writer.h"
#include "verbs.h"

namespace dyad::cli {
namespace {

// {"doc_id","sentence" (1-based),"begin","end" (bytes),"text","code","how"[,"coref_of"]} per
// mention, in text order.
class ActorWriter final : public DocumentWriter {
 public:
  void Append(const Document& doc, std::string& out) const override {
    for (const ActorMention& m : doc.actors) {
      out += "{\"doc_id\":";
      AppendJsonString(out, doc.meta.id);
      fmt::format_to(std::back_inserter(out),
                     ",\"sentence\":{},\"begin\":{},\"end\":{},\"text\":", m.sentence + 1,
                     m.span.begin, m.span.end);
      AppendJsonString(out, doc.SpanText(m.span));
      out += ",\"code\":";
      AppendJsonString(out, m.code);
      out += ",\"how\":";
      AppendJsonString(out, m.how);
      if (m.coref_of >= 0) fmt::format_to(std::back_inserter(out), ",\"coref_of\":{}", m.coref_of);
      out += "}\n";
    }
  }
};

// Loads --dictionaries (dyad's defaults when empty) and reports what loading skipped.
StatusOr<std::shared_ptr<const Dictionary>> LoadForCli(const std::string& path, const char* verb) {
  StatusOr<std::shared_ptr<const Dictionary>> dict =
      path.empty() ? LoadDefaultDictionaries() : LoadDictionaries(path);
  if (!dict.ok()) return dict.status();
  const std::vector<std::string>& warnings = (*dict)->warnings();
  for (size_t i = 0; i < warnings.size() && i < 10; ++i)
    fmt::print(stderr, "dyad {}: warning: {}\n", verb, warnings[i]);
  if (warnings.size() > 10)
    fmt::print(stderr, "dyad {}: … and {} more dictionary warnings\n", verb, warnings.size() - 10);
  fmt::print(stderr, "dyad {}: dictionaries {}: {} actors, {} agents, {} titles, {} warnings\n",
             verb, path.empty() ? "(defaults)" : path, (*dict)->Count(EntryKind::kActor),
             (*dict)->Count(EntryKind::kAgent), (*dict)->Count(EntryKind::kTitle), warnings.size());
  if ((*dict)->size() == 0) return NotFoundError("no dictionary entries loaded");
  return dict;
}

// The stages of `dyad actors`: text, then whatever fills Document::words, then the actors.
StatusOr<std::vector<std::shared_ptr<const Stage>>> MakeActorStages(
    const InputFlags& in, const ModelFlags& models, std::shared_ptr<const Dictionary> dict) {
  DYAD_ASSIGN_OR_RETURN(auto stages, MakeTextStages(in));
  // Lemmas and subjects from the tagger and parser sharpen matching and coreference.
  DYAD_RETURN_IF_ERROR(AddAnalysisStages(models, Analysis::kParse, stages));
  DYAD_ASSIGN_OR_RETURN(auto coder, ActorCoder::Load({.dictionary = std::move(dict)}));
  stages.push_back(std::move(coder));
  return stages;
}

}  // namespace

VerbRun SetupActors(CLI::App& app) {
  struct Flags {
    InputFlags in;
    ModelFlags models;
    std::string dictionaries;
    std::string output = "-";
  };
  auto f = std::make_shared<Flags>();
  AddInputFlags(app, f->in);
  AddModelFlags(app, f->models, Analysis::kParse);
  app.add_option("--dictionaries", f->dictionaries,
                 "a directory, a PETR_config.ini, a TABARI .project or a dictionary file "
                 "(default: dyad's own, compiled in)");
  app.add_option("--output,-o", f->output, "output file; - for standard output")
      ->capture_default_str();
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    auto dict = LoadForCli(f->dictionaries, "actors");
    if (!dict.ok()) return Fail(dict.status());
    auto stages = MakeActorStages(f->in, f->models, *dict);
    if (!stages.ok()) return Fail(stages.status());
    auto reader = OpenReader(f->in.path, *ro);
    if (!reader.ok()) return Fail(reader.status());
    auto out = OpenOutput(f->output);
    if (!out.ok()) return Fail(out.status());
    ActorWriter writer;
    Pipeline pipeline(*stages, PipelineOptions{.threads = f->in.threads});
    PipelineOutput po;
    po.max_messages = MessageLimit(f->in);
    po.writer = &writer;
    po.out = out->get();
    uint64_t mentions = 0;
    po.on_document = [&](const Document& d, const Status&) { mentions += d.actors.size(); };
    RunStats stats = pipeline.Run(**reader, po);
    out->reset();
    fmt::print(stderr, "dyad actors: {}; {} sentences, {} actor mentions in {:.2f} s\n",
               stats.Summary(), stats.sentences, mentions, stats.seconds);
    return stats.failed > 0 ? kExitData : kExitOk;
  };
}

VerbRun SetupEvalActors(CLI::App& app) {
  struct Flags {
    InputFlags in;
    ModelFlags models;
    std::string reference = "../shared/data/petrarch2/config/PETR_config.ini";
    std::string dictionaries;
    int show = 25;
  };
  auto f = std::make_shared<Flags>();
  AddModelFlags(app, f->models, Analysis::kParse);
  app.add_option("--news", f->in.path, "stories to code (a file or a directory)")->required();
  app.add_option("--reference", f->reference, "the dictionaries whose mentions are the reference")
      ->capture_default_str();
  app.add_option("--dictionaries", f->dictionaries,
                 "the dictionaries measured (default: dyad's own)");
  app.add_option("--date", f->in.date, "publication date for stories that carry none");
  app.add_option("--show", f->show, "how many of the most frequent misses to list")
      ->capture_default_str();
  return [f]() -> int {
    StatusOr<ReaderOptions> ro = MakeReaderOptions(f->in);
    if (!ro.ok()) return Fail(ro.status());
    auto reference = LoadForCli(f->reference, "eval actors");
    if (!reference.ok()) return Fail(reference.status());
    auto measured = LoadForCli(f->dictionaries, "eval actors");
    if (!measured.ok()) return Fail(measured.status());
    auto ref_coder = ActorCoder::Load({.dictionary = *reference});
    auto our_coder = ActorCoder::Load({.dictionary = *measured});
    if (!ref_coder.ok() || !our_coder.ok())
      return Fail(InternalError("cannot build the actor coders"));
    auto stages = MakeTextStages(f->in);
    if (!stages.ok()) return Fail(stages.status());
    if (Status st = AddAnalysisStages(f->models, Analysis::kParse, *stages); !st.ok()) return Fail(st);
    auto reader = OpenReader(f->in.path, *ro);
    if (!reader.ok()) return Fail(reader.status());
    auto ref_ws = (*ref_coder)->NewWorkspace();
    auto our_ws = (*our_coder)->NewWorkspace();
    // A reference mention is one the reference dictionaries code to a country or organisation
    // (not ---ROLE) by a dictionary or context rule (pronouns and other coreference left out);
    // it is covered when dyad codes an overlapping mention with the same first three letters.
    uint64_t reference_mentions = 0, covered = 0, other_code = 0, docs = 0, our_mentions = 0;
    // The same share over the reference mentions coded to a state: their first three letters are
    // a country code of the measured dictionaries (companies, media, IGOs left out).
    uint64_t state_mentions = 0, state_covered = 0;
    std::set<std::string> states;
    for (EntryId id = 0; id < (*measured)->size(); ++id) {
      const DictEntry& e = (*measured)->entry(id);
      if ((e.actor_class == ActorClass::kCountry || e.actor_class == ActorClass::kDemonym) &&
          !e.codes.empty())
        states.insert(e.codes[0].code.substr(0, 3));
    }
    std::map<std::string, std::pair<uint64_t, std::string>>
        missed;  // text -> (count, reference code)
    std::map<std::string, std::pair<uint64_t, std::string>>
        otherwise;                                   // text -> (count, both codes)
    std::map<std::string, uint64_t> missed_by_code;  // the reference code's first three letters
    Pipeline pipeline(*stages, PipelineOptions{.threads = f->in.threads});
    PipelineOutput po;
    po.diagnostics = nullptr;
    double coding_seconds = 0;
    po.on_document = [&](const Document& d, const Status& s) {
      if (!s.ok()) return;
      ++docs;
      Document doc = d;
      auto t0 = std::chrono::steady_clock::now();
      if (!(*ref_coder)->Process(doc, *ref_ws).ok()) return;
      std::vector<ActorMention> ref = std::move(doc.actors);
      if (!(*our_coder)->Process(doc, *our_ws).ok()) return;
      coding_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      our_mentions += doc.actors.size();
      for (const ActorMention& r : ref) {
        if (r.coref_of >= 0 || r.code.size() < 3 || r.code[0] == '-') continue;
        ++reference_mentions;
        bool same = false;
        const ActorMention* overlap = nullptr;
        for (const ActorMention& m : doc.actors) {
          if (m.span.end <= r.span.begin || m.span.begin >= r.span.end) continue;
          overlap = &m;
          same |= m.code.compare(0, 3, r.code, 0, 3) == 0;
        }
        const bool state = states.count(r.code.substr(0, 3)) > 0;
        state_mentions += state;
        if (same) {
          ++covered;
          state_covered += state;
          continue;
        }
        ++missed_by_code[r.code.substr(0, 3)];
        auto& entry = (overlap ? otherwise : missed)[std::string(doc.SpanText(r.span))];
        ++entry.first;
        entry.second = overlap ? r.code + " vs " + overlap->code : r.code;
        other_code += overlap != nullptr;
      }
    };
    RunStats stats = pipeline.Run(**reader, po);
    auto most = [&](const std::map<std::string, std::pair<uint64_t, std::string>>& counts,
                    const char* label) {
      std::vector<std::pair<uint64_t, std::string>> top;
      for (const auto& [text, v] : counts) top.emplace_back(v.first, text + " (" + v.second + ")");
      std::sort(top.begin(), top.end(),
                [](const auto& a, const auto& b) { return a.first > b.first; });
      for (size_t i = 0; i < top.size() && i < static_cast<size_t>(f->show); ++i) {
        fmt::print("  {} {:>5}  {}\n", label, top[i].first, top[i].second);
      }
    };
    fmt::print(
        "{} stories, {} reference mentions, {} coded to the same country by dyad ({:.2f} %), {} "
        "coded "
        "otherwise, {} not coded\n",
        docs, reference_mentions, covered,
        reference_mentions ? 100.0 * covered / reference_mentions : 0.0, other_code,
        reference_mentions - covered - other_code);
    std::vector<std::pair<uint64_t, std::string>> by_code;
    for (const auto& [code, n] : missed_by_code) by_code.emplace_back(n, code);
    std::sort(by_code.begin(), by_code.end(), std::greater<>());
    std::string codes;
    for (size_t i = 0; i < by_code.size() && i < 15; ++i)
      codes += fmt::format(" {} {}", by_code[i].second, by_code[i].first);
    fmt::print("  missed by reference code:{}\n", codes);
    fmt::print("  of those coded to a state: {} of {} ({:.2f} %)\n", state_covered, state_mentions,
               state_mentions ? 100.0 * state_covered / state_mentions : 0.0);
    most(missed, "missed   ");
    most(otherwise, "otherwise");
    auto r2 = [](double v) { return std::round(v * 100) / 100; };
    nlohmann::json j = {
        {"stories", docs},
        {"reference_mentions", reference_mentions},
        {"covered", covered},
        {"coverage_percent", r2(reference_mentions ? 100.0 * covered / reference_mentions : 0)},
        {"coded_otherwise", other_code},
        {"state_reference_mentions", state_mentions},
        {"state_covered", state_covered},
        {"state_coverage_percent", r2(state_mentions ? 100.0 * state_covered / state_mentions : 0)},
        {"dyad_mentions", our_mentions},
        {"coding_seconds", r2(coding_seconds)},
        {"seconds", r2(stats.seconds)}};
    fmt::print("{}\n", j.dump());
    return kExitOk;
  };
}

}  // namespace dyad::cli
