// Flat records of coded events, the common currency of the exporters, the store and the server.
//
// Part of dyad_export; the functions that make records and the writers that format them are in
// dyad/export/export.h. A Document's events become EventRecords (one per event, with the
// document's metadata copied in) and MentionRecords (one per report of an event, GDELT 2.0's
// mentions table); the store reads the same records back from its rows. Every export format
// (GDELT 2.0 events and mentions, ICEWS, Phoenix, PETRARCH, TABARI, PLOVER JSONL, CSV) is
// written from these records only, so `dyad code --format gdelt-events` and `dyad export
// --format gdelt-events` produce the same rows.
//
//   std::vector<EventRecord> events = EventRecordsFromDocument(doc);
//   std::string out;
//   DYAD_ASSIGN_OR_RETURN(auto w, NewEventRecordWriter("gdelt-events"));
//   for (const EventRecord& e : events) w->Append(e, out);
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "dyad/core/date.h"
#include "dyad/core/document.h"

namespace dyad {

// Where something happened, in GDELT's geography columns. geo_type as GDELT's Geo_Type:
// 0 none, 1 country, 2 US state, 3 US city, 4 world city, 5 world ADM1.
struct PlaceRecord {
  int geo_type = 0;
  std::string name;          // "Aleppo, Aleppo, Syria" (GDELT's Geo_FullName)
  std::string country_iso2;  // "SY"
  std::string country_fips;  // "SY" (FIPS 10-4, GDELT's Geo_CountryCode)
  std::string adm1;          // "SY09" (FIPS country + ADM1, as GDELT)
  std::string adm2;
  double lat = NAN, lon = NAN;
  std::string feature_id;    // GeoNames id as text ("170063"); "" when none
  Span evidence;             // the words naming the place; empty for dateline/story defaults
  std::string evidence_text;  // the text of `evidence`
  std::string how;           // how dyad_places found it: "clause", "dateline", "story", "actor" …
  bool empty() const { return geo_type == 0; }
};

struct EventRecord {
  int64_t event_id = 0;      // the store's id; 0 before the event is stored
  // The document.
  std::string doc_id;
  Date published;            // the document's publication date
  std::string publisher;     // DocumentMeta::source ("AFP")
  std::string url;
  std::string title;
  // The event.
  uint32_t sentence = 0;     // 1-based
  std::string sentence_text;
  Date date;                 // event date (publication date shifted by date_text)
  std::string date_text;
  std::string source, target;            // CAMEO actor codes
  std::string source_name, target_name;  // the words naming them ("Kerry", "Moscow")
  std::string code, root;                // "036", "03"
  int quad_class = 0;
  double goldstein = 0;
  std::string plover;
  std::vector<std::string> issues;
  bool is_root_event = false;  // in the first paragraph or sentence (GDELT's IsRootEvent)
  Span source_span, target_span, trigger_span;  // byte offsets into the document text
  std::string trigger_text;
  std::string rule;
  // Counts over the reports of the event (1 for an event seen once).
  int num_mentions = 1, num_sources = 1, num_articles = 1;
  double tone = 0;             // the document's tone, -100..+100 (GDELT's AvgTone)
  Tone event_tone;             // the tone of the event's sentence (Event::tone; JSONL's "tone")
  // Where the event happened (Event::place) and where its source and target are when the text
  // says so (Event::source_place, target_place); empty without dyad_places.
  PlaceRecord source_place, target_place, action_place;
  std::string date_added;      // UTC "YYYYMMDDHHMMSS" when the event was stored or coded
};

// One report of an event (GDELT 2.0 mentions table).
struct MentionRecord {
  int64_t event_id = 0;
  Date event_date;
  std::string event_time;      // the event's DATEADDED "YYYYMMDDHHMMSS" (GDELT's EventTimeDate)
  std::string mention_time;    // "YYYYMMDDHHMMSS" (publication date at 000000 when unknown)
  int mention_type = 1;        // 1 web (identifier is a URL), 2 citation only
  std::string source_name;     // publisher
  std::string identifier;      // URL, or the document id when there is none
  uint32_t sentence = 0;       // 1-based
  int64_t source_offset = -1, target_offset = -1, trigger_offset = -1;  // byte offsets, -1 none
  bool in_raw_text = true;
  int confidence = 100;
  uint64_t doc_length = 0;     // bytes
  double doc_tone = 0;
};

}  // namespace dyad
