#include "dyad/places/place_coder.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <tuple>

#include "dyad/learn/feature_hash.h"
#include "dyad/learn/model_file.h"

namespace dyad {

namespace {

// Prepositions that place what their phrase governs (not "from"/"to": origin and destination).
bool LocativePreposition(std::string_view lemma) {
  static constexpr std::string_view kPreps[] = {
      "in",     "at",  "near",  "outside", "inside", "across", "throughout", "around",
      "within", "off", "along", "into",    "beyond", "nearby", "through"};
  for (std::string_view p : kPreps)
    if (p == lemma) return true;
  return false;
}

// Nouns for places, through which "of" and "with" lead to a name ("the town of Jobar").
bool PlaceNoun(std::string_view lemma) {
  static constexpr std::string_view kNouns[] = {
      "city",         "town",          "village",     "province",     "region",    "district",
      "area",         "outskirts",     "outskirt",    "edge",         "border",    "suburb",
      "neighborhood", "neighbourhood", "countryside", "capital",      "port",      "camp",
      "governorate",  "state",         "county",      "municipality", "territory", "stronghold",
      "enclave",      "island",        "coast",       "valley",       "mountain",  "desert",
      "frontier",     "center",        "centre",      "heart",        "south",     "north",
      "east",         "west",          "part",        "parts",        "streets",   "street",
      "hometown",     "bastion",       "airport",     "base",         "prison",    "oblast",
      "prefecture",   "quarter",       "zone",        "settlement",   "refugee",   "hill",
      "hills",        "river",         "bank",        "city-state"};
  for (std::string_view n : kNouns)
    if (n == lemma) return true;
  return false;
}

// Nouns of attacks, whose "on" phrase is where they struck.
bool AttackNoun(std::string_view lemma) {
  static constexpr std::string_view kNouns[] = {
      "attack",    "assault",   "raid",      "strike",      "airstrike",
      "offensive", "bombing",   "shelling",  "bombardment", "incursion",
      "ambush",    "onslaught", "crackdown", "siege",       "air-strike"};
  for (std::string_view n : kNouns)
    if (n == lemma) return true;
  return false;
}

// Nouns that make "on" locative ("on the edge of Damascus", "on the outskirts of Kabul").
bool OnPlaceNoun(std::string_view lemma) {
  static constexpr std::string_view kNouns[] = {
      "edge",   "outskirts",   "outskirt", "border", "road",    "highway", "island", "coast",
      "bank",   "frontline",   "front",    "street", "side",    "shore",   "island", "peninsula",
      "ground", "territory",   "soil",     "campus", "grounds", "bridge",  "square", "mountain",
      "hill",   "countryside", "area",     "sky",    "skies"};
  for (std::string_view n : kNouns)
    if (n == lemma) return true;
  return false;
}

// Lower-case particles inside place names.
bool Particle(std::string_view w) {
  static constexpr std::string_view kWords[] = {"de", "da", "do",  "dos", "das", "del",  "la",
                                                "le", "du", "des", "di",  "sur", "upon", "am"};
  for (std::string_view x : kWords)
    if (x == w) return true;
  return false;
}

// Words that take "of" inside a place name.
bool OfPlaceWord(std::string_view lemma) {
  static constexpr std::string_view kWords[] = {
      "gulf", "bay",      "sea",     "strait", "straits", "isle", "island", "islands", "cape",
      "lake", "republic", "kingdom", "mount",  "horn",    "port", "gate",   "valley",  "sultanate"};
  for (std::string_view w : kWords)
    if (w == lemma) return true;
  return false;
}

// Trigger lemmas whose object is where the act happens ("visited Moscow", "shelled Homs").
enum class Acts { kNo, kPlaceOrPerson, kPlace };
Acts ActsOnPlace(std::string_view lemma) {
  static constexpr std::string_view kPlace[] = {
      "visit",   "tour",   "arrive",   "reach",    "enter",    "invade",  "bomb",   "shell",
      "raid",    "storm",  "occupy",   "besiege",  "bombard",  "overrun", "retake", "liberate",
      "control", "secure", "encircle", "surround", "evacuate", "blockade"};
  // Their object is as often a person or a thing ("captured Abu Zubaydah", "hit a car").
  static constexpr std::string_view kEither[] = {"attack", "strike",    "capture", "seize", "hit",
                                                 "target", "recapture", "destroy", "take"};
  for (std::string_view v : kPlace)
    if (v == lemma) return Acts::kPlace;
  for (std::string_view v : kEither)
    if (v == lemma) return Acts::kPlaceOrPerson;
  return Acts::kNo;
}

// Words that follow a place name without making it another name ("Aleppo Province").
bool PlaceTypeWord(std::string_view lemma) {
  static constexpr std::string_view kWords[] = {
      "province", "governorate", "state",        "region", "district", "city", "county",
      "oblast",   "prefecture",  "municipality", "valley", "airport",  "area"};
  for (std::string_view w : kWords)
    if (w == lemma) return true;
  return false;
}

// Words of names of groups, wars and operations, not of places.
bool NotPlaceWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "War",      "Operation", "Army",    "Front",     "Brigade",   "Brigades",   "Party",
      "Forces",   "Movement",  "Council", "Committee", "Ministry",  "Agency",     "Day",
      "Catholic", "Catholics", "Muslim",  "Muslims",   "Christian", "Christians", "Shiite",
      "Sunni",    "Islamic",   "State",   "Guard",     "Corps",     "Regiment",   "Battalion",
      "Division", "Police",    "Union",   "News",      "Radio",     "TV"};
  for (std::string_view x : kWords)
    if (x == w) return true;
  return false;
}

// Days and months: capitalised, never places here ("in Nablus Saturday").
bool TimeWord(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  static constexpr std::string_view kWords[] = {
      "Monday",   "Tuesday",  "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
      "February", "March",    "April",     "May",      "June",   "July",     "August", "September",
      "October",  "November", "December",  "Jan",      "Feb",    "Mar",      "Apr",    "Jun",
      "Jul",      "Aug",      "Sep",       "Sept",     "Oct",    "Nov",      "Dec"};
  for (std::string_view x : kWords)
    if (x == w) return true;
  return false;
}

// Does the token's text start with an upper-case letter or a letter of a caseless script?
bool Capitalised(std::string_view text) {
  if (text.empty()) return false;
  // ASCII (most tokens) without ICU: its only upper-case letters are A-Z, and it has no title-case
  // or caseless letters.
  if (static_cast<unsigned char>(text[0]) < 0x80) return text[0] >= 'A' && text[0] <= 'Z';
  UChar32 c;
  int32_t i = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  if (c < 0) return false;
  return u_isupper(c) || u_istitle(c) || (u_isalpha(c) && !u_islower(c) && !u_isupper(c));
}

