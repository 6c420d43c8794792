// Fuzz target: `dyad serve`'s request handling, without sockets (Server::Handle): the request
// target's path and query string, every GET endpoint's parameter checks and its parameterised
// store query over a small store, the text, JSON and JSON Lines bodies of POST /v1/code and
// /v1/ingest (with the bearer token), and the dashboard's file server.
//
// Input: a request line "METHOD TARGET" (a line without a space is a GET of it), header lines
// "Name: value", a blank line, then the body. Checks: the status is one the API documents (a
// 500 is a bug), every /v1 answer and every error is JSON and an error repeats its status, and
// the file beside the web root (also behind a symlink inside it) is never served (its text
// appears in no answer to a request that does not hold it).
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "common.h"
#include "dyad/serve/server.h"
#include "dyad/store/event_store.h"
#include "event_stages.h"
#include "fuzz_util.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr char kToken[] = "fuzz-token-0123456789";
constexpr char kSecret[] = "dyad-fuzz-secret-outside-the-web-root";

template <typename T>
T Must(dyad::StatusOr<T> v) {
  if (!v.ok()) {
    std::fprintf(stderr, "serve_fuzz: %s\n", v.status().message().c_str());
    std::abort();
  }
  return std::move(*v);
}

// A private directory with the web root, a secret beside it, and the store.
struct Fixture {
  fs::path dir;
  std::unique_ptr<dyad::serve::Server> server;
};

// A run that crashes (abort, a sanitizer report) skips the atexit clean-up: each run first
// removes the directories of runs whose process is gone (the name holds the pid).
constexpr char kDirPrefix[] = "dyad-serve-fuzz-";

void RemoveStaleDirs() {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::temp_directory_path(), ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(kDirPrefix, 0) != 0) continue;
    const long pid = std::strtol(name.c_str() + sizeof(kDirPrefix) - 1, nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
      fs::remove_all(e.path(), ec);
  }
}

fs::path MakeDir() {
  RemoveStaleDirs();
  std::string tmpl =
      (fs::temp_directory_path() / (kDirPrefix + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
  return tmpl;
}

dyad::serve::CodingResources Coding() {
  auto dicts = Must(dyad::cli::LoadEventDictionaries("", "serve_fuzz"));
  auto coders = Must(dyad::cli::MakeCodingStages(dicts, {}));
  auto stages = Must(dyad::cli::MakeTextStages(dyad::cli::InputFlags{}));
  dyad::cli::ModelFlags models{dyad::cli::DefaultModelPath("tagger.dyad"),
                               dyad::cli::DefaultModelPath("parser.dyad"), ""};
  if (!dyad::cli::AddAnalysisStages(models, dyad::cli::Analysis::kParse, stages).ok()) std::abort();
  stages.push_back(coders.actors);
  stages.push_back(coders.events);
  return {stages, coders.events};
}

Fixture& Get() {
  static Fixture* f = [] {
    auto* fx = new Fixture;
    fx->dir = MakeDir();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(Get().dir, ec);
    });
    fs::create_directories(fx->dir / "web" / "assets");
    std::ofstream(fx->dir / "web" / "index.html") << "<html>dashboard</html>";
    std::ofstream(fx->dir / "web" / "assets" / "app.js") << "console.log(1);";
    std::ofstream(fx->dir / "secret.txt") << kSecret;
    fs::create_symlink(fx->dir / "secret.txt", fx->dir / "web" / "link.txt");
    fs::create_directory_symlink(fx->dir, fx->dir / "web" / "up");
    const std::string db = (fx->dir / "events.db").string();
    Must(dyad::EventStore::Open(db, {}));
    dyad::serve::ServerOptions o;
    o.allow_ingest = true;
    o.token = kToken;
    o.max_body_bytes = 16 << 10;
    o.rate_per_second = 0;
    o.web_root = (fx->dir / "web").string();
    fx->server = Must(dyad::serve::Server::Create(
        o, Coding(), Must(dyad::serve::OpenStoreEventSource(db, /*writable=*/true))));
    // A few coded stories in the store, so that the queries find rows.
    const dyad::serve::ApiResponse r = fx->server->Handle(
        {.method = "POST",
         .target = "/v1/ingest",
         .headers = {{"Authorization", std::string("Bearer ") + kToken},
                     {"Content-Type", "application/x-ndjson"}},
         .body =
             R"({"id":"a","date":"2013-04-30","text":"John Kerry met Sergei Lavrov in Moscow."})"
             "\n"
             R"({"id":"b","date":"2013-05-07","text":"Syrian troops shelled rebel positions in Homs."})"
             "\n"
             R"({"id":"c","date":"2013-06-15","text":"French President Francois Hollande visited Mali."})"
             "\n"});
    if (r.status != 201) {
      std::fprintf(stderr, "serve_fuzz: ingest of the fixture: %d %s\n", r.status, r.body.c_str());
      std::abort();
    }
    return fx;
  }();
  return *f;
}

std::string_view NextLine(std::string_view& in) {
  const size_t nl = in.find('\n');
  std::string_view line = in.substr(0, nl);
  in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string HeaderOf(const dyad::serve::ApiResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "";
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (32 << 10)) return 0;  // coding cost per byte is bounded elsewhere
  std::string_view in = dyad::fuzz::AsText(data, size);
  dyad::serve::ApiRequest req;
  const std::string_view line = NextLine(in);
  const size_t sp = line.find(' ');
  req.method = sp == std::string_view::npos ? "GET" : std::string(line.substr(0, sp));
  req.target = std::string(sp == std::string_view::npos ? line : line.substr(sp + 1));
  while (!in.empty()) {
    const std::string_view h = NextLine(in);
    if (h.empty()) break;
    const size_t colon = h.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = h.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req.headers.emplace_back(h.substr(0, colon), value);
  }
  req.body = std::string(in);

  const dyad::serve::ApiResponse res = Get().server->Handle(req);
  static const std::set<int> kDocumented = {200, 201, 204, 400, 401, 403, 404, 405, 413, 415, 429};
  if (kDocumented.count(res.status) == 0)
    std::fprintf(stderr, "status %d: %s\n", res.status, res.body.c_str());
  DYAD_FUZZ_ASSERT(kDocumented.count(res.status) == 1);
  const std::string type = HeaderOf(res, "Content-Type");
  if (res.status >= 400) DYAD_FUZZ_ASSERT(type == "application/json");
  if (type == "application/json") {
    const Json j = Json::parse(res.body, nullptr, /*allow_exceptions=*/false);
    DYAD_FUZZ_ASSERT(!j.is_discarded());
    if (res.status >= 400) DYAD_FUZZ_ASSERT(j["error"]["status"] == res.status);
  } else if (type == "application/x-ndjson") {
    std::string_view lines = res.body;
    while (!lines.empty()) {
      const std::string_view l = NextLine(lines);
      DYAD_FUZZ_ASSERT(!Json::parse(l, nullptr, false).is_discarded());
    }
  }
  // (An answer may echo the request, which libFuzzer can fill with the secret it sees compared.)
  if (dyad::fuzz::AsText(data, size).find(kSecret) == std::string_view::npos)
    DYAD_FUZZ_ASSERT(res.body.find(kSecret) == std::string::npos);
  return 0;
}
