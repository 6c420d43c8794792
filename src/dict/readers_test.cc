#include "dyad/dict/readers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

using Strings = std::vector<std::string>;

Date D(int y, int m, int d) {
  return Date{static_cast<int16_t>(y), static_cast<int8_t>(m), static_cast<int8_t>(d)};
}

std::shared_ptr<const Dictionary> Read(std::string_view text, std::string_view name, DictFormat f) {
  DictionaryBuilder b;
  ReadDictionaryText(text, name, f, b);
  return std::move(b).Compile().value();
}

std::string Testdata(const std::string& rel) {
  return std::string(DYAD_SOURCE_DIR) + "/src/dict/testdata/" + rel;
}

// The code each phrase of `text` gets on `date`: "phrase=CODE" per actor match, "phrase~ROLE"
// per agent or title, in text order.
Strings Codes(const Dictionary& dict, const std::string& text, Date date = {}) {
  static auto seg = Segmenter::Load({}).value();
  auto sws = seg->NewWorkspace();
  Document doc;
  doc.text = text;
  EXPECT_TRUE(seg->Process(doc, *sws).ok());
  auto ws = dict.NewWorkspace();
  Strings out;
  for (const DictMatch& m :
       dict.Match(doc, 0, static_cast<TokenIndex>(doc.tokens.size()), DictLayer::kActors, *ws)) {
    Span s{doc.tokens[m.first_token].span.begin, doc.tokens[m.end_token - 1].span.end};
    const DictEntry& e = dict.entry(m.entries[0]);
    std::string sep = e.kind == EntryKind::kActor ? "=" : "~";
    out.push_back(std::string(doc.SpanText(s)) + sep +
                  std::string(dict.CodeFor(m.entries[0], date)));
  }
  return out;
}

TEST(PetrarchReaderTest, ActorsWithSynonymsAndDateRestrictions) {
  auto dict = Read(
      "# comment\n"
      "JOHN_KERRY_ # just KERRY is vague\n"
      "+SECRETARY_KERRY_\n"
      "\t[USAGOVLEG 850103-130201]\n"
      "\t[USAGOV >130201]\n"
      "\n"
      "RUSSIA_  [RUS]\n"
      "+MOSCOW_\n"
      "U.N._\n"
      "UN_SECRETARY_GENERAL\n"
      "+UNSG\n"
      "\t[IGOUNO]\n"
      "ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]# inline restrictions\n"
      "---STOP---\n"
      "IGNORED_ [XXX]\n",
      "a.actors.txt", DictFormat::kPetrarchActors);
  EXPECT_EQ(dict->warnings(), Strings{});
  EXPECT_EQ(dict->Count(EntryKind::kActor), 4u);
  EXPECT_EQ(Codes(*dict, "John Kerry met Secretary Kerry in Moscow.", D(2010, 6, 1)),
            Strings({"John Kerry=USAGOVLEG", "Secretary Kerry=USAGOVLEG", "Moscow=RUS"}));
  EXPECT_EQ(Codes(*dict, "John Kerry", D(2013, 4, 30)), Strings({"John Kerry=USAGOV"}));
  EXPECT_EQ(Codes(*dict, "John Kerry", D(1980, 1, 1)), Strings({"John Kerry="}));
  // Uncoded primaries in a row share the code lines that follow them, as in PETRARCH.
  EXPECT_EQ(Codes(*dict, "U.N. and the UN Secretary General and the UNSG", D(2013, 1, 1)),
            Strings({"U.N.=IGOUNO", "UN Secretary General=IGOUNO", "UNSG=IGOUNO"}));
  EXPECT_EQ(Codes(*dict, "Ann Veneman", D(2003, 1, 1)), Strings({"Ann Veneman=USAGOV"}));
  EXPECT_EQ(Codes(*dict, "Ann Veneman", D(2006, 1, 1)), Strings({"Ann Veneman=IGOUNOKID"}));
  EXPECT_EQ(Codes(*dict, "Ignored"), Strings{});
  EXPECT_EQ(dict->Origin(0), "a.actors.txt:2");
}

