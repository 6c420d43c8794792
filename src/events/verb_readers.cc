// Readers for PETRARCH-2, TABARI and dyad verb dictionaries, and the loaders that find them.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "dyad/core/text_file.h"
#include "dyad/events/verb_dictionary.h"

namespace dyad {
namespace events_internal {

struct EmbeddedFile {
  const char* name;
  const char* text;
};
// Generated from data/dict/verbs/*.txt and data/dict/cameo.txt (src/events/CMakeLists.txt).
extern const EmbeddedFile kDefaultVerbFiles[];
extern const size_t kDefaultVerbFileCount;
extern const char* const kDefaultCameoTable;  // nullptr when data/dict/cameo.txt was absent

}  // namespace events_internal

namespace {

namespace fs = std::filesystem;
using Kind = PatternElement::Kind;

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

std::vector<std::string_view> SplitChar(std::string_view s, char c) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (true) {
    size_t p = s.find(c, b);
    out.push_back(s.substr(b, p == std::string_view::npos ? s.npos : p - b));
    if (p == std::string_view::npos) break;
    b = p + 1;
  }
  return out;
}

// Regular English verb forms, as PETRARCH generates them for a verb without `{...}`.
std::vector<std::string> RegularForms(std::string_view verb) {
  std::string v = Lower(verb);
  std::vector<std::string> f;
  if (v.empty()) return f;
  const char last = v.back();
  const bool sibilant = v.ends_with("s") || v.ends_with("x") || v.ends_with("z") ||
                        v.ends_with("ch") || v.ends_with("sh");
  const bool consonant_y =
      last == 'y' && v.size() > 1 &&
      std::string_view("aeiou").find(v[v.size() - 2]) == std::string_view::npos;
  f.push_back(sibilant ? v + "es" : consonant_y ? v.substr(0, v.size() - 1) + "ies" : v + "s");
  if (last == 'e') {
    f.push_back(v + "d");
    f.push_back(v.substr(0, v.size() - 1) + "ing");
  } else if (consonant_y) {
    f.push_back(v.substr(0, v.size() - 1) + "ied");
    f.push_back(v + "ing");
  } else {
    f.push_back(v + "ed");
    f.push_back(v + "ing");
  }
  return f;
}

// Splits "[032:033]" into code and paired code; false when `s` is not a bracketed code.
bool ParseCode(std::string_view s, std::string& code, std::string& paired) {
  s = TrimBlanks(s);
  if (s.size() < 3 || s.front() != '[' || s.back() != ']') return false;
  s = TrimBlanks(s.substr(1, s.size() - 2));
  size_t colon = s.find(':');
  code = std::string(TrimBlanks(s.substr(0, colon)));
  paired = colon == std::string_view::npos ? "" : std::string(TrimBlanks(s.substr(colon + 1)));
  if (paired == "---") paired.clear();
  // "[:110]" codes only the reverse event (target -> source), as CAMEO.2.0's OFFEND block does.
  if (code.empty() && !paired.empty()) code = "---";
  return !code.empty();
}

// Text of a line before a comment introduced by `comment` (`#` or `;`).
std::string_view StripComment(std::string_view line, char comment) {
  size_t p = line.find(comment);
  return TrimBlanks(p == std::string_view::npos ? line : line.substr(0, p));
}

// "DIDN'T", "CAN'T", "WON'T" as the tokeniser splits them (UD/PTB: "did n't", "ca n't",
// "wo n't"): the contraction becomes its own word, joined to the one before (`_`).
std::string SplitContractions(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && i + 3 <= s.size() && (s[i] == 'n' || s[i] == 'N') && s[i + 1] == '\'' &&
        (s[i + 2] == 't' || s[i + 2] == 'T') && std::isalpha(static_cast<unsigned char>(s[i - 1])))
      out += '_';
    out += s[i];
  }
  return out;
}

class LegacyVerbReader {
 public:
  LegacyVerbReader(VerbDictionaryBuilder& b, uint16_t src, VerbFormat format)
      : b_(b), src_(src), format_(format) {}

