#include "dyad/export/export.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

// The tables below name only the fields a case sets; the rest are empty on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace dyad {
namespace {

std::string Joined(const std::vector<std::string>& fields, char sep, const char* end = "\n") {
  std::string s;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) s += sep;
    s += fields[i];
  }
  return s + end;
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == sep)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

// A hand-made record with every field a writer reads.
EventRecord Kerry() {
  EventRecord e;
  e.event_id = 42;
  e.doc_id = "afp-1";
  e.published = {2013, 4, 30};
  e.publisher = "AFP";
  e.url = "http://example.org/a";
  e.title = "Kerry in Moscow";
  e.sentence = 2;
  e.sentence_text = "Kerry met Lavrov.";
  e.date = {2013, 5, 7};
  e.date_text = "next week";
  e.source = "USAGOV";
  e.source_name = "Kerry";
  e.target = "RUSGOV";
  e.target_name = "Lavrov";
  e.code = "036";
  e.root = "03";
  e.quad_class = 1;
  e.goldstein = 4.0;
  e.plover = "AGREE";
  e.issues = {"PEACE", "TALKS"};
  e.is_root_event = true;
  e.source_span = {100, 105};
  e.target_span = {110, 116};
  e.trigger_span = {106, 109};
  e.trigger_text = "met";
  e.rule = "verbs/consult.txt:12";
  e.tone = -2.5;
  e.event_tone = {.tone = -12.5, .positive = 0, .negative = 12.5, .words = 8};
  // As dyad_places resolves "in Moscow" (GeoNames 524901, admin1 48 = Moscow city).
  e.action_place = {.geo_type = 4,
                    .name = "Moscow, Moscow, Russia",
                    .country_iso2 = "RU",
                    .country_fips = "RS",
                    .adm1 = "RS48",
                    .lat = 55.75222,
                    .lon = 37.61556,
                    .feature_id = "524901",
                    .evidence = {120, 126},
                    .evidence_text = "Moscow",
                    .how = "clause"};
  e.date_added = "20130430000000";
  return e;
}

std::string Write(std::string_view format, const EventRecord& e, bool header = false) {
  auto w = NewEventRecordWriter(format);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  std::string out;
  if (header) (*w)->Header(out);
  (*w)->Append(e, out);
  return out;
}

// ---- actor codes ---------------------------------------------------------------------------

TEST(SplitCameoActorCode, CameoManualShapes) {
  struct Case {
    const char* code;
    CameoActorParts want;
  };
  const Case cases[] = {
      {"", {}},
      {"USAGOV", {.country = "USA", .types = {"GOV", "", ""}}},
      {"SYRREB", {.country = "SYR", .types = {"REB", "", ""}}},
      {"USAMILGOV", {.country = "USA", .types = {"MIL", "GOV", ""}}},
      {"IGOUNO", {.known_group = "UNO", .types = {"IGO", "", ""}}},
      {"IGOUNOREFHCR", {.known_group = "UNO", .types = {"IGO", "REF", ""}}},
      {"IGOWSTNAT", {.country = "WST", .known_group = "NAT", .types = {"IGO", "", ""}}},
      {"NGOUSA", {.country = "USA", .types = {"NGO", "", ""}}},
      {"IMGMOSALQ", {.known_group = "ALQ", .religion1 = "MOS", .types = {"IMG", "", ""}}},
      {"CHRMOS", {.religion1 = "CHR", .religion2 = "MOS"}},
      {"CHRCTH", {.religion1 = "CHR", .religion2 = "CTH"}},
      {"IRQREBMUSSHI",
       {.country = "IRQ", .religion1 = "MUS", .religion2 = "SHI", .types = {"REB", "", ""}}},
      {"IRQkur", {.country = "IRQ", .ethnic = "kur"}},
      {"---GOV", {.types = {"GOV", "", ""}}},
      {"GBROPPPTYLAB", {.country = "GBR", .types = {"OPP", "PTY", "LAB"}}},
      {"USAGOVMILLEGEDU", {.country = "USA", .types = {"GOV", "MIL", "LEG"}}},
      {"ISRGOVLKD", {.country = "ISR", .known_group = "LKD", .types = {"GOV", "", ""}}},
      {"LAM", {.country = "LAM"}},
      {"USAGO", {.country = "USA"}},  // a partial group is ignored
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    CameoActorParts p = SplitCameoActorCode(c.code);
    EXPECT_EQ(p.country, c.want.country);
    EXPECT_EQ(p.known_group, c.want.known_group);
    EXPECT_EQ(p.ethnic, c.want.ethnic);
    EXPECT_EQ(p.religion1, c.want.religion1);
    EXPECT_EQ(p.religion2, c.want.religion2);
    EXPECT_EQ(p.types, c.want.types);
  }
}

