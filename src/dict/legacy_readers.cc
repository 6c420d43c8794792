// Readers for the PETRARCH-2 and TABARI dictionary formats, which share most of their syntax:
// actor records with "+" synonyms and indented "[CODE date]" lines, agents "PHRASE [~CODE]",
// PETRARCH discards and issues, and TABARI .options commands.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "dyad/core/date.h"
#include "phrase.h"
#include "text_lines.h"

namespace dyad::dict_internal {
namespace {

constexpr EntryId kNoEntry = 0xFFFFFFFFu;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// YYMMDD or YYYYMMDD (ParseDate's reading: 00-29 are 2000-2029); empty Date when it is neither.
Date LegacyDate(std::string_view s) {
  s = Trim(s);
  if (!AllDigits(s) || (s.size() != 6 && s.size() != 8)) return {};
  StatusOr<Date> d = ParseDate(s);
  return d.ok() ? *d : Date{};
}

// Letters and digits, TABARI's "/" for coded compounds, and the special codes "---" (null),
// "###" (discard), "+++" (complex); a "-" only as a leading run ("---GOV").
bool ValidCode(std::string_view code) {
  size_t k = 0;
  while (k < code.size() && code[k] == '-') ++k;
  if (code.empty()) return false;
  for (; k < code.size(); ++k) {
    char c = code[k];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '#' && c != '/' && c != '+') {
      return false;
    }
  }
  return true;
}

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

// Parses the "[...]" blocks of `s` into `rules`. Returns how many blocks it saw (good or bad).
int ParseCodeBlocks(std::string_view s, uint16_t source, uint32_t line, DictionaryBuilder& b,
                    std::vector<CodeRule>& rules) {
  int blocks = 0;
  size_t pos = 0;
  while ((pos = s.find('[', pos)) != std::string_view::npos) {
    ++blocks;
    size_t close = s.find(']', pos);
    if (close == std::string_view::npos) {
      b.Warn(source, line, "missing ] after " + Quote(s.substr(pos)));
      break;
    }
    std::string_view body = Trim(s.substr(pos + 1, close - pos - 1));
    pos = close + 1;
    if (body.empty()) {
      b.Warn(source, line, "empty code block []");
      continue;
    }
    size_t sp = body.find_first_of(" \t");
    CodeRule rule;
    std::string_view code = body.substr(0, sp);
    std::string_view restriction = sp == std::string_view::npos ? "" : Trim(body.substr(sp));
    // TABARI allows a restriction with no code ("[950601-990815]"): flag it, keep nothing.
    if (AllDigits(Before(Before(code, '-'), '<')) || code.front() == '<' || code.front() == '>') {
      b.Warn(source, line, "code block [" + std::string(body) + "] has no code");
      continue;
    }
    if (!ValidCode(code)) {
      b.Warn(source, line, "code " + Quote(code) + " has characters other than letters and digits");
      continue;
    }
    rule.code = std::string(code);
    if (!restriction.empty()) {
      if (restriction.front() == '<' || restriction.front() == '>') {
        Date d = LegacyDate(restriction.substr(1));
        if (d.empty()) {
          b.Warn(source, line,
                 "date " + Quote(Trim(restriction.substr(1))) +
                     " is not YYMMDD or YYYYMMDD; restriction skipped");
          continue;
        }
        (restriction.front() == '<' ? rule.to : rule.from) = d;
      } else if (size_t dash = restriction.find('-'); dash != std::string_view::npos) {
        std::string_view a = Trim(restriction.substr(0, dash));
        std::string_view z = Trim(restriction.substr(dash + 1));
        rule.from = LegacyDate(a);
        rule.to = LegacyDate(z);
        if (rule.from.empty() || rule.to.empty()) {
          b.Warn(source, line,
                 "date " + Quote(rule.from.empty() ? a : z) +
                     " is not YYMMDD or YYYYMMDD; restriction skipped");
          continue;
        }
        if (rule.to < rule.from) {
          b.Warn(
              source, line,
              "date range " + Quote(restriction) + " ends before it starts; restriction skipped");
          continue;
        }
      } else {
        b.Warn(source, line,
               "cannot read date restriction " + Quote(restriction) +
                   " (want <date, >date or date-date); restriction skipped");
        continue;
      }
    }
    rules.push_back(std::move(rule));
  }
  return blocks;
}

// Drops a line's comment: ";" in both formats, and "#" in PETRARCH's. TABARI comments with "#"
// only at the start of a line, and its discard code "[###]" must survive.
std::string_view StripComment(std::string_view line, PhraseStyle style) {
  size_t p = line.find_first_of(style == PhraseStyle::kTabari ? ";" : "#;");
  return p == std::string_view::npos ? line : line.substr(0, p);
}

// TABARI's end-of-file mark, "~FINISH" (written "~~FINISH" by later versions).
bool IsFinish(std::string_view raw) {
  std::string_view t = Trim(raw);
  return !t.empty() && t.front() == '~' && t.find("FINISH") != std::string_view::npos;
}

// Lines both formats skip whole: comments, XML-style comments and tags.
bool IsCommentLine(std::string_view raw, PhraseStyle style) {
  std::string_view t = Trim(raw);
  if (t.empty() || t.front() == '#') return true;
  if (style == PhraseStyle::kTabari && t.front() == '/') return true;
  return false;
}

void AddRules(DictionaryBuilder& b, EntryId id, std::vector<CodeRule>& rules) {
  DictEntry& e = b.entry(id);
  for (CodeRule& r : rules) e.codes.push_back(std::move(r));
  rules.clear();
}

}  // namespace

