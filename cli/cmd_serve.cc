// dyad serve: the HTTP API (/v1/...) and the dashboard (/) over the stages `dyad code` runs.
#include <fmt/format.h>
#include <pthread.h>
#include <stdlib.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include "dyad/serve/server.h"
#include "dyad/store/event_store.h"
#include "event_stages.h"
#include "ingest.h"
#include "store_flags.h"
#include "verbs.h"

namespace dyad::cli {

namespace {

// SIGINT and SIGTERM, blocked in every thread of the process and taken by one that waits for
// them (sigwait), which stops the server: Run() then returns and everything is torn down in
// order, which a signal handler could not do safely.
class StopOnSignals {
 public:
  explicit StopOnSignals(serve::Server& server) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGUSR1);  // only ever sent by the destructor, to end the wait
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this, &server] {
      int sig = 0;
      sigwait(&set_, &sig);
      if (sig != SIGUSR1) server.Stop();
    });
  }
  ~StopOnSignals() {
    pthread_kill(thread_.native_handle(), SIGUSR1);
    thread_.join();
  }

 private:
  sigset_t set_;
  std::thread thread_;
};

// build/web beside build/dyad, where the dashboard target puts the bundle.
std::string DefaultWebRoot() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  std::filesystem::path web = exe.parent_path() / "web";
  return std::filesystem::exists(web / "index.html", ec) ? web.string() : "";
}

// A directory only this process can enter (mkdtemp makes it 0700), removed with what is in it
// when the object goes.
class TempDir {
 public:
  TempDir() = default;
  TempDir(TempDir&& o) noexcept : path_(std::exchange(o.path_, "")) {}
  TempDir& operator=(TempDir&& o) noexcept {
    Remove();
    path_ = std::exchange(o.path_, "");
    return *this;
  }
  ~TempDir() { Remove(); }
  static StatusOr<TempDir> Make() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "dyad-serve-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr)
      return InternalError(tmpl + ": cannot make a temporary directory");
    TempDir d;
    d.path_ = tmpl;
    return d;
  }
  const std::string& path() const { return path_; }

 private:
  void Remove() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    path_.clear();
  }
  std::string path_;
};

}  // namespace