TEST(CountryName, FromDyadsCountryDictionary) {
  EXPECT_EQ(CountryName("USA"), "United States");
  EXPECT_EQ(CountryName("RUS"), "Russia");
  EXPECT_EQ(CountryName("XYZ"), "");
  EXPECT_EQ(CountryName(""), "");
}

// ---- records from a Document -----------------------------------------------------------

Document TwoParagraphs() {
  Document doc;
  doc.text = "Kerry met Lavrov.\nLater Kerry praised Moscow.";
  doc.meta.id = "doc-7";
  doc.meta.date = {2013, 4, 30};
  doc.meta.source = "AFP";
  doc.meta.url = "http://example.org/7";
  doc.sentences = {{.span = {0, 17}, .paragraph = 0}, {.span = {18, 45}, .paragraph = 1}};
  Event a;
  a.sentence = 0;
  a.source = "USAGOV";
  a.target = "RUSGOV";
  a.code = "036";
  a.root = "03";
  a.date = {2013, 4, 30};
  a.source_span = {0, 5};
  a.target_span = {10, 16};
  a.trigger_span = {6, 9};
  Event b = a;
  b.sentence = 1;
  b.code = "051";
  b.root = "05";
  b.target = "RUS";
  b.source_span = {24, 29};
  b.target_span = {38, 44};
  b.trigger_span = {30, 37};
  doc.events = {a, b};
  return doc;
}

TEST(EventRecordsFromDocument, EvidenceTextSentencesAndLead) {
  Document doc = TwoParagraphs();
  std::vector<EventRecord> r = EventRecordsFromDocument(doc);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].doc_id, "doc-7");
  EXPECT_EQ(r[0].sentence, 1u);
  EXPECT_EQ(r[0].sentence_text, "Kerry met Lavrov.");
  EXPECT_EQ(r[0].source_name, "Kerry");
  EXPECT_EQ(r[0].target_name, "Lavrov");
  EXPECT_EQ(r[0].trigger_text, "met");
  EXPECT_TRUE(r[0].is_root_event);
  EXPECT_EQ(r[1].sentence, 2u);
  EXPECT_EQ(r[1].trigger_text, "praised");
  EXPECT_EQ(r[1].target_name, "Moscow");
  EXPECT_FALSE(r[1].is_root_event);  // second paragraph
  EXPECT_EQ(r[0].publisher, "AFP");
  // Deterministic DATEADDED: the publication date at midnight, unless one is supplied.
  EXPECT_EQ(r[0].date_added, "20130430000000");
  EXPECT_EQ(EventRecordsFromDocument(doc, {.date_added = "20200101120000"})[1].date_added,
            "20200101120000");
  // Ids: stable, distinct, shared with the mentions.
  EXPECT_EQ(r[0].event_id, StableEventId("doc-7", 0));
  EXPECT_NE(r[0].event_id, r[1].event_id);
  EXPECT_GT(r[0].event_id, 0);
  std::vector<MentionRecord> m = MentionRecordsFromDocument(doc);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1].event_id, r[1].event_id);
  EXPECT_EQ(m[1].source_offset, 24);
  EXPECT_EQ(m[1].trigger_offset, 30);
  EXPECT_EQ(m[1].doc_length, doc.text.size());
  EXPECT_EQ(m[1].identifier, "http://example.org/7");
  EXPECT_EQ(m[1].mention_type, 1);
  EXPECT_EQ(m[1].event_time, "20130430000000");
}

