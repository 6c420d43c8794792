#include "dyad/events/event_coder.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "dyad/events/event_date.h"

namespace dyad {
namespace {

using Kind = PatternElement::Kind;

// A synset's phrases by the two-byte prefix key of their first word, so that a token is tried
// only against the phrases that can start there (see WordMatches), still in synset order.
struct SynsetIndex {
  bool built = false;
  std::vector<uint64_t> keyed;    // key << 32 | phrase, sorted
  std::vector<uint32_t> unkeyed;  // phrases whose first word is too short to key, in order
};

// Per-sentence view: folded tokens, lemmas, children and the actor under each token.
struct SentenceView {
  const Document* doc = nullptr;
  const Sentence* s = nullptr;
  std::vector<std::string> folded;  // by token - first
  std::vector<int32_t> actor_at;    // actor index covering the token, or -1
  std::vector<std::vector<TokenIndex>> children;
  // Bit per two-byte prefix of a token's folded form or lemma: a pattern word whose first two
  // bytes are absent cannot match anywhere in the sentence.
  std::vector<uint64_t> prefixes = std::vector<uint64_t>(1024, 0);
  // By token - first: the two-byte prefix keys of the folded form and of the lemma (kNoKey when
  // shorter), so WordMatches rejects most tokens without comparing strings.
  std::vector<uint32_t> folded_key, lemma_key;
  // By synset id, built on first use; outlives sentences (the workspace's verb dictionary).
  std::vector<SynsetIndex>* synset_index = nullptr;
  bool parsed = false;

  TokenIndex first() const { return s->first_token; }
  TokenIndex end() const { return s->end_token; }
  const std::string& Folded(TokenIndex t) const { return folded[t - first()]; }
  std::string_view Lemma(TokenIndex t) const {
    return parsed ? std::string_view(doc->words[t].lemma) : std::string_view(Folded(t));
  }
  Deprel Rel(TokenIndex t) const { return parsed ? doc->words[t].deprel : Deprel::kDep; }
  TokenIndex Head(TokenIndex t) const { return parsed ? doc->words[t].head : kNoHead; }
  const std::vector<TokenIndex>& Children(TokenIndex t) const { return children[t - first()]; }
  int32_t ActorAt(TokenIndex t) const { return actor_at[t - first()]; }
};

constexpr uint32_t kNoKey = 0x10000;

uint32_t PrefixKey(std::string_view w) {
  return static_cast<uint8_t>(w[0]) << 8 | static_cast<uint8_t>(w[1]);
}

bool HasPrefix(const SentenceView& v, std::string_view w) {
  const uint32_t k = PrefixKey(w);
  return v.prefixes[k >> 6] >> (k & 63) & 1;
}

// Can `word` match some token of the sentence? Every way WordMatches accepts a word of two or
// more bytes shares its first two bytes with the folded token or the lemma (the "-ies" plural
// of a "-y" word keeps at least the first two bytes when the word has three).
bool Keyed(std::string_view word) {
  return word.size() > 2 || (word.size() == 2 && word[1] != 'y');
}

bool WordPossible(const SentenceView& v, std::string_view word) {
  return !Keyed(word) || HasPrefix(v, word);
}

// A necessary condition for pattern `p` to match in the sentence: each of its words and
// synsets can match somewhere. Cheap, and most patterns of a block fail it.
// EventCoderOptions::source_slot_subject_target: does `p` write `$` after the verb and no `+`?
bool SourceAfterWithoutTarget(const VerbPattern& p) {
  auto has = [&](Kind k) {
    auto is = [&](const PatternElement& e) { return e.kind == k; };
    return std::any_of(p.before.begin(), p.before.end(), is) ||
           std::any_of(p.after.begin(), p.after.end(), is);
  };
  return !has(Kind::kTarget) &&
         std::any_of(p.after.begin(), p.after.end(),
                     [](const PatternElement& e) { return e.kind == Kind::kSource; });
}

bool PatternPossible(const SentenceView& v, const VerbDictionary& d, const VerbPattern& p) {
  for (const std::vector<PatternElement>* side : {&p.before, &p.after}) {
    for (const PatternElement& e : *side) {
      if (e.kind == Kind::kWord) {
        if (!WordPossible(v, e.word)) return false;
      } else if (e.kind == Kind::kSynset) {
        bool any = false;
        for (const std::vector<std::string>& phrase : d.synset(e.id)) {
          if (phrase.empty() || WordPossible(v, phrase[0])) {
            any = true;
            break;
          }
        }
        if (!any) return false;
      }
    }
  }
  return true;
}

bool WordMatches(const SentenceView& v, TokenIndex t, std::string_view word, bool stem) {
  if (Keyed(word)) {
    // As in WordPossible: every accepted form shares the word's first two bytes.
    const uint32_t k = PrefixKey(word);
    if (v.folded_key[t - v.first()] != k && v.lemma_key[t - v.first()] != k) return false;
  }
  const std::string& f = v.Folded(t);
  if (stem) return f.starts_with(word);
  if (f == word || v.Lemma(t) == word) return true;
  // Regular plurals, as PETRARCH generates them for pattern nouns.
  if (f.size() == word.size() + 1 && f.starts_with(word) && f.back() == 's') return true;
  if (f.size() == word.size() + 2 && f.starts_with(word) && f.ends_with("es")) return true;
  if (word.ends_with("y") && f.size() == word.size() + 2 &&
      f.starts_with(word.substr(0, word.size() - 1)) && f.ends_with("ies"))
    return true;
  return false;
}

const SynsetIndex& IndexOf(const SentenceView& v, const VerbDictionary& d, uint32_t id) {
  std::vector<SynsetIndex>& all = *v.synset_index;
  if (all.size() <= id) all.resize(id + 1);
  SynsetIndex& ix = all[id];
  if (ix.built) return ix;
  const std::vector<std::vector<std::string>>& phrases = d.synset(id);
  for (uint32_t i = 0; i < phrases.size(); ++i) {
    if (!phrases[i].empty() && Keyed(phrases[i][0]))
      ix.keyed.push_back(uint64_t{PrefixKey(phrases[i][0])} << 32 | i);
    else
      ix.unkeyed.push_back(i);
  }
  std::sort(ix.keyed.begin(), ix.keyed.end());
  ix.built = true;
  return ix;
}

struct Slots {
  int32_t source = -1, target = -1;
  bool compound = false;
  bool target_before = false;     // the `+` slot matched before the verb
  std::vector<TokenIndex> words;  // tokens the pattern's words matched

  // A backtracking point. Matching only appends to `words` between a save and its restore, so
  // a size is enough, and no step copies the vector.
  struct Mark {
    int32_t source, target;
    bool compound, target_before;
    size_t words;
  };
  Mark Save() const { return {source, target, compound, target_before, words.size()}; }
  void Restore(const Mark& m) {
    source = m.source;
    target = m.target;
    compound = m.compound;
    target_before = m.target_before;
    words.resize(m.words);
  }
};

class PatternMatcher {
 public:
  // `own_clause` is `in_clause` without nested clauses (ccomp, advcl, acl, parataxis, csubj):
  // dyad's free words and attached slots look only there.
  // `nouns_before`: EventCoderOptions::noun_words_before; `noun_groups`:
  // EventCoderOptions::contiguous_noun_groups; `outside_complements`:
  // EventCoderOptions::words_after_outside_complements.
  PatternMatcher(const SentenceView& v, const VerbDictionary& d, const std::vector<char>& in_clause,
                 const std::vector<char>& own_clause, TokenIndex trigger = kNoHead,
                 bool nouns_before = false, bool noun_groups = false,
                 bool outside_complements = false)
      : v_(v),
        d_(d),
        in_clause_(in_clause),
        own_clause_(own_clause),
        trigger_(trigger),
        nouns_before_(nouns_before),
        noun_groups_(noun_groups),
        outside_complements_(outside_complements) {}

  // After the verb: elements in order, in the verb's clause.
  bool After(const std::vector<PatternElement>& els, size_t i, TokenIndex cursor, Slots& out) {
    if (i == els.size()) return true;
    const PatternElement& e = els[i];
    if (e.kind == Kind::kSkip) {
      // TABARI's `^` skips the next actor, a compound one ("in Bern and Geneva with +") whole
      // (manual 5.7).
      if (e.skip_actor) {
        for (TokenIndex t = cursor; t < v_.end(); ++t) {
          if (v_.ActorAt(t) < 0) continue;
          TokenIndex next = v_.doc->actors[v_.ActorAt(t)].end_token;
          while (next + 1 < v_.end() && v_.ActorAt(next) < 0 && v_.ActorAt(next + 1) >= 0 &&
                 (v_.Folded(next) == "and" || v_.Folded(next) == "or" || v_.Folded(next) == ","))
            next = v_.doc->actors[v_.ActorAt(next + 1)].end_token;
          return After(els, i + 1, next, out);
        }
        return false;
      }
      if (!v_.parsed) return After(els, i + 1, cursor, out);
      // `^` skips the next noun phrase ("- * IFTAR IN ^ +": "Iftar in Osgiliath with the
      // leaders of Gondor" binds Gondor): its head noun with the modifiers before it, not the
      // prepositional phrases after it.
      for (TokenIndex t = cursor; t < v_.end(); ++t) {
        if (!in_clause_[t - v_.first()]) continue;
        const Upos p = v_.doc->words[t].upos;
        if (p != Upos::kNoun && p != Upos::kPropn && p != Upos::kPron && p != Upos::kNum) continue;
        TokenIndex h = t;
        while (v_.Head(h) != kNoHead && v_.Head(h) > h && v_.Head(h) < v_.end()) {
          const Deprel r = v_.Rel(h);
          if (r != Deprel::kCompound && r != Deprel::kFlat && r != Deprel::kAmod &&
              r != Deprel::kNummod && r != Deprel::kNmodPoss && r != Deprel::kDet)
            break;
          h = v_.Head(h);
        }
        TokenIndex next = h + 1;
        while (next < v_.end() && v_.Head(next) == h && v_.Rel(next) == Deprel::kFlat) ++next;
        if (const int32_t a = v_.ActorAt(h); a >= 0)
          next = std::max<TokenIndex>(next, v_.doc->actors[a].end_token);
        return After(els, i + 1, next, out);
      }
      return false;
    }
    if (e.free || e.target_head) {
      // dyad: a dependent anywhere in the clause or phrase, or the head of the target's phrase;
      // neither moves the cursor.
      for (TokenIndex t = v_.first(); t < v_.end(); ++t) {
        if (t == trigger_ || !in_clause_[t - v_.first()]) continue;
        if (e.free && !own_clause_[t - v_.first()]) continue;
        if (e.target_head && !Governs(t, out.target)) continue;
        TokenIndex next = 0;
        const Slots::Mark saved = out.Save();
        if (!Element(e, t, next, out)) continue;
        if (After(els, i + 1, cursor, out)) return true;
        out.Restore(saved);
      }
      return false;
    }
    const bool grouped = noun_groups_ && e.in_noun_group && !e.adjacent;
    const TokenIndex last = e.adjacent ? std::min<TokenIndex>(cursor + 1, v_.end()) : v_.end();
    for (TokenIndex t = cursor; t < last; ++t) {
      if (grouped && !AdjectivesOnly(cursor, t)) break;
      if (!e.adjacent && !in_clause_[t - v_.first()]) continue;
      if (outside_complements_ && (e.kind == Kind::kWord || e.kind == Kind::kSynset) &&
          !OutsideComplements(t))
        continue;
      TokenIndex next = 0;
      const Slots::Mark before = out.Save();
      if (!Element(e, t, next, out)) continue;
      if (e.phrase_head && !PhraseHead(t)) {
        out.Restore(before);
        continue;
      }
      if (e.attached &&
          !Attached(v_.ActorAt(t), i > 0 && els[i - 1].slot_case, out, before.words)) {
        out.Restore(before);
        continue;
      }
      const Slots::Mark saved = out.Save();
      if (After(els, i + 1, next, out)) return true;
      out.Restore(saved);
    }
    return false;
  }