struct Ctx {
  const Document& doc;
  bool parsed;
  TokenIndex Head(TokenIndex t) const { return parsed ? doc.words[t].head : kNoHead; }
  Deprel Rel(TokenIndex t) const { return parsed ? doc.words[t].deprel : Deprel::kDep; }
  Upos Pos(TokenIndex t) const { return parsed ? doc.words[t].upos : Upos::kX; }
  std::string_view Lemma(TokenIndex t) const {
    return parsed ? std::string_view(doc.words[t].lemma) : std::string_view();
  }
  std::string_view Text(TokenIndex t) const { return doc.SpanText(doc.tokens[t].span); }
  // Proper nouns keep their capitals in the lemma ("Governorate"); word lists are lower case.
  std::string LowerLemma(TokenIndex t) const {
    std::string l(parsed ? std::string_view(doc.words[t].lemma) : Text(t));
    for (char& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return l;
  }
  // The sentence holding token t.
  const Sentence& SentenceOf(TokenIndex t) const {
    auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), t,
                               [](TokenIndex x, const Sentence& s) { return x < s.first_token; });
    return it == doc.sentences.begin() ? doc.sentences.front() : *(it - 1);
  }
};

// Is token t a hyphen glued to both neighbours ("Al-Bayaa")?
bool Joined(const Ctx& c, TokenIndex t) {
  return c.Text(t) == "-" && t > 0 && !c.doc.tokens[t - 1].space_after() &&
         !c.doc.tokens[t].space_after();
}

// Is token t an Arabic article glued to a capitalised name ("al-Yarmouk", "ez-Zor")?
bool Article(const Ctx& c, TokenIndex t, const Sentence& sent) {
  std::string_view w = c.Text(t);
  return (w == "al" || w == "el" || w == "ad" || w == "as" || w == "ash" || w == "an" ||
          w == "ar" || w == "at" || w == "az" || w == "ez" || w == "es" || w == "et" || w == "ed" ||
          w == "ul") &&
         t + 2 < sent.end_token && Joined(c, t + 1) && Capitalised(c.Text(t + 2));
}

// The end of the name run starting at token i (a name word or an article): name words
// (`word`), joined by hyphens written without spaces ("Al-Bayaa"; after the hyphen also a token
// `after_hyphen` accepts), with Arabic articles ("Deir ez-Zor"), particles ("Rio de Janeiro")
// and "of" after words like "Gulf" ("Gulf of Aden").
template <typename WordFn, typename HyphenFn>
TokenIndex NameRunEnd(const Ctx& c, const Sentence& sent, TokenIndex i, WordFn word,
                      HyphenFn after_hyphen) {
  TokenIndex e = Article(c, i, sent) ? i + 3 : i + 1;
  while (e < sent.end_token) {
    if (word(e))
      ++e;
    else if (e + 1 < sent.end_token && Joined(c, e) &&
             (word(e + 1) || Article(c, e + 1, sent) || after_hyphen(e + 1)))
      e += 2;  // "Al-Bayaa", "Mazar-e-Sharif" (tokens "Mazar", "-", "e-Sharif")
    else if (e + 1 < sent.end_token && Particle(c.Text(e)) && word(e + 1))
      e += 2;  // "Rio de Janeiro", "Santiago de Compostela"
    else if (Article(c, e, sent) && c.doc.tokens[e - 1].space_after())
      e += 3;
    else if (e + 3 < sent.end_token && Joined(c, e) && Joined(c, e + 2) && word(e + 3) &&
             c.Text(e + 1).size() <= 3)
      e += 4;  // "Mazar-e-Sharif", "Deir ez-Zor" is an article case above
    else if (e + 1 < sent.end_token && c.Text(e) == "of" && word(e + 1) &&
             OfPlaceWord(c.LowerLemma(e - 1)))
      e += 2;  // "Gulf of Aden", "Republic of Congo"
    else
      break;
  }
  return e;
}

// The token of [first, end) whose head lies outside it.
TokenIndex PhraseHead(const Ctx& c, TokenIndex first, TokenIndex end) {
  for (TokenIndex t = first; t < end; ++t) {
    TokenIndex h = c.Head(t);
    if (h == kNoHead || h < first || h >= end) return t;
  }
  return end - 1;
}

// The token carrying a locative preposition for a phrase headed by `h`: h itself ("in Aleppo"),
// or a noun it modifies ("at her Reshimbagh residence", "in the city of Nablus",
// "near the border with Turkey"); kNoHead when no locative preposition governs it.
TokenIndex LocativeHead(const Ctx& c, TokenIndex h) {
  if (h == kNoHead || c.doc.sentences.empty()) return kNoHead;
  const Sentence& sent = c.SentenceOf(h);
  for (int step = 0; step < 3 && h != kNoHead; ++step) {
    for (TokenIndex k = sent.first_token; k < sent.end_token; ++k) {
      if (c.Head(k) == h && c.Rel(k) == Deprel::kCase) {
        if (LocativePreposition(c.Lemma(k)) ||
            ((c.Lemma(k) == "on" || c.Lemma(k) == "over") && OnPlaceNoun(c.LowerLemma(h))))
          return h;
        if (c.Lemma(k) == "of" || c.Lemma(k) == "with") {
          // "the city of Nablus", "the Aziziyah district", "the border with Turkey" — but not
          // "at the request of Carroll".
          TokenIndex up = c.Head(h);
          if (!PlaceNoun(c.LowerLemma(h)) && (up == kNoHead || !PlaceNoun(c.LowerLemma(up))))
            return kNoHead;
          break;
        }
        // "an attack on Kulbus", "a raid against the camp": where the attack struck.
        TokenIndex up = c.Head(h);
        if ((c.Lemma(k) == "on" || c.Lemma(k) == "against") && up != kNoHead &&
            AttackNoun(c.LowerLemma(up)))
          return h;
        // "close to the hospital", "next to the mosque".
        if (c.Lemma(k) == "to" && k > sent.first_token &&
            (c.Lemma(k - 1) == "close" || c.Lemma(k - 1) == "next"))
          return h;
        return kNoHead;  // "from Moscow", "to Damascus"
      }
    }
    Deprel r = c.Rel(h);
    if (r != Deprel::kCompound && r != Deprel::kNmod && r != Deprel::kAppos && r != Deprel::kFlat &&
        r != Deprel::kAmod && r != Deprel::kConj && r != Deprel::kNmodPoss)
      return kNoHead;
    h = c.Head(h);
  }
  return kNoHead;
}