  void Read(std::string_view text) {
    const size_t first_block = b_.block_count();
    size_t pos = 0;
    uint32_t n = 0;
    bool in_html_comment = false;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view raw = text.substr(pos, nl - pos);
      pos = nl + 1;
      ++n;
      // PETR.Validate.verbs.txt writes its notes as <!-- ... --> lines.
      std::string_view t = TrimBlanks(raw);
      if (in_html_comment || t.starts_with("<!--")) {
        in_html_comment = t.find("-->") == std::string_view::npos;
        continue;
      }
      Line(raw, n);
    }
    FlushTabariEntry();
    // TABARI tests a verb's patterns longest first (manual 5.7.1), whatever their order in the
    // file; equal lengths keep it.
    if (format_ == VerbFormat::kTabari) {
      for (size_t i = first_block; i < b_.block_count(); ++i) {
        b_.block(static_cast<uint32_t>(i)).longest_first = true;
        std::vector<VerbPattern>& patterns = b_.block(static_cast<uint32_t>(i)).patterns;
        for (VerbPattern& p : patterns) {
          p.length = static_cast<uint32_t>(TabariLength(p.text));
          p.alternatives = p.text.find("&ALT") != std::string::npos;
        }
        std::stable_sort(
            patterns.begin(), patterns.end(),
            [](const VerbPattern& a, const VerbPattern& b) { return a.length > b.length; });
      }
    }
  }

  // TABARI's pattern length (manual 5.7.1): its letters and digits, not the blanks or the tokens
  // $ + % * ^; of `{ A | B }` alternatives (read as &ALT synsets) the longest; a named synset
  // (&NAME) adds none.
  size_t TabariLength(std::string_view text) const {
    size_t length = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '[') break;  // the code
      if (c == '&') {
        size_t e = i;
        while (e < text.size() && text[e] != ' ' && text[e] != '\t') ++e;
        const std::string_view name = text.substr(i, e - i);
        if (int32_t id = b_.FindSynset(name); name.starts_with("&ALT") && id >= 0) {
          size_t longest = 0;
          for (const std::vector<std::string>& phrase : b_.synset(static_cast<uint32_t>(id))) {
            size_t letters = 0;
            for (const std::string& w : phrase) {
              for (char x : w) letters += std::isalnum(static_cast<unsigned char>(x)) != 0;
            }
            longest = std::max(longest, letters);
          }
          length += longest;
        }
        i = e;
        continue;
      }
      if (c == '{') {
        const size_t close = text.find('}', i);
        if (close == std::string_view::npos) break;
        size_t longest = 0, current = 0;
        for (size_t k = i + 1; k < close; ++k) {
          if (text[k] == '|') {
            longest = std::max(longest, current);
            current = 0;
          } else if (std::isalnum(static_cast<unsigned char>(text[k]))) {
            ++current;
          }
        }
        length += std::max(longest, current);
        i = close;
        continue;
      }
      if (std::isalnum(static_cast<unsigned char>(c))) ++length;
    }
    return length;
  }

 private:
  void Line(std::string_view raw, uint32_t n) {
    const char comment = format_ == VerbFormat::kTabari ? ';' : '#';
    std::string_view t = TrimBlanks(raw);
    if (t.empty() || finished_) return;
    // TABARI manual 5.2: "~FINISH" is the end-of-file mark; what follows is not read.
    if (format_ == VerbFormat::kTabari && (t.starts_with("~FINISH") || t.starts_with("~~FINISH"))) {
      finished_ = true;
      return;
    }
    if (t.starts_with("---") && format_ == VerbFormat::kPetrarch) return BlockHeader(t, n);
    std::string_view line = StripComment(t, comment);
    if (format_ == VerbFormat::kPetrarch && line.empty()) return;
    if (line.empty()) return;
    // TABARI manual 5.5.1: irregular forms "{BROKE_ BROKEN_}" on the line after their verb.
    if (format_ == VerbFormat::kTabari && line[0] == '{') {
      if (!tabari_entry_) {
        b_.Warn(src_, n, "verb forms without a verb before them");
        return;
      }
      size_t rc = line.find('}');
      if (rc == std::string_view::npos) rc = line.size();
      for (std::string_view f : SplitSpaces(line.substr(1, rc - 1))) {
        std::string form = VerbWord(f, nullptr);
        if (!form.empty()) tabari_forms_.push_back(std::move(form));
      }
      return;
    }
    FlushTabariEntry();
    if (line[0] == '<') {
      // TABARI <TIME> shift phrases and other directives: date shifts are resolved by dyad's
      // own temporal expressions, so these are read past.
      in_time_ = line.starts_with("<TIME>");
      if (line.starts_with("</TIME>")) in_time_ = false;
      return;
    }
    if (in_time_) return;
    if (line[0] == '&') {
      synset_ = static_cast<int32_t>(b_.AddSynset(std::string(SplitSpaces(line)[0])));
      return;
    }
    if (line[0] == '~') return Transformation(line, n);
    if (line[0] == '+' && synset_ >= 0) return SynsetPhrase(line.substr(1), n);
    if (line[0] == '-') return Pattern(line.substr(1), n);
    if (line.starts_with("####")) return;
    synset_ = -1;
    VerbLine(line, n);
  }

  void BlockHeader(std::string_view t, uint32_t n) {
    synset_ = -1;
    std::string_view body = TrimBlanks(t.substr(3));
    if (body.ends_with("---")) body = TrimBlanks(body.substr(0, body.size() - 3));
    VerbBlock block;
    size_t lb = body.find('[');
    block.name = std::string(TrimBlanks(body.substr(0, lb)));
    block.code = "---";
    if (lb != std::string_view::npos &&
        !ParseCode(body.substr(lb, body.find(']', lb) - lb + 1), block.code, block.paired)) {
      b_.Warn(src_, n, "block header has a malformed code: " + std::string(t));
    }
    block_ = static_cast<int64_t>(b_.AddBlock(std::move(block)));
  }

  // "+ECONOMIC", "+REALLY_DID_NOT"; "+&ACCORDSYN" copies a synset in; "+MEMOS_ON_&TIETYPES" is
  // the words around any phrase of the inner synset (expanded once the file is read).
  void SynsetPhrase(std::string_view phrase, uint32_t n) {
    AddPhrase(static_cast<uint32_t>(synset_), phrase, n);
  }

  // Adds `phrase` (words joined by `_` or spaces, any of them `&SYNSET`) to synset `into`.
  bool AddPhrase(uint32_t into, std::string_view raw_phrase, uint32_t n) {
    std::vector<NestedPart> parts;
    bool nested = false;
    const std::string phrase = SplitContractions(raw_phrase);
    for (std::string_view w : SplitSpaces(phrase)) {
      const std::vector<std::string_view> chain = SplitChar(w, '_');
      for (size_t i = 0; i < chain.size(); ++i) {
        const std::string_view part = chain[i];
        if (part.empty()) continue;
        // TABARI (SynsetWordFlags): a blank before the word allows a gap; a word not ending in
        // `_` is a stem (KRONER_ and the JAVANESE of JAVANESE_YEN are exact).
        uint8_t flags = 0;
        if (format_ == VerbFormat::kTabari) {
          const bool first_of_word = std::all_of(chain.begin(), chain.begin() + i,
                                                 [](std::string_view c) { return c.empty(); });
          if (first_of_word && !parts.empty()) flags |= kSynsetGap;
          const bool exact = i + 1 < chain.size();
          if (!exact && part != "$" && part != "+" && part[0] != '&') flags |= kSynsetStem;
        }
        if (part[0] == '&') {
          int32_t inner = b_.FindSynset(part);
          if (inner < 0) {
            b_.Warn(src_, n, "undefined synset " + std::string(part));
            return false;
          }
          parts.push_back({"", inner, flags});
          nested = true;
          continue;
        }
        parts.push_back({Lower(part), -1, flags});
      }
    }
    if (parts.empty()) {
      b_.Warn(src_, n, "empty synset phrase");
      return false;
    }
    if (nested && parts.size() == 1) {
      // An embedded synset: its phrases are copied in (PETR.Validate's &ACCORDSYN).
      pending_copies_.push_back({into, static_cast<uint32_t>(parts[0].synset)});
    } else if (nested) {
      pending_nested_.push_back({into, n, std::move(parts)});
    } else {
      std::vector<std::string> words;
      std::vector<uint8_t> flags;
      for (NestedPart& part : parts) {
        words.push_back(std::move(part.word));
        flags.push_back(part.flags);
      }
      if (format_ != VerbFormat::kTabari) flags.clear();
      b_.AddSynsetPhrase(into, std::move(words), std::move(flags));
    }
    return true;
  }

 public:
  // Embedded synsets are resolved once the file is read, so order does not matter.
  std::vector<std::pair<uint32_t, uint32_t>> pending_copies_;
  // A synset phrase with a synset among its words: a word, or (synset >= 0) any phrase of it.
  struct NestedPart {
    std::string word;
    int32_t synset = -1;
    uint8_t flags = 0;  // SynsetWordFlags (TABARI)
  };
  struct NestedPhrase {
    uint32_t into;
    uint32_t line;
    std::vector<NestedPart> parts;
  };
  std::vector<NestedPhrase> pending_nested_;

 private:
  // "RESTORE", "HURRY {HURRIES HURRYING HURRIED }", "+CORDON_OFF {...}", "ABANDON  [345]".
  void VerbLine(std::string_view line, uint32_t n) {
    std::string code, paired;
    if (size_t lb = line.rfind('['); lb != std::string_view::npos) {
      size_t rb = line.find(']', lb);
      if (rb == std::string_view::npos || !ParseCode(line.substr(lb, rb - lb + 1), code, paired)) {
        b_.Warn(src_, n, "malformed code in verb line: " + std::string(line));
        return;
      }
      line = TrimBlanks(line.substr(0, lb));
    }
    std::vector<std::string> forms;
    if (size_t lc = line.find('{'); lc != std::string_view::npos) {
      size_t rc = line.find('}', lc);
      if (rc == std::string_view::npos) {
        b_.Warn(src_, n, "unclosed { in verb forms");
        rc = line.size();
      }
      for (std::string_view f : SplitSpaces(line.substr(lc + 1, rc - lc - 1))) {
        forms.push_back(VerbWord(f, nullptr));
      }
      line = TrimBlanks(line.substr(0, lc));
    }
    std::vector<std::string_view> words = SplitSpaces(line);
    // TABARI verb phrases ("BURN DOWN", "BRUSH ASIDE REPORTS"): the verb and the words that
    // must follow it, as "BURN_DOWN".
    std::string joined;
    if (format_ == VerbFormat::kTabari && words.size() > 1) {
      for (std::string_view w : words) joined += (joined.empty() ? "" : "_") + std::string(w);
      words = {joined};
    }
    if (words.size() != 1) {
      b_.Warn(src_, n,
              "a verb line holds one verb (join multi-word verbs with _): " + std::string(line));
      if (words.empty()) return;
    }
    if (format_ == VerbFormat::kTabari || block_ < 0) {
      // TABARI: each verb line opens its own block with its code.
      VerbBlock block;
      block.name = Upper(words[0]);
      block.code = code.empty() ? "---" : code;
      block.paired = paired;
      block_ = static_cast<int64_t>(b_.AddBlock(std::move(block)));
      if (format_ == VerbFormat::kPetrarch) {
        b_.Warn(src_, n, "verb before any --- block --- header; it gets a block of its own");
      }
    }
    VerbEntry e;
    std::vector<std::string> particles;
    bool exact = false;
    e.word = VerbWord(words[0], &particles, &exact);
    if (e.word.empty()) {
      b_.Warn(src_, n, "verb line has no verb: " + std::string(line));
      return;
    }
    e.particles = std::move(particles);
    e.code = code;
    e.paired = paired;
    e.block = static_cast<uint32_t>(block_);
    e.source = src_;
    e.line = n;
    if (format_ == VerbFormat::kTabari) {
      // TABARI verbs are stems unless they end in "_"; a stem matches every form it begins.
      // An exact verb ("DEPART_") still takes the regular endings S, ES, D, ED, EN and ING
      // (Validate.text VERBEND-01*: "departs", "departes", "departen", "departing").
      // Added once the next line shows whether irregular forms follow.
      if (exact && e.particles.empty()) {
        for (const char* ending : {"s", "es", "d", "ed", "en", "ing"})
          forms.push_back(e.word + ending);
        for (std::string& f : RegularForms(e.word)) forms.push_back(std::move(f));
      }
      tabari_entry_ = std::move(e);
      tabari_forms_ = std::move(forms);
      tabari_stem_ = !exact;
      return;
    }
    if (forms.empty() && !exact) forms = RegularForms(e.word);
    b_.AddEntry(std::move(e), forms);
  }

  // The verb of "+CORDON_OFF", "WIRE_+TAP", "ARM_", "SET_UP": lower case; the words after it
  // go to `particles`; `exact` is set for a trailing "_".
  std::string VerbWord(std::string_view w, std::vector<std::string>* particles,
                       bool* exact = nullptr) {
    if (exact) *exact = w.ends_with("_");
    std::vector<std::string_view> parts = SplitChar(w, '_');
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
    size_t verb = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].starts_with("+")) verb = i;
    }
    std::string v;
    for (size_t i = 0; i < parts.size(); ++i) {
      std::string_view p = parts[i];
      if (p.starts_with("+")) p.remove_prefix(1);
      if (i == verb)
        v = Lower(p);
      else if (i > verb && particles)
        particles->push_back(Lower(p));
    }
    return v;
  }

  // "- SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS  [111]", "- * (TO {BANNED PARTIES}) $ [1722]".
  void Pattern(std::string_view body, uint32_t n) {
    if (block_ < 0) {
      b_.Warn(src_, n, "pattern before any verb");
      return;
    }
    VerbPattern p;
    p.source = src_;
    p.line = n;
    size_t lb = body.rfind('[');
    if (lb == std::string_view::npos || body.find(']', lb) == std::string_view::npos ||
        !ParseCode(body.substr(lb, body.find(']', lb) - lb + 1), p.code, p.paired)) {
      b_.Warn(src_, n, "pattern without a [code]: " + std::string(TrimBlanks(body)));
      return;
    }
    // TABARI's dominant mark ("[080!]", manual 6.6.2) left in CAMEO.2.0.txt: PETRARCH-2 has no
    // dominant codes, so the code is the plain one.
    if (format_ == VerbFormat::kPetrarch && p.code.size() > 1 && p.code.back() == '!')
      p.code.pop_back();
    body = TrimBlanks(body.substr(0, lb));
    p.text = std::string(body);
    // PETRARCH-2 keeps TABARI's complex (+++) and discard (###) pattern codes out of its verb
    // patterns (docs/tabari_vs_petrarch.rst, item 7: discards are a dictionary of their own);
    // its unit tests code "restore fxll diplomatic ties" with RESTORE's own code.
    if (format_ == VerbFormat::kPetrarch && (p.code == "+++" || p.code == "###")) return;
    // Flatten into parts, each either joined to the previous one (`_`) or not.
    struct Part {
      std::string_view text;
      bool joined_prev;
      bool exact;
    };
    std::vector<Part> parts;
    std::string cleaned;
    // Group depth at each byte: PETRARCH's `{NP}` and `(PP)` groups.
    std::vector<int> depth;
    // The `{NP}` group each byte is in (numbered from 1), 0 outside one.
    std::vector<int> brace_group;
    int d = 0, brace = 0, braces_opened = 0;
    for (char c : SplitContractions(body)) {
      if (c == '(' || c == '{') ++d;
      if (c == '{') brace = ++braces_opened;
      depth.push_back(d);
      brace_group.push_back(brace);
      if (c == ')' || c == '}') d = std::max(0, d - 1);
      if (c == '}') brace = 0;
      cleaned += (c == '(' || c == ')' || c == '{' || c == '}' || c == '|') ? ' ' : c;
    }
    // TABARI reads a hyphen inside or after a word as "_" (manual 5.2: "ANTI- + *" is
    // "ANTI_ + *"), as the text's hyphens become blanks.
    if (format_ == VerbFormat::kTabari) {
      for (size_t i = 1; i < cleaned.size(); ++i) {
        if (cleaned[i] == '-' && std::isalnum(static_cast<unsigned char>(cleaned[i - 1])))
          cleaned[i] = '_';
      }
    }
    std::vector<bool> part_grouped;
    std::vector<int> part_brace;
    // TABARI `{ A | B }` alternatives become one anonymous synset.
    if (format_ == VerbFormat::kTabari && body.find('{') != std::string_view::npos) {
      return AlternativesPattern(body, std::move(p), n);
    }
    std::vector<std::string_view> tokens = SplitSpaces(cleaned);
    std::vector<std::string> storage;
    storage.reserve(64);
    // TABARI manual 5.5: "BACK~ POLICY", "REAL~_PLEASANT": the word before `~` may end in
    // anything (a stem) and the next element must follow it immediately.
    bool join_next = false;
    for (size_t ti = 0; ti < tokens.size(); ++ti) {
      const std::string_view tok = tokens[ti];
      const bool grouped = depth[tok.data() - cleaned.data()] > 0;
      const int brace_of_tok = brace_group[tok.data() - cleaned.data()];
      part_grouped.resize(parts.size(), grouped);
      part_brace.resize(parts.size(), brace_of_tok);
      std::vector<std::string_view> chain = SplitChar(tok, '_');
      for (size_t i = 0; i < chain.size(); ++i) {
        std::string_view c = chain[i];
        if (format_ == VerbFormat::kTabari && c.size() > 1 && c.back() == '~') {
          c.remove_suffix(1);
          parts.push_back({c, (i > 0 && !chain[i - 1].empty()) || join_next, false});
          join_next = true;
          continue;
        }
        // TABARI "{ A | B }_WORD" (manual 5.5.3): the word right after the set.
        const bool leading_join =
            format_ == VerbFormat::kTabari && i == 1 && chain[0].empty() && !parts.empty();
        if (c.empty()) {
          if (!parts.empty() && !(format_ == VerbFormat::kTabari && i == 0 && chain.size() > 1))
            parts.back().exact = true;
          continue;
        }
        bool joined = (i > 0 && !chain[i - 1].empty()) || join_next || leading_join;
        join_next = false;
        // "+RST" inside a chain: a target slot directly followed by a word.
        if (c.size() > 1 && (c[0] == '+' || c[0] == '$')) {
          parts.push_back({c.substr(0, 1), joined, false});
          parts.push_back({c.substr(1), true, false});
          continue;
        }
        // TABARI (manual 5.5): a word ending in `_` is exact, also when another follows it
        // ("FOR_ASYLUM" does not take "foreign asylum").
        parts.push_back({c, joined, format_ == VerbFormat::kTabari && i + 1 < chain.size()});
      }
      // TABARI "SUGGESTED_{ NEVER | DON'T }": the set right after the word.
      if (format_ == VerbFormat::kTabari && tok.size() > 1 && tok.back() == '_' &&
          ti + 1 < tokens.size() && tokens[ti + 1].starts_with("&ALT"))
        join_next = true;
      part_grouped.resize(parts.size(), grouped);
      part_brace.resize(parts.size(), brace_of_tok);
    }
    bool seen_verb = false, joined_next_to_verb = false;
    for (size_t i = 0; i < parts.size(); ++i) {
      const Part& part = parts[i];
      if (part.text == "*") {
        if (seen_verb) {
          b_.Warn(src_, n, "pattern has two * verb slots");
          return;
        }
        seen_verb = true;
        if (!p.before.empty() && part.joined_prev) p.before.back().adjacent = true;
        joined_next_to_verb = i + 1 < parts.size() && parts[i + 1].joined_prev;
        continue;
      }
      PatternElement e;
      if (part.text == "$")
        e.kind = Kind::kSource;
      else if (part.text == "+")
        e.kind = Kind::kTarget;
      else if (part.text == "%")
        e.kind = Kind::kCompound;
      else if (part.text == "^") {
        e.kind = Kind::kSkip;
        e.skip_actor = format_ == VerbFormat::kTabari;
      } else if (part.text[0] == '&') {
        int32_t s = b_.FindSynset(part.text);
        if (s < 0) {
          b_.Warn(src_, n, "undefined synset " + std::string(part.text) + "; pattern skipped");
          return;
        }
        e.kind = Kind::kSynset;
        e.id = static_cast<uint32_t>(s);
      } else {
        e.kind = Kind::kWord;
        e.word = Lower(part.text);
        e.stem = format_ == VerbFormat::kTabari && !part.exact;
        // PETRARCH-2 (docs/dictionaries.rst, "Patterns"): a bare noun after the verb is the
        // head of a phrase of the verb; modifiers go in `{...}`, prepositions in `(...)`.
        e.phrase_head = format_ == VerbFormat::kPetrarch && seen_verb && !part_grouped[i] &&
                        !part.joined_prev && !(i + 1 < parts.size() && parts[i + 1].joined_prev);
      }
      // PETRARCH-2: a `%` after the verb is a compound target of the subject ("- * WITH %":
      // "Eriador agrees with the Philippines and France" is ERI 031 PHL and ERI 031 FRA); TABARI
      // keeps it the compound acting among its members ("HAS * WITH %", Validate.text CAPS-02).
      if (seen_verb && e.kind == Kind::kCompound && format_ == VerbFormat::kPetrarch)
        e.kind = Kind::kTarget;
      e.in_noun_group = format_ == VerbFormat::kPetrarch && i > 0 && part_brace[i] > 0 &&
                        part_brace[i - 1] == part_brace[i] && parts[i - 1].text != "*";
      if (seen_verb) {
        e.adjacent = p.after.empty() ? joined_next_to_verb : part.joined_prev;
        p.after.push_back(std::move(e));
      } else {
        // Before the verb, `adjacent` means "directly followed by the next element or verb".
        if (!p.before.empty() && part.joined_prev) p.before.back().adjacent = true;
        p.before.push_back(std::move(e));
      }
    }
    if (!seen_verb) {
      b_.Warn(src_, n, "pattern has no * verb slot: " + p.text);
      return;
    }
    b_.block(static_cast<uint32_t>(block_)).patterns.push_back(std::move(p));
  }

  // "- * THAT { IT | SHE | HE | THEY } KILLED +  [190]".
  void AlternativesPattern(std::string_view body, VerbPattern p, uint32_t n) {
    std::string rewritten;
    size_t pos = 0;
    while (pos < body.size()) {
      size_t lc = body.find('{', pos);
      if (lc == std::string_view::npos) {
        rewritten += body.substr(pos);
        break;
      }
      size_t rc = body.find('}', lc);
      if (rc == std::string_view::npos) {
        b_.Warn(src_, n, "unclosed { in pattern");
        return;
      }
      rewritten += body.substr(pos, lc - pos);
      const std::string name = "&ALT" + std::to_string(n) + "." + std::to_string(lc);
      uint32_t id = b_.AddSynset(name);
      // "{ &TIETYPES | CLOSER | &CURRENCY_EXCHANGE }": an alternative may hold synsets.
      for (std::string_view alt : SplitChar(body.substr(lc + 1, rc - lc - 1), '|')) {
        if (SplitSpaces(alt).empty()) continue;
        if (!AddPhrase(id, alt, n)) return;
      }
      rewritten += " " + name + " ";
      pos = rc + 1;
    }
    Pattern(" " + rewritten + " [" + p.code + (p.paired.empty() ? "" : ":" + p.paired) + "]", n);
  }

  // "~ a (a b ATTACK) SAY = a b 015".
  void Transformation(std::string_view line, uint32_t n) {
    std::string cleaned;
    for (char c : line.substr(1)) cleaned += (c == '(' || c == ')') ? ' ' : c;
    std::vector<std::string_view> w = SplitSpaces(cleaned);
    // a a b ATTACK SAY = a b 015
    if (w.size() != 9 || w[5] != "=") {
      b_.Warn(src_, n, "malformed transformation: " + std::string(line));
      return;
    }
    VerbTransformation t;
    t.inner_source = w[1][0];
    t.inner_target = w[2][0];
    t.inner_word = Lower(w[3]);
    t.outer_word = Lower(w[4]);
    t.result_source = w[6][0];
    t.result_target = w[7][0];
    t.result = std::string(w[8]);
    t.source = src_;
    t.line = n;
    b_.AddTransformation(std::move(t));
  }

  void FlushTabariEntry() {
    if (!tabari_entry_) return;
    b_.AddEntry(std::move(*tabari_entry_), tabari_forms_, tabari_stem_);
    tabari_entry_.reset();
    tabari_forms_.clear();
  }

  VerbDictionaryBuilder& b_;
  uint16_t src_;
  VerbFormat format_;
  std::optional<VerbEntry> tabari_entry_;  // the last TABARI verb, until its forms line is seen
  std::vector<std::string> tabari_forms_;
  bool tabari_stem_ = false;
  bool finished_ = false;
  int64_t block_ = -1;
  int32_t synset_ = -1;
  bool in_time_ = false;
};

