#include "dyad/actors/actor_coder.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

namespace dyad {
namespace {

// What a mention stands for, as far as agreement with pronouns and titles goes.
enum class Type : uint8_t {
  kPerson,   // "John Kerry", "US Secretary of State X", "he"
  kCountry,  // countries and their seats ("Russia", "Moscow", "Kremlin")
  kOrg,      // organisations ("United Nations", "Hamas")
  kGroup,    // roles with a country or none ("Syrian rebels", "Russian officials", "police")
};

enum class ItemKind : uint8_t { kActor, kAgent, kTitle, kNull };

// A dictionary match in the sentence, with the entry chosen for it.
struct Item {
  TokenIndex first = 0, end = 0;
  ItemKind kind = ItemKind::kNull;
  EntryId entry = 0;
  std::string_view code;  // actors: the code on the document's date; agents, titles: the role
  Type type = Type::kOrg;
  bool prefix = false;  // agent written ROLE~: its code goes before the actor's
  bool plural = false;  // agents and titles: a plural noun ("officials")
  bool used = false;
};

enum class Pending : uint8_t { kNone, kBareTitle, kSurname, kPronoun };

// A mention being built for the current sentence; resolved in text order.
struct Proto {
  TokenIndex first = 0, end = 0;
  Pending pending = Pending::kNone;
  std::string code, how, entry;
  Type type = Type::kOrg;
  bool plural = false;
  char gender = 0;
  TokenIndex name_first = 0, name_end = 0;  // a person's name, for later surnames
  bool adjective = false;                   // "Russian passport": a demonym or a tagged adjective
  bool person_like = false;  // a role that names people ("official", "judge"), not "it"
  // Bare titles: the role and country an antecedent must have; the code if none is found.
  std::string role, country;
  std::string title;  // the title's words, folded, of a title-rule person or a bare title
  // The actor's own code when `code` adds an agent to it ("Fornost President X": FOR of
  // FORGOVPRS), for TABARI's forwarded pronouns; "" otherwise.
  std::string actor;
};

// What coreference needs to know about each mention of Document::actors.
struct Info {
  Type type = Type::kOrg;
  bool subject = false;    // may be a clause subject: not after a preposition, not "his"
  int32_t group = -1;      // coordinated mentions ("Moscow and Washington") share a group
  std::string title;       // people found by a title rule: the title's words, folded
  bool adjective = false;  // neither a subject nor what "it" refers to
  bool person_like = false;
  std::string actor;  // Proto::actor
};

struct PronounFeatures {
  std::string_view word;
  bool person;
  char gender;
  bool plural;
  bool possessive;
  bool first_person = false;  // resolves only to the speaker of a quote
};

constexpr PronounFeatures kPronouns[] = {
    {"he", true, 'm', false, false},
    {"him", true, 'm', false, false},
    {"himself", true, 'm', false, false},
    {"his", true, 'm', false, true},
    {"she", true, 'f', false, false},
    {"her", true, 'f', false, true},
    {"herself", true, 'f', false, false},
    {"hers", true, 'f', false, true},
    {"it", false, 0, false, false},
    {"itself", false, 0, false, false},
    {"its", false, 0, false, true},
    {"they", false, 0, true, false},
    {"them", false, 0, true, false},
    {"themselves", false, 0, true, false},
    {"their", false, 0, true, true},
    {"theirs", false, 0, true, true},
    // Inside a quote, the speaker: "'I will be traveling to Russia,' Kerry said". ("us" is
    // left out: folded, it is the United States.)
    {"i", true, 0, false, false, true},
    {"me", true, 0, false, false, true},
    {"myself", true, 0, false, false, true},
    {"my", true, 0, false, true, true},
    {"we", false, 0, true, false, true},
    {"our", false, 0, true, true, true},
    {"ourselves", false, 0, true, false, true},
};

// Words a subject is never right after (a mention after them is an object or an adjunct).
constexpr std::string_view kPrepositions[] = {
    "of",      "in",     "on",    "with",   "to",    "from",   "by",      "for", "against",
    "into",    "at",     "over",  "about",  "under", "toward", "towards", "via", "without",
    "through", "across", "among", "within", "upon",  "onto",   "than"};
// How many mentions back a bare title ("the minister") looks for its antecedent. News stories
// rarely hold more than a hundred mentions; the bound keeps pathological ones linear.
constexpr int32_t kMaxTitleLookBack = 256;

constexpr std::string_view kDeterminers[] = {"the", "a", "an", "this", "that", "these", "those"};
// Words that may stand between a country and its agent ("the top US diplomat" aside, "US top
// diplomat", "Syria's former rebels").
constexpr std::string_view kModifiers[] = {
    "top",      "chief",      "senior",  "former",   "new",           "acting",  "interim",
    "deputy",   "main",       "leading", "outgoing", "incoming",      "veteran", "ruling",
    "elected",  "exiled",     "jailed",  "hardline", "powerful",      "local",   "regional",
    "federal",  "provincial", "central", "state",    "armed",         "radical", "militant",
    "islamist", "own",        "then",    "'s",       "\xE2\x80\x99s", "'"};
// Lower-case words inside names ("Bashar al-Assad", "Ursula von der Leyen").
constexpr std::string_view kNameParticles[] = {"al",  "el",    "bin", "ibn", "abu", "de",  "da",
                                               "del", "della", "di",  "van", "von", "der", "den",
                                               "la",  "le",    "du",  "dos", "das", "ben", "bint"};
// Capitalised words that follow titles without being names ("President Obama Tuesday said").
constexpr std::string_view kNotNames[] = {
    "monday",   "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday",    "january",
    "february", "march",    "april",     "june",     "july",   "august",   "september", "october",
    "november", "december", "he",        "she",      "it",     "they",     "the",       "i",
    "we",       "his",      "her",       "their",    "and",    "but"};
constexpr std::string_view kConjunctions[] = {"and", "or", ",", "&"};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view folded) {
  for (std::string_view w : list) {
    if (w == folded) return true;
  }
  return false;
}

// ASCII lower case; enough for the closed word lists above.
std::string_view Lower(std::string_view s, std::string& buf) {
  buf.assign(s);
  for (char& c : buf) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return buf;
}

bool IsCapitalized(std::string_view s) {
  if (s.empty()) return false;
  unsigned char b = static_cast<unsigned char>(s[0]);
  if (b < 0x80) return b >= 'A' && b <= 'Z';
  UChar32 c;
  int32_t i = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c > 0 && u_isupper(c);
}

// A bare role ("GOV") added to an actor code the way TABARI attaches agents: after it (or before
// it for ROLE~ agents), leaving out 3-letter blocks the code already has ("SYRGOV" + "GOV").
std::string Combine(std::string_view actor, std::string_view role, bool prefix) {
  std::string code(actor);
  if (prefix) return code.starts_with(role) ? code : std::string(role) + code;
  for (size_t b = 0; b + 3 <= role.size(); b += 3) {
    std::string_view block = role.substr(b, 3);
    bool present = false;
    for (size_t i = 3; i + 3 <= code.size(); i += 3)
      present |= std::string_view(code).substr(i, 3) == block;
    if (!present) code += block;
  }
  if (role.size() % 3 != 0 && code.find(role) == std::string::npos) code += role;
  return code;
}

// True when `code` carries `role`'s blocks after its first three letters.
bool HasRole(std::string_view code, std::string_view role) {
  for (size_t b = 0; b + 3 <= role.size(); b += 3) {
    bool present = false;
    for (size_t i = 3; i + 3 <= code.size(); i += 3)
      present |= code.substr(i, 3) == role.substr(b, 3);
    if (!present) return false;
  }
  return true;
}

// Is `token` (folded) a regular plural of the last word of `phrase` (a dictionary phrase as
// written, "BORDER_POLICE")? "polices", "ministries".
bool RegularPluralOfLastWord(std::string_view token, std::string_view phrase) {
  const size_t cut = phrase.find_last_of("_ ");
  const std::string_view last = cut == std::string_view::npos ? phrase : phrase.substr(cut + 1);
  if (last.empty() || token.size() <= last.size()) return false;
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(a[i])) !=
          std::tolower(static_cast<unsigned char>(b[i])))
        return false;
    }
    return true;
  };
  const std::string_view tail = token.substr(last.size());
  if (same(token.substr(0, last.size()), last) && (tail == "s" || tail == "es")) return true;
  return token.size() == last.size() + 2 && same(last.substr(last.size() - 1), "y") &&
         same(token.substr(0, last.size() - 1), last.substr(0, last.size() - 1)) &&
         token.ends_with("ies");
}

