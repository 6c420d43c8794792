// Export: a Document's events as flat records, and the writers for every event format the field
// uses (GDELT 2.0 events and mentions, ICEWS, Phoenix, PETRARCH, TABARI, PLOVER JSONL, CSV, and
// dyad's own JSON Lines).
//
// Part of dyad_export, after dyad_events. `dyad code --format F` and `dyad export --db PATH
// --format F` both go through these writers, so a format has exactly one implementation. The
// column lists and where they come from are in README.md ("Export formats").
//
//   std::vector<EventRecord> events = EventRecordsFromDocument(doc, {.date_added = ""});
//   DYAD_ASSIGN_OR_RETURN(auto w, NewEventRecordWriter("gdelt-events"));
//   std::string out;
//   w->Header(out);                                   // nothing: GDELT files have no header
//   for (const EventRecord& e : events) w->Append(e, out);
//   // mentions: NewMentionRecordWriter("gdelt-mentions") over MentionRecordsFromDocument(doc)
//
// Writers are immutable after creation and thread-safe: many threads may Append at once.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/core/status.h"
#include "dyad/export/records.h"

namespace dyad {

struct RecordOptions {
  // DATEADDED of every record, UTC "YYYYMMDDHHMMSS". Empty (the default): the publication date
  // at 000000, or the event's date when the publication date is unknown, so the same input
  // always gives the same output. ValidateDateAdded() checks a value from the command line.
  std::string date_added;
};

// One EventRecord per Document::events element, in order, with the document's metadata copied
// in. source_name / target_name / trigger_text are the evidence spans' text, sentence_text the
// sentence's. is_root_event (GDELT's IsRootEvent, "the event is in the lead paragraph") is true
// for events in the first paragraph of the body and for events in the first sentence (a story
// without paragraph breaks still has a lead). event_id is StableEventId(doc id, index); the
// store may replace it with its own row id. Places (action_place = Event::place, source_place,
// target_place) and event_tone come from the Event, tone from Document::tone (all empty or 0
// when dyad_places did not run).
std::vector<EventRecord> EventRecordsFromDocument(const Document& doc,
                                                  const RecordOptions& options = {});

// One MentionRecord per event (each event is one report in this document): the same event_id
// as EventRecordsFromDocument, byte offsets of source, target and trigger, the document length
// in bytes, mention_time = event_time = the records' DATEADDED.
std::vector<MentionRecord> MentionRecordsFromDocument(const Document& doc,
                                                      const RecordOptions& options = {});

// A positive 63-bit id from the document id and the event's index in Document::events
// (FNV-1a), the same on every run and machine.
int64_t StableEventId(std::string_view doc_id, size_t event_index);

// "example.org" from "https://user@example.org:8080/a/b"; "" when `url` has no scheme. GDELT's
// MentionSourceName for a report without a publisher (the store fills mentions with it too).
std::string UrlHost(std::string_view url);

// OK for "" and for 14 digits that read as a UTC date and time "YYYYMMDDHHMMSS"; otherwise
// InvalidArgument naming the value.
Status ValidateDateAdded(std::string_view date_added);

// A CAMEO actor code taken apart as the CAMEO manual (1.1b3, "Hierarchical rules of coding")
// builds it: three-letter groups from general to specific. GDELT 2.0 fills its Actor*
// CountryCode / KnownGroupCode / EthnicCode / Religion*Code / Type*Code columns from these.
struct CameoActorParts {
  std::string country;      // a country ("USA") or international region ("WST", "MEA") code
  std::string known_group;  // an organisation's own code: "UNO" in IGOUNO, "ALQ" in IMGMOSALQ
  std::string ethnic;       // a CAMEO ethnic code (lower case, "kur")
  std::string religion1;    // a CAMEO religion ("CHR", "MOS")
  std::string religion2;    // its denomination ("CTH" in CHRCTH) or a second religion
  std::array<std::string, 3> types;  // role / sector codes in order: GOV, MIL, REB, IGO, NGO …
};
// Rules: "---" (no country) is skipped; a lower-case group is ethnic; a religion code (the
// first groups of the CAMEO religion scheme, REL CHR MOS JEW …, and MUS as the PETRARCH
// dictionaries write Muslim) fills religion1, then a denomination or another religion fills
// religion2; role codes (the manual's primary, secondary and tertiary roles, PTY, and the
// international types IGO IMG INT MNC NGM NGO UIS) fill types; the first group of a code is
// otherwise its country; later groups are a country when dyad's country dictionary or the
// manual's region table lists them ("NGOUSA"), else the first one is the known group.
// Partial trailing groups (a code whose length is not a multiple of 3) are ignored.
CameoActorParts SplitCameoActorCode(std::string_view code);

// The country's name in dyad's country dictionary (data/dict/actors/countries.txt: the first
// `name` phrase, "United States"), or "" for a code it does not list.
std::string_view CountryName(std::string_view code);

// A latitude or longitude as the tabular formats write it: at most 5 decimals (about a metre;
// the gazetteer keeps single-precision floats, whose full expansion is noise), trailing zeros
// dropped: "48.85341", "-8"; "" for NaN.
std::string FormatCoordinate(double degrees);

// A resolved place as a record; evidence_text is the evidence span's text in `doc`.
PlaceRecord PlaceRecordFrom(const Document& doc, const GeoPlace& place);

// dyad's JSON for a place: {"name":…,"geo_type":4,"country":"SY","fips":"SY","adm1":"SY09",
// "lat":36.20124,"lon":37.16117,"feature_id":"170063","how":"clause","evidence":{"begin":…,
// "end":…,"text":…}|null}, or null for an empty place. Coordinates with 5 decimals.
void AppendPlaceJson(const PlaceRecord& place, std::string& out);
// {"tone":-2.50,"positive":1.25,"negative":3.75,"words":80}
void AppendToneJson(const Tone& tone, std::string& out);

// Writes EventRecords in one format. Immutable; Header and Append may be called from any thread.
class EventRecordWriter {
 public:
  virtual ~EventRecordWriter() = default;
  // Appends the format's header line, if it has one (csv, icews); otherwise nothing.
  virtual void Header(std::string& out) const {}
  // Appends one record: a line (or, for no format so far, several).
  virtual void Append(const EventRecord& record, std::string& out) const = 0;
  // Columns per line for the tabular formats; 0 for JSON formats.
  virtual size_t columns() const = 0;
};

// "jsonl" (dyad code's own lines), "petrarch", "phoenix", "tabari", "gdelt-events", "icews",
// "plover", "csv". InvalidArgument for another name, listing these.
StatusOr<std::unique_ptr<EventRecordWriter>> NewEventRecordWriter(std::string_view format);
// The formats NewEventRecordWriter knows, in the order above.
std::span<const std::string_view> EventRecordFormats();

// Writes MentionRecords. Immutable and thread-safe like EventRecordWriter.
class MentionRecordWriter {
 public:
  virtual ~MentionRecordWriter() = default;
  virtual void Header(std::string& out) const {}
  virtual void Append(const MentionRecord& record, std::string& out) const = 0;
  virtual size_t columns() const = 0;
};

// "gdelt-mentions": GDELT 2.0's Mentions table, 16 tab-separated columns.
StatusOr<std::unique_ptr<MentionRecordWriter>> NewMentionRecordWriter(std::string_view format);

}  // namespace dyad