void ReadLegacyActors(std::string_view text, uint16_t source, PhraseStyle style,
                      DictionaryBuilder& b) {
  TextLines lines(text);
  std::string_view raw;
  EntryId current = kNoEntry;
  bool current_had_blocks = false;  // its primary line had [..] blocks, even unreadable ones
  bool in_word_list = false;        // TABARI <NOUN> / <ADJECTIVE> sections: parser hints, no codes
  std::vector<CodeRule> rules;
  auto finish = [&] {
    if (current != kNoEntry && b.entry(current).codes.empty()) {
      b.Warn(source, b.entry(current).line,
             "actor " + Quote(b.entry(current).name) + " has no code; it is null-coded");
    }
  };
  while (lines.Next(raw)) {
    const uint32_t no = lines.number();
    if (raw.find("---STOP---") != std::string_view::npos) break;
    if (style == PhraseStyle::kTabari && IsFinish(raw)) break;
    if (IsCommentLine(raw, style)) continue;
    std::string_view t = Trim(raw);
    if (t.front() == '<') {
      std::string tag = Folded(t);
      if (tag.starts_with("<noun") || tag.starts_with("<adj")) in_word_list = true;
      if (tag.starts_with("</noun") || tag.starts_with("</adj")) in_word_list = false;
      continue;  // other tags and <!-- comments --> are skipped, as PETRARCH does
    }
    if (in_word_list) continue;
    std::string_view body = StripComment(raw, style);
    if (Trim(body).empty()) continue;
    if (raw.front() == ' ' || raw.front() == '\t') {
      if (current == kNoEntry) {
        b.Warn(source, no, "code line " + Quote(Trim(body)) + " before any actor");
        continue;
      }
      if (ParseCodeBlocks(body, source, no, b, rules) == 0) {
        b.Warn(source, no, "indented line " + Quote(Trim(body)) + " has no [code]");
      }
      AddRules(b, current, rules);
      continue;
    }
    const bool synonym = body.front() == '+';
    std::string_view phrase = Trim(Before(synonym ? body.substr(1) : body, '['));
    int blocks = ParseCodeBlocks(body, source, no, b, rules);
    if (phrase.empty()) {
      b.Warn(source, no, "line " + Quote(Trim(body)) + " has no phrase");
      rules.clear();
      continue;
    }
    if (synonym) {
      if (current == kNoEntry) {
        b.Warn(source, no, "synonym " + Quote(phrase) + " before any actor");
        rules.clear();
        continue;
      }
    } else if (current == kNoEntry || blocks > 0 || current_had_blocks ||
               !b.entry(current).codes.empty()) {
      // A primary phrase starts a new actor, except that uncoded primaries in a row share the
      // code lines that follow them (PETRARCH reads "U.N._" then "UN_SECRETARY_GENERAL" then
      // "\t[IGOUNO]" as one actor).
      finish();
      DictEntry e;
      e.kind = EntryKind::kActor;
      e.source = source;
      e.line = no;
      e.name = std::string(phrase);
      current = b.AddEntry(std::move(e));
      current_had_blocks = blocks > 0;
    }
    b.AddPhrase(current, phrase, style, no);
    AddRules(b, current, rules);
  }
  finish();
}