bool IsNullCode(std::string_view code) {
  return code.empty() || code == "---" || code.front() == '#' || code == "+++";
}

// Per-thread scratch: the matcher's workspace and the sentence's items and mentions.
class ActorWorkspace final : public Stage::Workspace {
 public:
  std::unique_ptr<Dictionary::Workspace> dict;
  std::vector<Item> items;
  std::vector<Proto> protos;
  std::vector<Info> info;                             // parallel to Document::actors
  std::vector<uint8_t> covered;                       // per token of the sentence
  std::unordered_map<std::string, int32_t> surnames;  // folded surname -> mention
  int32_t next_group = 0;
  std::string buf;
};

// Everything one Process call needs, so the rules below read as plain functions.
class SentenceCoder {
 public:
  SentenceCoder(const ActorCoderOptions& o, bool has_titles, Document& doc, ActorWorkspace& w)
      : o_(o), dict_(*o.dictionary), has_titles_(has_titles), doc_(doc), w_(w) {
    have_words_ = doc.words.size() == doc.tokens.size();
  }

  void Code(SentenceIndex s);

 private:
  std::string_view Text(TokenIndex t) const { return doc_.SpanText(doc_.tokens[t].span); }
  std::string_view Folded(TokenIndex t) { return Lower(Text(t), w_.buf); }
  bool IsProperName(TokenIndex t) const {
    if (!IsCapitalized(Text(t))) return false;
    return !have_words_ || doc_.words[t].upos == Upos::kPropn || doc_.words[t].upos == Upos::kX;
  }
  bool Parsed() const;

  void CollectItems();
  void BuildMentions();
  void CollectPending();
  void Resolve();

  Type TypeOf(const DictEntry& e, std::string_view code) const;
  // A title that may precede a name or stand for a person ("the president"). Dictionaries that
  // list titles apart say which; in legacy ones any singular agent may be one.
  bool TitleLike(const Item& it) const {
    return it.kind == ItemKind::kTitle ||
           (it.kind == ItemKind::kAgent && !it.plural && !has_titles_);
  }
  bool ModifierGap(TokenIndex from, TokenIndex to);
  bool Joined(TokenIndex from, TokenIndex to);
  bool CoordinatedBeforeRole(size_t k);
  bool Definite(TokenIndex first);
  std::string PairCode(const Item& actor, const Item& agent);
  bool AfterPreposition(TokenIndex first);
  TokenIndex NameAfter(TokenIndex t);
  std::string Origin(const Item& it) const { return dict_.Origin(it.entry); }

  Proto FromActor(const Item& it, TokenIndex first);
  void AddCombination(const Item& country, const Item& agent, TokenIndex first, TokenIndex end,
                      std::string how_kind);
  void Append(Proto& p, int32_t coref_of);
  int32_t FindAntecedent(const PronounFeatures& f, TokenIndex pron);
  std::vector<int32_t> TabariAntecedents(const PronounFeatures& f, TokenIndex pron);
  int32_t FindSpeaker(const PronounFeatures& f, TokenIndex pron);
  bool InQuote(TokenIndex t);
  bool Compatible(int32_t m, const PronounFeatures& f) const;
  void RegisterSurname(int32_t m, const Proto& p);
  int32_t SubjectOf(SentenceIndex s);
  int32_t Root(int32_t m) const;
  void TakeFrom(Proto& p, int32_t ante, std::string_view kind);
  bool TitleFits(const Proto& p, int32_t m) const;
  std::string TitleKey(const Item& it);

  const ActorCoderOptions& o_;
  const Dictionary& dict_;
  bool has_titles_;
  Document& doc_;
  ActorWorkspace& w_;
  bool have_words_ = false;
  SentenceIndex sentence_ = 0;
  TokenIndex begin_ = 0, end_ = 0;
  size_t first_mention_ = 0;  // doc.actors index where this sentence's mentions start
};

bool SentenceCoder::Parsed() const {
  if (!have_words_) return false;
  for (TokenIndex t = begin_; t < end_; ++t) {
    if (doc_.words[t].deprel == Deprel::kRoot) return true;
  }
  return false;
}

