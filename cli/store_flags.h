// Flags shared by the verbs that read an event store (`dyad query`, `dyad export`): the store
// path and the event filter.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "dyad/store/event_store.h"

namespace dyad::cli {

struct FilterFlags {
  std::string db = "dyad.db";
  std::string from, to, source, target, country, dyad, code, root, text;
  int quad = 0;
  std::string dedup = "none";
};

void AddFilterFlags(CLI::App& app, FilterFlags& flags);
// The filter the flags describe; bad dates or a malformed --dyad are InvalidArgument.
StatusOr<EventFilter> MakeEventFilter(const FilterFlags& flags);

// How ingest and recode code events, as kept in the store's "coding" setting:
// "dictionaries=/abs/path; all_events=0; require_dyad=1" ("(defaults)" for the compiled-in ones).
std::string CodingSetting(const std::string& dictionaries, bool all_events, bool require_dyad);

}  // namespace dyad::cli
