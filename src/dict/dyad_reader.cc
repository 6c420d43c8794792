// Reader for dyad's own dictionary format (data/dict/README.md): `country` and `actor` blocks
// with indented keyword lines, and one-line `agent` and `title` entries.
#include <string>
#include <vector>

#include "dyad/core/date.h"
#include "phrase.h"
#include "text_lines.h"

namespace dyad::dict_internal {
namespace {

constexpr EntryId kNoEntry = 0xFFFFFFFFu;

// Splits "a | b | c" into trimmed, non-empty phrases.
std::vector<std::string_view> Alternatives(std::string_view s) {
  std::vector<std::string_view> out;
  while (true) {
    std::string_view part = Trim(Before(s, '|'));
    if (!part.empty()) out.push_back(part);
    size_t bar = s.find('|');
    if (bar == std::string_view::npos) break;
    s = s.substr(bar + 1);
  }
  return out;
}

std::string_view FirstWord(std::string_view s, std::string_view* rest) {
  s = Trim(s);
  size_t sp = s.find_first_of(" \t");
  *rest = sp == std::string_view::npos ? std::string_view() : Trim(s.substr(sp));
  return s.substr(0, sp);
}

bool IsCode(std::string_view code, size_t min_len) {
  if (code.size() < min_len) return false;
  for (char c : code) {
    if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

int Digits(std::string_view s, bool* ok) {
  int v = 0;
  if (s.empty()) *ok = false;
  for (char c : s) {
    if (c < '0' || c > '9') *ok = false;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "YYYY-MM-DD", "YYYY-MM" or "YYYY"; a month or year alone means its first day (`end` false)
// or its last day (`end` true). Returns false when `s` is none of these.
bool IsoDate(std::string_view s, bool end, Date* out) {
  bool ok = true;
  int year = Digits(s.substr(0, 4), &ok);
  int month = end ? 12 : 1;
  int day = 1;
  if (s.size() == 4) {
  } else if (s.size() == 7 && s[4] == '-') {
    month = Digits(s.substr(5, 2), &ok);
  } else if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    month = Digits(s.substr(5, 2), &ok);
    day = Digits(s.substr(8, 2), &ok);
  } else {
    return false;
  }
  if (!ok || month < 1 || month > 12) return false;
  if (end && s.size() < 10) {
    day = 31;
    while (day > 28 && !IsValidDate(year, month, day)) --day;
  }
  if (!IsValidDate(year, month, day)) return false;
  *out = Date{static_cast<int16_t>(year), static_cast<int8_t>(month), static_cast<int8_t>(day)};
  return true;
}

}  // namespace

void ReadDyad(std::string_view text, uint16_t source, DictionaryBuilder& b) {
  enum class Block { kNone, kCountry, kActor } block = Block::kNone;
  // The file name says whether actor blocks are people or organisations; a `gender` line
  // settles it for mixed files.
  const std::string& file = b.source(source);
  const bool people_file = file.find("people") != std::string::npos;
  std::string country;       // the open country block's code
  EntryId actor = kNoEntry;  // the open actor block's entry
  auto close_actor = [&] {
    if (actor != kNoEntry && b.entry(actor).codes.empty()) {
      b.Warn(source, b.entry(actor).line,
             "actor " + Quote(b.entry(actor).name) + " has no role; it is null-coded");
    }
    actor = kNoEntry;
  };
  TextLines lines(text);
  std::string_view raw;
  while (lines.Next(raw)) {
    const uint32_t no = lines.number();
    std::string_view line = Before(raw, '#');
    if (Trim(line).empty()) continue;
    std::string_view rest;
    std::string_view key = FirstWord(line, &rest);
    const bool indented = line.front() == ' ' || line.front() == '\t';
    if (!indented) {
      close_actor();
      block = Block::kNone;
      if (key == "country") {
        std::string_view extra;
        std::string_view code = FirstWord(rest, &extra);
        if (!IsCode(code, 3) || code.size() != 3 || !extra.empty()) {
          b.Warn(source, no, "country code " + Quote(rest) + " is not three capital letters");
          continue;
        }
        country = std::string(code);
        block = Block::kCountry;
      } else if (key == "actor") {
        if (rest.empty()) {
          b.Warn(source, no, "actor line has no name");
          continue;
        }
        DictEntry e;
        e.kind = EntryKind::kActor;
        e.actor_class = people_file ? ActorClass::kPerson : ActorClass::kOrganization;
        e.source = source;
        e.line = no;
        e.name = std::string(rest);
        actor = b.AddEntry(std::move(e));
        b.AddPhrase(actor, rest, PhraseStyle::kDyad, no);
        block = Block::kActor;
      } else if (key == "agent" || key == "title") {
        std::string_view phrases;
        std::string_view role = FirstWord(rest, &phrases);
        if (!IsCode(role, 3)) {
          b.Warn(source, no,
                 key == "agent" ? "agent role " + Quote(role) + " is not capital letters"
                                : "title role " + Quote(role) + " is not capital letters");
          continue;
        }
        std::vector<std::string_view> alts = Alternatives(phrases);
        if (alts.empty()) {
          b.Warn(source, no, std::string(key) + " " + std::string(role) + " lists no phrase");
          continue;
        }
        DictEntry e;
        e.kind = key == "agent" ? EntryKind::kAgent : EntryKind::kTitle;
        e.source = source;
        e.line = no;
        e.name = std::string(alts.front());
        e.codes.push_back(CodeRule{std::string(role), {}, {}});
        EntryId id = b.AddEntry(std::move(e));
        for (std::string_view p : alts) b.AddPhrase(id, p, PhraseStyle::kDyad, no);
      } else {
        b.Warn(source, no,
               "unknown keyword " + Quote(key) +
                   " (want country, actor, agent or title at the start of a line)");
      }
      continue;
    }
    if (block == Block::kCountry) {
      if (key == "iso2") {
        if (!IsCode(rest, 2) || rest.size() != 2)
          b.Warn(source, no, "iso2 " + Quote(rest) + " is not two capital letters");
        continue;
      }
      if (key != "name" && key != "demonym" && key != "gov" && key != "mil" && key != "place") {
        b.Warn(source, no,
               Quote(key) + " is not a country keyword (name, demonym, gov, mil, place, iso2)");
        continue;
      }
      std::vector<std::string_view> alts = Alternatives(rest);
      if (alts.empty()) {
        b.Warn(source, no, std::string(key) + " lists no phrase");
        continue;
      }
      DictEntry e;
      e.kind = EntryKind::kActor;
      e.actor_class = key == "gov" || key == "mil" ? ActorClass::kGovSeat
                      : key == "demonym"               ? ActorClass::kDemonym
                                                       : ActorClass::kCountry;
      e.source = source;
      e.line = no;
      e.name = std::string(alts.front());
      std::string code = country;
      if (key == "gov") code += "GOV";
      if (key == "mil") code += "MIL";
      e.codes.push_back(CodeRule{std::move(code), {}, {}});
      EntryId id = b.AddEntry(std::move(e));
      for (std::string_view p : alts) b.AddPhrase(id, p, PhraseStyle::kDyad, no);
    } else if (block == Block::kActor) {
      DictEntry& e = b.entry(actor);
      if (key == "alias") {
        std::vector<std::string_view> alts = Alternatives(rest);
        if (alts.empty()) b.Warn(source, no, "alias lists no phrase");
        for (std::string_view p : alts) b.AddPhrase(actor, p, PhraseStyle::kDyad, no);
      } else if (key == "gender") {
        if (rest != "m" && rest != "f") {
          b.Warn(source, no, "gender " + Quote(rest) + " is not m or f");
          continue;
        }
        e.gender = rest[0];
        e.actor_class = ActorClass::kPerson;
      } else if (key == "role") {
        std::string_view dates;
        std::string_view code = FirstWord(rest, &dates);
        if (!IsCode(code, 3)) {
          b.Warn(source, no, "role code " + Quote(code) + " is not capital letters");
          continue;
        }
        CodeRule rule{std::string(code), {}, {}};
        if (!dates.empty()) {
          std::string_view to_text;
          std::string_view from_text = FirstWord(dates, &to_text);
          if (to_text.empty() || to_text.find_first_of(" \t") != std::string_view::npos) {
            b.Warn(source, no,
                   "role dates " + Quote(dates) + " are not FROM TO (use - for an open end)");
            continue;
          }
          const bool from_ok = from_text == "-" || IsoDate(from_text, false, &rule.from);
          const bool to_ok = to_text == "-" || IsoDate(to_text, true, &rule.to);
          if (!from_ok || !to_ok) {
            b.Warn(source, no,
                   "role date " + Quote(from_ok ? to_text : from_text) +
                       " is not YYYY-MM-DD, YYYY-MM, YYYY or -");
            continue;
          }
          if (from_text == "-" && to_text == "-") {
            b.Warn(source, no, "role dates \"- -\" are both open; write `role CODE` for a default");
            continue;
          }
          if (!rule.from.empty() && !rule.to.empty() && rule.to < rule.from) {
            b.Warn(source, no, "role dates " + Quote(dates) + " end before they start");
            continue;
          }
        }
        // A later line wins where ranges overlap (the day power changes hands), so dated rules
        // are kept newest first: CodeFor takes the first rule that covers the date.
        if (rule.is_default()) {
          e.codes.push_back(std::move(rule));
        } else {
          e.codes.insert(e.codes.begin(), std::move(rule));
        }
      } else {
        b.Warn(source, no, Quote(key) + " is not an actor keyword (alias, gender, role)");
      }
    } else {
      b.Warn(source, no,
             "indented line " + Quote(Trim(line)) + " is outside a country or actor block");
    }
  }
  close_actor();
}

}  // namespace dyad::dict_internal