Type SentenceCoder::TypeOf(const DictEntry& e, std::string_view code) const {
  switch (e.actor_class) {
    case ActorClass::kCountry:
    case ActorClass::kDemonym:
    case ActorClass::kGovSeat:
      return Type::kCountry;
    case ActorClass::kPerson:
      return Type::kPerson;
    case ActorClass::kOrganization:
      return Type::kOrg;
    case ActorClass::kUnknown:
      break;
  }
  // Legacy dictionaries do not say; people are the entries whose codes change with the date.
  bool dated = false;
  for (const CodeRule& r : e.codes) dated |= !r.is_default();
  if (code.size() == 3) return Type::kCountry;
  return dated ? Type::kPerson : Type::kOrg;
}

void SentenceCoder::CollectItems() {
  w_.items.clear();
  for (const DictMatch& m : dict_.Match(doc_, begin_, end_, DictLayer::kActors, *w_.dict)) {
    // An actor entry wins over a title, a title over an agent; the first of a kind wins.
    const EntryId* actor = nullptr;
    const EntryId* title = nullptr;
    const EntryId* agent = nullptr;
    for (const EntryId& id : m.entries) {
      EntryKind k = dict_.entry(id).kind;
      if (k == EntryKind::kActor && !actor) actor = &id;
      if (k == EntryKind::kTitle && !title) title = &id;
      if (k == EntryKind::kAgent && !agent) agent = &id;
    }
    Item it;
    it.first = m.first_token;
    it.end = m.end_token;
    const EntryId* pick = actor ? actor : title ? title : agent;
    if (pick == nullptr) continue;
    it.entry = *pick;
    const DictEntry& e = dict_.entry(it.entry);
    // "Gondor's polices" is no COP of POLICE {}, though its lemma is "police".
    if (!actor && !title && e.no_plural && RegularPluralOfLastWord(Folded(it.end - 1), e.name))
      continue;
    it.code = dict_.CodeFor(it.entry, doc_.meta.date);
    if (actor) {
      const bool plain =
          o_.plain_special_codes && !o_.special_codes && (it.code == "+++" || it.code == "###");
      it.kind = IsNullCode(it.code) && !plain ? ItemKind::kNull : ItemKind::kActor;
      it.type = TypeOf(e, it.code);
    } else {
      it.kind = title ? ItemKind::kTitle : ItemKind::kAgent;
      it.prefix = e.prefix_code;
      it.type = Type::kGroup;
      TokenIndex last = it.end - 1;
      if (have_words_ && doc_.words[last].xpos != 0) {
        std::string_view tag = XposName(doc_.words[last].xpos);
        it.plural = tag == "NNS" || tag == "NNPS";
      } else {
        std::string_view word = Lower(Text(last), w_.buf);
        it.plural = word.size() > 3 && word.back() == 's' && !word.ends_with("ss") &&
                    !word.ends_with("us") && !word.ends_with("is");
      }
      if (IsNullCode(it.code)) it.kind = ItemKind::kNull;
    }
    w_.items.push_back(it);
  }
}

bool SentenceCoder::ModifierGap(TokenIndex from, TokenIndex to) {
  if (to < from || to - from > 5) return false;
  // TABARI's agents stand right after the actor or its "'s", "former" aside (manual 5.4, 5.4.1).
  if (o_.adjacent_agents) {
    for (TokenIndex t = from; t < to; ++t) {
      const std::string_view f = Folded(t);
      if (f != "former" && f != "'s" && f != "\xE2\x80\x99s" && f != "'") return false;
    }
    return true;
  }
  auto modifier = [&](TokenIndex t) {
    return (have_words_ && doc_.words[t].upos == Upos::kAdj) || In(kModifiers, Folded(t));
  };
  size_t words = 0;
  for (TokenIndex t = from; t < to; ++t) {
    // A compound adjective phrase ("awful and evil", TABARI manual 7.5) modifies as one.
    if (t > from && t + 1 < to && In(kConjunctions, Folded(t)) && modifier(t - 1) &&
        modifier(t + 1))
      continue;
    if (!modifier(t)) return false;
    ++words;
  }
  return words <= 3;
}

// True when tokens [from, to) are only "and", "or" and commas, and there is at least one.
bool SentenceCoder::Joined(TokenIndex from, TokenIndex to) {
  if (to <= from) return false;
  for (TokenIndex t = from; t < to; ++t) {
    if (!In(kConjunctions, Folded(t))) return false;
  }
  return true;
}

// True when country item k is followed by coordinated countries and then a role.
bool SentenceCoder::CoordinatedBeforeRole(size_t k) {
  const std::vector<Item>& items = w_.items;
  size_t j = k;
  while (j + 1 < items.size() && items[j + 1].kind == ItemKind::kActor &&
         items[j + 1].type == Type::kCountry && Joined(items[j].end, items[j + 1].first)) {
    ++j;
  }
  return j > k && j + 1 < items.size() &&
         (items[j + 1].kind == ItemKind::kAgent || items[j + 1].kind == ItemKind::kTitle) &&
         ModifierGap(items[j].end, items[j + 1].first);
}

bool SentenceCoder::Definite(TokenIndex first) {
  TokenIndex t = first;
  for (int skipped = 0; t > begin_ && skipped <= 3; ++skipped) {
    --t;
    std::string_view w = Folded(t);
    if (w == "the") return true;
    if (!In(kModifiers, w)) return false;
  }
  return false;
}

bool SentenceCoder::AfterPreposition(TokenIndex first) {
  TokenIndex t = first;
  while (t > begin_) {
    --t;
    std::string_view w = Folded(t);
    if (In(kDeterminers, w) || In(kModifiers, w)) continue;
    return In(kPrepositions, w);
  }
  return false;
}

TokenIndex SentenceCoder::NameAfter(TokenIndex t) {
  TokenIndex last = t;
  uint32_t n = 0;
  bool prev_ok = false;  // the previous token belongs to the name (a word or a particle)
  for (TokenIndex u = t; u < end_ && n < o_.max_name_tokens; ++u) {
    if (w_.covered[u - begin_]) break;
    std::string_view folded = Folded(u);
    const bool next_cap = u + 1 < end_ && IsCapitalized(Text(u + 1));
    if (IsProperName(u) && !In(kNotNames, folded)) {
      last = u + 1;
      ++n;
      prev_ok = true;
    } else if (Text(u) == "-" && prev_ok && u + 1 < end_) {
      prev_ok = false;  // "Garcia-Margallo", "al-Assad": a hyphen joins what is around it
    } else if (In(kNameParticles, folded) && u > t &&
               (next_cap || (u + 2 < end_ && Text(u + 1) == "-" && IsCapitalized(Text(u + 2))))) {
      ++n;
      prev_ok = true;
    } else {
      break;
    }
  }
  return last;
}