// Prepositions: a dyad pattern word that is one of these (every alternative) and stands right
// before a slot is the case of that slot's phrase, not a free dependent.
bool IsPreposition(std::string_view w) {
  static constexpr std::string_view kPrepositions[] = {
      "about",   "above",  "across",  "after",      "against", "along",   "amid",    "among",
      "amongst", "around", "at",      "before",     "behind",  "below",   "beside",  "between",
      "beyond",  "by",     "despite", "during",     "for",     "from",    "in",      "inside",
      "into",    "near",   "of",      "off",        "on",      "onto",    "outside", "over",
      "past",    "since",  "through", "throughout", "to",      "toward",  "towards", "under",
      "until",   "upon",   "via",     "with",       "within",  "without", "and"};
  for (std::string_view alt : SplitChar(w, '|')) {
    if (alt.empty()) continue;
    if (std::find(std::begin(kPrepositions), std::end(kPrepositions), Lower(alt)) ==
        std::end(kPrepositions))
      return false;
  }
  return true;
}

// dyad's format: `CODE  [+] [~]trigger words + words  # comment`, one block per trigger word.
// Words are matched from the parse (see data/dict/README.md, "verbs/*.txt"): a word right before
// `+` or `$` is the preposition of that slot's phrase and keeps its place; a word right after `+`
// that is no preposition is the head noun of the target's phrase; every other word is a required
// dependent anywhere in the trigger's clause (verb) or phrase (noun), in any order.
void ReadDyadVerbs(std::string_view text, uint16_t src, VerbDictionaryBuilder& b) {
  size_t pos = 0;
  uint32_t n = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = StripComment(text.substr(pos, nl - pos), '#');
    pos = nl + 1;
    ++n;
    if (line.empty()) continue;
    std::vector<std::string_view> w = SplitSpaces(line);
    if (w.size() < 2) {
      b.Warn(src, n, "expected a CAMEO code and a pattern: " + std::string(line));
      continue;
    }
    std::string_view code = w[0];
    if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        code.size() < 2 || code.size() > 4) {
      b.Warn(src, n, "\"" + std::string(code) + "\" is not a CAMEO code");
      continue;
    }
    VerbPattern p;
    size_t first = 1;
    if (w[1] == "+") {
      // "+ receive aid from $": the subject is the target; the source is the `$` slot.
      p.subject_target = true;
      first = 2;
    }
    if (first >= w.size()) {
      b.Warn(src, n, "the pattern must name its trigger word");
      continue;
    }
    std::string_view trigger = w[first];
    const bool noun = trigger.starts_with("~");
    if (noun) trigger.remove_prefix(1);
    if (trigger.empty() || trigger == "+" || trigger == "$" || trigger.starts_with("~")) {
      b.Warn(src, n, "the pattern must start with its trigger word (or `+` and the trigger)");
      continue;
    }
    p.code = std::string(code);
    p.source = src;
    p.line = n;
    p.text = std::string(line.substr(line.find(w[1])));
    bool ok = true, has_target = false;
    for (size_t i = first + 1; i < w.size(); ++i) {
      PatternElement e;
      const bool before_slot = i + 1 < w.size() && (w[i + 1] == "+" || w[i + 1] == "$");
      if (w[i] == "+" || w[i] == "$") {
        if ((w[i] == "+" && (has_target || p.subject_target)) ||
            (w[i] == "$" && std::count(w.begin() + first, w.end(), "$") > 1)) {
          b.Warn(src, n, "`" + std::string(w[i]) + "` given twice");
          ok = false;
          break;
        }
        e.kind = w[i] == "+" ? Kind::kTarget : Kind::kSource;
        has_target |= w[i] == "+";
        // "say to +", "tell +": the slot's phrase hangs from the trigger (or a pattern word),
        // not any actor later in the clause. A `$` is held to it only after a preposition.
        const bool after_case = !p.after.empty() && p.after.back().slot_case;
        e.attached = w[i] == "+" || after_case;
      } else {
        if (w[i].find_first_of("~$+^%&{}()[]=") != std::string_view::npos) {
          b.Warn(src, n, "\"" + std::string(w[i]) + "\" is not a word or a slot");
          ok = false;
          break;
        }
        if (w[i].find('|') != std::string_view::npos) {
          uint32_t id = b.AddSynset("&|" + Lower(w[i]));
          if (b.synset(id).empty()) {
            for (std::string_view alt : SplitChar(w[i], '|'))
              if (!alt.empty()) b.AddSynsetPhrase(id, {Lower(alt)});
          }
          e.kind = Kind::kSynset;
          e.id = id;
        } else {
          e.kind = Kind::kWord;
          e.word = Lower(w[i]);
        }
        const bool after_target = w[i - 1] == "+";
        if (after_target && !IsPreposition(w[i])) {
          e.target_head = true;
        } else if (!before_slot) {
          e.free = true;
        } else if (IsPreposition(w[i]) && Lower(w[i]) != "and") {
          e.slot_case = true;
        }
      }
      p.after.push_back(std::move(e));
    }
    if (!ok) continue;
    p.no_target = !has_target && !p.subject_target;
    if (p.subject_target && std::find(w.begin(), w.end(), "$") == w.end()) {
      b.Warn(src, n, "a pattern starting with `+` needs a `$` slot for its source");
      continue;
    }
    // `say|state +`: one block per alternative trigger.
    for (std::string_view alt : SplitChar(trigger, '|')) {
      if (alt.empty()) continue;
      const std::string key = (noun ? "dyad:~" : "dyad:") + Lower(alt);
      int64_t block_id = b.FindKeyedBlock(key);
      if (block_id < 0) {
        VerbBlock block;
        block.name = (noun ? "~" : "") + Upper(alt);
        block.code = "---";
        const uint32_t id = b.AddBlock(std::move(block));
        b.SetBlockKey(key, id);
        block_id = id;
        VerbEntry e;
        e.word = Lower(alt);
        e.noun = noun;
        e.block = id;
        e.source = src;
        e.line = n;
        std::vector<std::string> forms;
        if (noun) {
          // Nouns answer to their regular plural; one written in the plural ("talks",
          // "sanctions") matches that surface form only, not the singular ("talk").
          forms = {RegularForms(alt)[0]};
        } else {
          forms = RegularForms(alt);
        }
        b.AddEntry(std::move(e), forms);
      }
      b.block(static_cast<uint32_t>(block_id)).patterns.push_back(p);
    }
  }
}

}  // namespace

