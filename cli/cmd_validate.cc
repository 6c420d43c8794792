// dyad validate: runs a peer's validation suite with the dictionaries it names and reports
// per-category pass rates; the last line is "N passed, M failed".
//   PETRARCH unit-test records and UniversalPetrarch validate records (XML with <Environment>),
//   TABARI's Validate.text (through the Validate.project beside it).
// A record passes when dyad codes exactly its expected set of (source, target, code), or
// nothing when it expects nothing. The suites' own settings apply to the records after them:
// PETRARCH's <Config> tags (require_dyad; UniversalPetrarch's validator reads none), TABARI's
// OPTION records (DEFAULT, SET: CONVERT AGENT, SET: MINIMUM WORDS, SET: CODE BY / CODE ALL,
// COMMA, COMPLEX, FORWARD).
// --explain ID prints a record's parse, actors and the patterns tried, with those settings.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "dyad/core/text_file.h"
#include "dyad/dict/readers.h"
#include "dyad/text/segmenter.h"
#include "event_stages.h"
#include "verbs.h"

namespace dyad::cli {
namespace {

namespace fs = std::filesystem;
using Coding = std::tuple<std::string, std::string, std::string>;  // source, target, code

struct Record {
  std::string id, category, date, text;
  std::set<Coding> expected;
  // PETRARCH's require_dyad as the suite's <Config> tags set it before this record.
  bool require_dyad = true;
  // TABARI's comma-clause elimination (its COMMA command); none for the PETRARCH suites, whose
  // coders apply none.
  CommaClauseOptions comma;
  // TABARI's "OPTION: DEFAULT: SOURCE [X] TARGET [Y]" records (manual 8.5) before this one.
  std::string default_source, default_target;
  // Its PRIOR and AFTER keywords (EventCoderOptions::default_source_prior, default_target_after).
  bool default_prior = true, default_after = true;
  // TABARI's "SET: CONVERT AGENT = TRUE" (manual 8.2.6): an agent with no actor is coded, as
  // "~REB".
  bool convert_agents = false;
  // TABARI codes no sentence of fewer words (manual 2.x: 8; "SET: MINIMUM WORDS = n").
  int min_words = 0;
  // TABARI's "SET: CODE BY CLAUSE | SENTENCE", "SET: CODE ALL" (manual 7.6.1); BY CLAUSE is its
  // default. The PETRARCH suites code every verb.
  EventCoderOptions::CodeBy code_by = EventCoderOptions::CodeBy::kAll;
  // TABARI's FORWARD (manual 8.4): the story and sentence serial numbers its sequence format
  // reads from the record's id line; -1 when FORWARD is off. A record that is the next
  // sentence of the previous record's story is coded after that record's text, so that its
  // opening pronoun can take that sentence's first actor.
  long story = -1, serial = -1;
  // TABARI's COMPLEX command (manual 8.7): its .options file's, then the OPTION records'.
  EventCoderOptions::Complexity complexity;
};

// "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN" (manual 8.7); other conditions are not read.
EventCoderOptions::Complexity ReadComplexity(std::string_view line) {
  EventCoderOptions::Complexity x;
  auto number = [&](std::string_view key) {
    const size_t k = line.find(key);
    if (k == std::string_view::npos) return 0;
    return std::atoi(std::string(line.substr(k + key.size())).c_str());
  };
  x.verbs = number("VERBS[");
  x.conjunctions = number("CONJ[");
  x.no_actor_prior = line.find("NOACTPRIOR") != std::string_view::npos;
  return x;
}

std::string Attr(std::string_view tag, std::string_view name) {
  size_t p = 0;
  while ((p = tag.find(name, p)) != std::string_view::npos) {
    size_t q = p + name.size();
    while (q < tag.size() && tag[q] == ' ') ++q;
    if ((p == 0 || tag[p - 1] == ' ' || tag[p - 1] == '\n' || tag[p - 1] == '\t') &&
        q < tag.size() && tag[q] == '=') {
      ++q;
      while (q < tag.size() && tag[q] == ' ') ++q;
      if (q < tag.size() && (tag[q] == '"' || tag[q] == '\'')) {
        size_t e = tag.find(tag[q], q + 1);
        return std::string(tag.substr(q + 1, e - q - 1));
      }
    }
    p = q;
  }
  return "";
}

std::string Collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Unescape(std::string s) {
  for (auto [from, to] :
       {std::pair{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}}) {
    size_t p;
    while ((p = s.find(from)) != std::string::npos) s.replace(p, strlen(from), to);
  }
  return s;
}

// "{ OPTION: DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER }", "{ OPTION: DEFAULT: OFF }".
void ReadDefaultOption(const std::string& option, std::string& source, std::string& target,
                       bool& prior, bool& after) {
  const size_t d = option.find("DEFAULT:");
  if (d == std::string::npos) return;
  const std::string rest = option.substr(d + 8);
  if (rest.find("OFF") != std::string::npos && rest.find('[') == std::string::npos) {
    source.clear();
    target.clear();
    return;
  }
  auto code_after = [&](const char* key) -> std::string {
    const size_t k = rest.find(key);
    if (k == std::string::npos) return "";
    const size_t lb = rest.find('[', k), rb = rest.find(']', lb);
    if (lb == std::string::npos || rb == std::string::npos) return "";
    return Collapse(rest.substr(lb + 1, rb - lb - 1));
  };
  source = code_after("SOURCE");
  target = code_after("TARGET");
  prior = rest.find("PRIOR") != std::string::npos;
  after = rest.find("AFTER") != std::string::npos;
}

// TABARI's COMMA command (manual 8.6), from its .options file or an OPTION record:
// "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8" sets the limits it names;
// "COMMA: OFF" turns the elimination off. `command` starts after "COMMA:".
void ReadTabariComma(std::string_view command, CommaClauseOptions& o) {
  std::string words(command.substr(0, command.find('}')));
  std::replace(words.begin(), words.end(), '=', ' ');
  std::istringstream in(words);
  std::string key;
  while (in >> key) {
    if (key == "OFF") {
      o = CommaClauseOptions{};
      return;
    }
    int* limit = key == "MIN"    ? &o.min
                 : key == "MAX"  ? &o.max
                 : key == "BMIN" ? &o.bmin
                 : key == "BMAX" ? &o.bmax
                 : key == "EMIN" ? &o.emin
                 : key == "EMAX" ? &o.emax
                                 : nullptr;
    if (limit == nullptr) continue;
    std::string value;
    if (in >> value && !value.empty() && value.find_first_not_of("0123456789") == std::string::npos)
      *limit = std::stoi(value);
  }
}

// "^^*****NNN*SSS" over "  FRWD-001-002" (the id line after its date): ^ a leading blank, * any
// character, N a digit of the story number, S of the sentence number. False when the line does
// not fit the format.
bool ReadSequence(std::string_view format, std::string_view idinfo, long& story, long& serial) {
  std::string n, sn;
  if (idinfo.size() < format.size()) return false;
  for (size_t i = 0; i < format.size(); ++i) {
    const char c = idinfo[i];
    switch (format[i]) {
      case '^':
        if (c != ' ' && c != '\t') return false;
        break;
      case 'N':
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        n += c;
        break;
      case 'S':
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        sn += c;
        break;
      default:
        break;
    }
  }
  if (n.empty() || sn.empty()) return false;
  story = std::stol(n);
  serial = std::stol(sn);
  return true;
}

// The file's bytes, or "" when it cannot be read (the caller reports the missing pieces).
std::string Slurp(const std::string& path) {
  StatusOr<std::string> text = ReadTextFile(path);
  return text.ok() ? std::move(text).value() : std::string();
}

fs::path FindBeside(const fs::path& suite, const std::string& name) {
  for (const fs::path& dir :
       {suite.parent_path(), suite.parent_path().parent_path() / "dictionaries",
        suite.parent_path().parent_path() / "validate"}) {
    if (fs::exists(dir / name)) return dir / name;
  }
  return suite.parent_path() / name;
}

// UniversalPetrarch's suite is the one whose <Parse> holds CoNLL-U. Its validator
// (validation.py) reads no <Config> tag, so its records keep require_dyad on throughout, and
// its coder eliminates no comma-delimited clause: it reads the comma_* options of
// PETR_config.ini but never applies them (nor does PETRARCH-2's tree coder).
bool UniversalPetrarchSuite(const std::string& text) {
  const size_t p = text.find("<Parse>");
  if (p == std::string::npos) return false;
  const size_t q = text.find_first_not_of(" \t\r\n", p + 7);
  return q != std::string::npos && text.compare(q, 2, "1\t") == 0;
}

// PETRARCH / UniversalPetrarch XML records and the dictionaries their <Environment> names.
Status ReadXmlSuite(const std::string& path, std::vector<Record>& records, EventDictionaries& dicts,
                    bool& universal) {
  const std::string xml = Slurp(path);
  if (xml.empty()) return NotFoundError(path + ": cannot read");
  // Comments hold example markup; drop them first.
  std::string text;
  for (size_t p = 0; p < xml.size();) {
    size_t c = xml.find("<!--", p);
    text.append(xml, p, c == std::string::npos ? std::string::npos : c - p);
    if (c == std::string::npos) break;
    size_t e = xml.find("-->", c);
    p = e == std::string::npos ? xml.size() : e + 3;
  }
  auto element = [&](std::string_view env, std::string_view tag) {
    size_t b = env.find("<" + std::string(tag) + ">");
    if (b == std::string_view::npos) return std::string();
    b += tag.size() + 2;
    size_t e = env.find("</", b);
    return Collapse(env.substr(b, e - b));
  };
  size_t eb = text.find("<Environment>"), ee = text.find("</Environment>");
  if (eb == std::string::npos || ee == std::string::npos)
    return DataError(path + ": no <Environment> naming the dictionaries");
  std::string_view env(text.data() + eb, ee - eb);
  DictionaryBuilder ab;
  for (auto [tag, format] : {std::pair{"Actorfile", DictFormat::kPetrarchActors},
                             {"Agentfile", DictFormat::kPetrarchAgents},
                             {"Discardfile", DictFormat::kPetrarchDiscards}}) {
    const std::string name = element(env, tag);
    if (name.empty()) continue;
    DYAD_RETURN_IF_ERROR(ReadDictionaryFile(FindBeside(path, name).string(), name, format, ab));
  }
  DYAD_ASSIGN_OR_RETURN(dicts.actors, std::move(ab).Compile());
  VerbDictionaryBuilder vb;
  const std::string verbs = element(env, "Verbfile");
  DYAD_RETURN_IF_ERROR(
      ReadVerbFile(FindBeside(path, verbs).string(), verbs, VerbFormat::kPetrarch, vb));
  dicts.verbs = std::move(vb).Compile();
  if (const std::string pico = element(env, "PICOfile"); !pico.empty())
    DYAD_RETURN_IF_ERROR(ReadPicoNegationFile(FindBeside(path, pico).string(), dicts.negations));
  // <Config option="require_dyad" value="false"> between records changes the option for the
  // records that follow it, as PETRARCH's validator does (UniversalPetrarch's does not).
  bool require_dyad = true;
  universal = UniversalPetrarchSuite(text);
  for (size_t p = ee; (p = text.find('<', p)) != std::string::npos;) {
    if (text.compare(p, 8, "<Config ") == 0) {
      std::string_view tag(text.data() + p, text.find('>', p) - p);
      std::string value = Attr(tag, "value");
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!universal && Attr(tag, "option") == "require_dyad") require_dyad = value != "false";
      ++p;
      continue;
    }
    if (text.compare(p, 10, "<Sentence ") != 0) {
      ++p;
      continue;
    }
    size_t tag_end = text.find('>', p);
    size_t end = text.find("</Sentence>", p);
    if (tag_end == std::string::npos || end == std::string::npos) break;
    std::string_view tag(text.data() + p, tag_end - p);
    std::string_view body(text.data() + tag_end, end - tag_end);
    p = end;
    if (Attr(tag, "evaluate") == "false") continue;
    Record r;
    r.id = Attr(tag, "id");
    r.require_dyad = require_dyad;
    r.category = Attr(tag, "category");
    r.date = Attr(tag, "date");
    r.text = Unescape(element(body, "Text"));
    for (size_t q = 0; (q = body.find("<EventCoding", q)) != std::string_view::npos; ++q) {
      std::string_view ec = body.substr(q, body.find('>', q) - q);
      std::string code = Attr(ec, "eventcode");
      if (code.empty()) continue;  // noevents="True" or an error record: nothing expected
      r.expected.insert({Attr(ec, "sourcecode"), Attr(ec, "targetcode"), code});
    }
    records.push_back(std::move(r));
  }
  return Status::Ok();
}

// TABARI's Validate.text: "YYMMDD  ID" records, events as "{ SRC / TGT / CODE }" in comments.
Status ReadTabariSuite(const std::string& path, std::vector<Record>& records,
                       EventDictionaries& dicts, EventCoderOptions::Complexity& complexity) {
  // TABARI eliminates comma-delimited clauses by default (manual 8.6: MIN 2, MAX 10, EMIN 2,
  // EMAX 10; BMIN 128, BMAX 0 keeps the initial one); its .options file and OPTION records
  // change the limits.
  CommaClauseOptions comma{.min = 2, .max = 10, .bmin = 128, .bmax = 0, .emin = 2, .emax = 10};
  fs::path project;
  for (const auto& e : fs::directory_iterator(fs::path(path).parent_path())) {
    if (e.path().extension() == ".project") project = e.path();
  }
  if (project.empty()) return NotFoundError(path + ": no .project beside it");
  DYAD_ASSIGN_OR_RETURN(dicts.actors, LoadDictionaries(project.string()));
  DYAD_ASSIGN_OR_RETURN(dicts.verbs, LoadVerbDictionaries(project.string()));
  // The project's <optionsfile> sets the COMPLEX filter the records start with.
  {
    std::istringstream lines(Slurp(project.string()));
    for (std::string line; std::getline(lines, line);) {
      const size_t o = line.find("<optionsfile>");
      if (o == std::string::npos) continue;
      const std::string name = Collapse(line.substr(o + 13));
      std::istringstream options(Slurp((project.parent_path() / name).string()));
      for (std::string option; std::getline(options, option);) {
        if (option.starts_with("COMPLEX:")) complexity = ReadComplexity(option);
        if (option.starts_with("COMMA:")) ReadTabariComma(option.substr(6), comma);
      }
    }
  }
  const std::string text = Slurp(path);
  std::istringstream in(text);
  std::string line;
  Record* r = nullptr;
  bool in_comment = false;
  std::string comment;
  std::string default_source, default_target;
  bool default_prior = true, default_after = true;
  bool convert_agents = false;
  int min_words = 8;
  EventCoderOptions::CodeBy code_by = EventCoderOptions::CodeBy::kClause;
  std::string forward;  // FORWARD's sequence format; "" when off
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // The FINAL record ends the suite (the START record quotes its words too).
    if (r && r->category == "FINAL") {
      records.pop_back();
      break;
    }
    // After a record's "/* ... */", a line in the comments' "\n" style or one that closes a
    // comment it did not open ("\n{ USAGOV / ARN / 064 } */") continues that comment: the
    // suite's authors left an earlier "*/" behind when they added expected events.
    const bool stray_end = r && !r->text.empty() && line.find("/*") == std::string::npos &&
                           (line.find("*/") != std::string::npos || line.starts_with("\\n"));
    if (in_comment || stray_end || line.find("/*") != std::string::npos) {
      const size_t start = in_comment || stray_end ? 0 : line.find("/*");
      // "for 1990 with Dagolath, officials said./*": the words before the comment end the text.
      if (!in_comment && r && start > 0 && line[0] != '#')
        r->text += (r->text.empty() ? "" : " ") + line.substr(0, start);
      comment += line.substr(start) + "\n";
      in_comment = line.find("*/") == std::string::npos;
      if (!in_comment && r) {
        // "{ OPTION: SET: MINIMUM WORDS = 4  */": some option lines lack their closing brace.
        if (size_t m = comment.find("MINIMUM WORDS");
            m != std::string::npos && comment.find("OPTION:") < m) {
          const size_t eq = comment.find('=', m);
          if (eq != std::string::npos) min_words = std::atoi(comment.c_str() + eq + 1);
        }
        for (size_t p = 0; (p = comment.find('{', p)) != std::string::npos; ++p) {
          size_t e = comment.find('}', p);
          if (e == std::string::npos) break;
          std::string inner = comment.substr(p + 1, e - p - 1);
          if (inner.find("OPTION:") != std::string::npos) {
            ReadDefaultOption(inner, default_source, default_target, default_prior, default_after);
            if (inner.find("CONVERT AGENT") != std::string::npos)
              convert_agents = inner.find("TRUE") != std::string::npos;
            if (inner.find("CODE BY SENTENCE") != std::string::npos)
              code_by = EventCoderOptions::CodeBy::kSentence;
            if (inner.find("CODE BY CLAUSE") != std::string::npos)
              code_by = EventCoderOptions::CodeBy::kClause;
            if (inner.find("CODE ALL") != std::string::npos)
              code_by = EventCoderOptions::CodeBy::kAll;
            if (size_t c = inner.find("COMPLEX:"); c != std::string::npos)
              complexity = ReadComplexity(std::string_view(inner).substr(c));
            if (size_t c = inner.find("COMMA:"); c != std::string::npos)
              ReadTabariComma(std::string_view(inner).substr(c + 6), comma);
            // "{ OPTION: FORWARD: ^^*****NNN*SSS }", "... OFF }".
            if (size_t fw = inner.find("FORWARD:"); fw != std::string::npos) {
              std::istringstream words(inner.substr(fw + 8));
              std::string format, word;
              words >> format;
              bool off = false;
              while (words >> word) off |= word == "OFF";
              forward = off ? "" : format;
            }
            continue;
          }
          bool negated = p > 0 && comment[p - 1] == '-';
          std::vector<std::string> parts;
          std::string part;
          for (char c : inner + "/") {
            if (c == '/') {
              parts.push_back(Collapse(part));
              part.clear();
            } else {
              part += c;
            }
          }
          // TABARI's codes are digits, then perhaps letters ("075A", "174K").
          if (parts.size() == 3 && !negated && !parts[2].empty() &&
              std::isdigit(static_cast<unsigned char>(parts[2][0])) &&
              std::all_of(parts[2].begin(), parts[2].end(),
                          [](unsigned char c) { return std::isalnum(c) != 0; }))
            r->expected.insert({parts[0], parts[1], parts[2]});
        }
        comment.clear();
      }
      continue;
    }
    if (line.size() > 8 && std::all_of(line.begin(), line.begin() + 6, ::isdigit) &&
        (line[6] == ' ' || line[6] == '\t')) {
      records.push_back({});
      r = &records.back();
      r->default_source = default_source;
      r->default_target = default_target;
      r->default_prior = default_prior;
      r->default_after = default_after;
      r->convert_agents = convert_agents;
      r->min_words = min_words;
      r->code_by = code_by;
      r->complexity = complexity;
      r->comma = comma;
      if (!forward.empty() && !ReadSequence(forward, line.substr(6), r->story, r->serial))
        r->story = r->serial = -1;
      r->date = line.substr(0, 6);
      r->id = Collapse(line.substr(7));
      // "950101  950101  AGENTS-11": a date written twice is still the date.
      if (r->id.size() > 7 && r->id.compare(0, 6, r->date) == 0 && r->id[6] == ' ')
        r->id = r->id.substr(7);
      r->category = r->id.substr(0, r->id.find('-'));
      continue;
    }
    if (r && !line.empty() && line[0] != '#') r->text += (r->text.empty() ? "" : " ") + line;
  }
  // START and OPTION records set the program up; they are not tests.
  std::erase_if(records, [](const Record& x) {
    return x.text.empty() || x.category == "START" || x.category == "TIME";
  });
  for (Record& x : records) x.text = Collapse(x.text);
  return Status::Ok();
}