TEST(PetrarchReaderTest, MalformedActorLinesAreWarningsAndLoadingGoesOn) {
  auto dict = Read(
      "\t[ABC]\n"                         // 1: before any actor
      "+ORPHAN_\n"                        // 2: synonym before any actor
      "BAN_KI-MOON_\n"                    // 3
      "\t[IGOUNO >20070101]\n"            // 4
      "\t[KORGOVBUS 2004017-20061201]\n"  // 5: seven-digit date
      "\tno code here\n"                  // 6
      "DUKANOVIC_\n"                      // 7
      "\t[MNEGOV 20121204]\n"             // 8: a date with no < > or -
      "\t[MNEGOV 20121207-20120802]\n"    // 9: ends before it starts
      "NOBODY_\n"                         // 10: joins the uncoded DUKANOVIC_
      "BROKEN_ [ABC\n"                    // 11: missing ]
      "EMPTY_ []\n"                       // 12
      "WEIRD_ [A$B]\n"                    // 13
      "GOOD_ [GOO]\n",                    // 14
      "bad.actors.txt", DictFormat::kPetrarchActors);
  EXPECT_EQ(
      dict->warnings(),
      Strings({"bad.actors.txt:1: code line \"[ABC]\" before any actor",
               "bad.actors.txt:2: synonym \"ORPHAN_\" before any actor",
               "bad.actors.txt:5: date \"2004017\" is not YYMMDD or YYYYMMDD; restriction skipped",
               "bad.actors.txt:6: indented line \"no code here\" has no [code]",
               "bad.actors.txt:8: cannot read date restriction \"20121204\" (want <date, >date or "
               "date-date); restriction skipped",
               "bad.actors.txt:9: date range \"20121207-20120802\" ends before it starts; "
               "restriction skipped",
               "bad.actors.txt:11: missing ] after \"[ABC\"",
               "bad.actors.txt:7: actor \"DUKANOVIC_\" has no code; it is null-coded",
               "bad.actors.txt:12: empty code block []",
               "bad.actors.txt:11: actor \"BROKEN_\" has no code; it is null-coded",
               "bad.actors.txt:13: code \"A$B\" has characters other than letters and digits",
               "bad.actors.txt:12: actor \"EMPTY_\" has no code; it is null-coded",
               "bad.actors.txt:13: actor \"WEIRD_\" has no code; it is null-coded"}));
  EXPECT_EQ(Codes(*dict, "Ban Ki-moon met Good", D(2010, 1, 1)),
            Strings({"Ban Ki-moon=IGOUNO", "Good=GOO"}));
}

TEST(PetrarchReaderTest, AgentsWithPluralsAndSubstitutionMarkers) {
  auto dict = Read(
      "!PERSON! = MAN, MEN, WOMAN\n"
      "REBEL [~REB]\n"
      "MINISTRY [~GOV]\n"
      "POLICE {} [~COP]\n"
      "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n"
      "CONGRESS!PERSON! [~LEG]\n"
      "HUMAN_RIGHTS_BODY [NGO~]\n"
      "NO_CODE_HERE\n"
      "BAD_CODE [GOV]\n"
      "BRACE {OOPS [~GOV]\n"
      "HORSE!RIDER! [~MIL]\n"
      "CUT [~GOV\n",
      "a.agents.txt", DictFormat::kPetrarchAgents);
  EXPECT_EQ(
      dict->warnings(),
      Strings({"a.agents.txt:8: agent \"NO_CODE_HERE\" has no [code]",
               "a.agents.txt:9: agent code \"GOV\" has no ~ (want [~ROLE] or [ROLE~])",
               "a.agents.txt:10: missing } in \"BRACE {OOPS\"",
               "a.agents.txt:11: substitution marker in \"HORSE!RIDER!\" is not defined above",
               "a.agents.txt:12: missing ] in \"CUT [~GOV\""}));
  EXPECT_EQ(dict->Count(EntryKind::kAgent), 6u);
  EXPECT_EQ(Codes(*dict, "rebels and ministries; police, polices; attorneys general; congressmen"),
            Strings({"rebels~REB", "ministries~GOV", "police~COP", "attorneys general~JUD",
                     "congressmen~LEG"}));
  EXPECT_EQ(Codes(*dict, "congresswoman, congresswomen"), Strings({"congresswoman~LEG"}));
  auto ws = dict->NewWorkspace();
  for (EntryId id = 0; id < dict->size(); ++id) {
    if (dict->entry(id).name == "HUMAN_RIGHTS_BODY") {
      EXPECT_TRUE(dict->entry(id).prefix_code);
    }
    if (dict->entry(id).name == "REBEL") {
      EXPECT_FALSE(dict->entry(id).prefix_code);
    }
  }
}

