// The table of `dyad` verbs. Each verb lives in cli/cmd_<verb>.cc and registers its flags
// on a CLI11 subcommand, returning the function that runs it.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace dyad::cli {

// Exit codes, documented in --help and README.md.
enum ExitCode : int { kExitOk = 0, kExitUsage = 1, kExitData = 2, kExitInternal = 3 };

using VerbRun = std::function<int()>;

struct Verb {
  const char* name;
  const char* summary;
  VerbRun (*setup)(CLI::App& app);
};

const std::vector<Verb>& Verbs();

VerbRun SetupSegment(CLI::App& app);
VerbRun SetupEval(CLI::App& app);
VerbRun SetupBench(CLI::App& app);
VerbRun SetupTrain(CLI::App& app);
VerbRun SetupTag(CLI::App& app);
VerbRun SetupParse(CLI::App& app);
VerbRun SetupNer(CLI::App& app);
VerbRun SetupActors(CLI::App& app);
VerbRun SetupCode(CLI::App& app);
VerbRun SetupValidate(CLI::App& app);
VerbRun SetupExplain(CLI::App& app);
VerbRun SetupServe(CLI::App& app);
VerbRun SetupEnqueue(CLI::App& app);
VerbRun SetupWorker(CLI::App& app);
VerbRun SetupIngest(CLI::App& app);
VerbRun SetupRecode(CLI::App& app);
VerbRun SetupQuery(CLI::App& app);
VerbRun SetupExport(CLI::App& app);
// `eval actors`, registered by SetupEval on its subcommand.
VerbRun SetupEvalActors(CLI::App& app);
VerbRun SetupEvalPlaces(CLI::App& app);
VerbRun SetupGkg(CLI::App& app);

}  // namespace dyad::cli