void ReadLegacyAgents(std::string_view text, uint16_t source, PhraseStyle style,
                      DictionaryBuilder& b) {
  TextLines lines(text);
  std::string_view raw;
  std::vector<std::pair<std::string, std::vector<std::string>>> markers;  // !PERSON! -> forms
  while (lines.Next(raw)) {
    const uint32_t no = lines.number();
    if (style == PhraseStyle::kTabari && IsFinish(raw)) break;
    if (IsCommentLine(raw, style) || Trim(raw).front() == '<') continue;
    std::string_view body = Trim(StripComment(raw, style));
    if (body.empty()) continue;
    if (body.front() == '!' && body.find('=') != std::string_view::npos) {
      size_t close = body.find('!', 1);
      size_t eq = body.find('=');
      if (close == std::string_view::npos || close > eq) {
        b.Warn(source, no, "substitution marker " + Quote(body) + " is not !NAME! = a, b");
        continue;
      }
      std::vector<std::string> forms;
      std::string_view list = body.substr(eq + 1);
      while (!list.empty()) {
        std::string_view item = Trim(Before(list, ','));
        if (!item.empty()) forms.emplace_back(item);
        size_t comma = list.find(',');
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      }
      markers.emplace_back(std::string(body.substr(0, close + 1)), std::move(forms));
      continue;
    }
    size_t open = body.find('[');
    if (open == std::string_view::npos) {
      b.Warn(source, no, "agent " + Quote(body) + " has no [code]");
      continue;
    }
    size_t close = body.find(']', open);
    if (close == std::string_view::npos) {
      b.Warn(source, no, "missing ] in " + Quote(body));
      continue;
    }
    std::string_view code = Trim(body.substr(open + 1, close - open - 1));
    std::string_view phrase = Trim(body.substr(0, open));
    const bool prefix = !code.empty() && code.back() == '~';
    if (code.empty() || (code.front() != '~' && !prefix)) {
      b.Warn(source, no, "agent code " + Quote(code) + " has no ~ (want [~ROLE] or [ROLE~])");
      continue;
    }
    std::string_view role = Trim(prefix ? code.substr(0, code.size() - 1) : code.substr(1));
    if (role.empty() || !ValidCode(role)) {
      b.Warn(source, no, "agent code " + Quote(code) + " has no role");
      continue;
    }
    std::string_view plural;
    bool has_braces = false;
    if (size_t brace = phrase.find('{'); brace != std::string_view::npos) {
      size_t end = phrase.find('}', brace);
      if (end == std::string_view::npos) {
        b.Warn(source, no, "missing } in " + Quote(phrase));
        continue;
      }
      has_braces = true;
      plural = Trim(phrase.substr(brace + 1, end - brace - 1));
      phrase = Trim(phrase.substr(0, brace));
    }
    if (phrase.empty()) {
      b.Warn(source, no, "agent line " + Quote(body) + " has no phrase");
      continue;
    }
    DictEntry e;
    e.kind = EntryKind::kAgent;
    e.prefix_code = prefix;
    e.source = source;
    e.line = no;
    e.name = std::string(phrase);
    e.codes.push_back(CodeRule{std::string(role), {}, {}});
    e.no_plural = style == PhraseStyle::kPetrarch && has_braces && plural.empty();
    // PETRARCH forms regular plurals unless {} or {PLURAL} says otherwise; TABARI's phrase
    // style already adds its "S" ending.
    const bool regular = style == PhraseStyle::kPetrarch && !has_braces;
    if (size_t bang = phrase.find('!'); bang != std::string_view::npos) {
      size_t end = phrase.find('!', bang + 1);
      const std::vector<std::string>* forms = nullptr;
      if (end != std::string_view::npos) {
        std::string_view name = phrase.substr(bang, end - bang + 1);
        for (const auto& [m, f] : markers) {
          if (m == name) forms = &f;
        }
      }
      if (forms == nullptr) {
        b.Warn(source, no, "substitution marker in " + Quote(phrase) + " is not defined above");
        continue;
      }
      EntryId id = b.AddEntry(std::move(e));
      for (const std::string& form : *forms) {
        std::string expanded =
            std::string(phrase.substr(0, bang)) + form + std::string(phrase.substr(end + 1));
        b.AddPhrase(id, expanded, style, no);
      }
      continue;
    }
    EntryId id = b.AddEntry(std::move(e));
    b.AddPhrase(id, phrase, style, no, regular);
    if (!plural.empty()) b.AddPhrase(id, plural, style, no);
  }
}