TEST(PetrarchReaderTest, DiscardsAndIssues) {
  auto discards = Read("+WORLD CUP # story\nBASEBALL_\nBOXING\n+ GOLF\n", "d.txt",
                       DictFormat::kPetrarchDiscards);
  EXPECT_EQ(discards->Count(EntryKind::kDiscard), 4u);
  EXPECT_TRUE(discards->entry(0).story_level);
  EXPECT_FALSE(discards->entry(1).story_level);
  EXPECT_TRUE(discards->entry(3).story_level);
  static auto seg = Segmenter::Load({}).value();
  auto sws = seg->NewWorkspace();
  Document doc;
  doc.text = "The World Cup, baseball, baseballs and boxing-day golfers";
  ASSERT_TRUE(seg->Process(doc, *sws).ok());
  auto ws = discards->NewWorkspace();
  auto m = discards->Match(doc, 0, static_cast<TokenIndex>(doc.tokens.size()), DictLayer::kDiscards,
                           *ws);
  ASSERT_EQ(m.size(),
            5u);  // World Cup, baseball, baseballs (regular S), boxing (stem), golfers (stem)
  EXPECT_EQ(discards->entry(m[3].entries[0]).name, "BOXING");

  auto issues = Read(
      "<ISSUE CATEGORY=\"WAR\" TYPE=\"ALL\">\n"
      "n:siege [SIEGE]\n"
      "v:besiege [SIEGE]\n"
      "pre+war [PREWAR]\n"
      "~siege engine\n"
      "no code here\n"
      "</ISSUE>\n",
      "i.txt", DictFormat::kPetrarchIssues);
  EXPECT_EQ(issues->warnings(), Strings({"i.txt:6: issue phrase \"no code here\" has no [code]"}));
  EXPECT_EQ(issues->Count(EntryKind::kIssue), 4u);
  doc.ClearLayers();
  doc.text = "Sieges; they besieged the city before the pre-war siege engine, pre war.";
  ASSERT_TRUE(seg->Process(doc, *sws).ok());
  auto iws = issues->NewWorkspace();
  Strings got;
  for (const DictMatch& im : issues->Match(doc, 0, static_cast<TokenIndex>(doc.tokens.size()),
                                           DictLayer::kIssues, *iws)) {
    got.push_back(std::string(issues->CodeFor(im.entries[0], {})));
  }
  EXPECT_EQ(got, Strings({"SIEGE", "SIEGE", "PREWAR", "~", "PREWAR"}));
}

TEST(TabariReaderTest, ActorsStemsSectionsAndFinish) {
  auto dict = Read(
      "<NOUN>\nFORCES_\n</NOUN>\n"
      "SYRI  [SYR]\n"
      "GONDOR_  [GON] ;pas 10/22/91\n"
      "GOLLUM ; pas 27 Apr 03\n"
      "+SMEAGOL\n"
      "\t[HOB <950601]\n"
      "\t[HOBGOV 950601 - 990815]\n"
      "\t[HOBREB > 990816]\n"
      "ENT  [### <890101] [ENT]\n"
      "#ALBRIGHZ  [991201-010114] [---]\n"
      "ALBRIGHY  [ 991201-010114] [---]\n"
      "/ a comment\n"
      "~~FINISH\n"
      "LATER  [LAT]\n",
      "t.actors", DictFormat::kTabariActors);
  EXPECT_EQ(dict->warnings(), Strings({"t.actors:13: code block [991201-010114] has no code"}));
  EXPECT_EQ(dict->Count(EntryKind::kActor), 5u);
  EXPECT_EQ(Codes(*dict, "Syrians and Gondor's forces; Smeagol", D(1996, 1, 1)),
            Strings({"Syrians=SYR", "Gondor=GON", "Smeagol=HOBGOV"}));
  EXPECT_EQ(Codes(*dict, "Gollum", D(2000, 1, 1)), Strings({"Gollum=HOBREB"}));
  // A one-word phrase of three letters is an acronym: case-sensitive, never a stem.
  EXPECT_EQ(Codes(*dict, "ENT and Ents", D(1980, 1, 1)), Strings({"ENT=###"}));
  EXPECT_EQ(Codes(*dict, "ENT", D(1990, 1, 1)), Strings({"ENT=ENT"}));
  EXPECT_EQ(Codes(*dict, "Later"), Strings{});
}

