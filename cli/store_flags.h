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

}  // namespace dyad::cli