  // Before the verb: elements matched right to left in the sentence before `limit`.
  bool Before(const std::vector<PatternElement>& els, size_t n, TokenIndex limit, Slots& out) {
    if (n == 0) return true;
    const PatternElement& e = els[n - 1];
    if (e.kind == Kind::kSkip) return Before(els, n - 1, limit, out);
    // Followed by the next element of its `{...}` group, with only adjectives between?
    const bool grouped = noun_groups_ && n < els.size() && els[n].in_noun_group && !e.adjacent;
    for (TokenIndex t = limit; t-- > v_.first();) {
      TokenIndex next = 0;
      if (nouns_before_ && e.kind == Kind::kWord && !InNounPhrase(t)) continue;
      if (!Element(e, t, next, out)) continue;
      if (e.adjacent && next != limit) continue;
      if (grouped && !AdjectivesOnly(next, limit)) continue;
      if (e.kind == Kind::kTarget) out.target_before = true;
      const Slots::Mark saved = out.Save();
      if (Before(els, n - 1, t, out)) return true;
      out.Restore(saved);
      if (e.adjacent) break;
    }
    return false;
  }

 private:
  // EventCoderOptions::words_after_outside_complements: can token `t` be a pattern word after the
  // trigger: not an infinitive's marker ("to supply"), nor a word of a complement clause (ccomp)?
  // Without a parse, yes.
  bool OutsideComplements(TokenIndex t) const {
    if (!v_.parsed) return true;
    if (v_.doc->words[t].upos == Upos::kPart && v_.Rel(t) == Deprel::kMark) return false;
    for (TokenIndex u = t; u != kNoHead && u != trigger_; u = v_.Head(u)) {
      if (v_.Rel(u) == Deprel::kCcomp) return false;
    }
    return true;
  }

  // EventCoderOptions::contiguous_noun_groups: are tokens [from, to) all adjectives (none, without
  // tags)? A noun there ("economic trade relations") is compounded into the phrase's head.
  bool AdjectivesOnly(TokenIndex from, TokenIndex to) const {
    if (!v_.parsed) return from >= to;
    for (TokenIndex u = from; u < to; ++u) {
      if (v_.doc->words[u].upos != Upos::kAdj) return false;
    }
    return true;
  }

  // Can token `t` be a noun or a modifier of one, or a preposition of its phrase? Not a
  // determiner ("NEITHER *" is no match for "Neither Galadriel nor Gollum boycotted"). Without
  // tags, yes.
  bool InNounPhrase(TokenIndex t) const {
    if (!v_.parsed) return true;
    switch (v_.doc->words[t].upos) {
      case Upos::kNoun:
      case Upos::kPropn:
      case Upos::kPron:
      case Upos::kAdj:
      case Upos::kNum:
      case Upos::kAdp:
        return true;
      default:
        return false;
    }
  }

  // dyad: does actor `a`'s phrase hang from the trigger or a word the pattern matched so far
  // (`before.words`)? After a preposition (the last word matched) that preposition must be the
  // `case` of the phrase; otherwise the phrase is the object. "said to reporters in Moscow"
  // has no target for `say to +`; "told reporters Russia ..." none for `tell +`. When the parser
  // hangs the phrase on the noun trigger's verb ("imposed sanctions on Iran") it counts too.
  // `n_words`: how many of out.words the pattern had matched before this element.
  bool Attached(int32_t a, bool with_case, const Slots& out, size_t n_words) const {
    if (!v_.parsed || a < 0) return true;
    std::vector<TokenIndex> anchors = {trigger_};
    TokenIndex prep = kNoHead;
    std::vector<TokenIndex> words(out.words.begin(), out.words.begin() + n_words);
    if (with_case && !words.empty()) prep = words.back(), words.pop_back();
    anchors.insert(anchors.end(), words.begin(), words.end());
    const TokenIndex th = v_.Head(trigger_);
    if (v_.doc->words[trigger_].upos == Upos::kNoun && v_.Rel(trigger_) == Deprel::kObj &&
        th != kNoHead)
      anchors.push_back(th);
    auto is_anchor = [&](TokenIndex t) {
      return std::find(anchors.begin(), anchors.end(), t) != anchors.end();
    };
    const ActorMention& m = v_.doc->actors[a];
    TokenIndex u = m.first_token;
    for (TokenIndex t = m.first_token; t < m.end_token; ++t) {
      const TokenIndex h = v_.Head(t);
      if (h == kNoHead || h < m.first_token || h >= m.end_token) {
        u = t;
        break;
      }
    }
    bool case_seen = prep == kNoHead;
    for (int hops = 0; hops < 6 && u != kNoHead; ++hops) {
      if (prep != kNoHead && v_.Head(prep) == u && v_.Rel(prep) == Deprel::kCase) case_seen = true;
      TokenIndex h = v_.Head(u);
      // A misparse that heads the phrase with its preposition ("talks with[nmod] ...
      // counterpart[orphan]") still shows which phrase the preposition opens.
      if (prep != kNoHead && h == prep) {
        case_seen = true;
        u = prep;
        h = v_.Head(u);
        if (h != kNoHead && is_anchor(h)) return true;
        u = h;
        continue;
      }
      const Deprel r = v_.Rel(u);
      // "calling on Assad to allow ...", misparsed as "on[mark] Assad[nsubj] allow[ccomp]":
      // the preposition and the actor open the same complement of the trigger.
      if (prep != kNoHead && v_.Rel(prep) == Deprel::kMark && v_.Head(prep) == h &&
          r == Deprel::kNsubj && h != kNoHead && v_.Head(h) != kNoHead && is_anchor(v_.Head(h)))
        return true;
      if (h != kNoHead && is_anchor(h)) {
        if (prep != kNoHead) return case_seen;
        return r == Deprel::kObj || r == Deprel::kIobj;
      }
      // Below its preposition, the actor's own phrase goes on through "of" ("to the government
      // of Arnor"), not through another preposition ("to reporters in Gondor").
      if (r == Deprel::kNmod && !case_seen) {
        for (TokenIndex c : v_.Children(u)) {
          if (v_.Rel(c) == Deprel::kCase && v_.Folded(c) != "of") return false;
        }
      }
      if (r != Deprel::kNmod && r != Deprel::kNmodPoss && r != Deprel::kCompound &&
          r != Deprel::kAmod && r != Deprel::kFlat && r != Deprel::kAppos && r != Deprel::kConj &&
          r != Deprel::kNummod && r != Deprel::kNmodUnmarked)
        return false;
      u = h;
    }
    return false;
  }

  // PETRARCH-2's bare pattern noun: is `t` the head of a phrase of the verb (its object, a
  // prepositional phrase's noun, or one inside a complement clause), not a modifier of another
  // noun ("a set of resolutions": "resolutions" is not a head for `* RESOLUTION`)?
  // The dictionaries also write a bare modifier of such a head ("- % * DIPLOMATIC").
  bool PhraseHead(TokenIndex t) const {
    if (!v_.parsed) return true;
    // Bare prepositions ("- * EID AT ^ WITH +") keep their linear place.
    const Deprel r = v_.Rel(t);
    if (v_.doc->words[t].upos == Upos::kAdp || r == Deprel::kCase || r == Deprel::kMark)
      return true;
    for (TokenIndex u = t; u != kNoHead && u != trigger_; u = v_.Head(u)) {
      const Deprel ru = v_.Rel(u);
      if (ru == Deprel::kNmod ||
          (u != t && (ru == Deprel::kNmodPoss || ru == Deprel::kCompound || ru == Deprel::kAmod)))
        return false;
    }
    return true;
  }

  // Is mention `m` coordinated with another noun ("Gondor and Osgiliath")?
  bool Coordinated(const ActorMention& m) const {
    for (TokenIndex t = m.first_token; t < m.end_token; ++t) {
      if (v_.Rel(t) == Deprel::kConj) return true;
      for (TokenIndex c : v_.Children(t)) {
        if (v_.Rel(c) == Deprel::kConj && (c < m.first_token || c >= m.end_token)) return true;
      }
    }
    return false;
  }

  // Is `t` the target actor's token or an ancestor of it ("20 US diplomats": "diplomats")?
  bool Governs(TokenIndex t, int32_t actor) const {
    if (actor < 0) return false;
    const ActorMention& m = v_.doc->actors[actor];
    for (TokenIndex a = m.first_token; a < m.end_token; ++a) {
      TokenIndex u = a;
      for (int hops = 0; hops < 8 && u != kNoHead; ++hops, u = v_.Head(u)) {
        if (u == t) return true;
        if (u == trigger_) break;
      }
    }
    return false;
  }

  // Does synset phrase `phrase` start at token t? `flags`: SynsetWordFlags per word (TABARI), or
  // empty for exact, consecutive words. `next` is the token after it; on failure `out` is
  // unchanged.
  bool SynsetPhraseAt(const std::vector<std::string>& phrase, const std::vector<uint8_t>& flags,
                      TokenIndex t, TokenIndex& next, Slots& out) {
    const Slots::Mark saved = out.Save();
    TokenIndex u = t;
    for (size_t k = 0; k < phrase.size(); ++k) {
      const uint8_t f = flags.empty() ? 0 : flags[k];
      // A gap may hold other words, not the verb.
      const TokenIndex last = k > 0 && (f & kSynsetGap) ? v_.end() : std::min(u + 1, v_.end());
      bool found = false;
      for (; u < last && !(u != t && u == trigger_); ++u) {
        if (!flags.empty() && (phrase[k] == "$" || phrase[k] == "+")) {
          const int32_t a = v_.ActorAt(u);
          if (a < 0 || (u > v_.first() && v_.ActorAt(u - 1) == a)) continue;
          (phrase[k] == "$" ? out.source : out.target) = a;
          u = v_.doc->actors[a].end_token;
          found = true;
          break;
        }
        if (WordMatches(v_, u, phrase[k], f & kSynsetStem)) {
          out.words.push_back(u++);
          found = true;
          break;
        }
      }
      if (!found) {
        out.Restore(saved);
        return false;
      }
    }
    next = u;
    return true;
  }

  // Does element `e` start at token t? `next` is the token after it.
  bool Element(const PatternElement& e, TokenIndex t, TokenIndex& next, Slots& out) {
    switch (e.kind) {
      case Kind::kWord:
        if (!WordMatches(v_, t, e.word, e.stem)) return false;
        next = t + 1;
        out.words.push_back(t);
        return true;
      case Kind::kSynset: {
        // The phrases that can start at t, merged back into synset order: the first that
        // matches wins, as when every phrase is tried.
        const SynsetIndex& ix = IndexOf(v_, d_, e.id);
        const std::vector<std::vector<std::string>>& phrases = d_.synset(e.id);
        auto range = [&](uint32_t key) {
          if (key == kNoKey) return std::pair(ix.keyed.end(), ix.keyed.end());
          const uint64_t lo = uint64_t{key} << 32;
          auto b = std::lower_bound(ix.keyed.begin(), ix.keyed.end(), lo);
          auto stop = b;
          while (stop != ix.keyed.end() && (*stop >> 32) == key) ++stop;
          return std::pair(b, stop);
        };
        const uint32_t fk = v_.folded_key[t - v_.first()], lk = v_.lemma_key[t - v_.first()];
        auto [a, a_end] = range(fk);
        auto [b, b_end] = lk != fk ? range(lk) : std::pair(ix.keyed.end(), ix.keyed.end());
        auto c = ix.unkeyed.begin();
        constexpr uint32_t kDone = UINT32_MAX;
        while (true) {
          const uint32_t pa = a != a_end ? static_cast<uint32_t>(*a) : kDone;
          const uint32_t pb = b != b_end ? static_cast<uint32_t>(*b) : kDone;
          const uint32_t pc = c != ix.unkeyed.end() ? *c : kDone;
          const uint32_t i = std::min({pa, pb, pc});
          if (i == kDone) break;
          if (i == pa)
            ++a;
          else if (i == pb)
            ++b;
          else
            ++c;
          if (SynsetPhraseAt(phrases[i], d_.synset_flags(e.id)[i], t, next, out)) return true;
        }
        return false;
      }
      case Kind::kSource:
      case Kind::kTarget:
      case Kind::kCompound: {
        const int32_t a = v_.ActorAt(t);
        if (a < 0 || (t > v_.first() && v_.ActorAt(t - 1) == a)) return false;
        const ActorMention& m = v_.doc->actors[a];
        // "with his Spanish counterpart Garcia-Margallo": the possessive is not the phrase's
        // actor when the noun it modifies is one.
        if (v_.parsed && m.end_token == t + 1 && v_.Rel(t) == Deprel::kNmodPoss &&
            v_.Head(t) != kNoHead && v_.Head(t) >= v_.first() && v_.Head(t) < v_.end() &&
            v_.ActorAt(v_.Head(t)) >= 0 && v_.ActorAt(v_.Head(t)) != a)
          return false;
        // `%` is a compound actor: coordinated mentions or a compound code ("FRO/BIL/SAM").
        if (e.kind == Kind::kCompound && v_.parsed && m.code.find('/') == std::string::npos &&
            !Coordinated(m))
          return false;
        next = m.end_token;
        if (e.kind == Kind::kSource)
          out.source = a;
        else if (e.kind == Kind::kTarget)
          out.target = a;
        else
          out.source = out.target = a, out.compound = true;
        return true;
      }
      case Kind::kSkip:
        next = t;
        return true;
    }
    return false;
  }