// The verb whose object the phrase headed by h is, directly or as the name of its object
// ("the strategic city of Al-Shadadi"); kNoHead when none.
TokenIndex ObjectOf(const Ctx& c, TokenIndex h, bool* via_place_noun = nullptr) {
  bool via = false;
  for (int step = 0; step < 3 && h != kNoHead; ++step) {
    if (step > 0) via |= PlaceNoun(c.LowerLemma(h));
    if (c.Rel(h) == Deprel::kObj) {
      if (via_place_noun != nullptr) *via_place_noun = via;
      return c.Head(h);
    }
    Deprel r = c.Rel(h);
    if (r != Deprel::kCompound && r != Deprel::kNmod && r != Deprel::kAppos && r != Deprel::kFlat)
      return kNoHead;
    h = c.Head(h);
  }
  return kNoHead;
}

// The verb a place phrase headed by h is the object of, when that verb acts on places: "visited
// Moscow", "shelled the Angor Adda area", "captured the town of Kupres" (a verb whose object is
// as often a person counts only through a place noun or for a clear place); kNoHead otherwise.
TokenIndex ActedOnBy(const Ctx& c, TokenIndex h, bool clear_place) {
  bool via = false;
  TokenIndex v = ObjectOf(c, h, &via);
  if (v == kNoHead) return kNoHead;
  Acts a = ActsOnPlace(c.Lemma(v));
  if (a == Acts::kPlace || (a == Acts::kPlaceOrPerson && (via || clear_place))) return v;
  return kNoHead;
}

int TreeDistance(const Ctx& c, TokenIndex a, TokenIndex b) {
  std::vector<TokenIndex> pa;
  for (TokenIndex t = a; t != kNoHead && pa.size() < 64; t = c.Head(t)) pa.push_back(t);
  int db = 0;
  for (TokenIndex t = b; t != kNoHead && db < 64; t = c.Head(t), ++db) {
    auto it = std::find(pa.begin(), pa.end(), t);
    if (it != pa.end()) return static_cast<int>(it - pa.begin()) + db;
  }
  return 1000;
}

}  // namespace

struct PlaceCoderWorkspace : Stage::Workspace {};

PlaceCoder::PlaceCoder(PlaceCoderOptions options) : options_(std::move(options)) {}
PlaceCoder::~PlaceCoder() = default;

uint64_t PlaceCoder::model_fingerprint() const {
  return model_file_ ? model_file_->fingerprint() : 0;
}

StatusOr<std::shared_ptr<const PlaceCoder>> PlaceCoder::Load(PlaceCoderOptions options) {
  if (!options.gazetteer) return InvalidArgumentError("PlaceCoder: no gazetteer given");
  std::shared_ptr<PlaceCoder> p(new PlaceCoder(std::move(options)));
  if (!p->options_.model.empty()) {
    DYAD_ASSIGN_OR_RETURN(p->model_file_,
                          learn::ModelFile::Open(p->options_.model, kPlaceModelKind));
    DYAD_ASSIGN_OR_RETURN(std::string_view w, p->model_file_->Section("weights"));
    DYAD_ASSIGN_OR_RETURN(p->model_, learn::LinearModel::FromBytes(w));
    if (auto off = p->model_file_->Section("none_offset"); off.ok()) {
      std::string text(*off);
      char* end = nullptr;
      p->none_offset_ = std::strtod(text.c_str(), &end);
      if (end == text.c_str())
        return DataError(p->options_.model + ": section none_offset is not a number");
    }
    if (p->model_.num_classes() != 2)
      return DataError(p->options_.model + ": a place model has 2 classes, not " +
                       std::to_string(p->model_.num_classes()));
  }
  const Gazetteer& g = *p->options_.gazetteer;
  for (size_t i = 0; i < g.country_count(); ++i)
    p->country_by_iso3_[std::string(g.country(i).iso3, 3)] = static_cast<uint16_t>(i);
  // CAMEO's codes that differ from ISO alpha-3.
  if (auto it = p->country_by_iso3_.find("XKX"); it != p->country_by_iso3_.end())
    p->country_by_iso3_["KSV"] = it->second;
  return std::shared_ptr<const PlaceCoder>(std::move(p));
}

std::unique_ptr<Stage::Workspace> PlaceCoder::NewWorkspace() const {
  return std::make_unique<PlaceCoderWorkspace>();
}

double PlaceCoder::Score(uint32_t e, bool main_name,
                         const std::unordered_map<uint16_t, double>& countries) const {
  const GazetteerEntry& x = gazetteer().entry(e);
  double s = 0;
  switch (x.kind) {
    case PlaceKind::kCountry:
      s = 30;
      break;
    case PlaceKind::kAdm1:
      s = 14;
      break;
    case PlaceKind::kCity:
      s = 3 * std::log10(1.0 + x.population);
      if (x.flags & GazetteerEntry::kCapital) s += 3;
      if (x.flags & GazetteerEntry::kAdm1Seat) s += 1.5;
      break;
  }
  if (!main_name) s -= 4;
  if (auto it = countries.find(x.country); it != countries.end())
    s += 8 + 3 * std::min(it->second, 4.0);
  return s;
}

int PlaceCoder::ResolveName(std::string_view name,
                            const std::unordered_map<uint16_t, double>& countries) const {
  const Gazetteer& g = gazetteer();
  // "Paris, Texas" / "Tripoli (Lebanon)": the container decides.
  size_t cut = name.find_first_of(",(");
  if (cut != std::string_view::npos) {
    std::string_view head = name.substr(0, cut), rest = name.substr(cut + 1);
    if (!rest.empty() && rest.back() == ')') rest.remove_suffix(1);
    std::vector<GazetteerHit> outer = g.Lookup(rest);
    std::vector<GazetteerHit> inner = g.Lookup(head);
    int best = -1;
    double best_score = -1e9;
    for (const GazetteerHit& h : inner) {
      const GazetteerEntry& x = g.entry(h.entry);
      bool inside = false;
      for (const GazetteerHit& o : outer) {
        const GazetteerEntry& y = g.entry(o.entry);
        if (y.kind == PlaceKind::kCountry && y.country == x.country) inside = true;
        if (y.kind == PlaceKind::kAdm1 && x.kind == PlaceKind::kCity && y.adm1 == x.adm1 &&
            y.adm1 != kNoAdm1)
          inside = true;
      }
      double s = Score(h.entry, h.main_name, countries) + (inside ? 40 : 0);
      if (s > best_score) best_score = s, best = static_cast<int>(h.entry);
    }
    if (best >= 0) return best;
    return ResolveName(head, countries);
  }
  int best = -1;
  double best_score = -1e9;
  for (const GazetteerHit& h : g.Lookup(name)) {
    double s = Score(h.entry, h.main_name, countries);
    if (s > best_score) best_score = s, best = static_cast<int>(h.entry);
  }
  return best;
}