TEST(EventRecordsFromDocument, FirstSentenceIsLeadWithoutParagraphs) {
  Document doc = TwoParagraphs();
  doc.sentences[0].paragraph = 3;  // e.g. a body that starts after numbered paragraphs
  EXPECT_TRUE(EventRecordsFromDocument(doc)[0].is_root_event);
  doc.meta.url.clear();
  doc.meta.date = {};
  std::vector<MentionRecord> m = MentionRecordsFromDocument(doc);
  EXPECT_EQ(m[0].identifier, "doc-7");
  EXPECT_EQ(m[0].source_name, "AFP");
  doc.meta.source.clear();
  doc.meta.url = "https://user@news.example.org:8080/a/b?c";
  EXPECT_EQ(MentionRecordsFromDocument(doc)[0].source_name, "news.example.org");
  EXPECT_EQ(m[0].mention_type, 2);
  EXPECT_EQ(m[0].event_time, "20130430000000");  // the event's date when publication is unknown
  EXPECT_TRUE(EventRecordsFromDocument(Document{}).empty());
}

TEST(ValidateDateAdded, AcceptsUtcTimestampsOnly) {
  EXPECT_TRUE(ValidateDateAdded("").ok());
  EXPECT_TRUE(ValidateDateAdded("20130430235959").ok());
  for (const char* bad :
       {"2013043012000", "2013-04-30", "20130230120000", "20130430250000", "2013043012000x"})
    EXPECT_FALSE(ValidateDateAdded(bad).ok()) << bad;
}

// ---- formats: column counts and one golden row each ----------------------------------------

TEST(Writers, ColumnCounts) {
  const std::pair<const char*, size_t> tabular[] = {
      {"petrarch", 7}, {"tabari", 4}, {"phoenix", 26}, {"gdelt-events", 61}, {"icews", 20}};
  EventRecord e = Kerry();
  for (auto [format, n] : tabular) {
    SCOPED_TRACE(format);
    auto w = NewEventRecordWriter(format);
    ASSERT_TRUE(w.ok());
    EXPECT_EQ((*w)->columns(), n);
    std::string line;
    (*w)->Append(e, line);
    ASSERT_EQ(line.back(), '\n');
    line.pop_back();
    EXPECT_EQ(Split(line, '\t').size(), n);
    // An empty record keeps every column.
    line.clear();
    (*w)->Append(EventRecord{}, line);
    line.pop_back();
    EXPECT_EQ(Split(line, '\t').size(), n);
  }
  auto m = NewMentionRecordWriter("gdelt-mentions");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->columns(), 16u);
  std::string line;
  (*m)->Append(MentionRecord{}, line);
  line.pop_back();
  EXPECT_EQ(Split(line, '\t').size(), 16u);
  auto csv = NewEventRecordWriter("csv");
  ASSERT_TRUE(csv.ok());
  std::string header;
  (*csv)->Header(header);
  EXPECT_EQ(Split(header.substr(0, header.size() - 2), ',').size(), (*csv)->columns());
  EXPECT_EQ((*csv)->columns(), 67u);
}

TEST(FormatCoordinate, FiveDecimalsAtMost) {
  EXPECT_EQ(FormatCoordinate(48.85340881347656), "48.85341");  // a float's expansion
  EXPECT_EQ(FormatCoordinate(-8.0), "-8");
  EXPECT_EQ(FormatCoordinate(36.2), "36.2");
  EXPECT_EQ(FormatCoordinate(-0.000001), "0");
  EXPECT_EQ(FormatCoordinate(NAN), "");
}

TEST(Writers, UnknownFormat) {
  auto w = NewEventRecordWriter("gdelt");
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("gdelt-events"), std::string::npos);
  EXPECT_FALSE(NewMentionRecordWriter("gdelt-events").ok());
  for (std::string_view f : EventRecordFormats()) EXPECT_TRUE(NewEventRecordWriter(f).ok()) << f;
}