  const SentenceView& v_;
  const VerbDictionary& d_;
  const std::vector<char>& in_clause_;
  const std::vector<char>& own_clause_;
  TokenIndex trigger_;
  bool nouns_before_;
  bool noun_groups_;
  bool outside_complements_;
};

bool IsSubject(Deprel r) {
  return r == Deprel::kNsubj || r == Deprel::kNsubjOuter || r == Deprel::kCsubj;
}
std::string Join(std::string_view a, std::string_view b) {
  std::string s(a);
  if (!s.empty() && !b.empty()) s += "; ";
  s += b;
  return s;
}

// The intent (03x / 13x) that "will X" or "agreed to X" expresses, per CAMEO's cue categories.
std::string IntentOf(const std::string& code) {
  const std::string root = CameoTable::Root(code);
  if (root == "04") return "036";
  if (root == "05") return "030";
  if (root == "06") return "031";
  if (root == "07") return "033";
  if (root == "08") return "035";
  if (root == "18" || root == "19" || root == "20") return "138";
  if (root == "17") return "137";
  return "";
}

// One verb's coding before actors are paired.
struct Coding {
  TokenIndex verb = kNoHead;    // the trigger: a verb, a copular adjective or a noun
  TokenIndex clause = kNoHead;  // the verb whose clause dates the event (the trigger's own)
  bool noun = false;
  std::string code, paired, rule;
  std::vector<int32_t> sources, targets;  // actor indexes
  bool negated = false, future = false;
  std::vector<TokenIndex> words;
};

}  // namespace

struct EventCoderWorkspace final : Stage::Workspace {
  std::unique_ptr<Dictionary::Workspace> dict_ws;
  SentenceView view;
  std::vector<char> in_clause;
  std::vector<SynsetIndex> synsets;
  std::vector<char> own_clause;    // in_clause without nested clauses
  std::vector<char> lower_phrase;  // tokens of a verb phrase's uncoded parts (LowerPhraseActors)
  // doc.actors grouped by sentence: sentence s's mentions are
  // actor_order[actor_begin[s] .. actor_begin[s + 1]), in document order.
  std::vector<uint32_t> actor_begin;
  std::vector<uint32_t> actor_order;

  // Groups doc.actors by sentence (a counting sort: linear in mentions plus sentences).
  void IndexActors(const Document& doc) {
    actor_begin.assign(doc.sentences.size() + 1, 0);
    for (const ActorMention& m : doc.actors) {
      if (m.sentence < doc.sentences.size()) ++actor_begin[m.sentence + 1];
    }
    for (size_t i = 1; i < actor_begin.size(); ++i) actor_begin[i] += actor_begin[i - 1];
    actor_order.assign(actor_begin.back(), 0);
    std::vector<uint32_t> next(actor_begin.begin(), actor_begin.end() - 1);
    for (uint32_t a = 0; a < doc.actors.size(); ++a) {
      const SentenceIndex s = doc.actors[a].sentence;
      if (s < doc.sentences.size()) actor_order[next[s]++] = a;
    }
  }
};

StatusOr<std::shared_ptr<const EventCoder>> EventCoder::Load(EventCoderOptions options) {
  if (!options.verbs) return InvalidArgumentError("EventCoder needs verb dictionaries");
  return std::shared_ptr<const EventCoder>(new EventCoder(std::move(options)));
}

std::unique_ptr<Stage::Workspace> EventCoder::NewWorkspace() const {
  auto ws = std::make_unique<EventCoderWorkspace>();
  if (options_.dictionary) ws->dict_ws = options_.dictionary->NewWorkspace();
  ws->view.synset_index = &ws->synsets;
  return ws;
}

namespace {

// Appends the issue phrases among `matches` (of sentence `si`) that have a code on the story's
// date.
void AppendIssueMentions(const Dictionary& dict, const Document& doc, SentenceIndex si,
                         std::span<const DictMatch> matches, std::vector<IssueMention>& out) {
  for (const DictMatch& m : matches) {
    std::string_view code = dict.CodeFor(m.entries[0], doc.meta.date);
    if (code.empty()) continue;
    out.push_back({si, m.first_token, m.end_token,
                   Span{doc.tokens[m.first_token].span.begin, doc.tokens[m.end_token - 1].span.end},
                   std::string(code)});
  }
}

class SentenceCoder {
 public:
  SentenceCoder(const EventCoderOptions& o, const Document& doc, SentenceIndex si,
                EventCoderWorkspace& ws, std::string* trace)
      : o_(o), doc_(doc), si_(si), s_(doc.sentences[si]), ws_(ws), v_(ws.view), trace_(trace) {}

  // Returns false when the sentence (or, story_discard, the story) is discarded. The sentence's
  // issue phrases go to `issue_mentions` when it is not null, whether it is discarded or not.
  bool Code(std::vector<Event>& out, bool& story_discard,
            std::vector<IssueMention>* issue_mentions) {
    Prepare();
    std::vector<std::string> issues;
    if (o_.dictionary) {
      std::span<const DictMatch> discards = o_.dictionary->Match(
          doc_, s_.first_token, s_.end_token, DictLayer::kDiscards, *ws_.dict_ws);
      const EntryId discard = discards.empty() ? 0 : discards.front().entries[0];
      const bool discarded = !discards.empty();  // `discards` ends at the next match
      std::vector<IssueMention> own_mentions;    // Explain keeps none
      std::vector<IssueMention>& mentions = issue_mentions ? *issue_mentions : own_mentions;
      const size_t first_mention = mentions.size();
      AppendIssueMentions(*o_.dictionary, doc_, si_,
                          o_.dictionary->MatchSameTokens(DictLayer::kIssues, *ws_.dict_ws),
                          mentions);
      for (size_t k = first_mention; k < mentions.size(); ++k) {
        if (std::find(issues.begin(), issues.end(), mentions[k].code) == issues.end())
          issues.push_back(mentions[k].code);
      }
      if (discarded) {
        const DictEntry& e = o_.dictionary->entry(discard);
        Note("discarded by " + o_.dictionary->Origin(discard) + " \"" + e.name + "\"");
        story_discard = e.story_level;
        return false;
      }
    }
    // TABARI's special codes on an actor (ActorCoderOptions::special_codes).
    for (uint32_t k = ws_.actor_begin[si_]; k < ws_.actor_begin[si_ + 1]; ++k) {
      const ActorMention& m = doc_.actors[ws_.actor_order[k]];
      if (o_.special_actor_codes && (m.code == "###" || m.code == "+++")) {
        Note(std::string(m.code == "+++" ? "complex" : "discarded") + " by the actor \"" +
             std::string(doc_.SpanText(m.span)) + "\" [" + m.code + "]: the sentence is not coded");
        return false;
      }
    }
    const size_t first_event = out.size();
    std::vector<Coding> codings;
    for (TokenIndex t = s_.first_token; t < s_.end_token; ++t) {
      CodeVerb(t, codings);
      CodeNoun(t, codings);
    }
    if (TooComplex(codings)) return false;
    DropNounsUsedByVerbs(codings);
    Combine(codings);
    // TABARI's special codes (manual 8.7 and 6.2): a phrase coded +++ makes the sentence too
    // complex to code, one coded ### discards it.
    for (const Coding& c : codings) {
      if (c.code == "+++" || c.code == "###") {
        Note(std::string(c.code == "+++" ? "complex" : "discarded") + " by " + c.rule + " [" +
             c.code + "]: the sentence is not coded");
        return false;
      }
    }
    KeepClauseActors(codings);
    const CameoTable& cameo = o_.cameo ? *o_.cameo : CameoTable::Default();
    // The events each coding made: out[made[i] .. made[i + 1]) (EventCoderOptions::code_by).
    std::vector<size_t> made;
    for (const Coding& c : codings) {
      made.push_back(out.size());
      const bool main = !c.code.empty() && c.code != "---";
      if (!main && c.paired.empty()) continue;
      const TokenIndex clause = c.clause != kNoHead ? c.clause : c.verb;
      Span when = FindTemporalExpression(doc_, s_, clause);
      std::optional<Date> date;
      if (!when.empty())
        date = ResolveTemporal(doc_.SpanText(when), doc_.meta.date, TenseOf(doc_, s_, clause));
      auto emit = [&](int32_t src, int32_t tgt, const std::string& code, const std::string& why) {
        // A compound mention ("FRO/BIL/SAM") is one actor per code.
        auto codes = [&](int32_t a) {
          std::vector<std::string> out;
          std::string_view c = a >= 0 ? std::string_view(doc_.actors[a].code) : "";
          if (!o_.split_compound_codes) return std::vector<std::string>{std::string(c)};
          while (true) {
            size_t slash = c.find('/');
            out.emplace_back(c.substr(0, slash));
            if (slash == std::string_view::npos) break;
            c.remove_prefix(slash + 1);
          }
          return out;
        };
        for (const std::string& source : codes(src)) {
          for (const std::string& target : codes(tgt)) {
            Event e;
            e.sentence = si_;
            e.source = source;
            e.target = target;
            if (e.source.empty() && !o_.default_source.empty()) {
              Note("  no source: the default source " + o_.default_source);
              e.source = o_.default_source;
            }
            if (e.target.empty() && !o_.default_target.empty()) {
              Note("  no target: the default target " + o_.default_target);
              e.target = o_.default_target;
            }
            if (e.source.empty() && e.target.empty()) {
              Note("  no event " + code + ": neither a source nor a target");
              continue;
            }
            if (o_.require_dyad && (e.source.empty() || e.target.empty())) {
              Note("  no event " + code + ": " + (e.source.empty() ? "no source" : "no target") +
                   " (require_dyad)");
              continue;
            }
            if (!e.source.empty() && e.source == e.target) {
              Note("  no event " + code + ": source and target are both " + e.source);
              continue;
            }
            e.code = code;
            e.root = CameoTable::Root(code);
            if (const CameoCode* cc = cameo.Find(code)) {
              e.quad_class = cc->quad_class;
              e.goldstein = cc->goldstein;
              e.plover = cc->plover;
            } else {
              e.quad_class = CameoTable::QuadClassOfRoot(e.root);
            }
            e.issues = issues;
            e.date = date ? *date : doc_.meta.date;
            if (date) e.date_text = std::string(doc_.SpanText(when));
            e.source_actor = src;
            e.target_actor = tgt;
            if (src >= 0) e.source_span = doc_.actors[src].span;
            if (tgt >= 0) e.target_span = doc_.actors[tgt].span;
            e.trigger_span = doc_.tokens[c.verb].span;
            e.rule = Join(c.rule, why);
            if (trace_) Note("  event " + e.source + " " + e.code + " " + e.target);
            out.push_back(std::move(e));
          }
        }
      };
      std::vector<int32_t> sources = c.sources, targets = c.targets;
      if (sources.empty()) sources.push_back(-1);
      if (targets.empty()) targets.push_back(-1);
      for (int32_t a : sources) {
        for (int32_t b : targets) {
          if (main) emit(a, b, c.code, "");
          if (!c.paired.empty()) emit(b, a, c.paired, "paired code");
        }
      }
    }
    made.push_back(out.size());
    KeepFirstPerClause(codings, made, out);
    DropSubordinate(out, first_event);
    return true;
  }