void PlaceCoder::FindPlaces(Document& doc) const {
  const Gazetteer& g = gazetteer();
  doc.places.clear();
  const bool parsed = doc.words.size() == doc.tokens.size() && !doc.tokens.empty();
  Ctx c{doc, parsed};
  // Tokens of person and organisation actors are not places ("Paris Hilton", "George Washington").
  std::vector<bool> blocked(doc.tokens.size(), false);
  for (const ActorMention& a : doc.actors) {
    if (a.coref_of >= 0 || a.entry.empty()) continue;
    if (a.entry.find("countries") != std::string::npos ||
        a.entry.find("places") != std::string::npos)
      continue;
    if (a.code.size() == 3) continue;  // a bare country code: the words name a country
    for (TokenIndex t = a.first_token; t < a.end_token && t < blocked.size(); ++t)
      blocked[t] = true;
  }
  struct Raw {
    SentenceIndex s;
    TokenIndex first, end;    // the name
    TokenIndex cfirst, cend;  // its container ("Texas"), cend == cfirst when none
    std::vector<GazetteerHit> hits, container;
  };
  std::vector<Raw> raw;
  auto longest = [&](TokenIndex i, TokenIndex send, std::vector<GazetteerHit>& hits) -> TokenIndex {
    TokenIndex max_n = std::min<TokenIndex>(6, send - i);
    for (TokenIndex n = max_n; n >= 1; --n) {
      TokenIndex last = i + n - 1;
      if (!Capitalised(c.Text(last))) continue;
      std::string key = NormalizePlaceName(std::string_view(doc.text).substr(
          doc.tokens[i].span.begin, doc.tokens[last].span.end - doc.tokens[i].span.begin));
      if (key.empty()) continue;
      hits = g.LookupKey(key);
      if (!hits.empty()) return n;
    }
    return 0;
  };
  // Tokens of person and group actors, and the country of place-dictionary actors ("Hasakah"
  // -> SYR in data/dict/actors/places.txt), which stand in when the gazetteer lacks a name.
  std::vector<bool> in_actor(doc.tokens.size(), false);
  std::vector<int> actor_country(doc.tokens.size(), -1);
  for (const ActorMention& a : doc.actors) {
    bool place_name = a.entry.find("countries") != std::string::npos ||
                      a.entry.find("places") != std::string::npos;
    auto it = a.code.size() == 3 ? country_by_iso3_.find(a.code) : country_by_iso3_.end();
    for (TokenIndex t = a.first_token; t < a.end_token && t < in_actor.size(); ++t) {
      if (!place_name) in_actor[t] = true;
      if (place_name && it != country_by_iso3_.end()) actor_country[t] = it->second;
    }
  }
  // A name run: capitalised proper nouns (nouns after the first word), joined by hyphens
  // written without spaces ("Al-Bayaa"), with Arabic article prefixes ("al-Yarmouk").
  auto word = [&](TokenIndex t, const Sentence& sent) {
    if (blocked[t] || !Capitalised(c.Text(t)) || TimeWord(c.Text(t))) return false;
    if (!parsed || static_cast<unsigned char>(c.Text(t)[0]) >= 0xC0) return true;  // other scripts
    Upos u = c.Pos(t);
    return u == Upos::kPropn || u == Upos::kAdj || (u == Upos::kNoun && t > sent.first_token);
  };
  for (SentenceIndex s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sent = doc.sentences[s];
    for (TokenIndex i = sent.first_token; i < sent.end_token;) {
      bool starts =
          word(i, sent) && !(parsed && c.Pos(i) == Upos::kNoun && !Capitalised(c.Text(i)));
      if (!starts && !(Article(c, i, sent) && !blocked[i])) {
        ++i;
        continue;
      }
      TokenIndex e = NameRunEnd(
          c, sent, i, [&](TokenIndex t) { return word(t, sent); },
          [&](TokenIndex t) { return parsed && c.Pos(t) == Upos::kPropn && !blocked[t]; });
      Raw r{s, i, e, e, e, {}, {}};
      // The whole run, else a part of it: the part resolves the run when the rest are words like
      // "Province"; otherwise a locative run is a place the gazetteer lacks (resolved to the
      // part's country), and a run that is neither is another kind of name ("Washington Post").
      bool whole = false;
      if (e - i <= 8) {
        std::string key = NormalizePlaceName(std::string_view(doc.text).substr(
            doc.tokens[i].span.begin, doc.tokens[e - 1].span.end - doc.tokens[i].span.begin));
        r.hits = g.LookupKey(key);
        whole = !r.hits.empty();
      }
      // An acronym is a place only as a country's or division's own name ("US", "UAE", "DRC"),
      // not as an alternate name a town shares with a group ("SAA", "FSA").
      std::string_view first_word = c.Text(i);
      if (e == i + 1 && first_word.size() <= 5 &&
          std::all_of(first_word.begin(), first_word.end(),
                      [](char ch) { return (ch >= 'A' && ch <= 'Z') || ch == '.'; })) {
        bool named = false;
        for (const GazetteerHit& h : r.hits)
          named |= h.main_name && g.entry(h.entry).kind != PlaceKind::kCity;
        if (!whole || !named) {
          i = e;
          continue;
        }
      }
      bool part_country = false;
      if (!whole) {
        TokenIndex k = i, n = 0;
        for (; k < e && n == 0; ++k) n = longest(k, e, r.hits);
        --k;
        bool rest_is_type = n > 0;
        for (TokenIndex t = i; t < e; ++t)
          if ((t < k || t >= k + n) && !PlaceTypeWord(c.LowerLemma(t)) && c.Text(t) != "-")
            rest_is_type = false;
        TokenIndex ph = parsed ? PhraseHead(c, i, e) : kNoHead;
        bool locative = parsed && (LocativeHead(c, ph) != kNoHead ||
                                   ActedOnBy(c, ph, /*clear_place=*/false) != kNoHead);
        // Acronyms and actors the gazetteer lacks are groups, not places ("FSA", "Serb").
        bool acronym = e == i + 1 && c.Text(i).size() <= 5 &&
                       std::all_of(c.Text(i).begin(), c.Text(i).end(),
                                   [](char ch) { return (ch >= 'A' && ch <= 'Z') || ch == '.'; });
        for (TokenIndex t = i; t < e; ++t) acronym |= in_actor[t] || NotPlaceWord(c.Text(t));
        if (acronym && n == 0) locative = false;
        if (rest_is_type) {
        } else if (locative) {
          part_country = n > 0;
          if (n == 0) r.hits.clear();
          if (n == 0 && actor_country[i] >= 0)
            r.hits = {{g.country(static_cast<uint16_t>(actor_country[i])).entry, false}};
        } else {
          i = e;
          continue;
        }
      }
      // An adjective alone is a demonym, not a place ("Georgian").
      if (parsed && e == i + 1 && c.Pos(i) == Upos::kAdj &&
          static_cast<unsigned char>(c.Text(i)[0]) < 0x80) {
        i = e;
        continue;
      }
      if (part_country) {
        // Keep the part's candidates' countries as whole-country candidates.
        std::vector<GazetteerHit> countries_only;
        for (const GazetteerHit& h : r.hits) {
          uint32_t ce = g.country(g.entry(h.entry).country).entry;
          bool dup = false;
          for (const GazetteerHit& x : countries_only) dup |= x.entry == ce;
          if (!dup) countries_only.push_back({ce, false});
        }
        r.hits = std::move(countries_only);
      }
      TokenIndex j = e;
      if (j + 1 < sent.end_token && (c.Text(j) == "," || c.Text(j) == "(")) {
        std::vector<GazetteerHit> ch;
        TokenIndex m = longest(j + 1, sent.end_token, ch);
        bool container = false;
        for (const GazetteerHit& h : ch) container |= g.entry(h.entry).kind != PlaceKind::kCity;
        if (m > 0 && container) {
          r.cfirst = j + 1;
          r.cend = j + 1 + m;
          r.container = std::move(ch);
        }
      }
      i = std::max(r.end, r.cend);
      raw.push_back(std::move(r));
    }
  }
  // The story's countries: actors, the dateline, countries named and unambiguous places.
  std::unordered_map<uint16_t, double> countries;
  std::vector<bool> in_mention(doc.tokens.size(), false);
  for (const Raw& r : raw)
    for (TokenIndex t = r.first; t < std::max(r.end, r.cend); ++t) in_mention[t] = true;
  for (const ActorMention& a : doc.actors) {
    // Actors that are the place names themselves ("Tripoli" as LBYGOV) do not vote.
    if (a.code.size() < 3 || a.coref_of >= 0 || a.end_token > in_mention.size()) continue;
    bool overlaps = false;
    for (TokenIndex t = a.first_token; t < a.end_token; ++t) overlaps |= in_mention[t];
    if (overlaps) continue;
    auto it = country_by_iso3_.find(a.code.substr(0, 3));
    if (it != country_by_iso3_.end()) countries[it->second] += 1;
  }
  for (const Raw& r : raw) {
    if (r.hits.empty()) continue;
    const GazetteerEntry& top = g.entry(r.hits[0].entry);
    bool clear =
        r.hits.size() == 1 || top.kind == PlaceKind::kCountry ||
        (top.kind == PlaceKind::kCity && g.entry(r.hits[1].entry).kind == PlaceKind::kCity &&
         top.population > 20 * std::max<uint32_t>(1, g.entry(r.hits[1].entry).population));
    if (clear) countries[top.country] += top.kind == PlaceKind::kCountry ? 2 : 1;
    for (const GazetteerHit& h : r.container)
      if (g.entry(h.entry).kind == PlaceKind::kCountry) countries[g.entry(h.entry).country] += 2;
  }
  if (!doc.meta.dateline_place.empty()) {
    int d = ResolveName(doc.meta.dateline_place, countries);
    if (d >= 0) countries[g.entry(d).country] += 3;
  }
  for (const Raw& r : raw) {
    int best = -1;
    double best_score = -1e9;
    for (size_t k = 0; k < r.hits.size() && k < 64; ++k) {
      const GazetteerHit& h = r.hits[k];
      const GazetteerEntry& x = g.entry(h.entry);
      bool inside = false;
      for (const GazetteerHit& o : r.container) {
        const GazetteerEntry& y = g.entry(o.entry);
        inside |= (y.kind == PlaceKind::kCountry && y.country == x.country) ||
                  (y.kind == PlaceKind::kAdm1 && x.kind == PlaceKind::kCity && y.adm1 == x.adm1 &&
                   y.adm1 != kNoAdm1);
      }
      double sc = Score(h.entry, h.main_name, countries) + (inside ? 40 : 0);
      if (sc > best_score) best_score = sc, best = static_cast<int>(h.entry);
    }
    PlaceMention m;
    m.sentence = r.s;
    m.first_token = r.first;
    m.end_token = r.end;
    m.span = {doc.tokens[r.first].span.begin, doc.tokens[r.end - 1].span.end};
    m.entry = best;
    if (best >= 0) {
      m.place = g.ToGeoPlace(best);
      m.place.evidence =
          r.cend > r.cfirst ? Span{m.span.begin, doc.tokens[r.cend - 1].span.end} : m.span;
    }
    doc.places.push_back(std::move(m));
  }
}