Proto SentenceCoder::FromActor(const Item& it, TokenIndex first) {
  Proto p;
  p.first = first;
  p.end = it.end;
  p.code = std::string(it.code);
  p.entry = Origin(it);
  p.how = p.entry;
  p.type = it.type;
  const DictEntry& e = dict_.entry(it.entry);
  p.gender = e.gender;
  p.adjective =
      it.end - it.first == 1 && (e.actor_class == ActorClass::kDemonym ||
                                 (have_words_ && doc_.words[it.first].upos == Upos::kAdj));
  if (it.type == Type::kPerson) {
    p.name_first = it.first;
    p.name_end = it.end;
  }
  return p;
}

// The code of an actor-agent pair. "Former" right before the actor's or the agent's name makes
// the agent an elite (TABARI manual 5.4.1, the CAMEO manual's ELI: "former Federal Reserve
// Chairman Alan Greenspan" USAELI): "former Gondor prosecutors" GONELI, "Arnor former security
// officials" ARNELI.
std::string SentenceCoder::PairCode(const Item& actor, const Item& agent) {
  for (TokenIndex t : {actor.first, agent.first}) {
    if (t > begin_ && t <= end_ && Folded(t - 1) == "former")
      return Combine(actor.code, "ELI", false);
  }
  return Combine(actor.code, agent.code, agent.prefix);
}

void SentenceCoder::AddCombination(const Item& country, const Item& agent, TokenIndex first,
                                   TokenIndex end, std::string how_kind) {
  Proto p;
  p.first = first;
  p.end = end;
  p.code = PairCode(country, agent);
  if (!country.code.starts_with("---")) p.actor = country.code;
  p.entry = Origin(country);
  p.how = how_kind + ": " + p.entry + " + " + Origin(agent);
  p.type = Type::kGroup;
  p.plural = agent.plural;
  p.person_like = TitleLike(agent);
  w_.protos.push_back(std::move(p));
}

