// Dictionary readers: the field's formats, read as they are, and dyad's own.
//
// Part of dyad_dict. Formats:
//   PETRARCH-2  Phoenix.*.actors.txt, Phoenix.agents.txt, Phoenix.discards.txt,
//               Phoenix.IssueCoding.txt and the PETR_config.ini that names them
//               (../shared/data/petrarch2/docs/dictionaries.rst);
//   TABARI      .actors, .agents, .options and the .project that names them (TABARI manual,
//               chapters 4-6 and 8);
//   dyad        data/dict/actors/*.txt (countries, IGOs, agents and titles, people with dated
//               roles; format in data/dict/README.md), compiled into the library.
// A malformed line never stops loading: it becomes a warning "file:line: what" in
// Dictionary::warnings() and the reader goes on with the next line.
//
//   DYAD_ASSIGN_OR_RETURN(auto phoenix, LoadDictionaries("petrarch2/config/PETR_config.ini"));
//   DYAD_ASSIGN_OR_RETURN(auto defaults, LoadDefaultDictionaries());
//   for (const std::string& w : phoenix->warnings()) std::cerr << w << "\n";
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dict/dictionary.h"

namespace dyad {

enum class DictFormat : uint8_t {
  kUnknown,
  kDyad,              // data/dict/actors/*.txt
  kPetrarchActors,    // Phoenix.Countries.actors.txt …
  kPetrarchAgents,    // Phoenix.agents.txt
  kPetrarchDiscards,  // Phoenix.discards.txt
  kPetrarchIssues,    // Phoenix.IssueCoding.txt
  kTabariActors,      // .actors
  kTabariAgents,      // .agents
  kTabariOptions,     // .options
};
std::string_view DictFormatName(DictFormat f);

// Guesses a dictionary file's format from its name and first bytes (a dyad file starts with
// a `country`, `actor`, `agent` or `title` line); kUnknown for files that hold no actors,
// agents, discards or issues (verb dictionaries, configuration).
DictFormat DetectDictFormat(std::string_view file_name, std::string_view head);

// Adds the entries of one dictionary text to `builder`. `name` is how origins and warnings
// name the file ("Phoenix.agents.txt", "actors/countries.txt").
void ReadDictionaryText(std::string_view text, std::string_view name, DictFormat format,
                        DictionaryBuilder& builder);

// Reads one file (format kUnknown: detected). NotFound when it cannot be read.
Status ReadDictionaryFile(const std::string& path, std::string_view name, DictFormat format,
                          DictionaryBuilder& builder);

// Loads and compiles the dictionaries at `path`: a PETR_config.ini (the actor, agent, discard
// and issue files it names, looked up beside it and in ../dictionaries as petrarch2 keeps
// them), a TABARI .project (its options, actors and agents files), a directory (its
// PETR_config.ini or .project if it has one, else every dictionary file in it and in an
// `actors/` folder below it), or a single dictionary file. NotFound when the path or a file it
// names cannot be read, or when a directory holds no dictionary.
StatusOr<std::shared_ptr<const Dictionary>> LoadDictionaries(const std::string& path);

// dyad's default dictionaries: every data/dict/actors/*.txt present when dyad was configured,
// compiled in under the names "actors/countries.txt", "actors/people-europe.txt" …
StatusOr<std::shared_ptr<const Dictionary>> LoadDefaultDictionaries();
// The compiled-in files' names, sorted.
std::vector<std::string_view> DefaultDictionaryFiles();

}  // namespace dyad
