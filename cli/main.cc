// dyad — political event data from raw news. One binary, one verb per job.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>

#include "verbs.h"

namespace dyad::cli {

const std::vector<Verb>& Verbs() {
  static const std::vector<Verb> kVerbs = {
      {"segment", "split documents into sentences and tokens (jsonl, conllu or text out)", &SetupSegment},
      {"tag", "POS tags and lemmas (CoNLL-U out)", &SetupTag},
      {"parse", "dependency trees (CoNLL-U out)", &SetupParse},
      {"ner", "named entities (a JSON line per entity)", &SetupNer},
      {"train", "train a model: train tagger|parser|ner --train F --dev F --out F, train places --gold F --out F", &SetupTrain},
      {"actors", "actor mentions with CAMEO codes, one JSON line each (--dictionaries PATH)", &SetupActors},
      {"code",
       "CAMEO events, one JSON line each (--dictionaries PATH, --format petrarch|phoenix|tabari|"
       "gdelt-events|gdelt-mentions|icews|plover|csv)",
       &SetupCode},
      {"validate", "run a peer's validation suite (PETRARCH, UniversalPetrarch or TABARI records)",
       &SetupValidate},
      {"explain", "show how a sentence is parsed and coded: actors, patterns tried, events", &SetupExplain},
      {"eval", "score a stage against gold data (eval segment --gold F.conllu, eval actors --news DIR)",
       &SetupEval},
      {"serve", "HTTP API (/v1/code, /v1/events, ...) and the dashboard (--db F and/or --corpus F, --port N)",
       &SetupServe},
      {"gkg", "knowledge-graph view per story: persons, organisations, places, counts, themes, tone (JSONL)",
       &SetupGkg},
      {"enqueue", "publish documents to a RabbitMQ queue for dyad workers (--amqp URL --queue NAME)",
       &SetupEnqueue},
      {"worker", "code documents from a RabbitMQ queue into the event store (--amqp URL --db PATH)",
       &SetupWorker},
      {"bench", "measure throughput of the pipeline on a corpus (one JSON line)", &SetupBench},
      {"ingest", "code documents and keep them in an event store (--db PATH, SQLite)", &SetupIngest},
      {"recode", "re-code a store's parses after a dictionary change and report what changed", &SetupRecode},
      {"query", "events, time series and top dyads from an event store (--db PATH)", &SetupQuery},
      {"export", "a store's events in an export format (GDELT, ICEWS, Phoenix, PETRARCH, PLOVER, CSV)",
       &SetupExport},
  };
  return kVerbs;
}

}  // namespace dyad::cli

int main(int argc, char** argv) {
  using namespace dyad::cli;
  CLI::App app{"dyad: who did what to whom — political event data from raw news."};
  app.footer(
      "Input: - is standard input; data goes to stdout, diagnostics to stderr.\n"
      "Exit codes: 0 ok, 1 usage error, 2 data error (some records failed or input unreadable), "
      "3 internal error.\nRun `dyad VERB --help` for a verb's flags.");
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, VerbRun>> runs;
  for (const Verb& v : Verbs()) {
    CLI::App* sub = app.add_subcommand(v.name, v.summary);
    runs.emplace_back(sub, v.setup(*sub));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  try {
    for (auto& [sub, run] : runs) {
      if (sub->parsed()) return run();
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "dyad: internal error: {}\n", e.what());
    return kExitInternal;
  }
  return kExitUsage;
}