void SentenceCoder::BuildMentions() {
  std::vector<Item>& items = w_.items;
  const size_t n = items.size();
  for (const Item& it : items) {
    for (TokenIndex t = it.first; t < it.end; ++t) w_.covered[t - begin_] = 1;
  }
  auto is_role = [](const Item& it) {
    return it.kind == ItemKind::kAgent || it.kind == ItemKind::kTitle;
  };
  // "Danish media and government": roles coordinated with the role after country item k
  // share its country (ActorCoderOptions::shared_country).
  auto share_country = [&](size_t k) {
    for (size_t j = k + 2; o_.shared_country && j < n; ++j) {
      Item& next = items[j];
      if (next.used || next.kind != ItemKind::kAgent || !Joined(items[j - 1].end, next.first))
        break;
      next.used = true;
      AddCombination(items[k], next, next.first, next.end, "shared country");
    }
  };
  for (size_t k = 0; k < n; ++k) {
    Item& it = items[k];
    if (it.kind == ItemKind::kNull && o_.special_codes && (it.code == "###" || it.code == "+++")) {
      Proto p = FromActor(it, it.first);
      p.how += " (" + p.code + ": the sentence is not coded)";
      w_.protos.push_back(std::move(p));
      continue;
    }
    if (it.used || it.kind == ItemKind::kNull) continue;
    if (!o_.context_rules) {
      if (it.kind == ItemKind::kActor) w_.protos.push_back(FromActor(it, it.first));
      continue;
    }
    if (it.kind == ItemKind::kActor) {
      // "US Secretary of State John Kerry" where the office is an actor entry of its own: one
      // mention, the person's code.
      if (it.type != Type::kPerson && it.code.size() > 3 && k + 1 < n &&
          items[k + 1].kind == ItemKind::kActor && items[k + 1].type == Type::kPerson &&
          items[k + 1].first == it.end) {
        it.used = items[k + 1].used = true;
        w_.protos.push_back(FromActor(items[k + 1], it.first));
        continue;
      }
      // A country takes the role of a noun after it ("Russian officials"); so does an
      // organisation or seat of power right before it ("White House security officials", "West
      // German world government activists"), as PETRARCH and TABARI attach agents to the actor
      // of their noun phrase; a title so only when no name follows it ("Hamas leader Ismail
      // Haniyeh" is the person).
      Item* role =
          k + 1 < n && is_role(items[k + 1]) &&
                  ((it.type == Type::kCountry && ModifierGap(it.end, items[k + 1].first)) ||
                   (it.type == Type::kOrg && it.end == items[k + 1].first &&
                    (!TitleLike(items[k + 1]) || NameAfter(items[k + 1].end) == items[k + 1].end)))
              ? &items[k + 1]
              : nullptr;
      if (role == nullptr) {
        // "US and Russian officials": leave "US" for the role that ends the coordination.
        if (CoordinatedBeforeRole(k)) continue;
        it.used = true;
        w_.protos.push_back(FromActor(it, it.first));
        continue;
      }
      it.used = role->used = true;
      // "Russian leader Vladimir Putin": the person's own code.
      if (k + 2 < n && items[k + 2].kind == ItemKind::kActor &&
          items[k + 2].type == Type::kPerson && items[k + 2].first == role->end) {
        items[k + 2].used = true;
        w_.protos.push_back(FromActor(items[k + 2], it.first));
        continue;
      }
      // "US Secretary of State X", "his Spanish counterpart X": the title's country and role.
      if (TitleLike(*role)) {
        if (TokenIndex name_end = NameAfter(role->end); name_end > role->end) {
          Proto p;
          p.first = it.first;
          p.end = name_end;
          p.code = PairCode(it, *role);
          if (!it.code.starts_with("---")) p.actor = it.code;
          p.entry = Origin(*role);
          p.how = "title rule: " + Origin(it) + " + " + Origin(*role);
          p.type = Type::kPerson;
          p.title = TitleKey(*role);
          p.name_first = role->end;
          p.name_end = name_end;
          w_.protos.push_back(std::move(p));
          continue;
        }
      }
      // "US and Russian officials": the role goes to every coordinated country before it.
      for (size_t b = k; b > 0; --b) {
        Item& prev = items[b - 1];
        if (prev.used || prev.kind != ItemKind::kActor || prev.type != Type::kCountry ||
            !Joined(prev.end, items[b].first)) {
          break;
        }
        prev.used = true;
        AddCombination(prev, *role, prev.first, prev.end, "compound");
      }
      // "the top US diplomat": the most recent compatible person, else the country's role.
      if (o_.coreference && TitleLike(*role) && Definite(it.first)) {
        Proto p;
        p.first = it.first;
        p.end = role->end;
        p.pending = Pending::kBareTitle;
        p.title = TitleKey(*role);
        p.role = std::string(role->code);
        p.country = std::string(it.code.substr(0, 3));
        p.code = PairCode(it, *role);
        p.entry = Origin(it);
        p.how = "agent: " + p.entry + " + " + Origin(*role);
        p.type = Type::kGroup;
        // Not shared after a definite title: PETRARCH's suite parses "The Danish media and
        // government" as two noun phrases (COMPOUND-26: ---GOV), UniversalPetrarch's as one.
        w_.protos.push_back(std::move(p));
        continue;
      }
      AddCombination(it, *role, it.first, role->end, "agent");
      share_country(k);
      continue;
    }
    // A title or agent first.
    it.used = true;
    if (k + 1 < n && items[k + 1].kind == ItemKind::kActor && items[k + 1].first == it.end &&
        items[k + 1].type == Type::kPerson) {
      items[k + 1].used = true;  // "President Barack Obama"
      w_.protos.push_back(FromActor(items[k + 1], it.first));
      continue;
    }
    if (it.prefix && k + 1 < n && items[k + 1].kind == ItemKind::kActor &&
        items[k + 1].type != Type::kPerson && items[k + 1].first == it.end) {
      // An organisation agent written NGO~ right before an actor: "MSF Arnor" -> NGOARN; with
      // the actor's own role after it, "An MSF Arnor diplomat" -> NGOARNGOV.
      items[k + 1].used = true;
      if (k + 2 < n && !items[k + 2].used && items[k + 2].kind == ItemKind::kAgent &&
          !items[k + 2].prefix && items[k + 1].type == Type::kCountry &&
          ModifierGap(items[k + 1].end, items[k + 2].first)) {
        Item& role = items[k + 2];
        role.used = true;
        Proto p;
        p.first = it.first;
        p.end = role.end;
        p.code = Combine(Combine(items[k + 1].code, role.code, false), it.code, true);
        p.actor = std::string(items[k + 1].code);
        p.entry = Origin(items[k + 1]);
        p.how = "agent: " + Origin(it) + " + " + p.entry + " + " + Origin(role);
        p.type = Type::kGroup;
        p.plural = role.plural;
        p.person_like = TitleLike(role);
        w_.protos.push_back(std::move(p));
        continue;
      }
      AddCombination(items[k + 1], it, it.first, items[k + 1].end, "agent");
      continue;
    }
    if (k + 1 < n && items[k + 1].kind == ItemKind::kActor && items[k + 1].type != Type::kPerson) {
      // "president of Russia", "rebels in Syria", "the opposition in the Syrian capital",
      // "soldiers from Gondor": PETRARCH gives the agent the actor of its noun phrase's PP.
      // An organisation or seat of power takes it after IN and OF, TABARI's agent prepositions
      // (manual 5.4: "security officials in White House" USAGOV), not after "from" ("fighter
      // jets from Lockheed" are no Lockheed military).
      TokenIndex t = it.end;
      const bool linked =
          t < items[k + 1].first && (Folded(t) == "of" || Folded(t) == "in" ||
                                     (Folded(t) == "from" && items[k + 1].type == Type::kCountry));
      bool only_det = linked;
      for (TokenIndex u = t + 1; linked && u < items[k + 1].first; ++u)
        only_det &= In(kDeterminers, Folded(u));
      if (only_det) {
        items[k + 1].used = true;
        AddCombination(items[k + 1], it, it.first, items[k + 1].end, "agent");
        // "lawmakers in Fornost and Gondor": the role goes to each coordinated country (not
        // TABARI's, whose agent takes the one actor after its preposition).
        for (size_t j = k + 2; j < n && !o_.adjacent_agents; ++j) {
          Item& next = items[j];
          if (next.used || next.kind != ItemKind::kActor || next.type != Type::kCountry ||
              !Joined(items[j - 1].end, next.first))
            break;
          next.used = true;
          AddCombination(next, it, next.first, next.end, "compound");
        }
        continue;
      }
    }
    if (TitleLike(it)) {
      if (TokenIndex name_end = NameAfter(it.end); name_end > it.end) {
        Proto p;  // "President Bashar al-Assad" with no entry for him: the role, no country
        p.first = it.first;
        p.end = name_end;
        p.code = Combine("---", it.code, it.prefix);
        p.entry = Origin(it);
        p.how = "title rule: " + p.entry;
        p.type = Type::kPerson;
        p.title = TitleKey(it);
        p.name_first = it.end;
        p.name_end = name_end;
        w_.protos.push_back(std::move(p));
        continue;
      }
    }
    if (o_.coreference && TitleLike(it) && Definite(it.first)) {
      Proto p;  // "the president"
      p.first = it.first;
      p.end = it.end;
      p.pending = Pending::kBareTitle;
      p.title = TitleKey(it);
      p.role = std::string(it.code);
      p.entry = Origin(it);
      p.code = o_.standalone_agents ? Combine("---", it.code, it.prefix) : "";
      p.how = "agent " + p.entry;
      p.type = Type::kGroup;
      w_.protos.push_back(std::move(p));
      continue;
    }
    // "military force", "police state": a tagged noun right after makes the agent a modifier.
    const bool modifier = o_.agent_modifiers && have_words_ && it.end < end_ &&
                          doc_.words[it.end].upos == Upos::kNoun;
    if (o_.standalone_agents && !modifier) {
      Proto p;  // "police", "Authorities"
      p.first = it.first;
      p.end = it.end;
      p.code = it.prefix ? std::string(it.code) : Combine("---", it.code, false);
      p.entry = Origin(it);
      p.how = "agent " + p.entry;
      p.type = Type::kGroup;
      p.plural = it.plural;
      p.person_like = TitleLike(it);
      w_.protos.push_back(std::move(p));
    }
  }
}