TEST(Writers, GdeltEventsGoldenRow) {
  const std::string no_place = "0\t\t\t\t\t\t\t";
  // clang-format off
  std::string want = Joined(
      {"42", "20130507", "201305", "2013", "2013.4301",                        // date columns
       "USAGOV", "Kerry", "USA", "", "", "", "", "GOV", "", "",                // Actor1
       "RUSGOV", "Lavrov", "RUS", "", "", "", "", "GOV", "", "",               // Actor2
       "1", "036", "036", "03", "1", "4.0", "1", "1", "1", "-2.5",             // event, AvgTone
       no_place, no_place,                                                     // Actor1Geo, Actor2Geo
       "4", "Moscow, Moscow, Russia", "RS", "RS48", "", "55.75222", "37.61556", "524901",  // ActionGeo
       "20130430000000", "http://example.org/a"},
      '\t');
  // clang-format on
  EXPECT_EQ(Write("gdelt-events", Kerry()), want);

  // An actor's place (Actor1Geo: "Syrian rebels in Homs") and a country-level place (Type 1).
  EventRecord e = Kerry();
  e.code = "0311";
  e.source_place = {.geo_type = 4,
                    .name = "Homs, Homs, Syria",
                    .country_fips = "SY",
                    .adm1 = "SY11",
                    .lat = 34.72682,
                    .lon = 36.72339,
                    .feature_id = "169577"};
  e.action_place = {.geo_type = 1,
                    .name = "Syria",
                    .country_fips = "SY",
                    .lat = 35,
                    .lon = 38,
                    .feature_id = "SY"};
  std::vector<std::string> f = Split(Write("gdelt-events", e), '\t');
  EXPECT_EQ(f[26], "0311");
  EXPECT_EQ(f[27], "031");  // EventBaseCode
  EXPECT_EQ(f[35], "4");    // Actor1Geo_Type
  EXPECT_EQ(f[36], "Homs, Homs, Syria");
  EXPECT_EQ(f[38], "SY11");
  EXPECT_EQ(f[42], "169577");
  EXPECT_EQ(f[43], "0");  // Actor2Geo_Type: no place
  EXPECT_EQ(f[51], "1");  // ActionGeo_Type
  EXPECT_EQ(f[52], "Syria");
  EXPECT_EQ(f[53], "SY");
  EXPECT_EQ(f[54], "");  // no ADM1 for a country
  EXPECT_EQ(f[56], "35");
  EXPECT_EQ(f[58], "SY");
}

TEST(Writers, GdeltMentionsGoldenRow) {
  MentionRecord m;
  m.event_id = 42;
  m.event_time = "20130430000000";
  m.mention_time = "20130430000000";
  m.source_name = "AFP";
  m.identifier = "http://example.org/a";
  m.sentence = 2;
  m.source_offset = 100;
  m.target_offset = -1;
  m.trigger_offset = 106;
  m.doc_length = 2048;
  auto w = NewMentionRecordWriter("gdelt-mentions");
  ASSERT_TRUE(w.ok());
  std::string out;
  (*w)->Header(out);
  EXPECT_EQ(out, "");
  (*w)->Append(m, out);
  EXPECT_EQ(out,
            Joined({"42", "20130430000000", "20130430000000", "1", "AFP", "http://example.org/a",
                    "2", "100", "-1", "106", "1", "100", "2048", "0", "", ""},
                   '\t'));
}

TEST(Writers, IcewsGoldenRow) {
  std::string want =
      Joined({"Event ID",       "Event Date", "Source Name",     "Source Sectors", "Source Country",
              "Event Text",     "CAMEO Code", "Intensity",       "Target Name",    "Target Sectors",
              "Target Country", "Story ID",   "Sentence Number", "Publisher",      "City",
              "District",       "Province",   "Country",         "Latitude",       "Longitude"},
             '\t') +
      Joined({"42",
              "2013-05-07",
              "Kerry",
              "Government",
              "United States",
              "Offer to meet or negotiate",
              "036",
              "4",
              "Lavrov",
              "Government",
              "Russia",
              "afp-1",
              "2",
              "AFP",
              "Moscow",
              "",
              "Moscow",
              "Russia",
              "55.75222",
              "37.61556"},
             '\t');
  EXPECT_EQ(Write("icews", Kerry(), /*header=*/true), want);

  EventRecord e = Kerry();
  e.source = "USAMILGOV";
  e.action_place = {.geo_type = 4, .name = "Aleppo, Aleppo, Syria", .lat = 36.2, .lon = 37.15};
  std::vector<std::string> f = Split(Write("icews", e), '\t');
  EXPECT_EQ(f[3], "Military,Government");
  EXPECT_EQ(f[14], "Aleppo");
  EXPECT_EQ(f[16], "Aleppo");
  EXPECT_EQ(f[17], "Syria");
  EXPECT_EQ(f[18], "36.2");
}

