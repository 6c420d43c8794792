// The HTTP API end to end: a Server on an ephemeral loopback port, driven by httplib's client,
// over the stages `dyad code` runs and fixture event stores.
#include "dyad/serve/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "common.h"
#include "dyad/export/export.h"
#include "dyad/store/event_store.h"
#include "event_stages.h"

namespace dyad::serve {
namespace {

using Json = nlohmann::json;

// The stages of `dyad code`, loaded once per test binary run.
const CodingResources& Coding() {
  static const CodingResources* coding = [] {
    auto dicts = cli::LoadEventDictionaries("", "server_test");
    EXPECT_TRUE(dicts.ok());
    auto c = cli::MakeCodingStages(*dicts, {});
    EXPECT_TRUE(c.ok());
    auto stages = cli::MakeTextStages(cli::InputFlags{});
    EXPECT_TRUE(stages.ok());
    cli::ModelFlags models{cli::DefaultModelPath("tagger.dyad"),
                           cli::DefaultModelPath("parser.dyad"), ""};
    EXPECT_TRUE(cli::AddAnalysisStages(models, cli::Analysis::kParse, *stages).ok());
    stages->push_back(c->actors);
    stages->push_back(c->events);
    return new CodingResources{*stages, c->events};
  }();
  return *coding;
}

// A one-sentence story with one event, tokens at spaces (the store keeps them).
Document FixtureDoc(const std::string& id, const std::string& date, const std::string& text,
                    std::string source, std::string target, std::string code, int quad,
                    double goldstein, const std::string& trigger) {
  Document d;
  d.text = text;
  d.meta.id = id;
  d.meta.date = *ParseDate(date);
  d.meta.date_source = DateSource::kMetadata;
  d.meta.source = "Fixture News";
  d.meta.title = "Story " + id;
  Sentence s;
  s.span = {0, static_cast<ByteOffset>(text.size())};
  for (size_t b = 0; b < text.size();) {
    size_t e = std::min(text.find(' ', b), text.size());
    d.tokens.push_back(
        {{static_cast<ByteOffset>(b), static_cast<ByteOffset>(e)}, Token::kSpaceAfter});
    d.words.push_back({.lemma = text.substr(b, e - b), .upos = Upos::kNoun});
    b = e + 1;
  }
  s.end_token = static_cast<TokenIndex>(d.tokens.size());
  d.sentences.push_back(s);
  Event e;
  e.source = std::move(source);
  e.target = std::move(target);
  e.code = code;
  e.root = code.substr(0, 2);
  e.quad_class = static_cast<uint8_t>(quad);
  e.goldstein = goldstein;
  e.date = d.meta.date;
  const size_t t = text.find(trigger);
  e.trigger_span = {static_cast<ByteOffset>(t), static_cast<ByteOffset>(t + trigger.size())};
  e.rule = "fixture.txt:1";
  d.events.push_back(std::move(e));
  return d;
}

// Seven stories: USAGOV-RUSGOV three times (two the same day and code, in two stories), once
// the other way, a fight in Syria, a visit to Mali, a threat to Syria.
std::vector<Document> FixtureDocs() {
  return {
      FixtureDoc("fx1", "2013-04-29", "Kerry met Lavrov in Moscow.", "USAGOV", "RUSGOV", "040", 1,
                 1.0, "met"),
      FixtureDoc("fx2", "2013-04-29", "Kerry met Lavrov again.", "USAGOV", "RUSGOV", "040", 1, 1.0,
                 "met"),
      FixtureDoc("fx3", "2013-05-02", "Kerry wants to meet Lavrov.", "USAGOV", "RUSGOV", "036", 1,
                 4.0, "wants to meet"),
      FixtureDoc("fx4", "2013-05-06", "Moscow accused Washington.", "RUSGOV", "USAGOV", "112", 3,
                 -2.0, "accused"),
      FixtureDoc("fx5", "2013-05-07", "Syrian troops shelled rebel positions.", "SYRMIL", "SYRREB",
                 "190", 4, -10.0, "shelled"),
      FixtureDoc("fx6", "2013-06-15", "Hollande visited Bamako.", "FRA", "MLI", "042", 1, 1.9,
                 "visited"),
      FixtureDoc("fx7", "2013-06-16", "Washington threatened Damascus with strikes.", "USA", "SYR",
                 "138", 3, -7.0, "threatened"),
  };
}

// The fixture stores of this test run, in a directory of their own removed at the end.
std::filesystem::path FixtureStoreDir() {
  return std::filesystem::temp_directory_path() /
         ("dyad_server_test_stores_" + std::to_string(getpid()));
}
class RemoveFixtureStores : public ::testing::Environment {
 public:
  void TearDown() override { std::filesystem::remove_all(FixtureStoreDir()); }
};
[[maybe_unused]] const ::testing::Environment* const kRemoveFixtureStores =
    ::testing::AddGlobalTestEnvironment(new RemoveFixtureStores);

// The fixture in a new SQLite event store file, put there with the store's API as `dyad ingest`
// does, served through the store's queries.
std::shared_ptr<EventSource> FixtureSource() {
  static std::atomic<int> stores{0};
  std::filesystem::create_directories(FixtureStoreDir());
  const std::string path =
      (FixtureStoreDir() / ("fixture_" + std::to_string(++stores) + ".db")).string();
  {
    auto store = EventStore::Open(path, {});
    EXPECT_TRUE(store.ok()) << store.status().message();
    EXPECT_TRUE((*store)->Begin().ok());
    for (const Document& d : FixtureDocs()) EXPECT_TRUE((*store)->Put(d, DocumentHash(d)).ok());
    EXPECT_TRUE((*store)->Commit().ok());
  }
  auto source = OpenStoreEventSource(path, /*writable=*/true);
  EXPECT_TRUE(source.ok()) << source.status().message();
  return std::move(*source);
}

// A running server and a client connected to it.
class Running {
 public:
  explicit Running(ServerOptions o = {}, std::shared_ptr<EventSource> src = FixtureSource())
      : source_(src) {
    o.port = 0;
    auto s = Server::Create(std::move(o), Coding(), std::move(src));
    EXPECT_TRUE(s.ok()) << s.status().message();
    server_ = std::move(*s);
    StatusOr<int> port = server_->Bind();
    EXPECT_TRUE(port.ok());
    thread_ = std::thread([this] { (void)server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", *port);
    client_->set_read_timeout(120, 0);
  }
  ~Running() {
    server_->Stop();
    thread_.join();
  }
  httplib::Client& client() { return *client_; }
  Server& server() { return *server_; }
  EventSource& source() { return *source_; }
  httplib::Result Get(const std::string& path) { return client_->Get(path.c_str()); }
  int64_t Stored() { return *source_->Count(); }

 private:
  std::shared_ptr<EventSource> source_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

Json Body(const httplib::Result& r) { return Json::parse(r->body); }

// An error answer: the status, a JSON body that repeats it, and a message.
void ExpectError(const httplib::Result& r, int status, const std::string& context) {
  ASSERT_TRUE(r) << context;
  EXPECT_EQ(r->status, status) << context << ": " << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json") << context;
  Json j = Json::parse(r->body, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << context << ": " << r->body;
  EXPECT_EQ(j["error"]["status"], status) << context;
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty()) << context;
}

TEST(ServerTest, HealthAndVersion) {
  ServerOptions o;
  o.version = "9.8.7";
  Running s(o, FixtureSource());
  auto h = s.Get("/v1/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(Body(h)["status"], "ok");
  EXPECT_EQ(Body(h)["events"], 7);
  EXPECT_EQ(Body(h)["ingest"], false);
  auto v = s.Get("/v1/version");
  EXPECT_EQ(v->status, 200);
  EXPECT_EQ(Body(v)["version"], "9.8.7");
  ExpectError(s.Get("/v1/health?verbose=1"), 400, "unknown parameter");
  ExpectError(s.Get("/v1/nothing"), 404, "unknown route");
  ExpectError(s.client().Post("/v1/health", "", "text/plain"), 405, "POST on a GET route");
  EXPECT_EQ(s.client().Post("/v1/health", "", "text/plain")->get_header_value("Allow"), "GET");
  ExpectError(s.Get("/v1/code"), 405, "GET on a POST route");
  // Safe defaults: no CORS header, preflight refused.
  EXPECT_FALSE(h->has_header("Access-Control-Allow-Origin"));
  ExpectError(s.client().Options("/v1/events"), 405, "OPTIONS without --cors");
}

TEST(ServerTest, OpenApiDescribesExactlyTheRegisteredRoutes) {
  Running s;
  auto r = s.Get("/v1/openapi.json");
  ASSERT_EQ(r->status, 200);
  Json doc = Body(r);
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::pair<std::string, std::string>> described, registered;
  for (auto& [path, item] : doc["paths"].items()) {
    for (auto& [method, op] : item.items()) {
      std::string m = method;
      for (char& c : m) c = static_cast<char>(std::toupper(c));
      described.emplace(m, path);
      EXPECT_TRUE(op.contains("responses")) << m << " " << path;
      // Every route documents its parameters' names as the server accepts them.
      EXPECT_TRUE(op["responses"].contains("429")) << m << " " << path;
    }
  }
  for (const Route& route : s.server().Routes()) registered.emplace(route.method, route.path);
  EXPECT_EQ(described, registered);
  EXPECT_GE(registered.size(), 10u);
  // Each registered route answers at the described path (not 404), with ids filled in.
  for (const auto& [method, path] : registered) {
    std::string p = path;
    if (auto b = p.find("{id}"); b != std::string::npos) p.replace(b, 4, "1");
    auto res = method == "GET" ? s.Get(p) : s.client().Post(p.c_str(), "x", "text/plain");
    ASSERT_TRUE(res) << p;
    EXPECT_NE(res->status, 404) << method << " " << p;
    EXPECT_NE(res->status, 405) << method << " " << p;
  }
  // The filter parameters the server checks are the ones the document lists.
  std::set<std::string> listed;
  for (auto& p : doc["paths"]["/v1/events"]["get"]["parameters"]) {
    if (p.contains("$ref")) {
      std::string ref = p["$ref"];
      listed.insert(ref.substr(ref.rfind('/') + 1));
    } else {
      listed.insert(p["name"].get<std::string>());
    }
  }
  for (const std::string& name : listed) {
    auto res = s.Get("/v1/events?" + name + "=%00");
    ASSERT_TRUE(res);
    // A listed parameter is known: a bad value is refused for the value, not the name.
    EXPECT_EQ(res->body.find("unknown parameter"), std::string::npos) << name;
  }
  EXPECT_EQ(listed.size(), 14u);
}

TEST(ServerTest, CodeReturnsTheJsonOfDyadCode) {
  Running s;
  const std::string text = "John Kerry met Sergei Lavrov in Moscow on Tuesday.";
  auto r = s.client().Post("/v1/code?date=2013-04-30&id=story", text, "text/plain");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  Json j = Body(r);
  EXPECT_EQ(j["documents"], 1);
  EXPECT_EQ(j["ok"], 1);
  ASSERT_GE(j["events"].size(), 1u) << r->body;

  // The same stages over the same document, written by `dyad code`'s formatter.
  Document doc;
  doc.text = text;
  doc.meta.id = "story";
  doc.meta.date = *ParseDate("2013-04-30");
  for (const auto& stage : Coding().stages) {
    auto ws = stage->NewWorkspace();
    ASSERT_TRUE(stage->Process(doc, *ws).ok());
  }
  ASSERT_EQ(doc.events.size(), j["events"].size());
  auto writer = NewEventRecordWriter("jsonl");
  ASSERT_TRUE(writer.ok());
  std::vector<EventRecord> records = EventRecordsFromDocument(doc);
  for (size_t i = 0; i < records.size(); ++i) {
    std::string line;
    (*writer)->Append(records[i], line);
    EXPECT_EQ(j["events"][i], Json::parse(line));
  }
  EXPECT_EQ(j["events"][0]["date"], "2013-04-30");
  EXPECT_EQ(j["events"][0]["doc_id"], "story");

  // JSON Lines out when asked for, line for line.
  httplib::Headers accept = {{"Accept", "application/x-ndjson"}};
  auto nd = s.client().Post("/v1/code?date=2013-04-30&id=story", accept, text, "text/plain");
  ASSERT_EQ(nd->status, 200);
  EXPECT_EQ(nd->get_header_value("Content-Type"), "application/x-ndjson");
  EXPECT_EQ(Json::parse(nd->body.substr(0, nd->body.find('\n'))), j["events"][0]);

  // JSON documents: one object, or an array with a failing element reported beside the rest.
  Json one = {{"id", "a"}, {"date", "2013-04-30"}, {"text", text}};
  auto o = s.client().Post("/v1/code", one.dump(), "application/json");
  ASSERT_EQ(o->status, 200) << o->body;
  EXPECT_EQ(Body(o)["events"][0]["doc_id"], "a");
  Json many = Json::array({one, {{"id", "b"}, {"text", ""}}});
  auto m = s.client().Post("/v1/code", many.dump(), "application/json; charset=utf-8");
  ASSERT_EQ(m->status, 200) << m->body;
  EXPECT_EQ(Body(m)["documents"], 2);
  EXPECT_EQ(Body(m)["failed"].size(), 1u);
  auto l =
      s.client().Post("/v1/code", one.dump() + "\n" + one.dump() + "\n", "application/x-ndjson");
  ASSERT_EQ(l->status, 200);
  EXPECT_EQ(Body(l)["ok"], 2);
}

TEST(ServerTest, CodeRefusesBadBodies) {
  ServerOptions o;
  o.max_body_bytes = 1000;
  Running s(o);
  ExpectError(s.client().Post("/v1/code", "{not json", "application/json"), 400, "bad JSON");
  ExpectError(s.client().Post("/v1/code", "[]", "application/json"), 400, "empty array");
  ExpectError(s.client().Post("/v1/code", "[1, 2]", "application/json"), 400, "not objects");
  ExpectError(s.client().Post("/v1/code", "  \n", "text/plain"), 400, "empty body");
  ExpectError(s.client().Post("/v1/code", "<x/>", "application/xml"), 415, "media type");
  ExpectError(s.client().Post("/v1/code", std::string(5000, 'a'), "text/plain"), 413, "oversize");
  ExpectError(s.client().Post("/v1/code?date=yesterday", "Kerry met Lavrov.", "text/plain"), 400,
              "bad date");
  ExpectError(s.client().Post("/v1/code?format=xml", "Kerry met Lavrov.", "text/plain"), 400,
              "unknown parameter");
  ExpectError(s.client().Post("/v1/code", R"({"id": "x"})", "application/json"), 400,
              "a document without text");
  // The server still answers after all that.
  EXPECT_EQ(s.Get("/v1/health")->status, 200);
}

TEST(ServerTest, Explain) {
  Running s;
  auto r = s.Get("/v1/explain?text=" +
                 httplib::detail::encode_query_param("Kerry will visit Moscow next week.") +
                 "&date=2013-04-30");
  ASSERT_EQ(r->status, 200) << r->body;
  Json j = Body(r);
  EXPECT_EQ(j["publication_date"], "2013-04-30");
  ASSERT_EQ(j["sentences"].size(), 1u);
  const Json& s0 = j["sentences"][0];
  EXPECT_EQ(s0["tokens"][0]["form"], "Kerry");
  EXPECT_EQ(s0["tokens"].size(), 7u);
  EXPECT_FALSE(s0["tokens"][0]["upos"].get<std::string>().empty());
  ASSERT_GE(s0["actors"].size(), 1u);
  EXPECT_EQ(s0["actors"][0]["code"].get<std::string>().substr(0, 3), "USA");
  EXPECT_FALSE(s0["patterns"].get<std::string>().empty());
  ExpectError(s.Get("/v1/explain"), 400, "no text");
  ExpectError(s.Get("/v1/explain?text=%20"), 400, "blank text");
  ExpectError(s.Get("/v1/explain?text=" + std::string(5000, 'a')), 413, "long text");
  ExpectError(s.Get("/v1/explain?text=a&date=2013-02-30"), 400, "impossible date");
  ExpectError(s.Get("/v1/explain?text=a&text=b"), 400, "text twice");
}

// How many events /v1/events lists for `query` (in one page of up to 1000).
int Total(Running& s, const std::string& query) {
  auto r = s.Get("/v1/events?limit=1000&" + query);
  EXPECT_TRUE(r);
  EXPECT_EQ(r->status, 200) << query << ": " << r->body;
  EXPECT_EQ(Body(r)["has_more"], false) << query;
  return static_cast<int>(Body(r)["events"].size());
}

TEST(ServerTest, EventsFilterAndPage) {
  Running s({}, FixtureSource());
  EXPECT_EQ(Total(s, ""), 7);
  EXPECT_EQ(Total(s, "source=USA"), 4);
  EXPECT_EQ(Total(s, "source=USAGOV&target=RUS"), 3);
  EXPECT_EQ(Total(s, "country=SYR"), 2);
  EXPECT_EQ(Total(s, "dyad=USAGOV,RUSGOV"), 4);  // either direction
  EXPECT_EQ(Total(s, "dyad=RUS,USA"), 4);        // prefixes
  EXPECT_EQ(Total(s, "dyad=USA,SYR"), 1);
  EXPECT_EQ(Total(s, "code=04"), 3);
  EXPECT_EQ(Total(s, "root=19"), 1);
  EXPECT_EQ(Total(s, "quad=3"), 2);
  EXPECT_EQ(Total(s, "from=2013-05-01&to=2013-05-31"), 3);
  EXPECT_EQ(Total(s, "from=2013-06-16"), 1);
  EXPECT_EQ(Total(s, "q=LAVROV"), 3);
  EXPECT_EQ(Total(s, "q=lavrov%20again"), 1);
  EXPECT_EQ(Total(s, "dedup=day"), 6);    // fx1 and fx2: same day, dyad and code
  EXPECT_EQ(Total(s, "dedup=story"), 7);  // ... but two stories
  EXPECT_EQ(Total(s, "dedup=none"), 7);

  auto r = s.Get("/v1/events?limit=2&page=2");
  Json j = Body(r);
  EXPECT_EQ(j["has_more"], true);
  ASSERT_EQ(j["events"].size(), 2u);
  // Store order: page 2 holds the 3rd and 4th events.
  EXPECT_EQ(j["events"][0]["date"], "2013-05-02");
  EXPECT_EQ(j["events"][1]["date"], "2013-05-06");
  Json last = Body(s.Get("/v1/events?limit=2&page=4"));
  EXPECT_EQ(last["events"].size(), 1u);
  EXPECT_EQ(last["has_more"], false);
  EXPECT_EQ(Body(s.Get("/v1/events?page=9"))["events"].size(), 0u);

  // Keyset paging: next_after of one page is the after of the next; the pages, joined, are the
  // whole list in order, with and without dedup.
  for (const std::string dedup : {"none", "day"}) {
    const Json all = Body(s.Get("/v1/events?limit=1000&dedup=" + dedup))["events"];
    EXPECT_EQ(Body(s.Get("/v1/events?limit=1000&dedup=" + dedup))["next_after"], nullptr);
    const Json first = Body(s.Get("/v1/events?limit=2&dedup=" + dedup));
    Json joined = first["events"];
    EXPECT_EQ(first["next_after"], first["events"][1]["id"]);
    std::string next = first["next_after"].dump();
    size_t pages = 1;
    while (next != "null") {
      Json p = Body(s.Get("/v1/events?limit=2&dedup=" + dedup + "&after=" + next));
      ASSERT_LE(p["events"].size(), 2u);
      ASSERT_GE(p["events"].size(), 1u);
      for (const Json& e : p["events"]) joined.push_back(e);
      EXPECT_EQ(p["has_more"], p["next_after"] != nullptr);
      if (p["has_more"] == true) EXPECT_EQ(p["next_after"], p["events"][1]["id"]);
      next = p["next_after"].dump();
      ASSERT_LT(++pages, 10) << dedup;
    }
    EXPECT_EQ(joined, all) << dedup;
    EXPECT_EQ(pages, (all.size() + 1) / 2) << dedup;
  }
  // A cursor with a filter: after the first USAGOV event, the other two.
  const Json usa = Body(s.Get("/v1/events?source=USAGOV"))["events"];
  ASSERT_EQ(usa.size(), 3u);
  Json rest = Body(s.Get("/v1/events?source=USAGOV&after=" + usa[0]["id"].dump()));
  ASSERT_EQ(rest["events"].size(), 2u);
  EXPECT_EQ(rest["events"][0], usa[1]);
  EXPECT_EQ(rest["has_more"], false);
  EXPECT_EQ(Body(s.Get("/v1/events?source=USAGOV&after=" + usa[2]["id"].dump()))["events"].size(),
            0u);

  const Json e = Body(s.Get("/v1/events?root=19"))["events"][0];
  auto one = s.Get("/v1/events/" + std::to_string(e["id"].get<int>()));
  ASSERT_EQ(one->status, 200);
  EXPECT_EQ(Body(one), e);
  EXPECT_EQ(Body(one)["sentence_text"], "Syrian troops shelled rebel positions.");
  EXPECT_EQ(Body(one)["evidence"]["trigger"]["text"], "shelled");
  EXPECT_EQ(Body(one)["doc_id"], "fx5");
  EXPECT_EQ(Body(one)["title"], "Story fx5");
  EXPECT_EQ(Body(one)["rule"], "fixture.txt:1");
  ExpectError(s.Get("/v1/events/999"), 404, "no such event");
  ExpectError(s.Get("/v1/events/0"), 400, "id 0");
  ExpectError(s.Get("/v1/events/abc"), 400, "id abc");
  ExpectError(s.Get("/v1/events/1?x=1"), 400, "unknown parameter");
}

TEST(ServerTest, EventsRefuseBadParameters) {
  Running s({}, FixtureSource());
  for (const char* q :
       {"limit=0",    "limit=1001",      "limit=ten",        "page=0",
        "page=-1",    "from=2013-13-01", "from=30.4.2013",   "to=2013-04-01&from=2013-05-01",
        "source=usa", "source=",         "country=US",       "dyad=USAGOV",
        "code=4",     "code=04a",        "root=1",           "quad=5",
        "quad=0",     "dedup=maybe",     "dedup=1",          "q=",
        "q=%20",      "sort=date",       "limit=1&limit=2",  "after=0",
        "after=-1",   "after=x",         "after=1%20OR%201", "after=1&page=2"}) {
    ExpectError(s.Get(std::string("/v1/events?") + q), 400, q);
  }
  for (const char* q : {"by=year", "by=", "limit=5"})
    ExpectError(s.Get(std::string("/v1/series?") + q), 400, q);
  ExpectError(s.Get("/v1/dyads?limit=0"), 400, "dyads limit");
  ExpectError(s.Get("/v1/dyads?by=day"), 400, "dyads by");
}

TEST(ServerTest, SqlInjectionAttemptsAreDataNotCode) {
  Running s({}, FixtureSource());
  // Where a parameter has a shape, a quote does not fit it.
  for (const char* q : {"source=USA%27%20OR%20%271%27=%271", "dyad=USA,RUS%27;--",
                        "country=%27;DROP%20TABLE%20events;--", "root=01%20OR%201=1",
                        "from=2013-01-01%27%20OR%201=1--"})
    ExpectError(s.Get(std::string("/v1/events?") + q), 400, q);
  ExpectError(s.Get("/v1/events/1%20OR%201=1"), 400, "id injection");
  // Free text is bound as a value: a search that matches nothing (or an FTS5 syntax error, 400)
  // — never every event, never a server fault — and nothing is lost.
  for (const char* q : {"' OR '1'='1", "x'); DROP TABLE events;--", "\" OR 1=1 --",
                        "lavrov' UNION SELECT * FROM documents --"}) {
    auto r = s.Get("/v1/events?q=" + httplib::detail::encode_query_param(q));
    ASSERT_TRUE(r) << q;
    if (r->status == 400) {
      ExpectError(r, 400, q);
    } else {
      EXPECT_EQ(r->status, 200) << q << ": " << r->body;
      EXPECT_EQ(Body(r)["events"].size(), 0u) << q;
    }
  }
  EXPECT_EQ(Total(s, ""), 7);
  EXPECT_EQ(Body(s.Get("/v1/health"))["events"], 7);
}

TEST(ServerTest, SeriesDyadsAndCountries) {
  Running s({}, FixtureSource());
  Json m = Body(s.Get("/v1/series?by=month"));
  ASSERT_EQ(m["series"].size(), 3u);
  EXPECT_EQ(m["series"][0]["period"], "2013-04-01");
  EXPECT_EQ(m["series"][0]["events"], 2);
  EXPECT_EQ(m["series"][1]["period"], "2013-05-01");
  EXPECT_EQ(m["series"][1]["events"], 3);
  EXPECT_DOUBLE_EQ(m["series"][1]["goldstein_sum"].get<double>(), 4.0 - 2.0 - 10.0);
  // Weeks start on Monday: 2013-04-29 was one, 2013-05-02 is in its week.
  Json w = Body(s.Get("/v1/series?by=week&source=USAGOV"));
  ASSERT_EQ(w["series"].size(), 1u);
  EXPECT_EQ(w["series"][0]["period"], "2013-04-29");
  EXPECT_EQ(w["series"][0]["events"], 3);
  EXPECT_EQ(Body(s.Get("/v1/series"))["series"].size(), 6u);
  EXPECT_EQ(Body(s.Get("/v1/series?root=19&by=day"))["series"][0]["period"], "2013-05-07");

  Json d = Body(s.Get("/v1/dyads?limit=2"));
  ASSERT_EQ(d["dyads"].size(), 2u);
  EXPECT_EQ(d["dyads"][0]["source"], "USAGOV");
  EXPECT_EQ(d["dyads"][0]["target"], "RUSGOV");
  EXPECT_EQ(d["dyads"][0]["events"], 3);
  EXPECT_DOUBLE_EQ(d["dyads"][0]["goldstein_mean"].get<double>(), 2.0);
  EXPECT_EQ(Body(s.Get("/v1/dyads?quad=4"))["dyads"].size(), 1u);

  // An event counts once for each country on its sides.
  Json c = Body(s.Get("/v1/countries"));
  ASSERT_EQ(c["countries"].size(), 5u);
  EXPECT_EQ(c["countries"][0]["country"], "USA");
  EXPECT_EQ(c["countries"][0]["events"], 5);
  EXPECT_EQ(c["countries"][1]["country"], "RUS");
  EXPECT_EQ(c["countries"][2]["country"], "SYR");
  EXPECT_EQ(c["countries"][2]["events"], 2);
  EXPECT_DOUBLE_EQ(c["countries"][2]["goldstein_mean"].get<double>(), -8.5);
  ExpectError(s.Get("/v1/countries?limit=x"), 400, "countries limit");
}

TEST(ServerTest, IngestNeedsTheFlagAndTheToken) {
  {
    Running off({}, FixtureSource());
    ExpectError(off.client().Post("/v1/ingest", "Kerry met Lavrov.", "text/plain"), 403,
                "ingest off");
  }
  ServerOptions o;
  o.allow_ingest = true;
  o.token = "0123456789abcdef-secret";
  Running s(o, FixtureSource());
  const std::string text = "John Kerry met Sergei Lavrov in Moscow on Tuesday.";
  auto missing = s.client().Post("/v1/ingest", text, "text/plain");
  ExpectError(missing, 401, "no token");
  EXPECT_EQ(missing->get_header_value("WWW-Authenticate"), "Bearer");
  httplib::Headers wrong = {{"Authorization", "Bearer 0123456789abcdef-secreT"}};
  ExpectError(s.client().Post("/v1/ingest", wrong, text, "text/plain"), 401, "wrong token");
  httplib::Headers shorter = {{"Authorization", "Bearer 0123"}};
  ExpectError(s.client().Post("/v1/ingest", shorter, text, "text/plain"), 401, "prefix token");
  EXPECT_EQ(s.Stored(), 7);

  httplib::Headers right = {{"Authorization", "Bearer 0123456789abcdef-secret"}};
  auto r = s.client().Post("/v1/ingest?date=2013-04-30&id=kerry", right, text, "text/plain");
  ASSERT_EQ(r->status, 201) << r->body;
  Json j = Body(r);
  const int added = j["events"];
  ASSERT_GE(added, 1);
  EXPECT_EQ(s.Stored(), 7 + added);
  EXPECT_EQ(Total(s, "q=Sergei"), added);
  Json e = Body(s.Get("/v1/events?q=Sergei"))["events"][0];
  EXPECT_EQ(e["doc_id"], "kerry");
  EXPECT_EQ(e["sentence_text"], text);
  EXPECT_EQ(e["date"], "2013-04-30");
  EXPECT_EQ(text.substr(e["evidence"]["trigger"]["begin"], 3), "met");
  // Without --allow-ingest a server cannot be made to take a token-less ingest.
  ServerOptions bad;
  bad.allow_ingest = true;
  EXPECT_FALSE(Server::Create(bad, Coding(), FixtureSource()).ok());
}

TEST(ServerTest, QueryStringIsReadByDyad) {
  Running s;
  // Only the first '=' of a pair separates (cpp-httplib's parser read "a=b" as "b").
  auto r = s.Get("/v1/explain?text=Kerry=Lavrov");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["sentences"][0]["text"], "Kerry=Lavrov");
  // A pair repeated verbatim is still given twice (cpp-httplib kept one); a pair without a
  // name or with a malformed escape is refused, not dropped or passed through.
  ExpectError(s.Get("/v1/events?limit=1&limit=1"), 400, "same pair twice");
  ExpectError(s.Get("/v1/events?=1"), 400, "no name");
  ExpectError(s.Get("/v1/events?q=%zz"), 400, "malformed escape");
  ExpectError(s.Get("/v1/events?q=%4"), 400, "short escape");
  // A name or value that is not UTF-8 is refused with a JSON error (it was a 500: the JSON
  // writer threw on the message that echoes it).
  auto bad = s.Get("/v1/events?%FF=1");
  ExpectError(bad, 400, "name not UTF-8");
  EXPECT_NE(bad->body.find("\xEF\xBF\xBD"), std::string::npos) << bad->body;  // U+FFFD
  ExpectError(s.Get("/%FF"), 404, "static path not UTF-8");
  // An id that is not UTF-8 names the document with U+FFFD for the bad byte (its events were
  // written as JSON that is not UTF-8).
  auto coded = s.client().Post("/v1/code?id=%FF&date=2013-04-30",
                               "John Kerry met Sergei Lavrov in Moscow.", "text/plain");
  ASSERT_EQ(coded->status, 200) << coded->body;
  Json j = Json::parse(coded->body, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << coded->body;
  ASSERT_GE(j["events"].size(), 1u) << coded->body;
  EXPECT_EQ(j["events"][0]["doc_id"], "\xEF\xBF\xBD");
  EXPECT_EQ(Total(s, "q=lavrov+again"), 1);  // '+' is a space in a query
  EXPECT_EQ(Total(s, "&root=19&&"), 1);      // empty pairs are nothing
}

TEST(ServerTest, HandleAnswersAsTheSocketDoes) {
  Running s;
  for (const char* target : {"/v1/events?limit=2", "/v1/events?root=1", "/v1/series?by=month",
                             "/v1/nothing", "/v1/events/1", "/v1/events/abc", "/v1/version",
                             "/v1/dyads?limit=2&limit=3", "/", "/../secret", "/v1/events?q=%zz"}) {
    auto r = s.Get(target);
    ASSERT_TRUE(r) << target;
    const ApiResponse h = s.server().Handle({.method = "GET", .target = target});
    EXPECT_EQ(h.status, r->status) << target;
    EXPECT_EQ(h.body, r->body) << target;
  }
  const std::string text = "John Kerry met Sergei Lavrov in Moscow on Tuesday.";
  auto r = s.client().Post("/v1/code?date=2013-04-30", text, "text/plain");
  const ApiResponse h = s.server().Handle({.method = "POST",
                                           .target = "/v1/code?date=2013-04-30",
                                           .headers = {{"Content-Type", "text/plain"}},
                                           .body = text});
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.body, r->body);
  auto put = s.client().Put("/v1/events", "x", "text/plain");
  ExpectError(put, 405, "PUT");
  EXPECT_EQ(put->get_header_value("Allow"), "GET");
  EXPECT_EQ(s.server().Handle({.method = "PUT", .target = "/v1/events", .body = "x"}).status, 405);
  // Handle applies the body limit the socket server does.
  ServerOptions small;
  small.max_body_bytes = 10;
  Running t(small);
  EXPECT_EQ(t.server()
                .Handle({.method = "POST", .target = "/v1/code", .body = std::string(11, 'a')})
                .status,
            413);
}

TEST(ServerTest, RateLimitAnswers429) {
  ServerOptions o;
  o.rate_per_second = 0.001;  // one new request every 1000 s: the test never sees a refill
  o.rate_burst = 3;
  Running s(o);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(s.Get("/v1/health")->status, 200);
  auto r = s.Get("/v1/health");
  ExpectError(r, 429, "over the rate");
  EXPECT_GE(std::stoi(r->get_header_value("Retry-After")), 1);
}

TEST(ServerTest, CorsOnlyWhenAsked) {
  ServerOptions o;
  o.cors_origin = "http://localhost:5173";
  Running s(o);
  auto r = s.Get("/v1/version");
  EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "http://localhost:5173");
  auto pre = s.client().Options("/v1/events");
  EXPECT_EQ(pre->status, 204);
  EXPECT_NE(pre->get_header_value("Access-Control-Allow-Methods").find("GET"), std::string::npos);
  // Errors carry it too, so a browser can read them.
  EXPECT_EQ(s.Get("/v1/nothing")->get_header_value("Access-Control-Allow-Origin"),
            "http://localhost:5173");
}

TEST(ServerTest, DashboardFilesAndNothingElse) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("dyad_server_test_" + std::to_string(getpid()));
  fs::create_directories(dir / "web" / "assets");
  std::ofstream(dir / "web" / "index.html") << "<html>dashboard</html>";
  std::ofstream(dir / "web" / "assets" / "app.js") << "console.log(1);";
  std::ofstream(dir / "secret.txt") << "secret";
  ServerOptions o;
  o.web_root = (dir / "web").string();
  {
    Running s(o);
    auto index = s.Get("/");
    ASSERT_EQ(index->status, 200);
    EXPECT_EQ(index->body, "<html>dashboard</html>");
    EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
    auto js = s.Get("/assets/app.js");
    ASSERT_EQ(js->status, 200);
    EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
    ExpectError(s.Get("/assets/none.js"), 404, "missing file");
    for (const char* p :
         {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt",
          "/assets/%2E%2E/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%5c..%5csecret.txt"}) {
      auto r = s.Get(p);
      ASSERT_TRUE(r) << p;
      EXPECT_NE(r->status, 200) << p;
      EXPECT_EQ(r->body.find("secret\""), std::string::npos) << p;
      EXPECT_NE(r->body, "secret") << p;
    }
    ExpectError(s.client().Post("/", "x", "text/plain"), 404, "POST /");
  }
  ServerOptions none;
  Running s(none);
  ExpectError(s.Get("/"), 404, "no dashboard");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dyad::serve
