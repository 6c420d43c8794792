// Server: `dyad serve`, the HTTP API (/v1/...) and the dashboard, over the same stages the CLI
// runs and an EventSource.
//
// Part of dyad_serve, an adapter with no NLP of its own: POST /v1/code runs a Pipeline over the
// request body with the stages it is given, and writes each event as `dyad code` does (the
// "jsonl" EventRecordWriter of dyad_export). Safe by default: binds 127.0.0.1, read-only unless
// `allow_ingest`, request bodies and rates limited, no CORS header unless `cors_origin` is set.
// Errors are JSON
// {"error": {"status": 400, "message": "..."}} with the HTTP status.
//
//   auto server = Server::Create(options, std::move(coding), std::move(events));
//   StatusOr<int> port = (*server)->Bind();     // options.port 0: an ephemeral port
//   std::thread t([&] { (*server)->Run(); });   // serves until Stop()
//   (*server)->Stop(); t.join();
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dyad/core/stage.h"
#include "dyad/core/status.h"
#include "dyad/events/event_coder.h"
#include "dyad/serve/event_source.h"

namespace dyad::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";    // address to bind
  int port = 8080;                   // 0 = any free port (Bind() says which)
  size_t max_body_bytes = 1u << 20;  // larger request bodies get 413
  // Connections: each is served by one of `http_threads` threads from its first byte to its
  // close; more wait for a free thread. The limits below keep one client from holding a thread.
  size_t http_threads = 8;               // threads serving connections
  double header_timeout_seconds = 10;    // a request's line and headers must arrive in this (408)
  double body_timeout_seconds = 30;      // ... and its body in this after them (408)
  size_t max_header_bytes = 32 << 10;    // request line + headers; more gets 431
  double read_timeout_seconds = 5;       // one read that waits longer closes the connection
  double write_timeout_seconds = 5;      // one write that waits longer closes the connection
  double keep_alive_seconds = 5;         // no (first or next) request this long: closed
  size_t keep_alive_max_requests = 100;  // requests on one connection before it is closed
  size_t max_explain_bytes = 4096;       // longest text GET /v1/explain codes
  double rate_per_second = 50;  // requests per client address, refilled continuously; 0 = off
  double rate_burst = 100;      // requests a client may make at once
  std::string cors_origin;      // Access-Control-Allow-Origin value; "" = no CORS
  bool allow_ingest = false;    // POST /v1/ingest accepted (with `token`)
  std::string token;            // bearer token of /v1/ingest; must be set with allow_ingest
  std::string web_root;         // directory of the built dashboard; "" = no dashboard
  std::string version = "0";    // what /v1/version reports
};

// The stages POST /v1/code and GET /v1/explain run, in order (text, tagger, parser, actors,
// events), and the event coder again for explain's pattern trace.
struct CodingResources {
  std::vector<std::shared_ptr<const Stage>> stages;
  std::shared_ptr<const EventCoder> events;
};

// One registered route: its method and its path as OpenAPI writes it ("/v1/events/{id}").
struct Route {
  std::string method;  // "GET", "POST"
  std::string path;
};

// A request as Server::Handle takes it: what the socket server reads, without the socket.
struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // the path and query as sent, still percent-encoded: "/v1/events?root=19"
  std::vector<std::pair<std::string, std::string>> headers;  // names case-insensitive
  std::string body;
  std::string remote_addr = "127.0.0.1";  // whom the rate limit counts
};

// The answer to an ApiRequest: the status, the headers (Content-Type among them) and the body.
struct ApiResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Thread safety: Bind, Run and Stop from any thread; requests are served on a thread pool.
class Server {
 public:
  static StatusOr<std::unique_ptr<Server>> Create(ServerOptions options, CodingResources coding,
                                                  std::shared_ptr<EventSource> events);
  ~Server();
  // Binds the listening socket; returns the port.
  StatusOr<int> Bind();
  // Serves until Stop(); returns an error when the server could not listen.
  Status Run();
  void Stop();
  // The API routes (/v1/...) the server registered, in registration order.
  const std::vector<Route>& Routes() const;
  // Answers one request without a socket, through the same routing, parameter parsing, limits
  // (body size, rate) and handlers as a request read from one (the fuzz target drives this).
  // Thread-safe.
  ApiResponse Handle(const ApiRequest& request);

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The OpenAPI 3 description served at /v1/openapi.json.
const char* OpenApiDocument();

}  // namespace dyad::serve
