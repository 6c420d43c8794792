// Document: one news story flowing through the pipeline, its original bytes and the span
// layers the stages add.
//
// Part of dyad_core. A reader fills `text` (valid UTF-8, as read) and `meta`; each later
// stage appends a layer whose elements point into `text` with [begin, end) byte offsets.
// No stage rewrites `text`, so every token, entity or event can show the exact words behind it.
//
//   Document doc;
//   doc.text = "MOSCOW, April 30 (AFP) - Kerry said ...";
//   segmenter->Process(doc, *workspace);        // fills doc.body_begin, sentences, tokens
//   for (const Sentence& s : doc.sentences) std::cout << doc.SpanText(s.span) << "\n";
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/core/date.h"
#include "dyad/core/tags.h"

namespace dyad {

using ByteOffset = uint32_t;     // offset into Document::text (documents are < 4 GiB)
using TokenIndex = uint32_t;     // index into Document::tokens
using SentenceIndex = uint32_t;  // index into Document::sentences

// A [begin, end) byte range of Document::text.
struct Span {
  ByteOffset begin = 0;
  ByteOffset end = 0;
  ByteOffset size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

// Where a publication date came from.
enum class DateSource : uint8_t {
  kNone = 0,    // unknown: a warning was issued
  kMetadata,    // the record's date field / attribute / file name
  kDateline,    // a wire dateline at the top of the text ("MOSCOW, April 30 (AFP) -")
  kDefault,     // the run's --date
};
const char* DateSourceName(DateSource s);

struct DocumentMeta {
  std::string id;              // record id; readers make one when the input has none
  Date date;                   // publication date; empty when unknown
  DateSource date_source = DateSource::kNone;
  std::string source;          // publisher or agency ("AFP")
  std::string url;
  std::string title;
  std::string dateline;        // the dateline text as written, without the trailing dash
  std::string dateline_place;  // "MOSCOW"; empty when there is no dateline
  std::string origin;          // "file:line" of the record, for messages
  // Other fields the reader kept, in input order: ("category", "DEMO"), ("comment", "...")
  // from TABARI comments, ("EventCoding", "ARN GON 064") from PETRARCH records.
  std::vector<std::pair<std::string, std::string>> extra;
};

// A token in UD's sense of a syntactic word ("do" and "n't" are two tokens). Tokens that
// were written as one orthographic word ("don't", "Russia's") are chained with kJoinedToNext
// so writers can emit CoNLL-U multiword ranges and evaluation can score surface tokens.
struct Token {
  enum Flags : uint8_t {
    kNone = 0,
    kJoinedToNext = 1,   // the next token is part of the same surface word
    kSpaceAfter = 2,     // whitespace follows in the text
  };
  Span span;
  uint8_t flags = kNone;
  bool joined_to_next() const { return flags & kJoinedToNext; }
  bool space_after() const { return flags & kSpaceAfter; }
};

struct Sentence {
  Span span;                  // from the first token's begin to the last token's end
  TokenIndex first_token = 0; // [first_token, end_token) in Document::tokens
  TokenIndex end_token = 0;
  uint32_t paragraph = 0;     // 0-based paragraph number within the body
  TokenIndex size() const { return end_token - first_token; }
};

inline constexpr TokenIndex kNoHead = 0xFFFFFFFFu;

// What the tagger and parser say about one token; Document::words is parallel to tokens.
struct WordAnalysis {
  std::string lemma;              // dyad_tag: lower-case dictionary form ("visit" for "visited")
  Upos upos = Upos::kX;           // dyad_tag
  Xpos xpos = 0;                  // dyad_tag: index into XposName(); 0 = unknown
  Deprel deprel = Deprel::kDep;   // dyad_parse
  TokenIndex head = kNoHead;      // dyad_parse: index into Document::tokens; kNoHead for root
};

// A named entity found by dyad_ner: tokens [first_token, end_token) of one sentence.
struct Entity {
  SentenceIndex sentence = 0;
  TokenIndex first_token = 0;
  TokenIndex end_token = 0;
  Span span;
  EntityType type = EntityType::kMisc;
};

// An actor mention found by dyad_actors: tokens [first_token, end_token) coded as `code`.
struct ActorMention {
  SentenceIndex sentence = 0;
  TokenIndex first_token = 0;
  TokenIndex end_token = 0;
  Span span;
  std::string code;   // CAMEO actor code ("USAGOV"); "---GOV" for a role with no country
  std::string how;    // why: "actors/people-americas.txt:812", "title rule: …", "pronoun -> 3 (Kerry)"
  std::string entry;  // "file:line" of the dictionary entry behind the code; "" for pronouns
  int32_t coref_of = -1;  // index into Document::actors of the mention this one refers back to
  char gender = 0;        // 'm' or 'f' when known (people), else 0
  bool plural = false;    // "officials", "Moscow and Washington", "they"
};

// Where something is, resolved against dyad_places' gazetteer. Field names follow
// dyad::PlaceRecord (GDELT's geography columns), so exporters copy them one to one.
// geo_type as GDELT's Geo_Type: 0 none, 1 country, 2 US state, 3 US city, 4 world city, 5 world ADM1.
struct GeoPlace {
  int geo_type = 0;
  std::string name;          // full name "Aleppo, Aleppo, Syria" (GDELT's Geo_FullName)
  std::string country_iso2;  // "SY"
  std::string country_fips;  // "SY" (FIPS 10-4, GDELT's Geo_CountryCode)
  std::string adm1;          // "SY09": FIPS country + the GeoNames admin1 code
  double lat = NAN, lon = NAN;
  std::string feature_id;    // GeoNames id as text ("170063"); the ADM1 or FIPS code for those
  Span evidence;             // the words naming the place; empty for dateline and story defaults
  std::string how;           // "clause", "dateline", "story", "actor" and the resolution's reason
  bool empty() const { return geo_type == 0; }
};

// Lexicon tone of a text (dyad_places), GDELT AvgTone-like: percentages of the words.
struct Tone {
  double tone = 0;      // positive - negative, -100 .. +100
  double positive = 0;  // % of words with a positive lexicon score
  double negative = 0;  // % of words with a negative lexicon score
  uint32_t words = 0;   // words counted (tokens with a letter or digit)
};

// A place named in the text (dyad_places): tokens [first_token, end_token) of one sentence.
struct PlaceMention {
  SentenceIndex sentence = 0;
  TokenIndex first_token = 0;
  TokenIndex end_token = 0;
  Span span;
  int32_t entry = -1;  // gazetteer entry it resolves to; -1 for a locative phrase not in it
  GeoPlace place;      // the resolved place (empty when entry is -1)
};

// An issue phrase of the actor dictionaries found by dyad_events ("ethnic cleansing"):
// tokens [first_token, end_token) of one sentence and the issue code it gives on the story's date.
struct IssueMention {
  SentenceIndex sentence = 0;
  TokenIndex first_token = 0;
  TokenIndex end_token = 0;
  Span span;
  std::string code;  // "ETHNIC"
};

// An event coded by dyad_events: `source` did `code` to `target` in sentence `sentence`.
struct Event {
  SentenceIndex sentence = 0;
  std::string source;      // CAMEO actor code ("USAGOV"); "" when the source is unknown
  std::string target;      // "" for an event without a target
  std::string code;        // CAMEO event code ("036")
  std::string root;        // its two-digit root ("03")
  uint8_t quad_class = 0;  // 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material
  double goldstein = 0;    // -10 .. +10 (0 when the code table lacks the code)
  std::string plover;      // PLOVER event type ("CONSULT"); "" when unknown
  std::vector<std::string> issues;  // issue codes of the sentence ("HUMAN_RIGHTS")
  Date date;               // the publication date shifted by `date_text`
  std::string date_text;   // the temporal expression as written ("last week"); "" for none
  Span source_span, target_span, trigger_span;  // evidence; empty when absent
  int32_t source_actor = -1, target_actor = -1; // indexes into Document::actors, or -1
  std::string rule;        // "CAMEO.2.0.txt:812 - * (FOR AID)" and the coding steps applied
  // dyad_places: where it happened, where source and target are when stated, and the tone of
  // its sentence.
  GeoPlace place, source_place, target_place;
  Tone tone;
};

// What a compiled dictionary (dyad_dict) looked each token up as, kept so that the stages that
// match one dictionary over a document look each word up once: the actor coder fills it
// (Dictionary::Label) and the event coder's matches read it. Only dyad_dict reads the fields.
struct TokenLabels {
  uint64_t dictionary = 0;       // serial of the Dictionary that filled it; 0 = none
  std::vector<uint32_t> begin;   // token t's labels are labels[begin[t] .. begin[t + 1])
  std::vector<uint32_t> labels;  // vocabulary ids and how they compare
  std::vector<uint8_t> flags;    // by token: the layers a phrase may begin in, punctuation
};

// A story and its layers. Movable, not shared between threads while a stage works on it.
struct Document {
  std::string text;  // original bytes (valid UTF-8; readers repair and count invalid bytes)
  DocumentMeta meta;
  std::vector<std::string> warnings;  // per-document notes for the run report

  // Layers added by dyad_text's segmenter.
  ByteOffset body_begin = 0;  // text before this offset is the dateline, not a sentence
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  // Layers added by dyad_tag and dyad_parse (parallel to tokens), dyad_ner and dyad_actors.
  std::vector<WordAnalysis> words;
  std::vector<Entity> entities;
  std::vector<ActorMention> actors;
  std::vector<Event> events;  // dyad_events
  // dyad_events: the issue phrases of every sentence, discarded ones included (the story's
  // themes), in text order.
  std::vector<IssueMention> issues;
  std::vector<PlaceMention> places;  // dyad_places
  TokenLabels token_labels;          // dyad_dict: stale once tokens or words change
  Tone tone;                         // dyad_places

  std::string_view SpanText(Span s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
  // Clears all layers (keeps text and meta), e.g. before re-running the stages.
  void ClearLayers();
};

}  // namespace dyad
