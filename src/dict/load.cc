// Finding and loading dictionary sets: PETR_config.ini, TABARI .project, directories, single
// files, and the dyad defaults compiled into the library.
#include <algorithm>
#include <filesystem>

#include "dyad/core/text_file.h"
#include "dyad/dict/readers.h"
#include "phrase.h"
#include "text_lines.h"

namespace dyad {
namespace dict_internal {

struct EmbeddedFile {
  const char* name;  // "actors/countries.txt"
  const char* text;
};
// Generated at configure time from data/dict/actors/*.txt (src/dict/CMakeLists.txt).
extern const EmbeddedFile kDefaultDictFiles[];
extern const size_t kDefaultDictFileCount;

}  // namespace dict_internal

namespace {

namespace fs = std::filesystem;
using dict_internal::Before;
using dict_internal::TextLines;
using dict_internal::Trim;

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         dict_internal::Folded(s.substr(s.size() - suffix.size())) == dict_internal::Folded(suffix);
}

// The first line that is neither blank nor a comment.
std::string_view FirstContentLine(std::string_view head) {
  TextLines lines(head);
  std::string_view line;
  while (lines.Next(line)) {
    std::string_view t = Trim(Before(line, '#'));
    if (!t.empty()) return line;
  }
  return {};
}

// Reads a PETR_config.ini: the dictionary file names of its [Dictionaries] section.
Status ReadPetrarchConfig(const fs::path& config, DictionaryBuilder& b) {
  DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(config.string()));
  const std::string name = config.filename().string();
  const uint16_t src = b.AddSource(name);
  struct Named {
    std::string file;
    DictFormat format;
    uint32_t line;
  };
  std::vector<Named> files;
  std::string section;
  TextLines lines(text);
  std::string_view raw;
  std::string_view last_key;
  DictFormat last_format = DictFormat::kUnknown;
  auto add_list = [&](std::string_view list, DictFormat f, uint32_t line) {
    while (!list.empty()) {
      std::string_view item = Trim(Before(list, ','));
      if (!item.empty()) files.push_back({std::string(item), f, line});
      size_t comma = list.find(',');
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  };
  while (lines.Next(raw)) {
    std::string_view t = Trim(raw);
    if (t.empty() || t.front() == '#' || t.front() == ';') continue;
    if (t.front() == '[') {
      section = std::string(Trim(t.substr(1, t.find(']') - 1)));
      last_format = DictFormat::kUnknown;
      continue;
    }
    if ((raw.front() == ' ' || raw.front() == '\t') && last_format != DictFormat::kUnknown) {
      add_list(t, last_format, lines.number());  // a continued list
      continue;
    }
    size_t eq = t.find_first_of("=:");
    if (eq == std::string_view::npos) {
      b.Warn(src, lines.number(), "line \"" + std::string(t) + "\" is not key = value");
      continue;
    }
    last_key = Trim(t.substr(0, eq));
    std::string_view value = Trim(t.substr(eq + 1));
    b.AddSetting(section + "." + std::string(last_key), std::string(value));
    last_format = DictFormat::kUnknown;
    if (section != "Dictionaries") continue;
    if (last_key == "actorfile_list")
      last_format = DictFormat::kPetrarchActors;
    else if (last_key == "agentfile_name")
      last_format = DictFormat::kPetrarchAgents;
    else if (last_key == "discardfile_name")
      last_format = DictFormat::kPetrarchDiscards;
    else if (last_key == "issuefile_name")
      last_format = DictFormat::kPetrarchIssues;
    if (last_format != DictFormat::kUnknown) add_list(value, last_format, lines.number());
  }
  if (files.empty())
    return DataError(config.string() + ": no [Dictionaries] actorfile_list or agentfile_name");
  // petrarch2 keeps the files a config names in a sibling dictionaries/ folder.
  const fs::path dir = config.parent_path();
  for (const Named& f : files) {
    fs::path found;
    for (const fs::path& candidate : {dir / f.file, dir / "dictionaries" / f.file,
                                      dir.parent_path() / "dictionaries" / f.file}) {
      if (fs::is_regular_file(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found.empty()) {
      return NotFoundError(name + ":" + std::to_string(f.line) + ": dictionary \"" + f.file +
                           "\" not found beside it or in ../dictionaries");
    }
    DYAD_RETURN_IF_ERROR(ReadDictionaryFile(found.string(), f.file, f.format, b));
  }
  return Status::Ok();
}

// Reads a TABARI .project: its <optionsfile>, <actorsfile> and <agentsfile> lines (TABARI
// reads only the first two letters of a tag). Options go first: they apply to the rest.
Status ReadTabariProject(const fs::path& project, DictionaryBuilder& b) {
  DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(project.string()));
  const uint16_t src = b.AddSource(project.filename().string());
  std::vector<std::pair<std::string, DictFormat>> options, dictionaries;
  TextLines lines(text);
  std::string_view raw;
  while (lines.Next(raw)) {
    std::string_view t = Trim(raw);
    if (t.empty() || t.front() != '<') continue;
    size_t close = t.find('>');
    if (close == std::string_view::npos) {
      b.Warn(src, lines.number(), "tag \"" + std::string(t) + "\" has no >");
      continue;
    }
    std::string tag = dict_internal::Folded(t.substr(1, close - 1));
    std::string file(Trim(Before(t.substr(close + 1), '<')));
    DictFormat f = DictFormat::kUnknown;
    if (tag.starts_with("ac"))
      f = DictFormat::kTabariActors;
    else if (tag.starts_with("ag"))
      f = DictFormat::kTabariAgents;
    else if (tag.starts_with("op"))
      f = DictFormat::kTabariOptions;
    if (f == DictFormat::kUnknown) continue;  // verbs, text, event and session lines
    if (file.empty()) {
      b.Warn(src, lines.number(), "<" + tag + "> names no file");
      continue;
    }
    (f == DictFormat::kTabariOptions ? options : dictionaries).emplace_back(file, f);
  }
  if (dictionaries.empty())
    return DataError(project.string() + ": names no <actorsfile> or <agentsfile>");
  options.insert(options.end(), dictionaries.begin(), dictionaries.end());
  for (const auto& [file, format] : options) {
    DYAD_RETURN_IF_ERROR(
        ReadDictionaryFile((project.parent_path() / file).string(), file, format, b));
  }
  return Status::Ok();
}

// Every dictionary file directly in `dir` (sorted), named `prefix` + file name.
Status ReadDirectoryFiles(const fs::path& dir, const std::string& prefix, DictionaryBuilder& b,
                          int* read) {
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file()) paths.push_back(e.path());
  }
  if (ec) return NotFoundError(dir.string() + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  for (const fs::path& p : paths) {
    DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(p.string()));
    const std::string name = prefix + p.filename().string();
    DictFormat f = DetectDictFormat(name, text);
    if (f == DictFormat::kUnknown) continue;
    ReadDictionaryText(text, name, f, b);
    ++*read;
  }
  return Status::Ok();
}

