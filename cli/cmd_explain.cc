// dyad explain "sentence": the parse, the actors and how each was coded, the verb patterns
// tried and the one that matched — what a dictionary editor needs to see.
#include <fmt/format.h>

#include "event_stages.h"
#include "verbs.h"

namespace dyad::cli {

VerbRun SetupExplain(CLI::App& app) {
  struct Flags {
    std::string text;
    std::string date;
    std::string dictionaries;
    ModelFlags models;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("sentence", f->text, "the text to explain")->required();
  app.add_option("--date", f->date, "publication date (YYYY-MM-DD)");
  app.add_option("--dictionaries", f->dictionaries,
                 "actors and verbs: a directory, a PETR_config.ini or a TABARI .project");
  AddModelFlags(app, f->models, Analysis::kParse);
  return [f]() -> int {
    auto dicts = LoadEventDictionaries(f->dictionaries, "explain");
    if (!dicts.ok()) return Fail(dicts.status());
    auto coding = MakeCodingStages(*dicts, {.one_a_story = false});
    if (!coding.ok()) return Fail(coding.status());
    InputFlags in;
    in.date = f->date;
    auto stages = MakeTextStages(in);
    if (!stages.ok()) return Fail(stages.status());
    if (Status s = AddAnalysisStages(f->models, Analysis::kParse, *stages); !s.ok()) return Fail(s);
    stages->push_back(coding->actors);
    stages->push_back(coding->events);
    Document doc;
    doc.text = f->text;
    doc.meta.id = "explain";
    for (const auto& s : *stages) {
      auto ws = s->NewWorkspace();
      if (Status st = s->Process(doc, *ws); !st.ok()) return Fail(st);
    }
    fmt::print("publication date: {}\n",
               doc.meta.date.empty() ? "(none)" : doc.meta.date.ToString());
    for (SentenceIndex si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      fmt::print("\n== sentence {}: {}\n-- parse\n", si + 1, doc.SpanText(s.span));
      for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
        const WordAnalysis& w = doc.words[t];
        fmt::print("  {:>3} {:<16} {:<14} {:<6} {:<4} {:>3} {}\n", t - s.first_token + 1,
                   doc.SpanText(doc.tokens[t].span), w.lemma, UposName(w.upos), XposName(w.xpos),
                   w.head == kNoHead ? 0 : w.head - s.first_token + 1, DeprelName(w.deprel));
      }
      fmt::print("-- actors\n");
      for (const ActorMention& m : doc.actors) {
        if (m.sentence != si) continue;
        fmt::print("  {:<30} {:<10} {}\n", doc.SpanText(m.span), m.code, m.how);
      }
      fmt::print("-- verbs and patterns\n{}", coding->events->Explain(doc, si));
      fmt::print("-- events\n");
      for (const Event& e : doc.events) {
        if (e.sentence != si) continue;
        fmt::print("  {} {} {}  date {}{}  rule {}\n", e.source, e.code, e.target,
                   e.date.empty() ? "-" : e.date.ToString(),
                   e.date_text.empty() ? "" : " (\"" + e.date_text + "\")", e.rule);
      }
    }
    return kExitOk;
  };
}

}  // namespace dyad::cli