  // TABARI's CODE BY CLAUSE and CODE BY SENTENCE (manual 7.6.1): of the codings in each clause
  // (each sentence), only the first that made an event keeps its events; a subordinate one
  // ("SAID [023?]") only when no other made one there. `made[i]` is where coding i's events
  // begin in `out`.
  void KeepFirstPerClause(const std::vector<Coding>& codings, const std::vector<size_t>& made,
                          std::vector<Event>& out) {
    if (o_.code_by == EventCoderOptions::CodeBy::kAll || codings.empty()) return;
    auto clause_of = [&](TokenIndex t) {
      int clause = 0;
      if (o_.code_by == EventCoderOptions::CodeBy::kSentence) return clause;
      for (TokenIndex u = s_.first_token; u < t && u < s_.end_token; ++u) clause += ClauseBreak(u);
      return clause;
    };
    std::vector<char> keep(codings.size(), 0);
    std::vector<int> clauses(codings.size());
    for (size_t i = 0; i < codings.size(); ++i) clauses[i] = clause_of(codings[i].verb);
    for (bool subordinate : {false, true}) {
      for (size_t i = 0; i < codings.size(); ++i) {
        bool made_one = false;
        for (size_t e = made[i]; e < made[i + 1]; ++e)
          made_one |= out[e].code.ends_with('?') == subordinate;
        if (!made_one) continue;
        bool taken = false;
        for (size_t j = 0; j < codings.size(); ++j) taken |= keep[j] && clauses[j] == clauses[i];
        if (!taken) keep[i] = 1;
      }
    }
    std::vector<Event> kept(out.begin(), out.begin() + made[0]);
    for (size_t i = 0; i < codings.size(); ++i) {
      for (size_t e = made[i]; e < made[i + 1]; ++e) {
        if (keep[i]) {
          kept.push_back(std::move(out[e]));
        } else {
          Note("  no event " + out[e].code + ": not the first event of its clause (CODE BY)");
        }
      }
    }
    out = std::move(kept);
  }

  // TABARI's COMPLEX filter (EventCoderOptions::complexity, manual 8.7).
  bool TooComplex(const std::vector<Coding>& codings) {
    const EventCoderOptions::Complexity& x = o_.complexity;
    if (x.verbs <= 0 && x.conjunctions <= 0 && !x.no_actor_prior) return false;
    int verbs = 0;
    TokenIndex first_verb = s_.end_token;
    for (const Coding& c : codings) {
      if (c.noun) continue;
      ++verbs;
      if (!c.code.empty() && c.code != "---") first_verb = std::min(first_verb, c.verb);
    }
    if (x.verbs > 0 && verbs >= x.verbs) {
      Note("complex: " + std::to_string(verbs) + " verbs (COMPLEX VERBS)");
      return true;
    }
    int conjunctions = 0;
    for (TokenIndex u = s_.first_token; u < s_.end_token; ++u) {
      const std::string& f = v_.Folded(u);
      if (f != "and" && f != "but" && f != "or" && f != "nor") continue;
      // "Ithilen and Dagolath": a compound actor's conjunction does not count.
      const TokenIndex h = v_.Head(u);
      if (v_.parsed && h != kNoHead && h >= s_.first_token && h < s_.end_token &&
          v_.ActorAt(h) >= 0 && v_.Rel(h) == Deprel::kConj) {
        const TokenIndex g = v_.Head(h);
        if (g != kNoHead && g >= s_.first_token && g < s_.end_token && v_.ActorAt(g) >= 0) continue;
      }
      ++conjunctions;
    }
    if (x.conjunctions > 0 && conjunctions >= x.conjunctions) {
      Note("complex: " + std::to_string(conjunctions) + " conjunctions (COMPLEX CONJ)");
      return true;
    }
    if (x.no_actor_prior && first_verb < s_.end_token) {
      bool actor = false;
      for (TokenIndex t = s_.first_token; t < first_verb; ++t) actor |= v_.ActorAt(t) >= 0;
      if (!actor) {
        Note("complex: no actor before the first verb (COMPLEX NOACTPRIOR)");
        return true;
      }
    }
    return false;
  }

  // TABARI's clause keeps its source and target from event to event (manual 7.6: only a
  // conjunction resets the target; EventCoderOptions::keep_clause_actors): a coded verb with no
  // source takes the previous coded verb's of its clause, and one with no target, or only
  // the source again ("urged Bree to assist it": "it" is the source), takes its target.
  void KeepClauseActors(std::vector<Coding>& codings) {
    if (!o_.keep_clause_actors) return;
    const Coding* previous = nullptr;
    int previous_clause = -1, clause = 0;
    TokenIndex counted = s_.first_token;
    for (Coding& c : codings) {
      if (c.code.empty() || c.code == "---") continue;
      for (; counted < c.verb && counted < s_.end_token; ++counted) clause += ClauseBreak(counted);
      if (previous && previous_clause == clause) {
        if (c.sources.empty() && !previous->sources.empty()) {
          Note("  \"" + v_.Folded(c.verb) + "\": the clause's source kept (TABARI)");
          c.sources = previous->sources;
        }
        bool only_sources = true;
        for (int32_t t : c.targets) {
          bool source = false;
          for (int32_t a : c.sources) source |= doc_.actors[a].code == doc_.actors[t].code;
          only_sources &= source;
        }
        if (only_sources && !previous->targets.empty()) {
          Note("  \"" + v_.Folded(c.verb) + "\": the clause's target kept (TABARI)");
          c.targets = previous->targets;
        }
      }
      previous = &c;
      previous_clause = clause;
    }
  }

  // Does token `u` end a clause for CODE BY CLAUSE: a conjunction (AND, BUT, OR, NOR) joining
  // clauses, not actors, nouns or adjectives ("bombs and rockets", manual 7.5.1)? With a parse,
  // the conjunct it introduces must be a verb or a clause's head; without one, every such word.
  bool ClauseBreak(TokenIndex u) const {
    const std::string& f = v_.Folded(u);
    if (f != "and" && f != "but" && f != "or" && f != "nor") return false;
    if (!v_.parsed) return true;
    const TokenIndex h = v_.Head(u);
    if (h == kNoHead || h < s_.first_token || h >= s_.end_token) return true;
    const Upos p = doc_.words[h].upos;
    if (p == Upos::kVerb || p == Upos::kAux) return true;
    for (TokenIndex c : v_.Children(h)) {
      const Deprel r = v_.Rel(c);
      if (IsSubject(r) || r == Deprel::kNsubjPass || r == Deprel::kCop) return true;
    }
    return false;
  }

  // TABARI's subordinate codes ("SAID [023?]") count only when the sentence has no other
  // event; kept, they are written without the "?". Dominant codes ("ATTEND [031!]", manual
  // 6.6.2) are the opposite: when the sentence has one, only the dominant events are coded,
  // written without the "!".
  void DropSubordinate(std::vector<Event>& out, size_t first) {
    auto marked = [](const Event& e, char mark) { return e.code.ends_with(mark); };
    if (std::any_of(out.begin() + first, out.end(),
                    [&](const Event& e) { return marked(e, '!'); })) {
      for (size_t i = first; i < out.size();) {
        if (!marked(out[i], '!')) {
          Note("  no event " + out[i].code + ": the sentence has a dominant code");
          out.erase(out.begin() + i);
          continue;
        }
        Recode(out[i]);
        ++i;
      }
      return;
    }
    auto subordinate = [&](const Event& e) { return marked(e, '?'); };
    const bool other = std::any_of(out.begin() + first, out.end(),
                                   [&](const Event& e) { return !subordinate(e); });
    for (size_t i = first; i < out.size();) {
      if (!subordinate(out[i])) {
        ++i;
      } else if (other) {
        Note("  no event " + out[i].code + ": subordinate code, and the sentence has others");
        out.erase(out.begin() + i);
      } else {
        Recode(out[i]);
        ++i;
      }
    }
  }

  // Drops the code's last character (TABARI's "?" or "!") and looks the code up again.
  void Recode(Event& e) {
    e.code.pop_back();
    e.root = CameoTable::Root(e.code);
    const CameoTable& cameo = o_.cameo ? *o_.cameo : CameoTable::Default();
    if (const CameoCode* cc = cameo.Find(e.code)) {
      e.quad_class = cc->quad_class;
      e.goldstein = cc->goldstein;
      e.plover = cc->plover;
    }
  }

 private:
  // Adds a line to Explain's trace. The hot paths (every verb entry and pattern tried) test
  // trace_ first, so coding without a trace does not build the line.
  void Note(const std::string& s) {
    if (trace_) *trace_ += s + "\n";
  }

  void Prepare() {
    v_.doc = &doc_;
    v_.s = &s_;
    v_.parsed = doc_.words.size() == doc_.tokens.size();
    const size_t n = s_.size();
    v_.folded.resize(n);
    v_.actor_at.assign(n, -1);
    // Clear only the bit words the previous sentence set.
    for (const std::vector<uint32_t>* keys : {&v_.folded_key, &v_.lemma_key}) {
      for (uint32_t k : *keys) {
        if (k != kNoKey) v_.prefixes[k >> 6] = 0;
      }
    }
    v_.folded_key.resize(n);
    v_.lemma_key.resize(n);
    if (v_.children.size() < n) v_.children.resize(n);
    for (size_t i = 0; i < n; ++i) v_.children[i].clear();
    for (TokenIndex t = s_.first_token; t < s_.end_token; ++t) {
      std::string& f = v_.folded[t - s_.first_token];
      f.assign(doc_.SpanText(doc_.tokens[t].span));
      for (char& c : f) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      }
      const std::string_view lemma = v_.Lemma(t);
      v_.folded_key[t - s_.first_token] = f.size() < 2 ? kNoKey : PrefixKey(f);
      v_.lemma_key[t - s_.first_token] = lemma.size() < 2 ? kNoKey : PrefixKey(lemma);
      for (std::string_view w : {std::string_view(f), lemma}) {
        if (w.size() < 2) continue;
        const uint32_t k = PrefixKey(w);
        v_.prefixes[k >> 6] |= uint64_t{1} << (k & 63);
      }
      if (v_.parsed) {
        TokenIndex h = doc_.words[t].head;
        if (h != kNoHead && h >= s_.first_token && h < s_.end_token)
          v_.children[h - s_.first_token].push_back(t);
      }
    }
    // This sentence's mentions only (ws_.IndexActors ran): a story of many sentences and
    // mentions stays linear.
    for (uint32_t k = ws_.actor_begin[si_]; k < ws_.actor_begin[si_ + 1]; ++k) {
      const size_t a = ws_.actor_order[k];
      const ActorMention& m = doc_.actors[a];
      if (m.code.empty()) continue;
      for (TokenIndex t = m.first_token; t < m.end_token; ++t) {
        if (t >= s_.first_token && t < s_.end_token) v_.actor_at[t - s_.first_token] = a;
      }
    }
  }