std::string Show(const std::set<Coding>& s) {
  std::string out;
  for (const auto& [a, b, c] : s)
    out += fmt::format("{}{} {} {}", out.empty() ? "" : ", ", a, b, c);
  return out.empty() ? "(none)" : out;
}

}  // namespace

VerbRun SetupValidate(CLI::App& app) {
  struct Flags {
    std::string suite;
    ModelFlags models;
    int floor = 0;
    bool misses = false;
    std::string explain;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("suite", f->suite,
                 "PETR.UnitTest.records.xml, PETR_Validate_records_2_02.xml or TABARI's "
                 "Validate.text")
      ->required();
  AddModelFlags(app, f->models, Analysis::kParse);
  app.add_option("--floor", f->floor, "exit 2 when fewer records pass (regression guard)");
  app.add_flag("--misses", f->misses, "list each failed record with expected and coded events");
  app.add_option(
      "--explain", f->explain,
      "for the record with this id (\"misses\": each failed record): the parse, the actors "
      "and the patterns tried (as dyad explain, with the suite's dictionaries and options)");
  return [f]() -> int {
    std::vector<Record> records;
    EventDictionaries dicts;
    const bool tabari = f->suite.ends_with(".text");
    bool universal = false;
    EventCoderOptions::Complexity complexity;  // TABARI's .options file's COMPLEX
    Status st = tabari ? ReadTabariSuite(f->suite, records, dicts, complexity)
                       : ReadXmlSuite(f->suite, records, dicts, universal);
    if (!st.ok()) return Fail(st);
    for (size_t i = 0; i < dicts.verbs->warnings().size() && i < 5; ++i)
      fmt::print(stderr, "dyad validate: warning: {}\n", dicts.verbs->warnings()[i]);
    // PETRARCH codes every pattern match (one-a-story off) and requires a dyad. Neither peer turns
    // "will abandon" or "agreed to help" into an intent: the suites expect the verb's own code.
    // PETRARCH-2 leaves possessive pronouns uncoded ("after crowds trashed its embassy" has no
    // target). TABARI resolves pronouns by its own simple rules (manual 7.7: HE, SHE, IT the first
    // actor; ITS, HIS, HER the nearest actor before; THEY the first compound), which its suite
    // gets (226 -> 228 records); dyad's own resolver picks the clause subject instead and costs
    // more records than it wins, so the PETRARCH suites run without possessives.
    // The peers also code the agent of any noun phrase (agent_modifiers off), take targets and
    // sources from the verb phrase's uncoded parts and their flat order (phrase_targets) and a
    // passive's prepositional actor as its agent (passive_phrase_source); TABARI codes an agent
    // without an actor only under CONVERT AGENTS (standalone_agents) and finds verbs by its
    // dictionary (lexical_verbs). None of these is dyad's default for news.
    const ActorCoderOptions actor_options{.pronouns = false,
                                          .tabari_pronouns = tabari,
                                          .standalone_agents = !tabari,
                                          .agent_modifiers = false,
                                          .shared_country = true,
                                          .special_codes = tabari,
                                          .plain_special_codes = !tabari,
                                          .adjacent_agents = tabari};
    EventCoderOptions peer{.require_dyad = true,
                           .one_a_story = false,
                           .modality = false,
                           .phrase_targets = true,
                           .passive_phrase_source = true};
    peer.negations = dicts.negations;
    // UniversalPetrarch writes a compound actor's code whole ("FRO/BIL/SAM").
    peer.split_compound_codes = !universal;
    peer.noun_words_before = universal;
    peer.contiguous_noun_groups = universal;
    peer.source_slot_subject_target = universal;
    peer.xcomp_drops_paired = universal;
    peer.words_after_outside_complements = universal;
    peer.lexical_verbs = tabari;
    peer.distinct_targets = tabari;
    peer.special_actor_codes = tabari;
    if (tabari) peer.code_by = EventCoderOptions::CodeBy::kClause;
    peer.complexity = complexity;
    auto coding = MakeCodingStages(dicts, peer, actor_options);
    if (!coding.ok()) return Fail(coding.status());
    // Records after <Config option="require_dyad" value="false"> also keep one-sided events;
    // records after a TABARI DEFAULT option get its default codes. Such a record's events are
    // coded again by a coder with its options.
    // Records after TABARI's CONVERT AGENT option also get their actors again, agents kept.
    struct Variant {
      std::shared_ptr<const ActorCoder> actors;  // null: the main actors stand
      std::shared_ptr<const EventCoder> events;
      std::unique_ptr<Stage::Workspace> actors_ws, ws;
    };
    std::map<std::tuple<bool, std::string, std::string, bool, bool, bool, EventCoderOptions::CodeBy,
                        EventCoderOptions::Complexity>,
             Variant>
        variants;
    auto variant_for = [&](const Record& r) -> StatusOr<Variant*> {
      if (r.require_dyad && r.default_source.empty() && r.default_target.empty() &&
          !r.convert_agents && r.code_by == peer.code_by && r.complexity == peer.complexity)
        return static_cast<Variant*>(nullptr);
      const auto key =
          std::make_tuple(r.require_dyad, r.default_source, r.default_target, r.convert_agents,
                          r.default_prior, r.default_after, r.code_by, r.complexity);
      auto it = variants.find(key);
      if (it == variants.end()) {
        EventCoderOptions o = peer;
        o.require_dyad = r.require_dyad;
        o.default_source = r.default_source;
        o.default_target = r.default_target;
        o.default_source_prior = r.default_prior;
        o.default_target_after = r.default_after;
        if (tabari) o.code_by = r.code_by;
        o.keep_clause_actors = tabari && r.code_by == EventCoderOptions::CodeBy::kAll;
        o.complexity = r.complexity;
        ActorCoderOptions a = actor_options;
        a.standalone_agents |= r.convert_agents;
        DYAD_ASSIGN_OR_RETURN(CodingStages stages, MakeCodingStages(dicts, o, a));
        Variant v;
        if (r.convert_agents) {
          v.actors = stages.actors;
          v.actors_ws = stages.actors->NewWorkspace();
        }
        v.events = stages.events;
        v.ws = stages.events->NewWorkspace();
        it = variants.emplace(key, std::move(v)).first;
      }
      return &it->second;
    };
    InputFlags in;
    auto stages = MakeTextStages(in);
    if (!stages.ok()) return Fail(stages.status());
    if (Status s = AddAnalysisStages(f->models, Analysis::kParse, *stages); !s.ok()) return Fail(s);
    stages->push_back(coding->actors);
    stages->push_back(coding->events);
    std::vector<std::unique_ptr<Stage::Workspace>> ws;
    for (const auto& s : *stages) ws.push_back(s->NewWorkspace());
    std::map<std::string, std::pair<int, int>> by_category;  // passed, total
    int passed = 0, failed = 0;
    const Record* previous = nullptr;
    for (const Record& r : records) {
      Document doc;
      // TABARI's FORWARD: the previous sentence of the story first; only the record's own
      // sentences are scored.
      const bool forwarded = previous && r.story >= 0 && previous->story == r.story &&
                             previous->serial + 1 == r.serial;
      if (forwarded) doc.text = DropCommaClauses(previous->text, previous->comma) + " ";
      previous = &r;
      const ByteOffset own_begin = static_cast<ByteOffset>(doc.text.size());
      doc.text += DropCommaClauses(r.text, r.comma);
      // "the Prince of Dol_Amroth": the suites join a name's words with the dictionaries' `_`
      // (consecutive words), which dyad's tokeniser would keep inside one word.
      std::replace(doc.text.begin(), doc.text.end(), '_', ' ');
      doc.meta.id = r.id;
      if (auto d = ParseDate(r.date); d.ok()) {
        doc.meta.date = *d;
        doc.meta.date_source = DateSource::kMetadata;
      }
      std::set<Coding> got;
      bool ok = true;
      for (size_t i = 0; i < stages->size() && ok; ++i)
        ok = (*stages)[i]->Process(doc, *ws[i]).ok();
      auto variant = variant_for(r);
      if (!variant.ok()) return Fail(variant.status());
      if (ok && *variant && (*variant)->actors)
        ok = (*variant)->actors->Process(doc, *(*variant)->actors_ws).ok();
      if (ok && *variant) ok = (*variant)->events->Process(doc, *(*variant)->ws).ok();
      // CONVERT AGENT writes an agent without an actor as "~REB".
      auto written = [&](const std::string& code) {
        if (code.empty()) return std::string("---");
        if (r.convert_agents && code.starts_with("---")) return "~" + code.substr(3);
        return code;
      };
      int words = 0;
      for (size_t i = 0; i < r.text.size(); ++i)
        words += r.text[i] != ' ' && (i == 0 || r.text[i - 1] == ' ');
      if (words < r.min_words) doc.events.clear();
      // The suites write a missing actor as "---".
      for (const Event& e : doc.events) {
        if (doc.sentences[e.sentence].span.end > own_begin)
          got.insert({written(e.source), written(e.target), e.code});
      }
      const bool pass = ok && got == r.expected;
      if (ok && (r.id == f->explain || (!pass && f->explain == "misses"))) {
        const EventCoder& coder = *variant ? *(*variant)->events : *coding->events;
        fmt::print("== {} [{}]: {}\n-- parse\n", r.id, r.category, doc.text);
        for (TokenIndex t = 0; t < doc.tokens.size() && doc.words.size() == doc.tokens.size();
             ++t) {
          const WordAnalysis& w = doc.words[t];
          fmt::print("  {:>3} {:<16} {:<14} {:<6} {:>3} {}\n", t + 1,
                     doc.SpanText(doc.tokens[t].span), w.lemma, UposName(w.upos),
                     w.head == kNoHead ? 0 : w.head + 1, DeprelName(w.deprel));
        }
        fmt::print("-- actors\n");
        for (const ActorMention& m : doc.actors)
          fmt::print("  {:<30} {:<10} {}\n", doc.SpanText(m.span), m.code, m.how);
        for (SentenceIndex si = 0; si < doc.sentences.size(); ++si)
          fmt::print("-- verbs and patterns (sentence {})\n{}", si + 1, coder.Explain(doc, si));
        fmt::print("-- expected {}; coded {}\n", Show(r.expected), Show(got));
      }
      auto& c = by_category[r.category];
      c.first += pass;
      ++c.second;
      (pass ? passed : failed)++;
      if (!pass && f->misses) {
        fmt::print("MISS {} [{}]: expected {}; coded {}\n  {}\n", r.id, r.category,
                   Show(r.expected), Show(got), r.text);
      }
    }
    for (const auto& [cat, c] : by_category) {
      fmt::print("{:<10} {:>4} / {:<4} {:6.1f} %\n", cat, c.first, c.second,
                 c.second ? 100.0 * c.first / c.second : 0.0);
    }
    fmt::print("{} passed, {} failed\n", passed, failed);
    if (passed < f->floor) {
      fmt::print(stderr, "dyad validate: {} passed is below the floor of {}\n", passed, f->floor);
      return kExitData;
    }
    return kExitOk;
  };
}

}  // namespace dyad::cli