// A place that a name without a locative preposition can stand for: a division, a city of
// 10,000 people, or a country unless it is a subject, object or possessor (then an actor: "the
// US said"). Smaller places named so are mostly people's and groups' names the gazetteer shares.
bool ClearPlace(const GazetteerEntry& e, Deprel rel) {
  if (e.kind == PlaceKind::kCountry)
    return rel != Deprel::kNsubj && rel != Deprel::kObj && rel != Deprel::kNmodPoss;
  return e.kind == PlaceKind::kAdm1 || (e.kind == PlaceKind::kCity && e.population >= 10000);
}

// Is the mention (part of) a group's or person's actor mention ("Hamas")?
bool InActor(const Document& doc, const PlaceMention& m) {
  for (const ActorMention& a : doc.actors) {
    if (a.sentence != m.sentence || a.first_token >= m.end_token || m.first_token >= a.end_token)
      continue;
    // Country and place names are coded as actors too; those stay places.
    bool place_name = a.code.size() == 3 || a.entry.find("countries") != std::string::npos ||
                      a.entry.find("places") != std::string::npos;
    if (!place_name) return true;
  }
  return false;
}

int PlaceCoder::RuleClausePlace(const Document& doc, TokenIndex trigger) const {
  if (doc.words.size() != doc.tokens.size() || trigger >= doc.tokens.size() ||
      doc.sentences.empty())
    return -1;
  Ctx c{doc, true};
  const Gazetteer& g = gazetteer();
  int best = -1;
  std::tuple<int, int, int> best_key{1 << 20, 0, 0};
  std::vector<std::pair<int, TokenIndex>> candidates;  // (mention, its locative or head token)
  // doc.places is in text order: only the trigger's sentence is looked at.
  const Sentence& ts = c.SentenceOf(trigger);
  SentenceIndex si = static_cast<SentenceIndex>(&ts - doc.sentences.data());
  auto first =
      std::lower_bound(doc.places.begin(), doc.places.end(), si,
                       [](const PlaceMention& m, SentenceIndex x) { return m.sentence < x; });
  for (size_t i = first - doc.places.begin(); i < doc.places.size(); ++i) {
    const PlaceMention& m = doc.places[i];
    if (m.sentence != si) break;
    TokenIndex h = PhraseHead(c, m.first_token, m.end_token);
    // A country naming whose thing something is ("the U.S. Embassy", "a U.S. military base")
    // is not where it is.
    if (m.entry >= 0 && g.entry(m.entry).kind == PlaceKind::kCountry &&
        (c.Rel(h) == Deprel::kCompound || c.Rel(h) == Deprel::kAmod) && c.Head(h) != kNoHead &&
        !PlaceNoun(c.LowerLemma(c.Head(h))))
      continue;
    TokenIndex loc = LocativeHead(c, h);
    int d;
    if (loc != kNoHead) {
      d = TreeDistance(c, loc, trigger);
      // A phrase on the subject says where the actor is ("Syrian rebels in Homs attacked ..."):
      // the event's own phrase goes first.
      TokenIndex on = c.Head(loc);
      if (on != kNoHead && c.Head(on) == trigger &&
          (c.Rel(on) == Deprel::kNsubj || c.Rel(on) == Deprel::kNsubjPass))
        d += 1;
    } else if (TokenIndex v =
                   ActedOnBy(c, h, m.entry >= 0 && ClearPlace(g.entry(m.entry), Deprel::kObl));
               v != kNoHead) {
      // "visited Moscow", "targeting the town of Jobar", "attacked Damboa town, killing ...":
      // the place a visit or attack acts on, as close as a phrase on that verb.
      d = TreeDistance(c, v, trigger) + 1;
    } else if (m.entry >= 0 && !InActor(doc, m) && c.Rel(h) != Deprel::kCompound &&
               c.Rel(h) != Deprel::kAmod && ClearPlace(g.entry(m.entry), c.Rel(h))) {
      // A place named without a locative preposition ("Aleppo bore the brunt", "Sarajevo's
      // streets") counts when nothing better is there.
      d = TreeDistance(c, h, trigger) + options_.non_locative_penalty;
    } else {
      continue;
    }
    // Beyond the clause: a locative phrase elsewhere in the sentence, after every closer one.
    if (d > options_.max_clause_distance) {
      if (loc == kNoHead || !options_.sentence_fallback) continue;
      d += 100;
    }
    // At equal distance the most specific place wins ("in the West Bank town of Hebron").
    int specific = m.entry < 0                                 ? 4
                   : g.entry(m.entry).kind == PlaceKind::kCity ? 3
                   : g.entry(m.entry).kind == PlaceKind::kAdm1 ? 1
                                                               : 0;
    int linear = std::abs(static_cast<int>(h) - static_cast<int>(trigger));
    std::tuple<int, int, int> key{d, -specific, linear};
    candidates.push_back({static_cast<int>(i), loc == kNoHead ? h : loc});
    if (key < best_key) best_key = key, best = static_cast<int>(i);
  }
  // "in al-Tijara neighbourhood in central Damascus", "the streets of Veraval in Gujarat": a
  // place phrase that locates another candidate yields to it, the more precise.
  for (int round = 0; round < 3 && best >= 0; ++round) {
    TokenIndex best_loc = kNoHead;
    for (const auto& [mi, l] : candidates)
      if (mi == best) best_loc = l;
    TokenIndex up = best_loc == kNoHead ? kNoHead : c.Head(best_loc);
    int inner = -1;
    for (const auto& [mi, l] : candidates) {
      const PlaceMention& o = doc.places[mi];
      if (mi != best && up != kNoHead && ((up >= o.first_token && up < o.end_token) || up == l))
        inner = mi;
    }
    if (inner < 0) break;
    best = inner;
  }
  return best;
}