  // The actors a dependent stands for: its own mention, else one inside its phrase, plus those
  // of its conjuncts ("Arnor and Gondor").
  void ActorsOf(TokenIndex d, std::vector<int32_t>& out, int depth = 0) {
    if (depth > 3) return;
    int32_t a = v_.ActorAt(d);
    if (a < 0) {
      // "the government of Arnor", "Arnor's embassy": a mention inside the phrase, with the
      // actors coordinated with it ("ties with Mordor, Rohan and Bree").
      for (TokenIndex c : v_.Children(d)) {
        Deprel r = v_.Rel(c);
        if (r == Deprel::kNmod || r == Deprel::kNmodPoss || r == Deprel::kCompound ||
            r == Deprel::kAmod || r == Deprel::kFlat || r == Deprel::kAppos) {
          if ((a = v_.ActorAt(c)) >= 0) {
            if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
            for (TokenIndex g : v_.Children(c)) {
              if (v_.Rel(g) == Deprel::kConj) ActorsOf(g, out, depth + 1);
            }
            break;
          }
        }
      }
    }
    if (a >= 0 && std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    for (TokenIndex c : v_.Children(d)) {
      if (v_.Rel(c) == Deprel::kConj) ActorsOf(c, out, depth + 1);
    }
    // "lawmakers in Fornost and Gondor" is one mention (FORLEG) whose inner country has
    // conjuncts of its own (GONLEG): they are coordinated with the whole mention.
    if (a >= 0 && doc_.actors[a].end_token - doc_.actors[a].first_token > 1) {
      const ActorMention& m = doc_.actors[a];
      for (TokenIndex t = m.first_token; t < m.end_token; ++t) {
        if (t == d) continue;
        for (TokenIndex c : v_.Children(t)) {
          if (v_.Rel(c) == Deprel::kConj && (c < m.first_token || c >= m.end_token))
            ActorsOf(c, out, depth + 1);
        }
      }
    }
  }

  // A pattern's $ or + actor and those coordinated with it ("ties with Mordor, Rohan and
  // Bree"): PETRARCH and TABARI code a compound actor in a slot as each of its members.
  std::vector<int32_t> WithConjuncts(int32_t a) {
    std::vector<int32_t> out;
    if (!v_.parsed) return {a};
    const ActorMention& m = doc_.actors[a];
    for (TokenIndex t = m.first_token; t < m.end_token; ++t) {
      const TokenIndex h = v_.Head(t);
      if (h != kNoHead && h >= m.first_token && h < m.end_token) continue;
      // A slot matched on a later member ("Gondor and Osgiliath have renewed", `% *` found
      // right to left) stands for the whole coordination: climb to its first conjunct.
      TokenIndex u = t;
      for (int hops = 0; hops < 6 && v_.Rel(u) == Deprel::kConj; ++hops) {
        const TokenIndex g = v_.Head(u);
        if (g == kNoHead || g < s_.first_token || g >= s_.end_token) break;
        const Upos p = doc_.words[g].upos;
        if (p != Upos::kPropn && p != Upos::kNoun) break;
        std::vector<int32_t> head_actors;
        ActorsOf(g, head_actors);
        if (head_actors.empty()) break;
        u = g;
      }
      ActorsOf(u, out);
    }
    if (std::find(out.begin(), out.end(), a) == out.end()) out.insert(out.begin(), a);
    return out;
  }

  // The verb whose subject `verb` shares: its governor for conj, xcomp and acl chains.
  std::vector<int32_t> SubjectActors(TokenIndex verb, bool& passive) {
    std::vector<int32_t> out;
    bool via_xcomp = false;
    for (int hops = 0; hops < 4 && verb != kNoHead; ++hops) {
      for (TokenIndex c : v_.Children(verb)) {
        // "Dagolath's first Deputy Prime Minister[nsubj] Telemar[nsubj]": a name the parser
        // split off as a second subject right after a mention is that mention's own name.
        if (IsSubject(v_.Rel(c)) && c > s_.first_token && v_.ActorAt(c - 1) >= 0 &&
            v_.ActorAt(c - 1) != v_.ActorAt(c) && doc_.words[c].upos == Upos::kPropn &&
            EarlierSubject(verb, c)) {
          Note("  subject \"" + v_.Folded(c) + "\" is the name of the mention before it");
          continue;
        }
        if (IsSubject(v_.Rel(c))) ActorsOf(c, out);
        // "Gollum was seen to break into": the passive governor's subject is the one who breaks.
        if (v_.Rel(c) == Deprel::kNsubjPass && via_xcomp) ActorsOf(c, out);
        if (v_.Rel(c) == Deprel::kNsubjPass && !via_xcomp) passive = true;
      }
      if (passive) {
        for (TokenIndex c : v_.Children(verb)) {
          if (v_.Rel(c) == Deprel::kOblAgent) ActorsOf(c, out);
          if (v_.Rel(c) == Deprel::kObl || v_.Rel(c) == Deprel::kNmod) {
            for (TokenIndex g : v_.Children(c)) {
              if (v_.Rel(g) == Deprel::kCase && v_.Folded(g) == "by") ActorsOf(c, out);
            }
          }
        }
        // The peers take a passive's first prepositional actor as its agent when there is no
        // "by" ("An Eriadorian was shot dead in Osgiliath": OSG 190 ERI).
        for (TokenIndex c : v_.Children(verb)) {
          if (!out.empty() || !o_.passive_phrase_source) break;
          if (v_.Rel(c) == Deprel::kObl && c > verb) {
            ActorsOf(c, out);
            if (!out.empty()) Note("  source: the passive's prepositional phrase (no \"by\")");
          }
        }
      }
      if (!out.empty() || passive) return out;
      const Deprel r = v_.Rel(verb);
      if (r == Deprel::kAcl) {
        // "crowds trashed ...": the noun the participle modifies acts.
        ActorsOf(v_.Head(verb), out);
        return out;
      }
      // "Bree Prime Minister Romendacil most certainly did not ever clash over ...", parsed
      // with the name as root and the verb as its parataxis: a subjectless verb hanging from a
      // noun phrase before it has that phrase as its subject.
      if (hops == 0 && (r == Deprel::kParataxis || r == Deprel::kDep) && v_.Head(verb) != kNoHead &&
          v_.Head(verb) < verb && v_.Rel(v_.Head(verb)) == Deprel::kRoot) {
        const Upos hp = doc_.words[v_.Head(verb)].upos;
        if (hp == Upos::kPropn || hp == Upos::kNoun) ActorsOf(v_.Head(verb), out);
        return out;
      }
      if (r != Deprel::kConj && r != Deprel::kXcomp && r != Deprel::kAdvcl) return out;
      via_xcomp = r == Deprel::kXcomp;
      verb = v_.Head(verb);
    }
    return out;
  }

  // Has `verb` a subject child before `c`?
  bool EarlierSubject(TokenIndex verb, TokenIndex c) const {
    for (TokenIndex d : v_.Children(verb)) {
      if (d < c && IsSubject(v_.Rel(d))) return true;
    }
    return false;
  }

  // `sources`: the verb's source actors, which a TABARI target must differ from
  // (EventCoderOptions::distinct_targets).
  // `pattern_words`: the tokens the matched pattern's words took, which are no clause boundary.
  std::vector<int32_t> ObjectActors(TokenIndex verb, bool passive,
                                    const std::vector<int32_t>& sources,
                                    const std::vector<TokenIndex>& pattern_words) {
    std::vector<int32_t> out;
    if (passive) {
      for (TokenIndex c : v_.Children(verb)) {
        if (v_.Rel(c) == Deprel::kNsubjPass) ActorsOf(c, out);
      }
      if (!out.empty()) return out;
    }
    for (TokenIndex c : v_.Children(verb)) {
      if (v_.Rel(c) == Deprel::kObj || v_.Rel(c) == Deprel::kIobj) ActorsOf(c, out);
    }
    if (!out.empty()) return out;
    for (TokenIndex c : v_.Children(verb)) {
      const Deprel r = v_.Rel(c);
      if (r != Deprel::kObl && r != Deprel::kNmod) continue;
      bool by = false;
      for (TokenIndex g : v_.Children(c)) by |= v_.Rel(g) == Deprel::kCase && v_.Folded(g) == "by";
      if (by && passive) continue;
      ActorsOf(c, out);
      if (!out.empty()) return out;
    }
    // "restore ties with Gondor": the actor in a phrase attached to the object.
    for (TokenIndex c : v_.Children(verb)) {
      if (v_.Rel(c) != Deprel::kObj) continue;
      for (TokenIndex g : v_.Children(c)) {
        if (v_.Rel(g) == Deprel::kNmod || v_.Rel(g) == Deprel::kAcl) ActorsOf(g, out);
      }
    }
    if (!out.empty()) return out;
    // "allowed that Mordor isn't a pleasant place": PETRARCH's target is the first actor in the
    // verb phrase, here the subject of a complement clause that has no verb event of its own.
    for (TokenIndex c : v_.Children(verb)) {
      if (v_.Rel(c) != Deprel::kCcomp || doc_.words[c].upos == Upos::kVerb) continue;
      for (TokenIndex g : v_.Children(c)) {
        if (IsSubject(v_.Rel(g))) ActorsOf(g, out);
      }
    }
    if (!out.empty() || !o_.phrase_targets) return out;
    return LowerPhraseActors(verb, sources, pattern_words);
  }

  // "Evil Mordor, the awful Fornost, and good Gondor welcomed ...", parsed with Mordor as the
  // root: a subject that ends a list of actors opening the sentence, joined by commas and "and"
  // or "or" with only determiners and adjectives between, has the whole list as its source, as
  // a compound actor phrase (TABARI manual 7.5).
  void SentenceOpeningList(std::vector<int32_t>& sources) {
    if (sources.size() != 1 || !v_.parsed) return;
    const ActorMention& subject = doc_.actors[sources[0]];
    std::vector<int32_t> list;
    bool conjunction = false;
    TokenIndex t = subject.first_token;
    auto skip_modifiers = [&] {
      while (t > s_.first_token) {
        const Upos p = doc_.words[t - 1].upos;
        if (p != Upos::kDet && p != Upos::kAdj) break;
        --t;
      }
    };
    skip_modifiers();
    while (t > s_.first_token) {
      // Separators: ", and", "and", ",".
      bool separator = false;
      while (t > s_.first_token) {
        const std::string& f = v_.Folded(t - 1);
        if (f == "and" || f == "or") {
          conjunction = true;
        } else if (f != ",") {
          break;
        }
        separator = true;
        --t;
      }
      if (!separator) return;
      const int32_t a = t > s_.first_token ? v_.ActorAt(t - 1) : -1;
      if (a < 0 || doc_.actors[a].sentence != si_) return;
      list.push_back(a);
      t = doc_.actors[a].first_token;
      skip_modifiers();
    }
    if (!conjunction || list.empty()) return;
    Note("  source: the list of actors that opens the sentence (compound actor phrase)");
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      if (std::find(sources.begin(), sources.end(), *it) == sources.end())
        sources.insert(sources.end() - 1, *it);
    }
  }

  // TABARI's flat search before a DEFAULT code without PRIOR or AFTER
  // (EventCoderOptions::default_source_prior, default_target_after).
  void DefaultSearch(TokenIndex verb, Coding& c) {
    std::vector<int32_t> before, after;  // the sentence's actors, not pronouns, in order
    // Only this sentence's mentions (actor_order): a scan of the document's would make a long
    // story quadratic, since this runs for every verb.
    for (uint32_t k = ws_.actor_begin[si_]; k < ws_.actor_begin[si_ + 1]; ++k) {
      const size_t a = ws_.actor_order[k];
      const ActorMention& m = doc_.actors[a];
      if (m.code.empty() || doc_.words.size() != doc_.tokens.size() ||
          doc_.words[m.first_token].upos == Upos::kPron)
        continue;
      (m.first_token < verb ? before : after).push_back(static_cast<int32_t>(a));
    }
    auto differs = [&](int32_t a, int32_t from) {
      return doc_.actors[a].code != doc_.actors[from].code;
    };
    if (c.sources.empty() && !o_.default_source.empty() && !o_.default_source_prior &&
        !after.empty()) {
      Note("  source: the first actor after the verb (TABARI, DEFAULT without PRIOR)");
      c.sources = {after[0]};
      std::vector<int32_t> targets;
      for (int32_t a : c.targets) {
        if (differs(a, after[0])) targets.push_back(a);
      }
      c.targets = targets;
    }
    if (c.targets.empty() && !o_.default_target.empty() && !o_.default_target_after &&
        !c.sources.empty()) {
      for (int32_t a : before) {
        if (!differs(a, c.sources[0])) continue;
        Note(
            "  target: the first actor before the verb unlike the source (TABARI, DEFAULT "
            "without AFTER)");
        c.sources.resize(1);
        c.targets = {a};
        break;
      }
    }
  }