TEST(TabariReaderTest, EqualsEndingTakesNoEndings) {
  // "MOUSE=": the word as written, neither a stem nor with an "S" (manual 5.2.3).
  auto dict = Read("MOUSE= [MUS]\nMOUS [MOS]\n", "t.actors", DictFormat::kTabariActors);
  EXPECT_EQ(Codes(*dict, "Mouse"), Strings({"Mouse=MUS"}));
  EXPECT_EQ(Codes(*dict, "Mouses"), Strings({"Mouses=MOS"}));
}

TEST(TabariReaderTest, BlankLetsWordsInBetweenUnderscoreDoesNot) {
  // TABARI: words after a blank may follow other words of the clause ("the unlimited
  // construction DURTHANG...ORC", Validate.text DEBUG-01); "_" keeps them together.
  auto dict = Read(
      "PRINCE DOL_AMROTH_  [DOL]\nITHILEN  [ITH]\nITHILEN TELEVISION_  [ITHTV]\n"
      "RADAGAST THE_BROWN_  [RAD]\n",
      "t.actors", DictFormat::kTabariActors);
  EXPECT_EQ(Codes(*dict, "the Prince of Dol Amroth"), Strings({"Prince of Dol Amroth=DOL"}));
  EXPECT_EQ(Codes(*dict, "Prince Dol Amroth"), Strings({"Prince Dol Amroth=DOL"}));
  EXPECT_EQ(Codes(*dict, "Prince Dol of Amroth"), Strings{});
  EXPECT_EQ(Codes(*dict, "Ithilen state-run television"),
            Strings({"Ithilen state-run television=ITHTV"}));
  // Not across a comma, semicolon or colon.
  EXPECT_EQ(Codes(*dict, "Ithilen, its television"), Strings({"Ithilen=ITH"}));
  EXPECT_EQ(Codes(*dict, "Radagast, the Brown"), Strings{});
  EXPECT_EQ(Codes(*dict, "Radagast the Brown"), Strings({"Radagast the Brown=RAD"}));
  // PETRARCH's discards keep their words together.
  auto discards = Read("MONTHS LATER\n", "d.txt", DictFormat::kPetrarchDiscards);
  static auto seg = Segmenter::Load({}).value();
  auto sws = seg->NewWorkspace();
  for (const auto& [text, n] : {std::pair{"months later", 1u}, {"months of talks later", 0u}}) {
    Document doc;
    doc.text = text;
    ASSERT_TRUE(seg->Process(doc, *sws).ok());
    auto ws = discards->NewWorkspace();
    EXPECT_EQ(discards
                  ->Match(doc, 0, static_cast<TokenIndex>(doc.tokens.size()),
                          DictLayer::kDiscards, *ws)
                  .size(),
              n)
        << text;
  }
}

TEST(TabariReaderTest, AgentsAndOptions) {
  auto agents = Read("RANGER_  [ ~REB] ;jw\nSTEWARD  [~GOV]\nKING [GOV]\n", "t.agents",
                     DictFormat::kTabariAgents);
  EXPECT_EQ(agents->warnings(),
            Strings({"t.agents:3: agent code \"GOV\" has no ~ (want [~ROLE] or [ROLE~])"}));
  EXPECT_EQ(Codes(*agents, "rangers and stewardship"), Strings({"rangers~REB", "stewardship~GOV"}));

  auto options = Read(
      "// c\nSET: CONVERT AGENTS = TRUE\nLABEL: ARN=Arnor\nDEFA: SOURCE [ARN]\nBOGUS: "
      "1\nnonsense\n",
      "t.options", DictFormat::kTabariOptions);
  EXPECT_EQ(options->warnings(),
            Strings({"t.options:5: unknown options command \"BOGUS\"",
                     "t.options:6: options line \"nonsense\" is not COMMAND: arguments"}));
  using Setting = std::pair<std::string, std::string>;
  EXPECT_EQ(options->settings(),
            std::vector<Setting>(
                {{"CONVERT AGENTS", "TRUE"}, {"LABEL", "ARN=Arnor"}, {"DEFA", "SOURCE [ARN]"}}));
}