std::unordered_map<std::string, std::string> ReadPicoNegations(std::string_view text) {
  std::unordered_map<int64_t, std::string> by_value;
  std::vector<std::pair<std::string, int64_t>> codes;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    line = line.substr(0, line.find('#'));
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    const std::string_view code = line.substr(0, colon);
    if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    std::string_view expr = line.substr(colon + 1);
    int64_t value = 0;
    bool ok = true, any = false;
    while (!expr.empty() && ok) {
      int sign = 1;
      while (!expr.empty() &&
             (expr[0] == ' ' || expr[0] == '\t' || expr[0] == '+' || expr[0] == '-')) {
        if (expr[0] == '-') sign = -sign;
        expr.remove_prefix(1);
      }
      if (expr.empty()) break;
      if (!expr.starts_with("0x") && !expr.starts_with("0X")) {
        ok = false;
        break;
      }
      expr.remove_prefix(2);
      int64_t term = 0;
      size_t n = 0;
      for (; n < expr.size() && n < 9 && std::isxdigit(static_cast<unsigned char>(expr[n])); ++n)
        term = term * 16 + (std::isdigit(static_cast<unsigned char>(expr[n]))
                                ? expr[n] - '0'
                                : std::tolower(static_cast<unsigned char>(expr[n])) - 'a' + 10);
      // PICO values are 16- to 20-bit sums; more than 8 hex digits is not one (and would
      // overflow). Such a line is skipped like any other malformed one.
      if (n == 0 || n > 8) ok = false;
      expr.remove_prefix(n);
      value += sign * term;
      any = true;
    }
    if (!ok || !any) continue;
    codes.emplace_back(std::string(code), value);
    by_value.emplace(value, std::string(code));  // the first code with a value names it
  }
  std::unordered_map<std::string, std::string> out;
  for (const auto& [code, value] : codes) {
    auto it = by_value.find(value - 0xFFFF);
    if (it != by_value.end() && it->second != code) out.emplace(code, it->second);
  }
  return out;
}