  // The peers' flat order for a verb the parse gives no subject: the nearest non-pronoun actor
  // before it, not across a comma, a subordinator or another coded verb.
  std::vector<int32_t> FlatSource(TokenIndex verb) {
    // An infinitive's subject is its governor's ("to be allowed to leave"), never a flat one;
    // except for TABARI, whose source is the clause's first actor whatever the parse says
    // ("Estonia's is about to restore ties", manual 5.8).
    if ((v_.Rel(verb) == Deprel::kXcomp && !o_.lexical_verbs) || HasChild(verb, Deprel::kAuxPass))
      return {};
    if (o_.lexical_verbs) {
      // TABARI: the first actor of the clause before the verb.
      TokenIndex start = s_.first_token;
      for (TokenIndex t = s_.first_token; t < verb; ++t) {
        const std::string& f = v_.Folded(t);
        if (f == "," || f == ";" || f == ":" || f == "that" || doc_.words[t].upos == Upos::kSconj ||
            (doc_.words[t].upos == Upos::kVerb && HasOwnCode(t)))
          start = t + 1;
      }
      for (TokenIndex t = start; t < verb; ++t) {
        if (v_.ActorAt(t) < 0 || doc_.words[t].upos == Upos::kPron) continue;
        Note("  source: the first actor of the clause before the verb (TABARI)");
        return WithConjuncts(v_.ActorAt(t));
      }
      // None there ("Gondor accepts that Calenardon might affirm ..."): the source stays the
      // sentence's first actor, as TABARI keeps it across a sentence's clauses (manual 7.6).
      for (TokenIndex t = s_.first_token; t < start; ++t) {
        if (v_.ActorAt(t) < 0 || doc_.words[t].upos == Upos::kPron) continue;
        Note("  source: the sentence's first actor, kept across its clauses (TABARI)");
        return WithConjuncts(v_.ActorAt(t));
      }
      return {};
    }
    for (TokenIndex t = verb; t-- > s_.first_token;) {
      const std::string& f = v_.Folded(t);
      if (f == "," || f == ";" || f == ":" || f == "that" || doc_.words[t].upos == Upos::kSconj)
        break;
      if (doc_.words[t].upos == Upos::kVerb && HasOwnCode(t)) break;
      if (v_.ActorAt(t) < 0 || doc_.words[t].upos == Upos::kPron) continue;
      Note("  source: the nearest actor before the verb in the sentence's order (parse fallback)");
      return WithConjuncts(v_.ActorAt(t));
    }
    return {};
  }

  // Has every actor of `actors` the code of one of `sources`?
  bool AllLikeSources(const std::vector<int32_t>& actors, const std::vector<int32_t>& sources) {
    return std::all_of(actors.begin(), actors.end(), [&](int32_t a) {
      return std::any_of(sources.begin(), sources.end(),
                         [&](int32_t s) { return doc_.actors[s].code == doc_.actors[a].code; });
    });
  }

  // TABARI: the first actor (not a pronoun) of the verb's clause, which only a conjunction
  // joining clauses starts (ClauseBreak), with those coordinated with it; empty when none.
  std::vector<int32_t> ClauseFirstActor(TokenIndex verb) {
    TokenIndex start = s_.first_token;
    for (TokenIndex t = s_.first_token; t < verb; ++t) {
      if (ClauseBreak(t)) start = t + 1;
    }
    for (TokenIndex t = start; t < verb; ++t) {
      if (v_.ActorAt(t) < 0 || doc_.words[t].upos == Upos::kPron) continue;
      Note("  source: the first actor of the clause (TABARI)");
      return WithConjuncts(v_.ActorAt(t));
    }
    return {};
  }

  // Particles ("cordon off") must follow the verb in its clause, within three words.
  bool ParticlesPresent(const VerbEntry& e, TokenIndex t) const {
    for (const std::string& p : e.particles) {
      bool found = false;
      for (TokenIndex u = t + 1; u < s_.end_token && u <= t + 3; ++u) found |= v_.Folded(u) == p;
      if (!found) return false;
    }
    return true;
  }

  // Does verb `t` have a code of its own in the dictionary (not only the null code `---`)?
  bool HasOwnCode(TokenIndex t) const {
    for (const VerbEntry* e : o_.verbs->Lookup(v_.Folded(t), v_.Lemma(t))) {
      // TABARI's verbs are the dictionary's phrases: "has" is no verb of HAVE NOTHING TO DO
      // WITH without the words that follow it there. (PETRARCH's verbs are the parse's.)
      if (o_.lexical_verbs && !ParticlesPresent(*e, t)) continue;
      const std::string& code = !e->code.empty() ? e->code : o_.verbs->block(e->block).code;
      if (code != "---") return true;
    }
    return false;
  }

  // PETRARCH-2 passes the actors of a verb phrase's uncoded parts up to the coded verb: its
  // target is the first actor of the phrase after the verb, also inside a complement whose own
  // verb codes nothing ("believes Dagolath and Osgiliath can cope", "vowed to wage war on the
  // Rohans", "cordoned off the roads leading into Mordor"). EventCoderOptions::phrase_targets. Not
  // through the verb's subject, a conjoined or parenthetical clause, a relative clause, an
  // adverbial clause with its own subordinator ("after crowds trashed its embassy") or a verb with
  // its own event. A participle modifying a noun of the phrase ("boycotted the parade supporting
  // Gondor") passes its own phrase on whatever it codes: PETRARCH-2 gives a noun phrase the
  // target of a verb phrase inside it.
  std::vector<int32_t> LowerPhraseActors(TokenIndex verb, const std::vector<int32_t>& sources,
                                         const std::vector<TokenIndex>& pattern_words) {
    std::vector<int32_t> out;
    if (!v_.parsed) return out;
    std::vector<char>& reach = ws_.lower_phrase;
    reach.assign(s_.size(), 0);
    std::vector<TokenIndex> stack = {verb};
    while (!stack.empty()) {
      const TokenIndex t = stack.back();
      stack.pop_back();
      const bool verbal = doc_.words[t].upos == Upos::kVerb || t == verb;
      for (TokenIndex c : v_.Children(t)) {
        const Deprel r = v_.Rel(c);
        if (c < verb) continue;
        if ((IsSubject(r) || r == Deprel::kNsubjPass) && t == verb) continue;
        if (r == Deprel::kOblAgent || r == Deprel::kParataxis || r == Deprel::kAclRelcl ||
            r == Deprel::kAdvclRelcl || r == Deprel::kPunct || r == Deprel::kCsubj ||
            r == Deprel::kCsubjPass || r == Deprel::kDislocated || r == Deprel::kList ||
            r == Deprel::kAppos)
          continue;
        if (r == Deprel::kConj && verbal) continue;
        if (doc_.words[c].upos == Upos::kVerb && HasOwnCode(c) && r != Deprel::kAcl) continue;
        if (r == Deprel::kAdvcl || r == Deprel::kAcl) {
          bool other_mark = false;
          for (TokenIndex g : v_.Children(c)) {
            if (v_.Rel(g) == Deprel::kMark && v_.Folded(g) != "to") other_mark = true;
          }
          if (other_mark) continue;
        }
        reach[c - s_.first_token] = 1;
        stack.push_back(c);
      }
    }
    // TABARI passes over an actor whose code is a source's (manual 5.8).
    auto same_as_source = [&](int32_t a) {
      if (!o_.distinct_targets) return false;
      for (int32_t s : sources) {
        if (doc_.actors[s].code == doc_.actors[a].code) return true;
      }
      return false;
    };
    for (TokenIndex t = verb + 1; t < s_.end_token; ++t) {
      if (!reach[t - s_.first_token] || v_.ActorAt(t) < 0 || same_as_source(v_.ActorAt(t)))
        continue;
      Note("  target: the first actor of the verb phrase, through its uncoded parts");
      return WithConjuncts(v_.ActorAt(t));
    }
    // A parse that hangs the phrase elsewhere ("launched an offensive against[mark] besieged
    // Osgiliath"): the peers' flat order, the first actor after the verb before a comma or
    // another coded verb.
    for (TokenIndex t = verb + 1; t < s_.end_token; ++t) {
      const std::string& f = v_.Folded(t);
      // A comma or a subordinator ("after", "that") ends the clause; TABARI's target search
      // goes on to the first actor after the verb (manual 5.8), its commas being those that
      // comma-clause elimination left.
      if (!o_.lexical_verbs &&
          (f == "," || f == ";" || f == ":" || f == "that" || doc_.words[t].upos == Upos::kSconj))
        break;
      // A coded verb ends it, unless the pattern took it as one of its words ("SUGGESTED *
      // DEMAND CONVENTIONS" on SHOULD); not TABARI's, whose clause only a conjunction ends
      // ("abandoned efforts to stop an anti- Gondor parade": the target is Gondor).
      if (!o_.lexical_verbs && doc_.words[t].upos == Upos::kVerb && HasOwnCode(t) &&
          std::find(pattern_words.begin(), pattern_words.end(), t) == pattern_words.end())
        break;
      if (o_.lexical_verbs && ClauseBreak(t)) break;
      if (v_.ActorAt(t) < 0 || doc_.words[t].upos == Upos::kPron || same_as_source(v_.ActorAt(t)))
        continue;
      Note("  target: the first actor after the verb in the sentence's order (parse fallback)");
      return WithConjuncts(v_.ActorAt(t));
    }
    return out;
  }

  void MarkClause(TokenIndex verb) {
    ws_.in_clause.assign(s_.size(), 0);
    std::vector<TokenIndex> stack = {verb};
    while (!stack.empty()) {
      TokenIndex t = stack.back();
      stack.pop_back();
      ws_.in_clause[t - s_.first_token] = 1;
      for (TokenIndex c : v_.Children(t)) {
        if (t == verb && (v_.Rel(c) == Deprel::kConj || v_.Rel(c) == Deprel::kParataxis)) continue;
        stack.push_back(c);
      }
    }
    if (!v_.parsed) ws_.in_clause.assign(s_.size(), 1);
    // The trigger's own clause: "allowed journalists to work where others report" keeps
    // "report" out of `allow + to report`. xcomp stays inside (verb + verb patterns).
    ws_.own_clause.assign(s_.size(), 0);
    stack = {verb};
    while (!stack.empty()) {
      TokenIndex t = stack.back();
      stack.pop_back();
      ws_.own_clause[t - s_.first_token] = 1;
      for (TokenIndex c : v_.Children(t)) {
        const Deprel r = v_.Rel(c);
        if (t == verb && r == Deprel::kConj) continue;
        if (r == Deprel::kCcomp || r == Deprel::kAdvcl || r == Deprel::kAdvclRelcl ||
            r == Deprel::kAcl || r == Deprel::kAclRelcl || r == Deprel::kParataxis ||
            r == Deprel::kCsubj || r == Deprel::kCsubjPass)
          continue;
        stack.push_back(c);
      }
    }
    if (!v_.parsed) ws_.own_clause.assign(s_.size(), 1);
  }

  bool Negated(TokenIndex verb) {
    for (TokenIndex c : v_.Children(verb)) {
      const std::string& f = v_.Folded(c);
      // The parser attaches "not" as advmod and sometimes as dep; the word decides.
      if ((f == "not" || f == "n't" || f == "never") && c < verb) return true;
    }
    return false;
  }

  bool Future(TokenIndex verb) {
    for (TokenIndex c : v_.Children(verb)) {
      if (v_.Rel(c) != Deprel::kAux) continue;
      const std::string& f = v_.Folded(c);
      // "would" is the future of reported speech ("said he would visit").
      if (f == "will" || f == "shall" || f == "'ll" || f == "would") return true;
    }
    return false;
  }

  // TABARI finds verbs by the dictionary, not by their tags: a dictionary word right after an
  // actor, which the tagger did not take for a verb ("Estonia departen from Libya", "Estonia
  // said it deplore from Libya").
  bool LexicalVerb(TokenIndex t) {
    if (!o_.lexical_verbs || t == s_.first_token || v_.ActorAt(t) >= 0) return false;
    const int32_t a = v_.ActorAt(t - 1);
    if (a < 0 || doc_.actors[a].end_token != t) return false;
    const Upos p = doc_.words[t].upos;
    return p == Upos::kNoun || p == Upos::kPropn || p == Upos::kAdj || p == Upos::kX ||
           p == Upos::kAdv;
  }