TEST(DyadReaderTest, CountriesActorsAgentsTitles) {
  auto dict = Read(
      "# dyad format\n"
      "country RUS   # Russian Federation\n"
      "  name    Russia | Russian Federation\n"
      "  demonym Russian | Russians\n"
      "  gov     Moscow | Kremlin | the Kremlin\n"
      "  mil     General Staff\n"
      "  iso2    RU\n"
      "actor Vladimir Putin\n"
      "  alias  Putin\n"
      "  gender m\n"
      "  role   RUSGOV 1999-08-09 2008-05-07\n"
      "  role   RUSGOV 2012-05-07 -\n"
      "  role   RUSELI\n"
      "agent REB  rebel | rebels\n"
      "title GOV  president | Secretary of State\n",
      "actors/people-test.txt", DictFormat::kDyad);
  EXPECT_EQ(dict->warnings(), Strings{});
  EXPECT_EQ(Codes(*dict, "Russian rebels told the Kremlin and President Putin", D(2013, 4, 30)),
            Strings({"Russian=RUS", "rebels~REB", "the Kremlin=RUSGOV", "President~GOV",
                     "Putin=RUSGOV"}));
  EXPECT_EQ(Codes(*dict, "Putin", D(2010, 1, 1)), Strings({"Putin=RUSELI"}));
  EXPECT_EQ(Codes(*dict, "the general staff"), Strings({"general staff=RUSMIL"}));
  EXPECT_EQ(Codes(*dict, "Putin", D(2008, 5, 7)), Strings({"Putin=RUSGOV"}));
  for (EntryId id = 0; id < dict->size(); ++id) {
    const DictEntry& e = dict->entry(id);
    if (e.name == "Vladimir Putin") {
      EXPECT_EQ(e.gender, 'm');
      EXPECT_EQ(e.actor_class, ActorClass::kPerson);
      EXPECT_EQ(dict->Origin(id), "actors/people-test.txt:8");
    }
    if (e.name == "Moscow") {
      EXPECT_EQ(e.actor_class, ActorClass::kGovSeat);
    }
    if (e.name == "Russian") {
      EXPECT_EQ(dict->Origin(id), "actors/people-test.txt:4");
      EXPECT_EQ(e.actor_class, ActorClass::kDemonym);
    }
    if (e.name == "Russia") {
      EXPECT_EQ(e.actor_class, ActorClass::kCountry);
    }
  }
}

TEST(DyadReaderTest, MonthAndYearDatesCoverWholePeriods) {
  auto dict = Read(
      "actor Aragorn\n  role ARNREB - 3019-03\n  role GONGOV 3020 3121\n"
      "  role GONMIL 3019-03-31 3019-12\n",  // overlaps the first range: the later line wins
      "actors/people-x.txt", DictFormat::kDyad);
  EXPECT_EQ(dict->warnings(), Strings{});
  EXPECT_EQ(dict->CodeFor(0, D(3019, 3, 30)), "ARNREB");
  EXPECT_EQ(dict->CodeFor(0, D(3019, 3, 31)), "GONMIL");
  EXPECT_EQ(dict->CodeFor(0, D(3019, 4, 1)), "GONMIL");
  EXPECT_EQ(dict->CodeFor(0, D(3019, 12, 31)), "GONMIL");
  EXPECT_EQ(dict->CodeFor(0, D(3020, 1, 1)), "GONGOV");
  EXPECT_EQ(dict->CodeFor(0, D(3121, 12, 31)), "GONGOV");
}