void SentenceCoder::CollectPending() {
  for (const Proto& p : w_.protos) {
    for (TokenIndex t = p.first; t < p.end; ++t) w_.covered[t - begin_] = 1;
  }
  for (TokenIndex t = begin_; t < end_; ++t) {
    if (w_.covered[t - begin_]) continue;
    std::string_view folded = Folded(t);
    const PronounFeatures* pronoun = nullptr;
    for (const PronounFeatures& f : kPronouns) {
      if (f.word == folded) pronoun = &f;
    }
    Proto p;
    p.first = t;
    p.end = t + 1;
    if (pronoun != nullptr) {
      if (!o_.pronouns && !o_.tabari_pronouns && pronoun->possessive) continue;
      if (have_words_ && doc_.words[t].deprel == Deprel::kExpl) continue;  // "it was not clear"
      p.pending = Pending::kPronoun;
    } else if (IsCapitalized(Text(t))) {
      p.pending = Pending::kSurname;  // kept only if a person of that surname came before
    } else {
      continue;
    }
    w_.protos.push_back(std::move(p));
  }
}

bool SentenceCoder::Compatible(int32_t m, const PronounFeatures& f) const {
  const ActorMention& a = doc_.actors[m];
  const Info& i = w_.info[m];
  if (a.code.empty()) return false;  // a first-person placeholder, resolved later
  if (f.plural) return a.plural || i.group >= 0;
  if (a.plural) return false;
  if (f.person) return i.type == Type::kPerson && (a.gender == 0 || a.gender == f.gender);
  if (i.adjective || i.person_like) return false;
  return i.type == Type::kCountry || i.type == Type::kOrg || i.type == Type::kGroup;
}

int32_t SentenceCoder::SubjectOf(SentenceIndex s) {
  const Sentence& sent = doc_.sentences[s];
  int32_t first = -1;
  // Mentions are appended sentence by sentence, so an earlier sentence's are a run before
  // first_mention_: walking back to it keeps a story of many mentions linear.
  int32_t lo = static_cast<int32_t>(first_mention_);
  while (lo > 0 && doc_.actors[lo - 1].sentence >= s) --lo;
  for (int32_t m = lo; m < static_cast<int32_t>(first_mention_); ++m) {
    if (doc_.actors[m].sentence != s) continue;
    if (have_words_) {
      for (TokenIndex t = doc_.actors[m].first_token; t < doc_.actors[m].end_token; ++t) {
        const WordAnalysis& wa = doc_.words[t];
        if ((wa.deprel == Deprel::kNsubj || wa.deprel == Deprel::kNsubjPass) &&
            wa.head != kNoHead && wa.head >= sent.first_token && wa.head < sent.end_token &&
            doc_.words[wa.head].deprel == Deprel::kRoot) {
          return m;
        }
      }
    }
    if (first < 0 && w_.info[m].subject) first = m;
  }
  return first;
}

int32_t SentenceCoder::FindAntecedent(const PronounFeatures& f, TokenIndex pron) {
  const int32_t begin = static_cast<int32_t>(first_mention_);
  const int32_t end = static_cast<int32_t>(doc_.actors.size());
  if (Parsed()) {
    // Climb from the pronoun; the first clause with a compatible subject before it wins.
    TokenIndex h = doc_.words[pron].head;
    for (int steps = 0; h != kNoHead && h >= begin_ && h < end_ && steps < 64; ++steps) {
      for (int32_t m = begin; m < end; ++m) {
        const ActorMention& a = doc_.actors[m];
        if (a.first_token >= pron) continue;
        for (TokenIndex t = a.first_token; t < a.end_token; ++t) {
          const WordAnalysis& wa = doc_.words[t];
          if (wa.head == h && (wa.deprel == Deprel::kNsubj || wa.deprel == Deprel::kNsubjPass) &&
              Compatible(m, f)) {
            return m;
          }
        }
      }
      h = doc_.words[h].head;
    }
  } else {
    for (int32_t m = begin; m < end; ++m) {
      if (doc_.actors[m].first_token < pron && w_.info[m].subject && Compatible(m, f)) return m;
    }
  }
  if (sentence_ == 0) return -1;
  const int32_t prev = SubjectOf(sentence_ - 1);
  return prev >= 0 && Compatible(prev, f) ? prev : -1;
}

// TABARI's rules (manual 7.7), by position alone: HE, SHE, IT -> the sentence's first actor (else
// the previous sentence's first); ITS, HIS, HER -> the first actor before the pronoun, which is
// the sentence's first ("Arnxr is about to rxstore ties with Gondor, after Calenardhon crowds
// burned down its embassy": ITS is GON); THEY, THEM, THEIR -> every actor of the first
// compound, else the first actor.
std::vector<int32_t> SentenceCoder::TabariAntecedents(const PronounFeatures& f, TokenIndex pron) {
  const int32_t begin = static_cast<int32_t>(first_mention_);
  const int32_t end = static_cast<int32_t>(doc_.actors.size());
  auto actor = [&](int32_t m) {
    return !doc_.actors[m].code.empty() && doc_.actors[m].first_token < pron &&
           !w_.info[m].adjective;
  };
  if (f.plural) {
    for (int32_t m = begin; m < end; ++m) {
      if (!actor(m) || w_.info[m].group < 0) continue;
      std::vector<int32_t> group;
      for (int32_t n = begin; n < end; ++n) {
        if (w_.info[n].group == w_.info[m].group && actor(n)) group.push_back(n);
      }
      return group;
    }
  }
  for (int32_t m = begin; m < end; ++m) {
    if (actor(m)) return {m};
  }
  if (sentence_ == 0 || f.possessive) return {};
  for (int32_t m = 0; m < begin; ++m) {
    if (doc_.actors[m].sentence == sentence_ - 1 && !doc_.actors[m].code.empty()) return {m};
  }
  return {};
}

// Inside a quotation: an odd number of quotation marks before `t` in the sentence.
bool SentenceCoder::InQuote(TokenIndex t) {
  int quotes = 0;
  for (TokenIndex u = begin_; u < t; ++u) {
    std::string_view w = Text(u);
    quotes += w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9D" || w == "``" || w == "''";
  }
  return quotes % 2 == 1;
}