void ReadPetrarchDiscards(std::string_view text, uint16_t source, DictionaryBuilder& b) {
  TextLines lines(text);
  std::string_view raw;
  while (lines.Next(raw)) {
    if (IsCommentLine(raw, PhraseStyle::kPetrarch) || Trim(raw).front() == '<') continue;
    std::string_view body = Trim(Before(raw, '#'));
    if (body.empty()) continue;
    DictEntry e;
    e.kind = EntryKind::kDiscard;
    e.story_level = body.front() == '+';
    if (e.story_level) body = Trim(body.substr(1));
    e.source = source;
    e.line = lines.number();
    e.name = std::string(body);
    EntryId id = b.AddEntry(std::move(e));
    // A discard without a final "_" is a stem, as in TABARI; its words stay consecutive, so the
    // blanks become "_" (TABARI's blank lets other words in between, PETRARCH's does not).
    std::string phrase(body);
    std::replace_if(phrase.begin(), phrase.end(), [](char c) { return c == ' ' || c == '\t'; },
                    '_');
    b.AddPhrase(id, phrase, PhraseStyle::kTabari, lines.number());
  }
}

namespace {

// Expands PETRARCH issue shorthand: "n:" noun forms, "v:" regular verb forms, "+" joining with
// a space or a hyphen (the hyphen form covers both: a hyphenated word also matches split).
std::vector<std::string> IssueForms(std::string_view phrase) {
  std::vector<std::string> forms = {""};
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && phrase[i] == ' ') ++i;
    size_t b = i;
    while (i < phrase.size() && phrase[i] != ' ') ++i;
    if (i == b) break;
    std::string word(phrase.substr(b, i - b));
    std::replace(word.begin(), word.end(), '+', '-');
    std::vector<std::string> alts;
    std::string lower = Folded(word);
    if (size_t p = lower.find("n:"); p != std::string::npos) {
      word.erase(p, 2);
      alts = {word, RegularPlural(word)};
    } else if (size_t q = lower.find("v:"); q != std::string::npos) {
      word.erase(q, 2);
      const bool e_end = !word.empty() && (word.back() == 'e' || word.back() == 'E');
      std::string stem = e_end ? word.substr(0, word.size() - 1) : word;
      alts = {word, word + "s", e_end ? word + "d" : word + "ed", stem + "ing"};
    } else {
      alts = {word};
    }
    std::vector<std::string> next;
    for (const std::string& f : forms) {
      for (const std::string& a : alts) next.push_back(f.empty() ? a : f + " " + a);
    }
    forms = std::move(next);
  }
  return forms;
}

}  // namespace