TEST(DyadReaderTest, BrokenLinesNameFileAndLine) {
  auto dict = Read(
      "country Russia\n"              // 1
      "  name Russia\n"               // 2: outside a block (the country line failed)
      "country RUS\n"                 // 3
      "  alias Rossiya\n"             // 4
      "  name\n"                      // 5
      "actor\n"                       // 6
      "actor Nobody\n"                // 7: never gets a role
      "  gender x\n"                  // 8
      "  role usagov\n"               // 9
      "  role USAGOV 2013-02-30 -\n"  // 10
      "  role USAGOV 2013-02-01\n"    // 11
      "  role USAGOV 2014 2013\n"     // 12
      "  role USAGOV - -\n"           // 13
      "  name Nobody\n"               // 14
      "agent gov government\n"        // 15
      "title GOV\n"                   // 16
      "person Someone\n"              // 17
      "  iso2 RUS\n",                 // 18: outside a country block
      "actors/broken.txt", DictFormat::kDyad);
  EXPECT_EQ(
      dict->warnings(),
      Strings(
          {"actors/broken.txt:1: country code \"Russia\" is not three capital letters",
           "actors/broken.txt:2: indented line \"name Russia\" is outside a country or actor block",
           "actors/broken.txt:4: \"alias\" is not a country keyword (name, demonym, gov, mil, place, "
           "iso2)",
           "actors/broken.txt:5: name lists no phrase",
           "actors/broken.txt:6: actor line has no name",
           "actors/broken.txt:8: gender \"x\" is not m or f",
           "actors/broken.txt:9: role code \"usagov\" is not capital letters",
           "actors/broken.txt:10: role date \"2013-02-30\" is not YYYY-MM-DD, YYYY-MM, YYYY or -",
           "actors/broken.txt:11: role dates \"2013-02-01\" are not FROM TO (use - for an open "
           "end)",
           "actors/broken.txt:12: role dates \"2014 2013\" end before they start",
           "actors/broken.txt:13: role dates \"- -\" are both open; write `role CODE` for a "
           "default",
           "actors/broken.txt:14: \"name\" is not an actor keyword (alias, gender, role)",
           "actors/broken.txt:7: actor \"Nobody\" has no role; it is null-coded",
           "actors/broken.txt:15: agent role \"gov\" is not capital letters",
           "actors/broken.txt:16: title GOV lists no phrase",
           "actors/broken.txt:17: unknown keyword \"person\" (want country, actor, agent or title "
           "at "
           "the start of a line)",
           "actors/broken.txt:18: indented line \"iso2 RUS\" is outside a country or actor "
           "block"}));
}

TEST(LoadDictionariesTest, PetrarchConfigNamesFilesInDictionariesFolder) {
  auto dict = LoadDictionaries(Testdata("petrarch/config/PETR_config.ini"));
  ASSERT_TRUE(dict.ok()) << dict.status().message();
  const Dictionary& d = **dict;
  EXPECT_EQ(d.Count(EntryKind::kActor), 5u);
  EXPECT_EQ(d.Count(EntryKind::kAgent), 5u);
  EXPECT_EQ(d.Count(EntryKind::kDiscard), 2u);
  EXPECT_EQ(d.Count(EntryKind::kIssue), 4u);
  EXPECT_EQ(
      d.warnings(),
      Strings({"Mini.People.actors.txt:8: date \"2950101\" is not YYMMDD or YYYYMMDD; "
               "restriction skipped",
               "Mini.People.actors.txt:8: actor \"DENETHOR_\" has no code; it is null-coded"}));
  EXPECT_EQ(Codes(d, "Strider and the Arnorian rangers; King Elessar", D(3019, 1, 1)),
            Strings({"Strider=ARNREB", "Arnorian=ARN", "rangers~REB", "King Elessar=ARNREB"}));
  EXPECT_EQ(Codes(d, "Strider", D(3020, 1, 1)), Strings({"Strider=GONGOV"}));
  EXPECT_EQ(Codes(d, "stewards of Gondor, horsemen, guilds"),
            Strings({"stewards of Gondor~GOV", "horsemen~MIL", "guilds~BUS"}));
  // The directory above the config holds no config itself: its files are read one by one.
  auto dir = LoadDictionaries(Testdata("petrarch/config"));
  ASSERT_TRUE(dir.ok());
  EXPECT_EQ((*dir)->Count(EntryKind::kActor), 5u);
}