TEST(Writers, PhoenixPetrarchTabariGoldenRows) {
  EXPECT_EQ(Write("phoenix", Kerry()), Joined({"afp-1-2-036",
                                               "20130507",
                                               "2013",
                                               "5",
                                               "7",
                                               "USAGOV",
                                               "USA",
                                               "GOV",
                                               "",
                                               "RUSGOV",
                                               "RUS",
                                               "GOV",
                                               "",
                                               "036",
                                               "03",
                                               "1",
                                               "4",
                                               "PEACE;TALKS",
                                               "55.75222",
                                               "37.61556",
                                               "Moscow",
                                               "Moscow",
                                               "RU",
                                               "afp-1-2",
                                               "http://example.org/a",
                                               "AFP"},
                                              '\t'));
  EXPECT_EQ(Write("petrarch", Kerry()),
            "20130507\tUSAGOV\tRUSGOV\t036\tPEACE;TALKS\tafp-1-2\thttp://example.org/a\n");
  EXPECT_EQ(Write("tabari", Kerry()), "130507\tUSAGOV\tRUSGOV\t036\n");
}

TEST(Writers, JsonlGoldenLine) {
  EventRecord e = Kerry();
  e.target_span = {};
  EXPECT_EQ(Write("jsonl", e),
            "{\"doc_id\":\"afp-1\",\"sentence\":2,\"date\":\"2013-05-07\",\"source\":\"USAGOV\","
            "\"target\":\"RUSGOV\",\"code\":\"036\",\"root\":\"03\",\"quad_class\":1,"
            "\"goldstein\":4,\"plover\":\"AGREE\",\"issues\":[\"PEACE\",\"TALKS\"],"
            "\"evidence\":{\"source\":{\"begin\":100,\"end\":105,\"text\":\"Kerry\"},"
            "\"target\":null,\"trigger\":{\"begin\":106,\"end\":109,\"text\":\"met\"},"
            "\"date_text\":\"next week\"},\"rule\":\"verbs/consult.txt:12\","
            "\"place\":{\"name\":\"Moscow, Moscow, Russia\",\"geo_type\":4,\"country\":\"RU\","
            "\"fips\":\"RS\",\"adm1\":\"RS48\",\"lat\":55.75222,\"lon\":37.61556,"
            "\"feature_id\":\"524901\",\"how\":\"clause\","
            "\"evidence\":{\"begin\":120,\"end\":126,\"text\":\"Moscow\"}},"
            "\"source_place\":null,\"target_place\":null,"
            "\"tone\":{\"tone\":-12.50,\"positive\":0.00,\"negative\":12.50,\"words\":8}}\n");
}

// EventRecordsFromDocument copies places and tone from the Event and the Document.
TEST(EventRecordsFromDocument, PlacesAndTone) {
  Document doc;
  doc.text = "Kerry met Lavrov in Moscow.";
  doc.meta.id = "d";
  doc.sentences.push_back({.span = {0, 27}});
  Event ev;
  ev.code = "040";
  ev.place = {.geo_type = 4,
              .name = "Moscow, Moscow, Russia",
              .country_iso2 = "RU",
              .country_fips = "RS",
              .adm1 = "RS48",
              .lat = 55.75222,
              .lon = 37.61556,
              .feature_id = "524901",
              .evidence = {20, 26},
              .how = "clause"};
  ev.tone = {.tone = 10, .positive = 10, .negative = 0, .words = 5};
  doc.events.push_back(ev);
  doc.tone = {.tone = 3.25, .positive = 5, .negative = 1.75, .words = 40};
  std::vector<EventRecord> r = EventRecordsFromDocument(doc);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].action_place.name, "Moscow, Moscow, Russia");
  EXPECT_EQ(r[0].action_place.evidence_text, "Moscow");
  EXPECT_EQ(r[0].action_place.how, "clause");
  EXPECT_EQ(r[0].action_place.country_fips, "RS");
  EXPECT_TRUE(r[0].source_place.empty());
  EXPECT_DOUBLE_EQ(r[0].tone, 3.25);
  EXPECT_DOUBLE_EQ(r[0].event_tone.tone, 10);
  EXPECT_EQ(r[0].event_tone.words, 5u);
  EXPECT_DOUBLE_EQ(MentionRecordsFromDocument(doc)[0].doc_tone, 3.25);
  std::vector<std::string> f = Split(Write("gdelt-events", r[0]), '\t');
  EXPECT_EQ(f[34], "3.25");      // AvgTone
  EXPECT_EQ(f[57], "37.61556");  // ActionGeo_Long
}

