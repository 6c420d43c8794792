// dyad bench --pathological (cli/bench_pathological.cc).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/io/reader.h"

namespace dyad::cli {

// Runs each pathological case (or only `only`) at four doubling sizes through `stages`, the
// best of `repeat` runs each, printing JSON lines; `scale` multiplies the sizes. Returns kExitData when a case grows superlinearly.
// Documents go through OpenStringReader with `reader_options`, so the CLI's caps apply.
int RunPathologicalBench(const std::vector<std::shared_ptr<const Stage>>& stages,
                         const ReaderOptions& reader_options, double scale,
                         const std::string& only, int repeat);

}  // namespace dyad::cli