VerbRun SetupServe(CLI::App& app) {
  struct Flags {
    InputFlags in;  // for --corpus: reader options, --date, threads
    ModelFlags models;
    CodingFlags coding;
    std::string db, corpus, token_file;
    serve::ServerOptions server;
  };
  auto f = std::make_shared<Flags>();
  f->server.web_root = DefaultWebRoot();
  app.add_option("--db", f->db,
                 "the event store to serve (dyad ingest --db); writable with "
                 "--allow-ingest");
  app.add_option("--corpus", f->corpus,
                 "code this file or directory at start-up into --db (default: a temporary "
                 "store removed at exit) and serve it");
  app.add_option("--host", f->server.host, "address to listen on")->capture_default_str();
  app.add_option("--port", f->server.port, "port (0 = any free port)")->capture_default_str();
  app.add_flag("--allow-ingest", f->server.allow_ingest,
               "accept POST /v1/ingest with the bearer token of --token-file");
  app.add_option("--token-file", f->token_file, "file whose first line is the ingest token");
  app.add_option("--cors", f->server.cors_origin,
                 "send Access-Control-Allow-Origin: ORIGIN (default: no CORS)");
  app.add_option("--web", f->server.web_root, "directory of the built dashboard")
      ->capture_default_str();
  app.add_option("--max-body-bytes", f->server.max_body_bytes, "larger request bodies get 413")
      ->capture_default_str();
  app.add_option("--rate", f->server.rate_per_second,
                 "requests per second per client address (0 = no limit)")
      ->capture_default_str();
  app.add_option("--burst", f->server.rate_burst, "requests a client may make at once")
      ->capture_default_str();
  // Connection limits: what keeps slow, idle or oversized clients from holding the threads.
  app.add_option("--http-threads", f->server.http_threads,
                 "threads serving connections (more connections wait for one)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_option("--header-timeout", f->server.header_timeout_seconds,
                 "seconds a request's line and headers may take to arrive (then 408 and close)")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  app.add_option("--body-timeout", f->server.body_timeout_seconds,
                 "seconds a request's body may take after its headers (then 408 and close)")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  app.add_option("--max-header-bytes", f->server.max_header_bytes,
                 "bytes of request line and headers (more: 431 and close)")
      ->capture_default_str()
      ->check(CLI::Range(1024, 1 << 24));
  app.add_option("--read-timeout", f->server.read_timeout_seconds,
                 "seconds one read from a client may wait (then the connection is closed)")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  app.add_option("--write-timeout", f->server.write_timeout_seconds,
                 "seconds one write to a client may wait (then the connection is closed)")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  app.add_option("--keep-alive", f->server.keep_alive_seconds,
                 "seconds a connection may wait before its first or next request")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  app.add_option("--keep-alive-max", f->server.keep_alive_max_requests,
                 "requests one connection may make before it is closed")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.footer(
      "Limits: every connection holds one of --http-threads threads until it closes. A "
      "request's line and headers must arrive within --header-timeout seconds of its first "
      "byte and its body within --body-timeout after them (else 408); line and headers may "
      "take --max-header-bytes (else 431), the URI 8192 bytes (414), a body --max-body-bytes "
      "(413); the connection is closed after any of those. A connection that sends no request "
      "for --keep-alive seconds is closed, any after --keep-alive-max requests. SIGINT/SIGTERM "
      "stop the server (exit 0).");
  AddCodingFlags(app, f->coding);
  AddStoreNerFlag(app, f->coding);
  app.add_option("--date", f->in.date, "publication date for --corpus records that carry none");
  app.add_option("--threads,-j", f->in.threads, "threads coding --corpus (0 = all cores)");
  AddModelFlags(app, f->models, Analysis::kAll);
  return [f]() -> int {
    if (f->server.allow_ingest) {
      if (f->token_file.empty())
        return Fail(InvalidArgumentError("--allow-ingest needs --token-file"));
      std::ifstream in(f->token_file);
      if (!in) return Fail(NotFoundError(f->token_file + ": cannot open for reading"));
      std::getline(in, f->server.token);
      while (!f->server.token.empty() &&
             std::isspace(static_cast<unsigned char>(f->server.token.back())))
        f->server.token.pop_back();
      if (f->server.token.size() < 16)
        return Fail(InvalidArgumentError(f->token_file + ": the token must be 16 bytes or more"));
    }
    // The stages `dyad ingest` runs with the same flags, so what is served is coded alike.
    auto stages = MakeEventPipelineStages(f->in, f->models, f->coding, "serve");
    if (!stages.ok()) return Fail(stages.status());
    std::shared_ptr<const EventCoder> event_coder;  // for /v1/explain
    for (const auto& stage : *stages)
      if (auto e = std::dynamic_pointer_cast<const EventCoder>(stage)) event_coder = e;
    if (!event_coder) return Fail(InternalError("the coding stages have no event coder"));

    // Without --db the events live in a store in a private temporary directory, removed at exit.
    TempDir temp;
    std::string db = f->db;
    if (db.empty()) {
      auto dir = TempDir::Make();
      if (!dir.ok()) return Fail(dir.status());
      temp = std::move(*dir);
      db = (std::filesystem::path(temp.path()) / "events.db").string();
      auto created = EventStore::Open(db, {});
      if (!created.ok()) return Fail(created.status());
    }
    if (!f->corpus.empty()) {
      // Coded and stored as `dyad ingest --db` would: one engine answers every query.
      auto ro = MakeReaderOptions(f->in);
      if (!ro.ok()) return Fail(ro.status());
      auto store = EventStore::Open(db, {});
      if (!store.ok()) return Fail(store.status());
      auto summary = IngestIntoStore(
          {f->corpus}, *ro, *stages, **store,
          {.db = f->db.empty() ? "a temporary store" : f->db,
           .coding_setting = CodingSetting(f->coding.dictionaries, f->coding.all_events,
                                           !f->coding.null_actors, f->coding.gazetteer),
           .threads = f->in.threads,
           .verb = "serve"});
      if (!summary.ok()) return Fail(summary.status());
      if (!summary->store_error.ok()) return IngestExitCode(*summary);
    }
    auto store = serve::OpenStoreEventSource(db, f->server.allow_ingest);
    if (!store.ok()) return Fail(store.status());
    std::shared_ptr<serve::EventSource> events = std::move(*store);
    f->server.version = DYAD_VERSION;
    auto server = serve::Server::Create(f->server, {*stages, event_coder}, events);
    if (!server.ok()) return Fail(server.status());
    StatusOr<int> port = (*server)->Bind();
    if (!port.ok()) return Fail(port.status());
    fmt::print(stderr, "dyad serve: http://{}:{}/ ({}; Ctrl-C stops)\n", f->server.host, *port,
               f->server.web_root.empty() ? "API only: no dashboard built"
                                          : "dashboard from " + f->server.web_root);
    Status st;
    {
      StopOnSignals signals(**server);
      st = (*server)->Run();
    }
    if (!st.ok()) return Fail(st);
    return kExitOk;
  };
}

}  // namespace dyad::cli
