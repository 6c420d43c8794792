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
// "dictionaries=/abs/path; all_events=0; require_dyad=1; gazetteer=<fingerprint>;
// places_model=<fingerprint>" ("(defaults)" for the compiled-in dictionaries; the fingerprints
// are the XXH3 of what the gazetteer index at `gazetteer` ("" = the build's) and the place model
// were built from, 16 hex digits, "none" when there is no such file).
std::string CodingSetting(const std::string& dictionaries, bool all_events, bool require_dyad,
                          const std::string& gazetteer);
// Both coding settings (CodingSetting) name the same gazetteer fingerprint, not "none".
bool SameGazetteer(std::string_view stored, std::string_view now);

}  // namespace dyad::cli