Status ReadPicoNegationFile(const std::string& path,
                            std::unordered_map<std::string, std::string>& negations) {
  DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  negations = ReadPicoNegations(text);
  return Status::Ok();
}

VerbFormat DetectVerbFormat(std::string_view file_name, std::string_view text) {
  if (file_name.ends_with(".verbs")) return VerbFormat::kTabari;
  const std::string_view head = text.substr(0, 1 << 16);
  if (head.find("\n---") != std::string_view::npos || head.starts_with("---"))
    return VerbFormat::kPetrarch;
  if (file_name.ends_with(".txt") && !head.empty()) {
    // dyad: the first content line starts with a CAMEO code.
    size_t pos = 0;
    while (pos < head.size()) {
      size_t nl = head.find('\n', pos);
      std::string_view line = StripComment(head.substr(pos, nl - pos), '#');
      if (!line.empty()) {
        return (line[0] >= '0' && line[0] <= '9') ? VerbFormat::kDyad : VerbFormat::kUnknown;
      }
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
  }
  return VerbFormat::kUnknown;
}

void ReadVerbText(std::string_view text, std::string_view name, VerbFormat format,
                  VerbDictionaryBuilder& builder) {
  if (format == VerbFormat::kUnknown) format = DetectVerbFormat(name, text);
  const uint16_t src = builder.AddSource(std::string(name));
  if (format == VerbFormat::kDyad) return ReadDyadVerbs(text, src, builder);
  if (format == VerbFormat::kUnknown) {
    builder.Warn(src, 0, "not a verb dictionary (PETRARCH, TABARI or dyad format)");
    return;
  }
  LegacyVerbReader reader(builder, src, format);
  reader.Read(text);
  for (auto [into, from] : reader.pending_copies_) {
    if (into == from) continue;
    // A copy: adding to `into` may reallocate the synset table that `from` lives in.
    const std::vector<std::vector<std::string>> phrases = builder.synset(from);
    const std::vector<std::vector<uint8_t>> flags = builder.synset_flags(from);
    for (size_t i = 0; i < phrases.size(); ++i) builder.AddSynsetPhrase(into, phrases[i], flags[i]);
  }
  // "MEMOS_ON_&TIETYPES": one phrase per choice of the inner synsets' phrases, in their order
  // ("memos on economic", "memos on cultural", ...), so the matcher sees plain word sequences.
  constexpr size_t kMaxExpansion = 4096;
  for (const auto& nested : reader.pending_nested_) {
    // Each phrase with its SynsetWordFlags; an inner phrase's first word takes the part's gap.
    std::vector<std::pair<std::vector<std::string>, std::vector<uint8_t>>> out = {{}};
    bool too_many = false;
    for (const auto& part : nested.parts) {
      if (part.synset < 0) {
        for (auto& [words, flags] : out) {
          words.push_back(part.word);
          flags.push_back(part.flags);
        }
        continue;
      }
      // A copy: the inner synset may be `nested.into` itself, whose table grows below.
      const std::vector<std::vector<std::string>> inner =
          builder.synset(static_cast<uint32_t>(part.synset));
      const std::vector<std::vector<uint8_t>> inner_flags =
          builder.synset_flags(static_cast<uint32_t>(part.synset));
      if (out.size() * inner.size() > kMaxExpansion) {
        too_many = true;
        break;
      }
      std::vector<std::pair<std::vector<std::string>, std::vector<uint8_t>>> next;
      for (const auto& [words, flags] : out) {
        for (size_t i = 0; i < inner.size(); ++i) {
          next.emplace_back(words, flags);
          auto& [w, f] = next.back();
          w.insert(w.end(), inner[i].begin(), inner[i].end());
          std::vector<uint8_t> tail = inner_flags[i];
          tail.resize(inner[i].size(), 0);
          if (!tail.empty())
            tail[0] = static_cast<uint8_t>((tail[0] & ~kSynsetGap) | (part.flags & kSynsetGap));
          f.insert(f.end(), tail.begin(), tail.end());
        }
      }
      out = std::move(next);
    }
    if (too_many) {
      builder.Warn(src, nested.line,
                   "synset phrase expands to more than " + std::to_string(kMaxExpansion) +
                       " phrases; skipped");
      continue;
    }
    for (auto& [words, flags] : out) {
      if (format != VerbFormat::kTabari) flags.clear();
      if (!words.empty()) builder.AddSynsetPhrase(nested.into, std::move(words), std::move(flags));
    }
  }
}

Status ReadVerbFile(const std::string& path, std::string_view name, VerbFormat format,
                    VerbDictionaryBuilder& builder) {
  DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  ReadVerbText(text, name, format, builder);
  return Status::Ok();
}

namespace {

std::string ConfigValue(std::string_view text, std::string_view key) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = StripComment(text.substr(pos, nl - pos), '#');
    pos = nl + 1;
    size_t eq = line.find('=');
    if (eq != std::string_view::npos && TrimBlanks(line.substr(0, eq)) == key)
      return std::string(TrimBlanks(line.substr(eq + 1)));
  }
  return "";
}