void ReadPetrarchIssues(std::string_view text, uint16_t source, DictionaryBuilder& b) {
  TextLines lines(text);
  std::string_view raw;
  while (lines.Next(raw)) {
    const uint32_t no = lines.number();
    if (IsCommentLine(raw, PhraseStyle::kPetrarch) || Trim(raw).front() == '<') continue;
    std::string_view body = Trim(Before(raw, '#'));
    if (body.empty()) continue;
    DictEntry e;
    e.kind = EntryKind::kIssue;
    e.source = source;
    e.line = no;
    std::string_view phrase;
    if (body.front() == '~') {
      // "~phrase" cancels the sentence's issues, "~~phrase" the story's.
      const bool story = body.size() > 1 && body[1] == '~';
      phrase = Trim(body.substr(story ? 2 : 1));
      e.codes.push_back(CodeRule{story ? "~~" : "~", {}, {}});
    } else {
      size_t open = body.find('[');
      size_t close = open == std::string_view::npos ? open : body.find(']', open);
      if (open == std::string_view::npos || close == std::string_view::npos) {
        b.Warn(source, no, "issue phrase " + Quote(body) + " has no [code]");
        continue;
      }
      std::string_view code = Trim(body.substr(open + 1, close - open - 1));
      phrase = Trim(body.substr(0, open));
      if (code.empty()) {
        b.Warn(source, no, "issue phrase " + Quote(phrase) + " has an empty [code]");
        continue;
      }
      e.codes.push_back(CodeRule{std::string(code), {}, {}});
    }
    if (phrase.empty()) {
      b.Warn(source, no, "issue line " + Quote(body) + " has no phrase");
      continue;
    }
    e.name = std::string(phrase);
    EntryId id = b.AddEntry(std::move(e));
    for (const std::string& form : IssueForms(phrase))
      b.AddPhrase(id, form, PhraseStyle::kPetrarch, no);
  }
}

void ReadTabariOptions(std::string_view text, uint16_t source, DictionaryBuilder& b) {
  static constexpr std::string_view kCommands[] = {"SET",     "LABEL",   "COMPLEX", "OUTPUT",
                                                   "FORWARD", "DEFAULT", "COMMA",   "NONEVENTS",
                                                   "CODE",    "DELETE",  "ISSUES",  "FILTER"};
  TextLines lines(text);
  std::string_view raw;
  while (lines.Next(raw)) {
    const uint32_t no = lines.number();
    std::string_view body = raw;
    if (size_t c = body.find("//"); c != std::string_view::npos) body = body.substr(0, c);
    body = Trim(Before(body, '#'));
    if (body.empty() || body.find_first_not_of('~') == std::string_view::npos) continue;
    size_t colon = body.find(':');
    if (colon == std::string_view::npos) {
      b.Warn(source, no, "options line " + Quote(body) + " is not COMMAND: arguments");
      continue;
    }
    std::string command = Upper(Trim(body.substr(0, colon)));
    // TABARI reads only the first four letters of a command ("DEFA:" is DEFAULT:).
    std::string_view head = std::string_view(command).substr(0, 4);
    bool known = false;
    for (std::string_view k : kCommands) known |= head.size() >= 3 && k.substr(0, 4) == head;
    if (!known) {
      b.Warn(source, no, "unknown options command " + Quote(command));
      continue;
    }
    std::string_view args = Trim(body.substr(colon + 1));
    if (command.starts_with("SET")) {
      size_t eq = args.find('=');
      std::string key = Upper(Trim(args.substr(0, eq)));
      if (eq == std::string_view::npos) {
        b.AddSetting(key, "");  // "SET: CODE BY CLAUSE" has no value
        continue;
      }
      b.AddSetting(key, Upper(Trim(args.substr(eq + 1))));
      continue;
    }
    b.AddSetting(command, std::string(args));
  }
}

}  // namespace dyad::dict_internal