// The speaker of the quote that holds first-person pronoun `pron`: the subject of the reporting
// verb the quoted clause is the complement of ("... overdue[ccomp]," Kerry[nsubj] said), or
// of a reporting verb hung from the quote as parataxis. -1 when the parse does not tell.
int32_t SentenceCoder::FindSpeaker(const PronounFeatures& f, TokenIndex pron) {
  if (!Parsed() || !InQuote(pron)) return -1;
  auto subject_of = [&](TokenIndex verb) -> int32_t {
    for (int32_t m = static_cast<int32_t>(first_mention_);
         m < static_cast<int32_t>(doc_.actors.size()); ++m) {
      const ActorMention& a = doc_.actors[m];
      if (a.code.empty() || InQuote(a.first_token)) continue;
      if (!f.plural && w_.info[m].type != Type::kPerson) continue;
      for (TokenIndex t = a.first_token; t < a.end_token; ++t) {
        if (doc_.words[t].head == verb && doc_.words[t].deprel == Deprel::kNsubj) return m;
      }
    }
    return -1;
  };
  auto in_sentence = [&](TokenIndex t) { return t != kNoHead && t >= begin_ && t < end_; };
  TokenIndex h = doc_.words[pron].head;
  for (int steps = 0; in_sentence(h) && steps < 16; ++steps) {
    const Deprel r = doc_.words[h].deprel;
    const TokenIndex up = doc_.words[h].head;
    if ((r == Deprel::kCcomp || r == Deprel::kParataxis) && in_sentence(up) && !InQuote(up)) {
      if (int32_t m = subject_of(up); m >= 0) return m;
    }
    for (TokenIndex c = begin_; c < end_; ++c) {
      if (doc_.words[c].head == h && doc_.words[c].deprel == Deprel::kParataxis && !InQuote(c)) {
        if (int32_t m = subject_of(c); m >= 0) return m;
      }
    }
    h = up;
  }
  return -1;
}

void SentenceCoder::Append(Proto& p, int32_t coref_of) {
  ActorMention a;
  a.sentence = sentence_;
  a.first_token = p.first;
  a.end_token = p.end;
  a.span = Span{doc_.tokens[p.first].span.begin, doc_.tokens[p.end - 1].span.end};
  a.code = std::move(p.code);
  a.how = std::move(p.how);
  a.entry = std::move(p.entry);
  a.coref_of = coref_of;
  a.gender = p.gender;
  a.plural = p.plural;
  Info i;
  i.type = p.type;
  if (p.pending == Pending::kNone) i.title = p.title;
  i.adjective = p.adjective;
  i.person_like = p.person_like || p.pending == Pending::kBareTitle;
  i.actor = p.actor;
  i.subject = !AfterPreposition(p.first) && !i.adjective;
  if (p.pending == Pending::kPronoun) {
    std::string_view w = Folded(p.first);
    for (const PronounFeatures& f : kPronouns) {
      if (f.word == w && f.possessive) i.subject = false;
    }
  }
  // Named actors joined only by "and", "or" or commas ("Moscow and Washington") form a group.
  if (doc_.actors.size() > first_mention_ && i.type != Type::kGroup &&
      p.pending != Pending::kPronoun) {
    const size_t prev = doc_.actors.size() - 1;
    const ActorMention& b = doc_.actors[prev];
    if (w_.info[prev].type != Type::kGroup && Joined(b.end_token, a.first_token)) {
      if (w_.info[prev].group < 0) w_.info[prev].group = w_.next_group++;
      i.group = w_.info[prev].group;
    }
  }
  doc_.actors.push_back(std::move(a));
  w_.info.push_back(i);
  RegisterSurname(static_cast<int32_t>(doc_.actors.size() - 1), p);
}

void SentenceCoder::RegisterSurname(int32_t m, const Proto& p) {
  if (!o_.coreference || p.type != Type::kPerson || p.name_end <= p.name_first) return;
  TokenIndex last = p.name_end - 1;
  if (!IsCapitalized(Text(last))) return;
  w_.surnames[std::string(Folded(last))] = m;
}

// A title's words as written in the text, folded ("prime minister"): the same title, whichever
// line of the dictionary lists it.
std::string SentenceCoder::TitleKey(const Item& it) {
  std::string key;
  for (TokenIndex t = it.first; t < it.end; ++t) {
    if (!key.empty()) key += ' ';
    key += Folded(t);
  }
  return key;
}

// True when person mention `m` can be what bare title `p` refers to: one introduced by the same
// title ("the prime minister" -> "Prime Minister Tony Blair"), or a dictionary person whose code
// holds the title's role and, if the title names one, its country ("the top US diplomat" ->
// "John Kerry").
bool SentenceCoder::TitleFits(const Proto& p, int32_t m) const {
  const ActorMention& a = doc_.actors[m];
  const Info& i = w_.info[m];
  if (i.type != Type::kPerson) return false;
  if (!p.country.empty() && std::string_view(a.code).substr(0, 3) != p.country) return false;
  if (!i.title.empty()) return i.title == p.title;
  return a.code.front() != '-' && HasRole(a.code, p.role);
}

// Codes `p` as a person mention of doc.actors[ante] and appends it; `kind` names the rule.
void SentenceCoder::TakeFrom(Proto& p, int32_t ante, std::string_view kind) {
  const ActorMention& a = doc_.actors[ante];
  p.code = a.code;
  p.gender = a.gender;
  p.type = Type::kPerson;
  p.entry = a.entry;
  p.how = std::string(kind) + " -> " + std::to_string(ante) + " (" +
          std::string(doc_.SpanText(a.span)) + ")";
  Append(p, ante);
}

// The named mention a coreference chain starts from; links always point there.
int32_t SentenceCoder::Root(int32_t m) const {
  while (doc_.actors[m].coref_of >= 0) m = doc_.actors[m].coref_of;
  return m;
}