namespace {

// Buckets for distances and counts: exact up to 4, then 5-7, 8-15, 16+.
int Bucket(int x) { return x <= 4 ? x : x <= 7 ? 5 : x <= 15 ? 6 : 7; }

// The deprels from token a up to (not including) its ancestor `top`, at most four.
std::string PathUp(const Ctx& c, TokenIndex a, TokenIndex top) {
  std::string p;
  for (int n = 0; a != kNoHead && a != top && n < 4; a = c.Head(a), ++n) {
    p += DeprelName(c.Rel(a));
    p += '/';
  }
  return p;
}

// The lowest common ancestor of a and b (kNoHead when they are in different trees).
TokenIndex CommonAncestor(const Ctx& c, TokenIndex a, TokenIndex b) {
  std::vector<TokenIndex> pa;
  for (TokenIndex t = a; t != kNoHead && pa.size() < 64; t = c.Head(t)) pa.push_back(t);
  int n = 0;
  for (TokenIndex t = b; t != kNoHead && n < 64; t = c.Head(t), ++n)
    if (std::find(pa.begin(), pa.end(), t) != pa.end()) return t;
  return kNoHead;
}

// The lemma of the case marker (preposition) of token h; "" when none.
std::string_view CaseOf(const Ctx& c, TokenIndex h) {
  if (h == kNoHead) return {};
  const Sentence& sent = c.SentenceOf(h);
  for (TokenIndex k = sent.first_token; k < sent.end_token; ++k)
    if (c.Head(k) == h && c.Rel(k) == Deprel::kCase) return c.Lemma(k);
  return {};
}

// Hashed "name=value" features, with the value conjoined to a second one when given.
class FeatureList {
 public:
  explicit FeatureList(std::vector<uint64_t>& out) : out_(out) {}
  void Add(std::string_view name, std::string_view value) {
    out_.push_back(learn::Feature(1, learn::HashText(name), learn::HashText(value)));
  }
  void Add(std::string_view name, std::string_view a, std::string_view b) {
    out_.push_back(
        learn::Feature(2, learn::HashText(name), learn::HashText(a), learn::HashText(b)));
  }
  void Add(std::string_view name, int value) { Add(name, std::to_string(value)); }

 private:
  std::vector<uint64_t>& out_;
};

}  // namespace