StatusOr<std::shared_ptr<const Dictionary>> Finish(DictionaryBuilder&& b) {
  return std::move(b).Compile();
}

}  // namespace

std::string_view DictFormatName(DictFormat f) {
  switch (f) {
    case DictFormat::kUnknown:
      return "unknown";
    case DictFormat::kDyad:
      return "dyad";
    case DictFormat::kPetrarchActors:
      return "petrarch-actors";
    case DictFormat::kPetrarchAgents:
      return "petrarch-agents";
    case DictFormat::kPetrarchDiscards:
      return "petrarch-discards";
    case DictFormat::kPetrarchIssues:
      return "petrarch-issues";
    case DictFormat::kTabariActors:
      return "tabari-actors";
    case DictFormat::kTabariAgents:
      return "tabari-agents";
    case DictFormat::kTabariOptions:
      return "tabari-options";
  }
  return "unknown";
}

DictFormat DetectDictFormat(std::string_view file_name, std::string_view head) {
  std::string_view first = FirstContentLine(head);
  for (std::string_view k : {"country ", "actor ", "agent ", "title "}) {
    if (first.starts_with(k)) return DictFormat::kDyad;
  }
  if (EndsWithNoCase(file_name, ".actors")) return DictFormat::kTabariActors;
  if (EndsWithNoCase(file_name, ".agents")) return DictFormat::kTabariAgents;
  if (EndsWithNoCase(file_name, ".options")) return DictFormat::kTabariOptions;
  if (EndsWithNoCase(file_name, "actors.txt")) return DictFormat::kPetrarchActors;
  if (EndsWithNoCase(file_name, "agents.txt")) return DictFormat::kPetrarchAgents;
  if (EndsWithNoCase(file_name, "discards.txt")) return DictFormat::kPetrarchDiscards;
  std::string folded = dict_internal::Folded(file_name);
  if (folded.find("issue") != std::string::npos && folded.ends_with(".txt")) {
    return DictFormat::kPetrarchIssues;
  }
  return DictFormat::kUnknown;
}