  // TABARI (manual 7.4): a dictionary verb after THE, A or AN, or capitalized in the middle of
  // a sentence that is not all capitals, is a noun ("is about To Restore ties", "the restore").
  bool TabariNoun(TokenIndex t) const {
    if (t == s_.first_token) return false;
    const std::string& before = v_.Folded(t - 1);
    if (before == "the" || before == "a" || before == "an") return true;
    const std::string_view text = doc_.SpanText(doc_.tokens[t].span);
    if (text.empty() || !std::isupper(static_cast<unsigned char>(text[0]))) return false;
    const std::string_view sentence = doc_.SpanText(s_.span);
    return std::any_of(sentence.begin(), sentence.end(),
                       [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
  }

  void CodeVerb(TokenIndex t, std::vector<Coding>& codings) {
    // TABARI's dictionary codes modals too ("SHOULD [101]"); such an auxiliary opens the
    // clause of the verb it serves.
    const bool lexical_aux = o_.lexical_verbs && v_.parsed && doc_.words[t].upos == Upos::kAux &&
                             v_.Rel(t) == Deprel::kAux && v_.Head(t) != kNoHead;
    // TABARI also codes a noun its verb dictionary lists ("VOICE [020]" in "raised its voice"),
    // here only through a pattern with words ("- RECENTLY { RAISED | OTTERED } ITS *").
    bool lexical_noun = o_.lexical_verbs && v_.parsed && !lexical_aux &&
                        doc_.words[t].upos == Upos::kNoun && v_.ActorAt(t) < 0 && !LexicalVerb(t) &&
                        v_.Rel(t) != Deprel::kRoot;
    // TABARI codes a clause's first coded verb: not such a noun after one (unless it codes
    // every event, CODE ALL).
    for (const Coding& c : codings) {
      if (!c.noun && !c.code.empty() && c.code != "---" &&
          o_.code_by != EventCoderOptions::CodeBy::kAll)
        lexical_noun = false;
    }
    if (v_.parsed && !LexicalVerb(t) && !lexical_aux && !lexical_noun) {
      const Upos u = doc_.words[t].upos;
      // A copular adjective heads its clause like a verb ("Iran is ready to talk").
      if (u != Upos::kVerb && !(u == Upos::kAux && v_.Children(t).size() > 1) &&
          !(u == Upos::kAdj && HasChild(t, Deprel::kCop)) && v_.Rel(t) != Deprel::kRoot)
        return;
      if (u == Upos::kAux && v_.Rel(t) == Deprel::kAux) return;
      // A root noun with a determiner is a noun phrase, not a verb the tagger missed ("Gollum
      // was in an accord with ...": PETRARCH-2's verbs are the parse's; its suite: "match to
      // verb ACCORD cancelled by determiner AN"). TABARI finds verbs by its dictionary.
      if ((u == Upos::kNoun || u == Upos::kPropn) && !o_.lexical_verbs &&
          HasChild(t, Deprel::kDet)) {
        if (trace_) Note("\"" + v_.Folded(t) + "\": a noun with a determiner, not a verb");
        return;
      }
    }
    std::vector<const VerbEntry*> entries = o_.verbs->Lookup(v_.Folded(t), v_.Lemma(t));
    if (entries.empty()) return;
    if (o_.lexical_verbs && TabariNoun(t)) {
      Note("\"" + v_.Folded(t) + "\": a noun after a determiner or by its capital (TABARI)");
      return;
    }
    MarkClause(lexical_aux ? v_.Head(t) : t);
    for (const VerbEntry* e : entries) {
      if (!ParticlesPresent(*e, t)) {
        if (trace_)
          Note("verb \"" + v_.Folded(t) + "\": entry " + o_.verbs->Origin(e->source, e->line) +
               " needs particles that are absent");
        continue;
      }
      const VerbBlock& block = o_.verbs->block(e->block);
      if (trace_)
        Note("verb \"" + std::string(doc_.SpanText(doc_.tokens[t].span)) + "\" (lemma " +
             std::string(v_.Lemma(t)) + "): block " + block.name + " [" + block.code + "] at " +
             o_.verbs->Origin(e->source, e->line) + ", " + std::to_string(block.patterns.size()) +
             " patterns");
      Coding c;
      c.verb = t;
      c.clause = t;
      bool matched = false;
      bool subject_target = false;
      bool no_target = false;
      bool p_has_words = false;
      Slots slots;
      for (const VerbPattern& p : block.patterns) {
        slots = Slots{};
        PatternMatcher m(v_, *o_.verbs, ws_.in_clause, ws_.own_clause, t, o_.noun_words_before,
                         o_.contiguous_noun_groups, o_.words_after_outside_complements);
        // The last pattern's partial slots stand when none matches: it always runs in full.
        if ((&p == &block.patterns.back() || PatternPossible(v_, *o_.verbs, p)) &&
            m.After(p.after, 0, t + 1, slots) && m.Before(p.before, p.before.size(), t, slots)) {
          c.code = p.code;
          c.paired = p.paired;
          c.rule = o_.verbs->Origin(p.source, p.line) + " - " + p.text;
          c.words = slots.words;
          matched = true;
          subject_target =
              p.subject_target || (o_.source_slot_subject_target && SourceAfterWithoutTarget(p));
          no_target = p.no_target;
          p_has_words = p.HasWords();
          if (trace_)
            Note("  pattern \"" + p.text + "\" [" + p.code + "] matched (" +
                 o_.verbs->Origin(p.source, p.line) + ")");
          // TABARI (manual 5.7.1): a match through alternatives counts the letters it matched;
          // the longer patterns after it are tried before it is accepted.
          if (block.longest_first && p.alternatives) {
            uint32_t matched_length = 0;
            for (TokenIndex w : slots.words) {
              for (char x : v_.Folded(w))
                matched_length += std::isalnum(static_cast<uint8_t>(x)) != 0;
            }
            for (const VerbPattern* q = &p + 1; q != block.patterns.data() + block.patterns.size();
                 ++q) {
              if (q->length <= matched_length) break;
              Slots longer;
              PatternMatcher mq(v_, *o_.verbs, ws_.in_clause, ws_.own_clause, t,
                                o_.noun_words_before, o_.contiguous_noun_groups,
                                o_.words_after_outside_complements);
              if (!mq.After(q->after, 0, t + 1, longer) ||
                  !mq.Before(q->before, q->before.size(), t, longer))
                continue;
              c.code = q->code;
              c.paired = q->paired;
              c.rule = o_.verbs->Origin(q->source, q->line) + " - " + q->text;
              c.words = longer.words;
              subject_target = q->subject_target ||
                               (o_.source_slot_subject_target && SourceAfterWithoutTarget(*q));
              no_target = q->no_target;
              p_has_words = q->HasWords();
              slots = longer;
              if (trace_)
                Note("  pattern \"" + q->text + "\" [" + q->code + "] is longer than the " +
                     std::to_string(matched_length) + " letters matched: it stands");
              break;
            }
          }
          break;
        }
        if (trace_ && p.HasWords()) {
          if (trace_)
            Note("  pattern \"" + p.text + "\" [" + p.code +
                 "] rejected: words or actors not found");
        }
      }
      if (lexical_noun && (!matched || !p_has_words)) {
        if (trace_) Note("  a noun: coded only through a pattern with words");
        return;
      }
      if (!matched) {
        c.code = !e->code.empty() ? e->code : block.code;
        c.paired = !e->code.empty() ? e->paired : block.paired;
        c.rule = o_.verbs->Origin(e->source, e->line) + " " + block.name;
        if (trace_) Note("  no pattern matched; the verb's own code [" + c.code + "]");
      }
      bool passive = false;
      if (subject_target) {
        // "+ receive aid from $": the subject receives; the `$` actor gives.
        c.targets = SubjectActors(t, passive);
        if (slots.source >= 0) c.sources = WithConjuncts(slots.source);
      } else {
        if (slots.source >= 0)
          c.sources = WithConjuncts(slots.source);
        else
          c.sources = SubjectActors(t, passive);
        // TABARI's source is the first actor of the clause (manual 5.8), not the parse's
        // subject ("Elrond, that Calimehtar attacked Gandalf": ELF 223 WIZ); a subject that
        // holds that actor ("Mordor, Rohan, Fornost and Bree welcomed") keeps its list.
        if (o_.lexical_verbs && slots.source < 0 && !passive) {
          std::vector<int32_t> first = ClauseFirstActor(t);
          if (!first.empty() &&
              std::find(c.sources.begin(), c.sources.end(), first[0]) == c.sources.end())
            c.sources = first;
        }
        SentenceOpeningList(c.sources);
        if (c.sources.empty() && slots.source < 0 && !passive && o_.phrase_targets)
          c.sources = FlatSource(t);
        if (slots.target >= 0)
          c.targets = WithConjuncts(slots.target);
        else if (!slots.compound && !no_target)
          c.targets = ObjectActors(t, passive, c.sources, c.words);
        // TABARI's target differs from the source (manual 5.8): an object that is the source
        // again ("burned down its embassy", ITS the source) gives way to the next actor.
        if (o_.distinct_targets && slots.target < 0 && !slots.compound && !no_target &&
            !c.targets.empty() && AllLikeSources(c.targets, c.sources)) {
          Note("  target: the object is the source again; the next actor after the verb (TABARI)");
          c.targets = LowerPhraseActors(t, c.sources, c.words);
        }
        // "- NOTED + *": a `+` before the verb that is the verb's own subject makes the
        // reporting clause's subject the source ("Gondor's Prime Minister noted that Cirith
        // Ungol regretted ...": GONGOV 115 MORMIL).
        if (slots.source < 0 && slots.target >= 0 && slots.target_before && v_.parsed &&
            std::find(c.sources.begin(), c.sources.end(), slots.target) != c.sources.end()) {
          const TokenIndex h = v_.Head(t);
          const Deprel r = v_.Rel(t);
          if (h != kNoHead && (r == Deprel::kCcomp || r == Deprel::kParataxis)) {
            bool upper_passive = false;
            std::vector<int32_t> upper = SubjectActors(h, upper_passive);
            if (!upper.empty()) {
              Note("  source: the subject of the clause reporting the `+` subject");
              c.sources = upper;
            }
          }
        }
      }
      if (!subject_target) DefaultSearch(t, c);
      c.negated = Negated(t);
      if (c.negated) {
        const bool pattern_says = PatternNamesNegation(c);
        auto negation = o_.negations.find(c.code);
        if (!pattern_says && negation != o_.negations.end()) {
          Note("  negated: " + c.code + " -> " + negation->second + " (the negated act's code)");
          c.rule = Join(c.rule, "negated " + c.code + " -> " + negation->second);
          c.code = negation->second;
          c.paired.clear();
        } else if (!pattern_says) {
          Note("  negated: not coded (CAMEO codes what happened, not what did not)");
          c.code = "---";
        }
      }
      c.future = Future(t);
      codings.push_back(std::move(c));
      return;
    }
  }

  bool HasChild(TokenIndex t, Deprel r) const {
    for (TokenIndex c : v_.Children(t)) {
      if (v_.Rel(c) == r) return true;
    }
    return false;
  }

  // The verb (or copular adjective) whose clause holds noun `t`: its head, climbing through
  // nouns ("pressure on Moscow over Syria") for at most three steps; kNoHead when none.
  TokenIndex GoverningVerb(TokenIndex t) const {
    TokenIndex u = t;
    for (int hops = 0; hops < 3; ++hops) {
      const Deprel r = v_.Rel(u);
      // The subject's noun is not the verb's act: "the visit is overdue".
      if (IsSubject(r) || r == Deprel::kNsubjPass || r == Deprel::kRoot) return kNoHead;
      u = v_.Head(u);
      if (u == kNoHead || u < s_.first_token || u >= s_.end_token) return kNoHead;
      const Upos p = doc_.words[u].upos;
      if (p == Upos::kVerb || (p == Upos::kAdj && HasChild(u, Deprel::kCop))) return u;
      if (p != Upos::kNoun && p != Upos::kPropn) return kNoHead;
    }
    return kNoHead;
  }

  // Nominal triggers ("~talks with +", "Kerry's visit to Moscow"): only through a pattern. The
  // source is the `$` slot, else the noun's possessor or `by` agent ("a visit by Obama"), else
  // the subject of the verb that governs the noun ("Kerry held talks with Lavrov").
  void CodeNoun(TokenIndex t, std::vector<Coding>& codings) {
    if (!v_.parsed || doc_.words[t].upos != Upos::kNoun) return;
    std::vector<const VerbEntry*> entries = o_.verbs->Lookup(v_.Folded(t), v_.Lemma(t), true);
    if (entries.empty()) return;
    MarkClause(t);
    for (const VerbEntry* e : entries) {
      const VerbBlock& block = o_.verbs->block(e->block);
      if (trace_)
        Note("noun \"" + std::string(doc_.SpanText(doc_.tokens[t].span)) + "\": block " +
             block.name + " at " + o_.verbs->Origin(e->source, e->line) + ", " +
             std::to_string(block.patterns.size()) + " patterns");
      Slots slots;
      const VerbPattern* hit = nullptr;
      for (const VerbPattern& p : block.patterns) {
        slots = Slots{};
        PatternMatcher m(v_, *o_.verbs, ws_.in_clause, ws_.own_clause, t, o_.noun_words_before,
                         o_.contiguous_noun_groups, o_.words_after_outside_complements);
        // The last pattern's partial slots stand when none matches: it always runs in full.
        if ((&p == &block.patterns.back() || PatternPossible(v_, *o_.verbs, p)) &&
            m.After(p.after, 0, t + 1, slots) && m.Before(p.before, p.before.size(), t, slots)) {
          hit = &p;
          break;
        }
        if (trace_)
          if (trace_)
            Note("  pattern \"" + p.text + "\" [" + p.code +
                 "] rejected: words or actors not found");
      }
      if (!hit) continue;
      if (trace_)
        Note("  pattern \"" + hit->text + "\" [" + hit->code + "] matched (" +
             o_.verbs->Origin(hit->source, hit->line) + ")");
      Coding c;
      c.verb = t;
      c.noun = true;
      const TokenIndex gov = GoverningVerb(t);
      c.clause = gov != kNoHead ? gov : t;
      c.code = hit->code;
      c.rule = o_.verbs->Origin(hit->source, hit->line) + " - " + hit->text;
      c.words = slots.words;
      bool passive = false;
      std::vector<int32_t> agents;
      for (TokenIndex d : v_.Children(t)) {
        const Deprel r = v_.Rel(d);
        if (r == Deprel::kNmodPoss) ActorsOf(d, agents);
        if (r == Deprel::kNmod || r == Deprel::kOblAgent) {
          for (TokenIndex g : v_.Children(d)) {
            if (v_.Rel(g) == Deprel::kCase && v_.Folded(g) == "by") ActorsOf(d, agents);
          }
        }
      }
      if (hit->subject_target) {
        if (gov != kNoHead) c.targets = SubjectActors(gov, passive);
        if (slots.source >= 0) c.sources.push_back(slots.source);
      } else {
        if (slots.source >= 0)
          c.sources.push_back(slots.source);
        else if (!agents.empty())
          c.sources = agents;
        else if (gov != kNoHead)
          c.sources = SubjectActors(gov, passive);
        if (slots.target >= 0) c.targets.push_back(slots.target);
      }
      if (gov != kNoHead) {
        c.negated = Negated(gov);
        c.future = Future(gov);
        if (c.negated) {
          Note("  governing verb negated: not coded");
          c.code = "---";
        }
      }
      codings.push_back(std::move(c));
      return;
    }
  }

  // A noun that a verb's pattern already used ("hold talks with +") is that verb's event.
  void DropNounsUsedByVerbs(std::vector<Coding>& codings) {
    std::vector<TokenIndex> used;
    for (const Coding& c : codings) {
      if (!c.noun && c.code != "---" && !c.code.empty())
        used.insert(used.end(), c.words.begin(), c.words.end());
    }
    std::erase_if(codings, [&](const Coding& c) {
      if (!c.noun || std::find(used.begin(), used.end(), c.verb) == used.end()) return false;
      Note("noun \"" + v_.Folded(c.verb) + "\": part of a verb's pattern, not coded again");
      return true;
    });
  }

  // Verb + verb: an xcomp or reported clause with its own event decides, modality may turn it
  // into an intent, and the dictionary's transformations apply.
  // Does the pattern that coded `c` take a negation among its words ("- * NOT EXTEND
  // DEADLINE", a synset holding "won't")?
  bool PatternNamesNegation(const Coding& c) const {
    for (TokenIndex w : c.words) {
      const std::string& f = v_.Folded(w);
      if (f == "not" || f == "n't" || f == "never") return true;
    }
    return false;
  }

  void Combine(std::vector<Coding>& codings) {
    auto find = [&](TokenIndex verb) -> Coding* {
      for (Coding& c : codings) {
        if (c.verb == verb) return &c;
      }
      return nullptr;
    };
    for (Coding& inner : codings) {
      if (inner.code.empty() || inner.code == "---") continue;
      const Deprel r = v_.Rel(inner.verb);
      Coding* outer = find(v_.Head(inner.verb));
      if (o_.modality && inner.future && !IntentOf(inner.code).empty()) {
        Note("future \"will\": " + inner.code + " -> " + IntentOf(inner.code));
        inner.rule = Join(inner.rule, "future -> intent " + IntentOf(inner.code));
        inner.code = IntentOf(inner.code);
        inner.paired.clear();
      }
      if (!outer) continue;
      if (r == Deprel::kXcomp) {
        // "agreed to help", "plans to visit": the inner act, as an intent where the outer verb
        // is one; the outer verb's own event gives way.
        const std::string outer_root = CameoTable::Root(outer->code);
        const std::string intent = IntentOf(inner.code);
        if (o_.modality && (outer_root == "03" || outer->future) && !intent.empty()) {
          Note("verb+verb: " + outer->code + " + " + inner.code + " -> " + intent);
          inner.rule = Join(inner.rule, "intent via " + outer->rule);
          inner.code = intent;
          inner.paired.clear();
        }
        if (inner.sources.empty()) inner.sources = outer->sources;
        // "won't try to clash over the efforts": not coded, unless the inner verb's pattern
        // names the negation ("UNEXPECTEDLY &NEGATVAUXVRB * OVER EFFORTS" [906]).
        if (outer->negated && !PatternNamesNegation(inner)) inner.code = "---";
        // TABARI codes verbs left to right, the first of a clause (CODE BY CLAUSE) or each (CODE
        // ALL, manual 7.6.1): the outer verb keeps its event ("asked Gondor to assist her" 090).
        if (!o_.lexical_verbs) outer->code = "---";
        if (o_.xcomp_drops_paired) outer->paired.clear();
      } else if (r == Deprel::kCcomp || r == Deprel::kParataxis) {
        // Reported speech: the transformation table decides whether the report adds an event.
        for (const VerbTransformation& tr : o_.verbs->transformations()) {
          if (tr.outer_word != v_.Lemma(outer->verb)) continue;
          if (tr.inner_word != "q" && tr.inner_word != v_.Lemma(inner.verb)) continue;
          const bool same_source =
              !inner.sources.empty() && !outer->sources.empty() &&
              doc_.actors[inner.sources[0]].code == doc_.actors[outer->sources[0]].code;
          if (tr.inner_source == 'a' && !same_source) continue;
          if (tr.inner_source == 'b' && same_source) continue;
          if (tr.inner_source == '_' && !inner.sources.empty()) continue;
          if (tr.result == "Q") break;
          Note("transformation " + o_.verbs->Origin(tr.source, tr.line) + " -> " + tr.result);
          outer->code = tr.result;
          outer->targets = tr.inner_source == 'a' ? inner.targets : inner.sources;
          outer->rule = Join(outer->rule, "transformation " + o_.verbs->Origin(tr.source, tr.line));
          inner.code = "---";
          break;
        }
      } else if (r == Deprel::kConj && inner.sources.empty()) {
        inner.sources = outer->sources;
      }
    }
  }

  const EventCoderOptions& o_;
  const Document& doc_;
  SentenceIndex si_;
  const Sentence& s_;
  EventCoderWorkspace& ws_;
  SentenceView& v_;
  std::string* trace_;
};

}  // namespace

Status EventCoder::Process(Document& doc, Workspace& workspace) const {
  auto& ws = static_cast<EventCoderWorkspace&>(workspace);
  doc.events.clear();
  doc.issues.clear();
  ws.IndexActors(doc);
  for (SentenceIndex si = 0; si < doc.sentences.size(); ++si) {
    bool story_discard = false;
    SentenceCoder coder(options_, doc, si, ws, nullptr);
    if (!coder.Code(doc.events, story_discard, &doc.issues) && story_discard) {
      doc.events.clear();
      // The story has no events, but the rest of its sentences still have their issues.
      for (++si; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        AppendIssueMentions(*options_.dictionary, doc, si,
                            options_.dictionary->Match(doc, s.first_token, s.end_token,
                                                       DictLayer::kIssues, *ws.dict_ws),
                            doc.issues);
      }
      return Status::Ok();
    }
  }
  if (options_.one_a_story) {
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    std::vector<Event> kept;
    for (Event& e : doc.events) {
      if (seen.insert({e.source, e.target, e.code}).second) kept.push_back(std::move(e));
    }
    doc.events = std::move(kept);
  }
  return Status::Ok();
}

std::string EventCoder::Explain(const Document& doc, SentenceIndex s) const {
  auto ws = NewWorkspace();
  std::string trace;
  std::vector<Event> events;
  bool story = false;
  static_cast<EventCoderWorkspace&>(*ws).IndexActors(doc);
  SentenceCoder coder(options_, doc, s, static_cast<EventCoderWorkspace&>(*ws), &trace);
  coder.Code(events, story, nullptr);
  if (events.empty()) trace += "no event\n";
  return trace;
}

}  // namespace dyad

namespace dyad {
namespace {
int CountWords(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}
bool Within(int n, int lo, int hi) { return hi > 0 && n >= lo && n <= hi; }
// A clause holding a conjunction is the tail of a list ("with Mordor, Rohan, Arnor and Bree"),
// which TABARI keeps.
bool ListTail(std::string_view s) {
  const std::string padded = " " + std::string(s) + " ";
  return padded.find(" and ") != std::string::npos || padded.find(" or ") != std::string::npos;
}
// A segment whose first words hold a conjunction ("Arnor and Bree welcomed", "and good Gondor").
bool ListHead(std::string_view s) {
  std::string first;
  int words = 0;
  for (size_t i = 0; i < s.size() && words <= 3; ++i) {
    first += s[i];
    if (s[i] == ' ' && i > 0 && s[i - 1] != ' ') ++words;
  }
  return ListTail(first);
}
bool Drops(std::string_view clause, int lo, int hi) {
  return Within(CountWords(clause), lo, hi) && !ListTail(clause);
}

}  // namespace

// TABARI (manual 8.6): the phrases between the sentence's commas, left to right. A kept phrase's
// closing comma opens the next phrase; an eliminated phrase takes its commas with it, so the
// phrase after it is not measured ("X, in remarks published on Monday, urged Eriador to ...":
// the internal phrase goes, the terminal one stays). A terminal phrase needs the sentence's final
// punctuation.
std::string DropCommaClauses(std::string_view s, const CommaClauseOptions& o) {
  if (!o.any()) return std::string(s);
  std::vector<size_t> commas;
  for (size_t i = 0; i + 1 < s.size(); ++i)
    if (s[i] == ',' && s[i + 1] == ' ') commas.push_back(i);
  if (commas.empty()) return std::string(s);
  size_t end = s.size();
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '"' || s[end - 1] == '\'')) --end;
  const bool final_punct = end > 0 && (s[end - 1] == '.' || s[end - 1] == '!' || s[end - 1] == '?');
  if (final_punct) --end;
  std::vector<char> drop(s.size(), 0);
  auto mark = [&](size_t from, size_t to) { std::fill(drop.begin() + from, drop.begin() + to, 1); };
  size_t k = 0;  // the comma that opens the next phrase
  if (o.bmax > 0 && Drops(s.substr(0, commas[0]), o.bmin, o.bmax)) {
    mark(0, commas[0] + 1);
    k = 1;
  }
  while (k < commas.size()) {
    if (k + 1 == commas.size()) {
      if (o.emax > 0 && final_punct && end > commas[k] &&
          Drops(s.substr(commas[k] + 1, end - commas[k] - 1), o.emin, o.emax))
        mark(commas[k], end);
      break;
    }
    // "Mordor, the Shire, Arnor and Bree": a phrase before a list's tail is a list element.
    const size_t next = k + 2 < commas.size() ? commas[k + 2] : s.size();
    if (o.max > 0 && Drops(s.substr(commas[k] + 1, commas[k + 1] - commas[k] - 1), o.min, o.max) &&
        !ListHead(s.substr(commas[k + 1] + 1, next - commas[k + 1] - 1))) {
      mark(commas[k], commas[k + 1]);
      k += 2;
    } else {
      k += 1;
    }
  }
  std::string out;
  for (size_t i = 0; i < s.size(); ++i)
    if (!drop[i] && !(out.empty() && s[i] == ' ')) out += s[i];
  return out;
}

}  // namespace dyad