std::vector<PlaceCandidate> PlaceCoder::Candidates(const Document& doc, TokenIndex trigger) const {
  std::vector<PlaceCandidate> out(1);
  if (doc.words.size() != doc.tokens.size() || trigger >= doc.tokens.size() ||
      doc.sentences.empty())
    return out;
  Ctx c{doc, true};
  const Gazetteer& g = gazetteer();
  const Sentence& ts = c.SentenceOf(trigger);
  SentenceIndex si = static_cast<SentenceIndex>(&ts - doc.sentences.data());
  const int rule = RuleClausePlace(doc, trigger);
  std::string tlemma = c.LowerLemma(trigger);
  std::string_view tpos = UposName(c.Pos(trigger));
  auto first =
      std::lower_bound(doc.places.begin(), doc.places.end(), si,
                       [](const PlaceMention& m, SentenceIndex x) { return m.sentence < x; });
  // The phrases: the sentence's mentions, each also with a place word after it ("Idlib
  // province", "the Bharatpur Municipality"), and the runs of proper nouns no mention covers
  // ("the Kodori Gorge", "Utah Beach"), which the gazetteer lacks or which name no place.
  struct Phrase {
    PlaceMention m;
    int mention;
    std::string_view origin;  // "mention", "mention+word", "name"
  };
  std::vector<Phrase> phrases;
  std::vector<bool> covered(ts.end_token - ts.first_token, false);
  for (size_t i = first - doc.places.begin(); i < doc.places.size(); ++i) {
    const PlaceMention& m = doc.places[i];
    if (m.sentence != si) break;
    phrases.push_back({m, static_cast<int>(i), "mention"});
    for (TokenIndex t = m.first_token; t < m.end_token; ++t) covered[t - ts.first_token] = true;
    if (m.end_token < ts.end_token &&
        (c.Pos(m.end_token) == Upos::kNoun || c.Pos(m.end_token) == Upos::kPropn)) {
      PlaceMention w = m;
      w.end_token = m.end_token + 1;
      w.span.end = doc.tokens[m.end_token].span.end;
      phrases.push_back({w, -1, "mention+word"});
    }
  }
  auto free = [&](TokenIndex k) { return !covered[k - ts.first_token]; };
  auto name_word = [&](TokenIndex k) {
    return free(k) && c.Pos(k) == Upos::kPropn && Capitalised(c.Text(k)) && !TimeWord(c.Text(k));
  };
  for (TokenIndex t = ts.first_token; t < ts.end_token;) {
    if (!name_word(t) && !(free(t) && Article(c, t, ts))) {
      ++t;
      continue;
    }
    // The run as FindPlaces reads one ("Al-Shadadi", "Horn of Africa": it was split at the
    // hyphen or "of" before), else, when that takes in a mention's words, the proper nouns.
    TokenIndex e = NameRunEnd(c, ts, t, name_word, [&](TokenIndex k) {
      return free(k) && Capitalised(c.Text(k)) && !TimeWord(c.Text(k));
    });
    for (TokenIndex k = t; k < e; ++k)
      if (!free(k)) {
        for (e = t + 1; e < ts.end_token && name_word(e);) ++e;
        break;
      }
    PlaceMention m;
    m.sentence = si;
    m.first_token = t;
    m.end_token = e;
    m.span = {doc.tokens[t].span.begin, doc.tokens[e - 1].span.end};
    phrases.push_back({m, -1, "name"});
    t = e;
  }
  const int count = static_cast<int>(phrases.size());
  int mentions = 0, locatives = 0, nearest = -1, nearest_dist = 1 << 20;
  for (size_t i = 0; i < phrases.size(); ++i) {
    const PlaceMention& m = phrases[i].m;
    TokenIndex h = PhraseHead(c, m.first_token, m.end_token);
    mentions += phrases[i].mention >= 0;
    locatives += LocativeHead(c, h) != kNoHead;
    int lin = std::abs(static_cast<int>(h) - static_cast<int>(trigger));
    if (lin < nearest_dist) nearest_dist = lin, nearest = static_cast<int>(i);
  }
  {
    FeatureList f(out[0].features);
    f.Add("none", "");
    f.Add("none.count", Bucket(count));
    f.Add("none.mentions", Bucket(mentions));
    f.Add("none.locatives", Bucket(locatives));
    f.Add("none.rule", rule >= 0 ? "place" : "none");
    f.Add("none.trigger", tlemma);
    f.Add("none.tpos", tpos);
    f.Add("none.tpos.rule", tpos, rule >= 0 ? "place" : "none");
  }
  for (size_t i = 0; i < phrases.size(); ++i) {
    const PlaceMention& m = phrases[i].m;
    std::string_view origin = phrases[i].origin;
    PlaceCandidate cand;
    cand.mention = phrases[i].mention;
    cand.first_token = m.first_token;
    cand.end_token = m.end_token;
    cand.span = m.span;
    FeatureList f(cand.features);
    TokenIndex h = PhraseHead(c, m.first_token, m.end_token);
    TokenIndex loc = LocativeHead(c, h);
    bool clear = m.entry >= 0 && ClearPlace(g.entry(m.entry), Deprel::kObl);
    TokenIndex acted = ActedOnBy(c, h, clear);
    TokenIndex anchor = loc != kNoHead ? loc : h;
    std::string_view prep = CaseOf(c, anchor);
    if (prep.empty() && anchor != h) prep = CaseOf(c, h);
    std::string_view kind = m.entry < 0                                 ? "unknown"
                            : g.entry(m.entry).kind == PlaceKind::kCity ? "city"
                            : g.entry(m.entry).kind == PlaceKind::kAdm1 ? "adm1"
                                                                        : "country";
    int d = TreeDistance(c, anchor, trigger);
    TokenIndex lca = CommonAncestor(c, anchor, trigger);
    std::string path = PathUp(c, anchor, lca) + "^" + PathUp(c, trigger, lca);
    bool is_rule = rule >= 0 && rule == phrases[i].mention;
    std::string_view rel = DeprelName(c.Rel(h));
    std::string_view arel = DeprelName(c.Rel(anchor));
    TokenIndex up = c.Head(anchor);
    int lin = static_cast<int>(h) - static_cast<int>(trigger);
    std::string last = c.LowerLemma(m.end_token - 1);
    f.Add("bias", origin);
    f.Add("origin.kind", origin, kind);
    f.Add("origin.prep", origin, prep);
    f.Add("origin.last", origin, last);
    f.Add("rule", is_rule);
    f.Add("rule.prep", is_rule ? "y" : "n", prep);
    f.Add("rule.kind", is_rule ? "y" : "n", kind);
    f.Add("rule.count", is_rule ? "y" : "n", std::to_string(Bucket(count)));
    f.Add("prep", prep);
    f.Add("prep.trigger", prep, tlemma);
    f.Add("locative", loc != kNoHead);
    f.Add("acted", acted != kNoHead);
    f.Add("acted.trigger", acted == trigger);
    f.Add("in_actor", InActor(doc, m));
    f.Add("clear", clear);
    f.Add("kind", kind);
    f.Add("kind.prep", kind, prep);
    f.Add("rel", rel);
    f.Add("rel.prep", rel, prep);
    f.Add("arel", arel);
    f.Add("dist", Bucket(d));
    f.Add("dist.prep", std::to_string(Bucket(d)), prep);
    f.Add("path", path);
    f.Add("path.prep", path, prep);
    f.Add("lin", Bucket(std::abs(lin)));
    f.Add("dir", lin < 0 ? "before" : "after");
    f.Add("dir.prep", lin < 0 ? "before" : "after", prep);
    f.Add("nearest", nearest == static_cast<int>(i));
    f.Add("count", Bucket(count));
    f.Add("attach", up == trigger ? "trigger" : up == kNoHead ? "root" : "other");
    f.Add("attach.rel", up == kNoHead ? "-" : DeprelName(c.Rel(up)));
    f.Add("gov", up == kNoHead ? "-" : c.LowerLemma(up));
    f.Add("gov.prep", up == kNoHead ? "-" : c.LowerLemma(up), prep);
    f.Add("headgov", c.Head(h) == kNoHead ? "-" : c.LowerLemma(c.Head(h)));
    f.Add("prev", m.first_token > ts.first_token ? c.LowerLemma(m.first_token - 1) : "<s>");
    f.Add("next", m.end_token < ts.end_token ? c.LowerLemma(m.end_token) : "</s>");
    f.Add("last", last);
    f.Add("words", Bucket(static_cast<int>(m.end_token - m.first_token)));
    f.Add("tpos", tpos);
    f.Add("tpos.prep", tpos, prep);
    f.Add("under", lca == anchor ? "anchor_above" : lca == trigger ? "trigger_above" : "apart");
    f.Add("path.origin", path, origin);
    f.Add("trigger.path", tlemma, path);
    f.Add("kind.dist", kind, std::to_string(Bucket(d)));
    f.Add("rule.dist", is_rule ? "y" : "n", std::to_string(Bucket(d)));
    // A dateline ("TEGUCIGALPA, Honduras --"): a name among the sentence's first words before a
    // dash.
    bool dateline = false;
    for (TokenIndex k = m.end_token; k < ts.end_token && k < ts.first_token + 8 && !dateline; ++k)
      dateline = c.Text(k) == "--" || c.Text(k) == "-" || c.Text(k) == "—";
    f.Add("dateline", dateline && m.first_token < ts.first_token + 6);
    if (m.entry >= 0 && g.entry(m.entry).kind == PlaceKind::kCity)
      f.Add("pop", Bucket(static_cast<int>(std::log10(1.0 + g.entry(m.entry).population))));
    out.push_back(std::move(cand));
  }
  return out;
}