TEST(Writers, PloverGoldenLine) {
  EventRecord e = Kerry();
  e.target = "IGOUNO";
  e.target_name = "UN";
  EXPECT_EQ(
      Write("plover", e),
      "{\"id\":\"42\",\"date\":\"2013-05-07\","
      "\"source\":[{\"code\":\"USA\",\"sector\":\"GOV\",\"actor_text\":\"Kerry\",\"cameo\":"
      "\"USAGOV\"}],"
      "\"recipient\":[{\"code\":\"IGO\",\"actor_text\":\"UN\",\"cameo\":\"IGOUNO\"}],"
      "\"event\":[\"AGREE\"],\"event_text\":[\"met\"],\"quad_code\":1,\"event_scale\":4,"
      "\"cameo\":\"036\",\"text\":\"Kerry met Lavrov.\",\"text_info\":{\"sequence\":2},"
      "\"cite_info\":{\"citation\":\"afp-1\",\"url\":\"http://example.org/a\",\"title\":\"Kerry "
      "in Moscow\",\"publication\":\"AFP\",\"coder\":\"dyad\",\"codebook\":\"CAMEO 1.1b3 with "
      "PLOVER types\"},\"coder\":\"dyad\",\"geolocation\":{\"name\":\"Moscow, Moscow, Russia\","
      "\"country\":\"RU\",\"lat\":55.75222,\"lon\":37.61556,\"geonames_id\":\"524901\"},"
      "\"coded_date\":\"2013-04-30\",\"coded_time\":\"00:00:00\"}\n");
  e.target.clear();
  e.target_name.clear();
  e.action_place = {};
  std::string unplaced = Write("plover", e);
  EXPECT_NE(unplaced.find("\"recipient\":[]"), std::string::npos);
  EXPECT_EQ(unplaced.find("geolocation"), std::string::npos);
}

TEST(Writers, CsvGoldenRowAndQuoting) {
  EventRecord e = Kerry();
  e.title = "Kerry, Lavrov \"meet\"";
  e.sentence_text = "line one\nline two";
  std::string out = Write("csv", e, /*header=*/true);
  size_t eol = out.find("\r\n");
  ASSERT_NE(eol, std::string::npos);
  EXPECT_EQ(out.substr(0, 40), "event_id,doc_id,published,publisher,url,");
  std::string row = out.substr(eol + 2);
  EXPECT_TRUE(row.starts_with(
      "42,afp-1,2013-04-30,AFP,http://example.org/a,\"Kerry, Lavrov \"\"meet\"\"\",2,"
      "\"line one\nline two\",2013-05-07,next week,USAGOV,Kerry,RUSGOV,Lavrov,036,03,1,4,AGREE,"
      "PEACE;TALKS,1,100,105,110,116,106,109,met,verbs/consult.txt:12,1,1,1,-2.5,0,,,,,,,,,,,0,"
      ",,,,,,,,,,4,\"Moscow, Moscow, Russia\",RU,RS,RS48,,55.75222,37.61556,524901,120,126,"))
      << row;
  EXPECT_EQ(row.substr(row.size() - 16), "20130430000000\r\n");
  // Exactly one CRLF ends the row; the quoted newline is a bare LF inside the field.
  EXPECT_EQ(row.find("\r\n"), row.size() - 2);
}

TEST(Writers, TsvFieldsNeverCarryTabsOrNewlines) {
  EventRecord e = Kerry();
  e.source_name = "Kerry\tand\nLavrov";
  e.doc_id = "a\tb";
  e.url = "http://x/\r\n";
  e.publisher = "A\tF\tP";
  for (const char* format : {"gdelt-events", "icews", "phoenix", "petrarch"}) {
    SCOPED_TRACE(format);
    auto w = NewEventRecordWriter(format);
    ASSERT_TRUE(w.ok());
    std::string out;
    (*w)->Append(e, out);
    EXPECT_EQ(out.find('\n'), out.size() - 1);
    EXPECT_EQ(out.find('\r'), std::string::npos);
    out.pop_back();
    EXPECT_EQ(Split(out, '\t').size(), (*w)->columns());
  }
  std::string gdelt = Write("gdelt-events", e);
  EXPECT_NE(gdelt.find("\tKerry and Lavrov\t"), std::string::npos);
}

}  // namespace
}  // namespace dyad