// "<verbsfile> 	TABARI.Demo.verbs" in a TABARI .project.
std::vector<std::string> ProjectFiles(std::string_view text, std::string_view tag) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = text.find(tag, pos)) != std::string_view::npos) {
    pos += tag.size();
    size_t nl = text.find('\n', pos);
    std::string_view v =
        TrimBlanks(text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos));
    if (!v.empty()) out.emplace_back(v);
  }
  return out;
}

fs::path Beside(const fs::path& config, const std::string& file) {
  fs::path p = config.parent_path() / file;
  if (fs::exists(p)) return p;
  fs::path alt = config.parent_path().parent_path() / "dictionaries" / file;
  return fs::exists(alt) ? alt : p;
}

}  // namespace

StatusOr<std::shared_ptr<const VerbDictionary>> LoadVerbDictionaries(const std::string& path) {
  VerbDictionaryBuilder b;
  fs::path p(path);
  std::error_code ec;
  if (!fs::exists(p, ec)) return NotFoundError(path + ": no such file or directory");
  std::vector<fs::path> files;
  auto from_config = [&](const fs::path& config) -> Status {
    DYAD_ASSIGN_OR_RETURN(std::string text, ReadTextFile(config.string()));
    if (config.extension() == ".project") {
      for (const std::string& f : ProjectFiles(text, "<verbsfile>"))
        files.push_back(Beside(config, f));
    } else {
      std::string v = ConfigValue(text, "verbfile_name");
      if (v.empty()) return NotFoundError(config.string() + ": no verbfile_name");
      files.push_back(Beside(config, v));
    }
    return Status::Ok();
  };
  if (fs::is_directory(p)) {
    fs::path config;
    for (const auto& e : fs::directory_iterator(p)) {
      const std::string name = e.path().filename().string();
      if (name == "PETR_config.ini" || e.path().extension() == ".project") config = e.path();
    }
    if (fs::exists(p / "config" / "PETR_config.ini")) config = p / "config" / "PETR_config.ini";
    if (!config.empty()) {
      DYAD_RETURN_IF_ERROR(from_config(config));
    } else {
      for (const fs::path& dir : {p, p / "verbs"}) {
        if (!fs::is_directory(dir)) continue;
        for (const auto& e : fs::directory_iterator(dir)) {
          // dyad's verbs/*.txt: a folder named verbs, given itself or found below.
          if (e.path().extension() == ".verbs" ||
              ((dir != p || p.filename() == "verbs") && e.path().extension() == ".txt"))
            files.push_back(e.path());
        }
      }
      std::sort(files.begin(), files.end());
    }
  } else if (p.extension() == ".ini" || p.extension() == ".project") {
    DYAD_RETURN_IF_ERROR(from_config(p));
  } else {
    files.push_back(p);
  }
  if (files.empty()) return NotFoundError(path + ": no verb dictionary found");
  for (const fs::path& f : files) {
    const std::string rel = f.parent_path().filename() == "verbs" ? "verbs/" + f.filename().string()
                                                                  : f.filename().string();
    DYAD_RETURN_IF_ERROR(ReadVerbFile(f.string(), rel, VerbFormat::kUnknown, b));
  }
  return std::move(b).Compile();
}

StatusOr<std::shared_ptr<const VerbDictionary>> LoadDefaultVerbDictionaries() {
  VerbDictionaryBuilder b;
  for (size_t i = 0; i < events_internal::kDefaultVerbFileCount; ++i) {
    const auto& f = events_internal::kDefaultVerbFiles[i];
    ReadVerbText(f.text, f.name, VerbFormat::kDyad, b);
  }
  return std::move(b).Compile();
}

const CameoTable& CameoTable::Default() {
  static const CameoTable table = events_internal::kDefaultCameoTable
                                      ? Read(events_internal::kDefaultCameoTable, "cameo.txt")
                                      : CameoTable();
  return table;
}

}  // namespace dyad