PlaceCandidate PlaceCoder::ClausePhrase(const Document& doc, TokenIndex trigger) const {
  if (!model_file_) {
    PlaceCandidate r;
    r.mention = RuleClausePlace(doc, trigger);
    if (r.mention >= 0) {
      const PlaceMention& m = doc.places[r.mention];
      r.first_token = m.first_token;
      r.end_token = m.end_token;
      r.span = m.span;
    }
    return r;
  }
  std::vector<PlaceCandidate> cands = Candidates(doc, trigger);
  std::vector<learn::LinearModel::Score> scores(model_.score_size());
  size_t best = BestPlaceCandidate(cands, [&](const PlaceCandidate& c) {
    std::fill(scores.begin(), scores.end(), 0);
    model_.AddScores(c.features.data(), c.features.size(), scores.data());
    return (scores[1] - scores[0]) * model_.scale() - (c.span.empty() ? none_offset_ : 0.0);
  });
  PlaceCandidate r = std::move(cands[best]);
  r.features.clear();
  return r;
}

int PlaceCoder::ClausePlace(const Document& doc, TokenIndex trigger) const {
  return ClausePhrase(doc, trigger).mention;
}

Status PlaceCoder::Process(Document& doc, Workspace& workspace) const {
  const Gazetteer& g = gazetteer();
  FindPlaces(doc);
  // Story defaults: the dateline place, else the most named place.
  GeoPlace dateline, story;
  std::unordered_map<uint16_t, double> countries;
  std::map<int32_t, int> counts;
  for (const PlaceMention& m : doc.places)
    if (m.entry >= 0) {
      ++counts[m.entry];
      countries[g.entry(m.entry).country] += 1;
    }
  if (!doc.meta.dateline_place.empty()) {
    int d = ResolveName(doc.meta.dateline_place, countries);
    if (d >= 0) {
      dateline = g.ToGeoPlace(d);
      dateline.how = "dateline";
    }
  }
  int top = -1, top_count = 0;
  for (const PlaceMention& m : doc.places)  // first mentioned wins a tie
    if (m.entry >= 0 && counts[m.entry] > top_count) top = m.entry, top_count = counts[m.entry];
  if (top >= 0) {
    story = g.ToGeoPlace(top);
    story.how = "story";
  }
  const bool parsed = doc.words.size() == doc.tokens.size();
  for (Event& e : doc.events) {
    e.place = {};
    e.source_place = {};
    e.target_place = {};
    TokenIndex trigger = kNoHead;
    if (!e.trigger_span.empty() && e.sentence < doc.sentences.size()) {
      const Sentence& s = doc.sentences[e.sentence];
      for (TokenIndex t = s.first_token; t < s.end_token; ++t)
        if (doc.tokens[t].span.begin >= e.trigger_span.begin &&
            doc.tokens[t].span.end <= e.trigger_span.end) {
          trigger = t;
          if (parsed && (doc.words[t].upos == Upos::kVerb || doc.words[t].upos == Upos::kNoun))
            break;
        }
    }
    std::string unresolved;
    if (trigger != kNoHead) {
      PlaceCandidate p = ClausePhrase(doc, trigger);
      if (p.mention >= 0 && doc.places[p.mention].entry >= 0) {
        e.place = doc.places[p.mention].place;
        e.place.how = "clause";
      } else if (!p.span.empty()) {
        unresolved = std::string(doc.SpanText(p.span));
      }
    }
    if (e.place.empty()) {
      e.place = !dateline.empty() ? dateline : story;
      if (!unresolved.empty() && !e.place.empty())
        e.place.how += " (clause place \"" + unresolved + "\" not in the gazetteer)";
    }
    // Actor places: a locative phrase attached to the actor's words ("Syrian rebels in Homs").
    if (parsed) {
      Ctx c{doc, true};
      for (auto [actor, out] : {std::pair{e.source_actor, &e.source_place},
                                std::pair{e.target_actor, &e.target_place}}) {
        if (actor < 0 || static_cast<size_t>(actor) >= doc.actors.size()) continue;
        const ActorMention& a = doc.actors[actor];
        auto it =
            std::lower_bound(doc.places.begin(), doc.places.end(), a.sentence,
                             [](const PlaceMention& m, SentenceIndex x) { return m.sentence < x; });
        for (; it != doc.places.end() && it->sentence == a.sentence; ++it) {
          const PlaceMention& m = *it;
          if (m.entry < 0) continue;
          TokenIndex loc = LocativeHead(c, PhraseHead(c, m.first_token, m.end_token));
          if (loc == kNoHead) continue;
          TokenIndex h = c.Head(loc);
          if (h != kNoHead && h >= a.first_token && h < a.end_token) {
            *out = m.place;
            out->how = "actor";
            break;
          }
        }
      }
    }
    if (options_.tone && e.sentence < doc.sentences.size()) {
      const Sentence& s = doc.sentences[e.sentence];
      e.tone = ComputeTone(g, doc, s.first_token, s.end_token);
    }
  }
  if (options_.tone && !(options_.keep_document_tone && doc.tone.words > 0))
    doc.tone = ComputeTone(g, doc, 0, static_cast<TokenIndex>(doc.tokens.size()));
  return Status::Ok();
}

}  // namespace dyad