void ReadDictionaryText(std::string_view text, std::string_view name, DictFormat format,
                        DictionaryBuilder& builder) {
  const uint16_t src = builder.AddSource(std::string(name));
  switch (format) {
    case DictFormat::kDyad:
      dict_internal::ReadDyad(text, src, builder);
      break;
    case DictFormat::kPetrarchActors:
      dict_internal::ReadLegacyActors(text, src, PhraseStyle::kPetrarch, builder);
      break;
    case DictFormat::kTabariActors:
      dict_internal::ReadLegacyActors(text, src, PhraseStyle::kTabari, builder);
      break;
    case DictFormat::kPetrarchAgents:
      dict_internal::ReadLegacyAgents(text, src, PhraseStyle::kPetrarch, builder);
      break;
    case DictFormat::kTabariAgents:
      dict_internal::ReadLegacyAgents(text, src, PhraseStyle::kTabari, builder);
      break;
    case DictFormat::kPetrarchDiscards:
      dict_internal::ReadPetrarchDiscards(text, src, builder);
      break;
    case DictFormat::kPetrarchIssues:
      dict_internal::ReadPetrarchIssues(text, src, builder);
      break;
    case DictFormat::kTabariOptions:
      dict_internal::ReadTabariOptions(text, src, builder);
      break;
    case DictFormat::kUnknown:
      builder.Warn(src, 0, "not a dictionary format dyad reads; skipped");
      break;
  }
}

Status ReadDictionaryFile(const std::string& path, std::string_view name, DictFormat format,
                          DictionaryBuilder& builder) {
  DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  if (format == DictFormat::kUnknown) {
    format = DetectDictFormat(name, text);
  }
  ReadDictionaryText(text, name, format, builder);
  return Status::Ok();
}

StatusOr<std::shared_ptr<const Dictionary>> LoadDictionaries(const std::string& path) {
  const fs::path p(path);
  std::error_code ec;
  DictionaryBuilder b;
  if (fs::is_directory(p, ec)) {
    if (fs::is_regular_file(p / "PETR_config.ini")) {
      DYAD_RETURN_IF_ERROR(ReadPetrarchConfig(p / "PETR_config.ini", b));
      return Finish(std::move(b));
    }
    std::vector<fs::path> projects;
    for (const auto& e : fs::directory_iterator(p, ec)) {
      if (e.is_regular_file() && EndsWithNoCase(e.path().string(), ".project"))
        projects.push_back(e.path());
    }
    if (!projects.empty()) {
      std::sort(projects.begin(), projects.end());
      DYAD_RETURN_IF_ERROR(ReadTabariProject(projects.front(), b));
      return Finish(std::move(b));
    }
    int read = 0;
    DYAD_RETURN_IF_ERROR(ReadDirectoryFiles(p, "", b, &read));
    if (fs::is_directory(p / "actors"))
      DYAD_RETURN_IF_ERROR(ReadDirectoryFiles(p / "actors", "actors/", b, &read));
    if (read == 0)
      return NotFoundError(path + ": no dictionary files (actors, agents, discards, issues)");
    return Finish(std::move(b));
  }
  if (!fs::is_regular_file(p, ec)) return NotFoundError(path + ": cannot open");
  const std::string file = p.filename().string();
  if (EndsWithNoCase(file, ".ini")) {
    DYAD_RETURN_IF_ERROR(ReadPetrarchConfig(p, b));
  } else if (EndsWithNoCase(file, ".project")) {
    DYAD_RETURN_IF_ERROR(ReadTabariProject(p, b));
  } else {
    DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
    DictFormat f = DetectDictFormat(file, text);
    if (f == DictFormat::kUnknown) return DataError(path + ": not a dictionary format dyad reads");
    ReadDictionaryText(text, file, f, b);
  }
  return Finish(std::move(b));
}

std::vector<std::string_view> DefaultDictionaryFiles() {
  std::vector<std::string_view> names;
  for (size_t i = 0; i < dict_internal::kDefaultDictFileCount; ++i) {
    names.emplace_back(dict_internal::kDefaultDictFiles[i].name);
  }
  return names;
}

StatusOr<std::shared_ptr<const Dictionary>> LoadDefaultDictionaries() {
  DictionaryBuilder b;
  for (size_t i = 0; i < dict_internal::kDefaultDictFileCount; ++i) {
    const dict_internal::EmbeddedFile& f = dict_internal::kDefaultDictFiles[i];
    ReadDictionaryText(f.text, f.name, DictFormat::kDyad, b);
  }
  return Finish(std::move(b));
}

}  // namespace dyad