TEST(LoadDictionariesTest, TabariProjectDirectoryAndFiles) {
  for (const std::string& path : {Testdata("tabari/Mini.project"), Testdata("tabari")}) {
    auto dict = LoadDictionaries(path);
    ASSERT_TRUE(dict.ok()) << dict.status().message();
    EXPECT_EQ((*dict)->Count(EntryKind::kActor), 4u);
    EXPECT_EQ((*dict)->Count(EntryKind::kAgent), 2u);
    EXPECT_EQ((*dict)->source(0), "Mini.project");
    EXPECT_EQ((*dict)->source(1), "Mini.options");  // options first: they apply to the rest
    EXPECT_EQ((*dict)->settings().front().first, "CONVERT AGENTS");
  }
  auto one = LoadDictionaries(Testdata("tabari/Mini.agents"));
  ASSERT_TRUE(one.ok());
  EXPECT_EQ((*one)->Count(EntryKind::kAgent), 2u);
}

TEST(LoadDictionariesTest, DyadDirectoryAndErrors) {
  auto dict = LoadDictionaries(Testdata("dyad"));  // reads dyad/actors/*.txt
  ASSERT_TRUE(dict.ok()) << dict.status().message();
  EXPECT_EQ((*dict)->warnings(), Strings{});
  EXPECT_EQ(Codes(**dict, "Strider came to Minas Tirith", D(3020, 1, 1)),
            Strings({"Strider=GONGOV", "Minas Tirith=GONGOV"}));
  bool named = false;
  for (EntryId id = 0; id < (*dict)->size(); ++id)
    named |= (*dict)->Origin(id) == "actors/people-middle-earth.txt:1";
  EXPECT_TRUE(named);

  EXPECT_EQ(LoadDictionaries(Testdata("nope")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(LoadDictionaries(Testdata("petrarch/config/nope.ini")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(LoadDictionaries(std::string(DYAD_SOURCE_DIR) + "/src/dict").status().code(),
            StatusCode::kNotFound);
}

TEST(LoadDictionariesTest, FormatDetection) {
  EXPECT_EQ(DetectDictFormat("Phoenix.Countries.actors.txt", "# c\nAFGHANISTAN_ [AFG]\n"),
            DictFormat::kPetrarchActors);
  EXPECT_EQ(DetectDictFormat("Phoenix.agents.txt", "AGENT [~GOV]"), DictFormat::kPetrarchAgents);
  EXPECT_EQ(DetectDictFormat("agents.txt", "# dyad\n\nagent GOV government\n"), DictFormat::kDyad);
  EXPECT_EQ(DetectDictFormat("countries.txt", "country RUS\n"), DictFormat::kDyad);
  EXPECT_EQ(DetectDictFormat("Phoenix.IssueCoding.txt", "<ISSUE>"), DictFormat::kPetrarchIssues);
  EXPECT_EQ(DetectDictFormat("Phoenix.discards.txt", "1914"), DictFormat::kPetrarchDiscards);
  EXPECT_EQ(DetectDictFormat("TABARI.Demo.actors", "ARNOR [ARN]"), DictFormat::kTabariActors);
  EXPECT_EQ(DetectDictFormat("Validate.agents", "X [~GOV]"), DictFormat::kTabariAgents);
  EXPECT_EQ(DetectDictFormat("Validate.options", "SET: X = Y"), DictFormat::kTabariOptions);
  EXPECT_EQ(DetectDictFormat("CAMEO.2.0.txt", "--- GRANT [070] ---"), DictFormat::kUnknown);
}

TEST(LoadDictionariesTest, DefaultsAreCompiledInUnderTheirFileNames) {
  auto dict = LoadDefaultDictionaries();
  ASSERT_TRUE(dict.ok());
  std::vector<std::string_view> files = DefaultDictionaryFiles();
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
  ASSERT_EQ((*dict)->source_count(), files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    EXPECT_TRUE(files[i].starts_with("actors/")) << files[i];
    EXPECT_EQ((*dict)->source(static_cast<uint16_t>(i)), files[i]);
  }
}

}  // namespace
}  // namespace dyad