void SentenceCoder::Resolve() {
  std::vector<int32_t> first_person;  // placeholder mentions of "I", "we", ...
  std::sort(w_.protos.begin(), w_.protos.end(),
            [](const Proto& a, const Proto& b) { return a.first < b.first; });
  for (Proto& p : w_.protos) {
    switch (p.pending) {
      case Pending::kNone:
        Append(p, -1);
        break;
      case Pending::kSurname: {
        auto it = w_.surnames.find(std::string(Folded(p.first)));
        if (it == w_.surnames.end()) break;
        TakeFrom(p, Root(it->second), "surname");
        break;
      }
      case Pending::kBareTitle: {
        // The nearest fitting mention, at most kMaxTitleLookBack mentions back: a story of
        // thousands of mentions ("the minister" x 10,000) stays linear.
        int32_t found = -1;
        const int32_t stop =
            std::max<int32_t>(0, static_cast<int32_t>(doc_.actors.size()) - kMaxTitleLookBack);
        for (int32_t m = static_cast<int32_t>(doc_.actors.size()) - 1; m >= stop && found < 0;
             --m) {
          if (TitleFits(p, Root(m))) found = m;
        }
        if (found >= 0) {
          TakeFrom(p, Root(found), "title");
        } else if (!p.code.empty()) {
          Append(p, -1);
        }
        break;
      }
      case Pending::kPronoun: {
        std::string_view w = Folded(p.first);
        const PronounFeatures* f = nullptr;
        for (const PronounFeatures& pf : kPronouns) {
          if (pf.word == w) f = &pf;
        }
        if (f->first_person) {
          // The speaker usually comes after the quote: hold the place, resolve below.
          Proto q = p;
          q.code.clear();
          Append(q, -1);
          first_person.push_back(static_cast<int32_t>(doc_.actors.size() - 1));
          break;
        }
        std::vector<int32_t> targets;
        if (o_.tabari_pronouns) targets = TabariAntecedents(*f, p.first);
        const int32_t ante = o_.tabari_pronouns ? -1 : FindAntecedent(*f, p.first);
        if (ante >= 0) targets = {ante};
        if (targets.empty()) break;
        // A plural pronoun for coordinated actors refers to each of them.
        if (ante >= 0 && f->plural && !f->first_person && w_.info[ante].group >= 0) {
          // A group's mentions are consecutive (coordinated in one sentence).
          targets.clear();
          const int32_t group = w_.info[ante].group;
          int32_t lo = ante, hi = ante + 1;
          while (lo > 0 && w_.info[lo - 1].group == group) --lo;
          while (hi < static_cast<int32_t>(doc_.actors.size()) && w_.info[hi].group == group) ++hi;
          for (int32_t m = lo; m < hi; ++m) targets.push_back(m);
        }
        for (int32_t t : targets) {
          t = Root(t);
          Proto q = p;
          const ActorMention& a = doc_.actors[t];
          q.code = a.code;
          // TABARI forwards a pronoun to the previous sentence's first actor without its agent
          // (manual 8.4; Validate.text FRWD-001-002: "He" after "Fornost President X" is FOR).
          if (o_.tabari_pronouns && a.sentence < sentence_ && !w_.info[t].actor.empty())
            q.code = w_.info[t].actor;
          q.gender = f->person && !f->first_person ? f->gender : a.gender;
          q.plural = f->plural;
          q.type = w_.info[t].type;
          q.how =
              "pronoun -> " + std::to_string(t) + " (" + std::string(doc_.SpanText(a.span)) + ")";
          Append(q, t);
        }
        break;
      }
    }
  }
  // First-person pronouns in a quote take the speaker's code; the others are dropped.
  for (size_t k = first_person.size(); k-- > 0;) {
    const int32_t m = first_person[k];
    const TokenIndex pron = doc_.actors[m].first_token;
    const PronounFeatures* f = nullptr;
    for (const PronounFeatures& pf : kPronouns) {
      if (pf.word == Folded(pron)) f = &pf;
    }
    const int32_t speaker = f ? FindSpeaker(*f, pron) : -1;
    if (speaker >= 0) {
      const int32_t t = Root(speaker);
      ActorMention& a = doc_.actors[m];
      a.code = doc_.actors[t].code;
      a.gender = doc_.actors[t].gender;
      a.coref_of = t;
      a.how = "quote speaker -> " + std::to_string(t) + " (" +
              std::string(doc_.SpanText(doc_.actors[t].span)) + ")";
      w_.info[m].type = w_.info[t].type;
      continue;
    }
    doc_.actors.erase(doc_.actors.begin() + m);
    w_.info.erase(w_.info.begin() + m);
    for (size_t i = first_mention_; i < doc_.actors.size(); ++i) {
      if (doc_.actors[i].coref_of > m) --doc_.actors[i].coref_of;
    }
    for (auto& [name, i] : w_.surnames) {
      if (i > m) --i;
    }
  }
}

void SentenceCoder::Code(SentenceIndex s) {
  sentence_ = s;
  begin_ = doc_.sentences[s].first_token;
  end_ = doc_.sentences[s].end_token;
  first_mention_ = doc_.actors.size();
  w_.protos.clear();
  w_.covered.assign(end_ - begin_, 0);
  CollectItems();
  BuildMentions();
  if (o_.coreference) CollectPending();
  Resolve();
}

}  // namespace

ActorCoder::ActorCoder(ActorCoderOptions options) : options_(std::move(options)) {
  has_titles_ = options_.dictionary->Count(EntryKind::kTitle) > 0;
}

StatusOr<std::shared_ptr<const ActorCoder>> ActorCoder::Load(ActorCoderOptions options) {
  if (options.dictionary == nullptr) return InvalidArgumentError("ActorCoder needs a dictionary");
  if (options.max_name_tokens == 0)
    return InvalidArgumentError("max_name_tokens must be at least 1");
  return std::shared_ptr<const ActorCoder>(new ActorCoder(std::move(options)));
}

std::unique_ptr<Stage::Workspace> ActorCoder::NewWorkspace() const {
  auto w = std::make_unique<ActorWorkspace>();
  w->dict = options_.dictionary->NewWorkspace();
  return w;
}

Status ActorCoder::Process(Document& doc, Workspace& workspace) const {
  auto& w = static_cast<ActorWorkspace&>(workspace);
  doc.actors.clear();
  w.info.clear();
  w.surnames.clear();
  // The event coder's matches of the same dictionary read these labels.
  options_.dictionary->Label(doc, *w.dict);
  SentenceCoder coder(options_, has_titles_, doc, w);
  for (SentenceIndex s = 0; s < doc.sentences.size(); ++s) coder.Code(s);
  return Status::Ok();
}

}  // namespace dyad
