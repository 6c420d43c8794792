#include "dyad/serve/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "bounded_http_server.h"
#include "dyad/export/export.h"
#include "dyad/io/reader.h"
#include "dyad/pipeline/pipeline.h"
#include "request_target.h"

namespace dyad::serve {

namespace {

using Json = nlohmann::ordered_json;
using httplib::Response;

// One request as the API handlers see it, however it arrived (a socket or Server::Handle): the
// parameters are the target's query as ParseRequestTarget reads it, not httplib's.
struct Call {
  const httplib::Request& http;  // method, headers, body, remote address
  std::string path;              // percent-decoded
  std::vector<std::pair<std::string, std::string>> params;
  std::string path_id;  // the {id} of /v1/events/{id}

  bool has_param(const char* name) const {
    for (const auto& p : params)
      if (p.first == name) return true;
    return false;
  }
  // The first value of `name` ("" when absent).
  std::string param(const char* name) const {
    for (const auto& p : params)
      if (p.first == name) return p.second;
    return "";
  }
  std::string header(const char* name) const { return http.get_header_value(name); }
};

// An expected failure of a request: the status to answer and why.
struct HttpError {
  int status;
  std::string message;
};

// JSON text of `j`. Strings from a request (a parameter's name, an id, a path) may be any bytes:
// invalid UTF-8 is written as U+FFFD instead of failing the answer.
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void SetError(Response& res, int status, const std::string& message) {
  res.status = status;
  Json j = {{"error", {{"status", status}, {"message", message}}}};
  res.set_content(Dump(j), "application/json");
}

void SetJson(Response& res, const Json& j, int status = 200) {
  res.status = status;
  res.set_content(Dump(j), "application/json");
}

const char* ReasonOf(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 401:
      return "missing or wrong bearer token";
    case 403:
      return "forbidden";
    case 404:
      return "no such resource";
    case 405:
      return "method not allowed";
    case 408:
      return "the request did not arrive in time";
    case 413:
      return "request body too large";
    case 414:
      return "request URI too long";
    case 415:
      return "unsupported media type";
    case 429:
      return "too many requests";
    case 431:
      return "request header fields too large";
    default:
      return status >= 500 ? "internal error" : "error";
  }
}

// ---- Query parameters -------------------------------------------------------------------------

// Fails when the request has a parameter outside `allowed` or one given twice.
std::optional<HttpError> CheckParams(const Call& req, std::initializer_list<const char*> allowed) {
  std::set<std::string> seen;
  for (const auto& [name, value] : req.params) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || name == a;
    if (!ok) return HttpError{400, "unknown parameter \"" + name + "\""};
    if (!seen.insert(name).second) return HttpError{400, "parameter \"" + name + "\" given twice"};
  }
  return std::nullopt;
}

std::optional<HttpError> ParseInt(const std::string& name, const std::string& v, int lo, int hi,
                                  int& out) {
  static const std::regex kInt(R"(\d{1,9})");
  if (!std::regex_match(v, kInt) || std::stoi(v) < lo || std::stoi(v) > hi)
    return HttpError{400, fmt::format("{} must be an integer from {} to {}", name, lo, hi)};
  out = std::stoi(v);
  return std::nullopt;
}

// An event's row id: what /v1/events/{id} names and `after` continues from.
std::optional<HttpError> ParseEventId(const std::string& name, const std::string& v, int64_t& out) {
  static const std::regex kId(R"([1-9]\d{0,17})");
  if (!std::regex_match(v, kId)) return HttpError{400, name + " is a positive integer"};
  out = std::stoll(v);
  return std::nullopt;
}

std::optional<HttpError> ParseDay(const std::string& name, const std::string& v, Date& out) {
  static const std::regex kDay(R"(\d{4}-\d{2}-\d{2})");
  StatusOr<Date> d = ParseDate(v);
  if (!std::regex_match(v, kDay) || !d.ok())
    return HttpError{400, name + " must be a date YYYY-MM-DD"};
  out = *d;
  return std::nullopt;
}

std::optional<HttpError> ParseActor(const std::string& name, const std::string& v,
                                    std::string& out) {
  static const std::regex kActor(R"([A-Z0-9-]{1,24})");
  if (!std::regex_match(v, kActor))
    return HttpError{400, name + " must be a CAMEO actor code (A-Z, 0-9, -)"};
  out = v;
  return std::nullopt;
}

// The filters of /v1/events, /v1/series and /v1/dyads.
std::optional<HttpError> ParseFilters(const Call& req, EventFilter& q) {
  static const std::regex kCode(R"(\d{2,4})"), kRoot(R"(\d{2})"), kCountry(R"([A-Z]{3})");
  auto get = [&](const char* name) { return req.param(name); };
  std::optional<HttpError> e;
  if (req.has_param("from") && (e = ParseDay("from", get("from"), q.from))) return e;
  if (req.has_param("to") && (e = ParseDay("to", get("to"), q.to))) return e;
  if (!q.from.empty() && !q.to.empty() && q.to < q.from) return HttpError{400, "to is before from"};
  if (req.has_param("source") && (e = ParseActor("source", get("source"), q.source))) return e;
  if (req.has_param("target") && (e = ParseActor("target", get("target"), q.target))) return e;
  if (req.has_param("country")) {
    if (!std::regex_match(get("country"), kCountry))
      return HttpError{400, "country must be three capital letters (ISO 3166 alpha-3)"};
    q.country = get("country");
  }
  if (req.has_param("dyad")) {
    const std::string v = get("dyad");
    const size_t comma = v.find(',');
    if (comma == std::string::npos)
      return HttpError{400, "dyad must be A,B (two actor code prefixes)"};
    if ((e = ParseActor("dyad", v.substr(0, comma), q.dyad_a))) return e;
    if ((e = ParseActor("dyad", v.substr(comma + 1), q.dyad_b))) return e;
  }
  if (req.has_param("code")) {
    if (!std::regex_match(get("code"), kCode)) return HttpError{400, "code must be 2-4 digits"};
    q.code = get("code");
  }
  if (req.has_param("root")) {
    if (!std::regex_match(get("root"), kRoot)) return HttpError{400, "root must be 2 digits"};
    q.root = get("root");
  }
  if (req.has_param("quad") && (e = ParseInt("quad", get("quad"), 1, 4, q.quad_class))) return e;
  if (req.has_param("q")) {
    q.text = get("q");
    if (q.text.find_first_not_of(" \t") == std::string::npos || q.text.size() > 200)
      return HttpError{400, "q must be 1 to 200 bytes of words"};
  }
  if (req.has_param("dedup")) {
    const std::string v = get("dedup");
    if (v == "none")
      q.dedup = Dedup::kNone;
    else if (v == "story")
      q.dedup = Dedup::kStory;
    else if (v == "day")
      q.dedup = Dedup::kDay;
    else
      return HttpError{400, "dedup must be none, story or day"};
  }
  return std::nullopt;
}

#define DYAD_FILTER_PARAMS \
  "from", "to", "source", "target", "country", "dyad", "code", "root", "quad", "q", "dedup"

// ---- JSON of records ---------------------------------------------------------------------------

Json SpanJson(Span s, const std::string& text) {
  if (s.empty()) return nullptr;
  return Json{{"begin", s.begin}, {"end", s.end}, {"text", text}};
}

Json RecordJson(const EventRecord& r) {
  Json issues = Json::array();
  for (const std::string& i : r.issues) issues.push_back(i);
  return Json{
      {"id", r.event_id},
      {"doc_id", r.doc_id},
      {"date", r.date.empty() ? "" : r.date.ToString()},
      {"published", r.published.empty() ? "" : r.published.ToString()},
      {"publisher", r.publisher},
      {"url", r.url},
      {"title", r.title},
      {"sentence", r.sentence},
      {"sentence_text", r.sentence_text},
      {"source", r.source},
      {"source_name", r.source_name},
      {"target", r.target},
      {"target_name", r.target_name},
      {"code", r.code},
      {"root", r.root},
      {"quad_class", r.quad_class},
      {"goldstein", r.goldstein},
      {"plover", r.plover},
      {"issues", issues},
      {"evidence",
       {{"source", SpanJson(r.source_span, r.source_name)},
        {"target", SpanJson(r.target_span, r.target_name)},
        {"trigger", SpanJson(r.trigger_span, r.trigger_text)},
        {"date_text", r.date_text}}},
      {"rule", r.rule},
  };
}

// A handler threw (a bug: every expected failure is an HttpError or a Status): 500.
void SetException(Response& res, std::exception_ptr ep) {
  std::string what = "internal error";
  try {
    std::rethrow_exception(ep);
  } catch (const std::exception& e) {
    what = std::string("internal error: ") + e.what();
  } catch (...) {
  }
  res.headers.clear();
  SetError(res, 500, what);
}

// A failed query: bad input the source found (an FTS5 syntax error), a missing row, or a fault.
void SetSourceError(Response& res, const Status& st) {
  switch (st.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kDataError:
      return SetError(res, 400, st.message());
    case StatusCode::kNotFound:
      return SetError(res, 404, st.message());
    default:
      return SetError(res, 500, st.message());
  }
}

// ---- Rate limit --------------------------------------------------------------------------------

// A token bucket per client address.
class RateLimiter {
 public:
  RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(burst) {}
  // True when the client may make a request now; else `retry_after` is set (seconds).
  bool Allow(const std::string& client, int& retry_after) {
    if (per_second_ <= 0) return true;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mu_);
    if (buckets_.size() > 10000) buckets_.clear();  // bounded memory under address churn
    auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!fresh) {
      const double dt = std::chrono::duration<double>(now - b.last).count();
      b.tokens = std::min(burst_, b.tokens + dt * per_second_);
      b.last = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return true;
    }
    retry_after = static_cast<int>(std::ceil((1 - b.tokens) / per_second_));
    return false;
  }

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  double per_second_, burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// ---- Documents in a request body ---------------------------------------------------------------

// Sets the publication date of documents that carry none (a request's ?date=).
class DefaultDateReader final : public Reader {
 public:
  DefaultDateReader(std::unique_ptr<Reader> inner, Date date)
      : inner_(std::move(inner)), date_(date) {}
  std::optional<ReadRecord> Next() override {
    std::optional<ReadRecord> rec = inner_->Next();
    if (rec && rec->doc.meta.date.empty() && !date_.empty()) rec->doc.meta.date = date_;
    return rec;
  }

 private:
  std::unique_ptr<Reader> inner_;
  Date date_;
};

// Notes the content hash of every record as read, before the stages touch it (the store
// compares it to decide whether an ingested document changed).
class HashingReader final : public Reader {
 public:
  HashingReader(std::unique_ptr<Reader> inner, std::deque<std::string>& hashes)
      : inner_(std::move(inner)), hashes_(hashes) {}
  std::optional<ReadRecord> Next() override {
    std::optional<ReadRecord> rec = inner_->Next();
    if (rec) hashes_.push_back(DocumentHash(rec->doc));
    return rec;
  }

 private:
  std::unique_ptr<Reader> inner_;
  std::deque<std::string>& hashes_;
};

// The request body as a Reader: text/plain is one document; application/json an object or an
// array of objects with the fields of a JSON Lines record; application/x-ndjson JSON Lines.
StatusOr<std::unique_ptr<Reader>> BodyReader(const Call& req, std::optional<HttpError>& error) {
  std::string type = req.header("Content-Type");
  type = type.substr(0, type.find(';'));
  ReaderOptions ro;
  std::string data;
  std::string name = "request";
  if (req.has_param("id")) {
    // Documents without an id of their own are named after it, and `dyad code`'s writer takes
    // ids as UTF-8 (a reader's always are).
    name = req.param("id");
    RepairUtf8(name);
  }
  if (type.empty() || type == "text/plain") {
    ro.format = InputFormat::kText;
    data = req.http.body;
  } else if (type == "application/json") {
    ro.format = InputFormat::kJsonl;
    Json j = Json::parse(req.http.body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      error = HttpError{400, "the body is not valid JSON"};
      return InvalidArgumentError("");
    }
    if (j.is_object()) j = Json::array({j});
    if (!j.is_array() || j.empty()) {
      error = HttpError{400, "a JSON body must be a document object or a non-empty array of them"};
      return InvalidArgumentError("");
    }
    for (const Json& d : j) {
      if (!d.is_object()) {
        error = HttpError{400, "every element of the JSON array must be an object"};
        return InvalidArgumentError("");
      }
      data += d.dump();
      data += '\n';
    }
  } else if (type == "application/x-ndjson" || type == "application/jsonl") {
    ro.format = InputFormat::kJsonl;
    data = req.http.body;
  } else {
    error = HttpError{415,
                      "Content-Type must be text/plain, application/json or "
                      "application/x-ndjson, not \"" +
                          type + "\""};
    return InvalidArgumentError("");
  }
  if (data.find_first_not_of(" \t\r\n") == std::string::npos) {
    error = HttpError{400, "the body is empty"};
    return InvalidArgumentError("");
  }
  Date date;
  if (req.has_param("date")) {
    if (auto e = ParseDay("date", req.param("date"), date)) {
      error = e;
      return InvalidArgumentError("");
    }
  }
  std::unique_ptr<Reader> reader = OpenStringReader(std::move(data), name, ro);
  return std::unique_ptr<Reader>(std::make_unique<DefaultDateReader>(std::move(reader), date));
}

std::string ContentTypeOf(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".map", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
  };
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

// ---- The server --------------------------------------------------------------------------------

struct Server::Impl {
  using Handler = std::function<void(const Call&, Response&)>;
  // An API route: its path as OpenAPI writes it ("/v1/events/{id}": one segment at the end).
  struct RouteEntry {
    std::string method;
    std::string path;
    Handler handler;
  };

  ServerOptions options;
  CodingResources coding;
  std::shared_ptr<EventSource> events;
  BoundedHttpServer http;
  RateLimiter limiter;
  std::vector<Route> routes;
  std::vector<RouteEntry> table;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  int port = -1;

  std::unique_ptr<EventRecordWriter> jsonl;  // `dyad code`'s lines

  Impl(ServerOptions o, CodingResources c, std::shared_ptr<EventSource> e)
      : options(std::move(o)),
        coding(std::move(c)),
        events(std::move(e)),
        http(ConnectionLimits{
            .header_timeout = Millis(options.header_timeout_seconds),
            .body_timeout = Millis(options.body_timeout_seconds),
            .max_header_bytes = options.max_header_bytes,
            .keep_alive = Millis(options.keep_alive_seconds),
            // httplib bounds a body with a Content-Length, not a chunked one; this bounds the
            // bytes read for either, chunk framing included (a byte a chunk is 6 on the wire).
            .max_body_wire_bytes = options.max_body_bytes * 8 + (64 << 10),
        }),
        limiter(options.rate_per_second, options.rate_burst),
        jsonl(JsonlWriter()) {}

  static std::chrono::milliseconds Millis(double seconds) {
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  }

  static std::unique_ptr<EventRecordWriter> JsonlWriter() {
    auto w = NewEventRecordWriter("jsonl");
    DYAD_CHECK(w.ok());
    return std::move(*w);
  }

  // The events of a coded document as `dyad code` writes them, a line each.
  void AppendEventLines(const Document& doc, std::string& out) const {
    for (const EventRecord& r : EventRecordsFromDocument(doc)) jsonl->Append(r, out);
  }

  void Add(const std::string& method, const std::string& path, Handler h) {
    routes.push_back({method, path});
    table.push_back({method, path, std::move(h)});
  }

  // Whether `path` is the route's, and the {id} segment when it has one.
  static bool Matches(const std::string& route, const std::string& path, std::string& id) {
    static constexpr std::string_view kId = "{id}";
    if (route.size() < kId.size() || route.compare(route.size() - kId.size(), kId.size(), kId))
      return route == path;
    const size_t prefix = route.size() - kId.size();
    if (path.size() <= prefix || path.compare(0, prefix, route, 0, prefix) != 0) return false;
    if (path.find('/', prefix) != std::string::npos) return false;
    id = path.substr(prefix);
    return true;
  }

  static bool IsApiPath(const std::string& path) {
    return path == "/v1" || path.compare(0, 4, "/v1/") == 0;
  }

  // What happens before a request's body is read: the rate limit, CORS preflight, the target's
  // syntax, and every request that has no body to read (all but POST to a POST route) is
  // answered. True when `res` is the answer.
  bool PreRoute(const httplib::Request& req, Response& res) {
    int retry_after = 1;
    if (!limiter.Allow(req.remote_addr, retry_after)) {
      res.set_header("Retry-After", std::to_string(retry_after));
      SetError(res, 429,
               "too many requests from " + req.remote_addr + "; retry in " +
                   std::to_string(retry_after) + " s");
      return true;
    }
    if (req.method == "OPTIONS") {
      if (options.cors_origin.empty()) {
        SetError(res, 405, "OPTIONS is not allowed (CORS is off)");
      } else {
        res.status = 204;
        res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
        res.set_header("Access-Control-Max-Age", "600");
      }
      return true;
    }
    StatusOr<RequestTarget> target = ParseRequestTarget(req.target);
    if (!target.ok()) {
      SetError(res, 400, target.status().message());
      return true;
    }
    if (req.method == "POST") {
      for (const RouteEntry& r : table)
        if (r.method == "POST" && r.path == target->path) return false;
    }
    Dispatch(req, std::move(*target), res);
    return true;
  }

  // Runs the handler of the request's route, or answers 404, or 405 with the methods allowed.
  void Dispatch(const httplib::Request& req, RequestTarget target, Response& res) {
    Call call{req, std::move(target.path), std::move(target.params), ""};
    // HEAD is GET without the body (httplib drops it).
    const std::string method = req.method == "HEAD" ? "GET" : req.method;
    std::string allow;
    for (const RouteEntry& r : table) {
      std::string id;
      if (!Matches(r.path, call.path, id)) continue;
      if (r.method != method) {
        allow += (allow.empty() ? "" : ", ") + r.method;
        continue;
      }
      call.path_id = std::move(id);
      return r.handler(call, res);
    }
    if (!allow.empty()) {
      res.set_header("Allow", allow);
      return SetError(res, 405, req.method + " is not allowed on " + call.path + "; use " + allow);
    }
    // The dashboard: every GET outside /v1/.
    if (method == "GET" && !IsApiPath(call.path)) return Static(call, res);
    SetError(res, 404, "no such resource");
  }

  // The error handler's part: a JSON body for httplib's own errors (400 for a malformed request,
  // 408 or 431 when a connection's limits cut it, 413, 414), and the connection closed after
  // those, since what is left of the request in it cannot be trusted. (The handlers' own
  // errors come with their body.)
  void FinishError(Response& res) const {
    if (res.body.empty()) BoundedHttpServer::CloseAfterResponse();
    const ConnectionFault fault = BoundedHttpServer::CurrentFault();
    if (fault == ConnectionFault::kTimeout && res.status == 400) {
      res.body.clear();
      res.status = 408;
    } else if (fault == ConnectionFault::kHeadersTooLarge && res.status == 400) {
      res.body.clear();
      res.status = 431;
    } else if (fault == ConnectionFault::kBodyTooLarge && res.status == 400) {
      res.body.clear();
      res.status = 413;
    }
    if (res.status == 413) BoundedHttpServer::CloseAfterResponse();  // the handlers' too
    if (res.body.empty()) SetError(res, res.status, ReasonOf(res.status));
  }

  // A body over max_body_bytes (httplib answers one with a Content-Length itself).
  void SetBodyTooLarge(Response& res, size_t size) const {
    SetError(
        res, 413,
        fmt::format("the body is {} bytes, over the limit of {}", size, options.max_body_bytes));
  }

  void Register() {
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(Millis(options.read_timeout_seconds));
    http.set_write_timeout(Millis(options.write_timeout_seconds));
    http.set_keep_alive_max_count(options.keep_alive_max_requests);
    const size_t threads = options.http_threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_pre_routing_handler([this](const httplib::Request& req, Response& res) {
      if (!PreRoute(req, res)) return httplib::Server::HandlerResponse::Unhandled;
      // A body this answer did not read would be taken for the next request.
      if (req.has_header("Transfer-Encoding") ||
          (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0"))
        BoundedHttpServer::CloseAfterResponse();
      return httplib::Server::HandlerResponse::Handled;
    });
    // POST to a POST route, once httplib has read the body (or answered 413).
    http.Post(R"(/v1/[a-z]+)", [this](const httplib::Request& req, Response& res) {
      StatusOr<RequestTarget> target = ParseRequestTarget(req.target);
      if (!target.ok()) return SetError(res, 400, target.status().message());
      if (req.body.size() > options.max_body_bytes) return SetBodyTooLarge(res, req.body.size());
      Dispatch(req, std::move(*target), res);
    });
    http.set_post_routing_handler(
        [this](const httplib::Request&, Response& res) { AddCommonHeaders(res); });
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const httplib::Request&, Response& res) {
          FinishError(res);
          AddCommonHeaders(res);
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler([](const httplib::Request&, Response& res, std::exception_ptr ep) {
      SetException(res, ep);
    });

    Add("GET", "/v1/health", [this](const Call& req, Response& res) {
      if (auto e = CheckParams(req, {})) return SetError(res, e->status, e->message);
      StatusOr<int64_t> count = events->Count();
      if (!count.ok()) return SetSourceError(res, count.status());
      SetJson(
          res,
          {{"status", "ok"},
           {"events", *count},
           {"ingest", options.allow_ingest},
           {"uptime_seconds",
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()}});
    });
    Add("GET", "/v1/version", [this](const Call& req, Response& res) {
      if (auto e = CheckParams(req, {})) return SetError(res, e->status, e->message);
      SetJson(res, {{"name", "dyad"}, {"version", options.version}, {"api", "v1"}});
    });
    Add("GET", "/v1/openapi.json", [](const Call& req, Response& res) {
      res.set_content(OpenApiDocument(), "application/json");
    });
    Add("POST", "/v1/code", [this](const Call& req, Response& res) {
      if (auto e = CheckParams(req, {"date", "id"})) return SetError(res, e->status, e->message);
      Code(req, res, /*store=*/false);
    });
    Add("GET", "/v1/explain", [this](const Call& req, Response& res) { Explain(req, res); });
    Add("GET", "/v1/events", [this](const Call& req, Response& res) {
      if (auto e = CheckParams(req, {DYAD_FILTER_PARAMS, "page", "after", "limit"}))
        return SetError(res, e->status, e->message);
      EventFilter q;
      if (auto e = ParseFilters(req, q)) return SetError(res, e->status, e->message);
      int page = 1, limit = 50;
      int64_t after = 0;
      if (req.has_param("page") && req.has_param("after"))
        return SetError(res, 400, "page and after: page by one or the other");
      if (req.has_param("page"))
        if (auto e = ParseInt("page", req.param("page"), 1, 1000000, page))
          return SetError(res, e->status, e->message);
      if (req.has_param("after"))
        if (auto e = ParseEventId("after", req.param("after"), after))
          return SetError(res, e->status, e->message);
      if (req.has_param("limit"))
        if (auto e = ParseInt("limit", req.param("limit"), 1, 1000, limit))
          return SetError(res, e->status, e->message);
      // One more than a page says whether there is a next one without counting them all.
      auto rows = events->Events(
          q, Page{.offset = int64_t{page - 1} * limit, .limit = limit + 1, .after_id = after});
      if (!rows.ok()) return SetSourceError(res, rows.status());
      const bool more = rows->size() > static_cast<size_t>(limit);
      Json list = Json::array();
      for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i)
        list.push_back(RecordJson((*rows)[i]));
      // The store's keyset cursor: events come in id order (a dedup group by its first event),
      // so the last id listed is where the next page starts, however deep.
      Json next_after = more ? Json((*rows)[limit - 1].event_id) : Json(nullptr);
      SetJson(res, {{"page", page},
                    {"limit", limit},
                    {"has_more", more},
                    {"next_after", std::move(next_after)},
                    {"events", std::move(list)}});
    });
    Add("GET", "/v1/events/{id}", [this](const Call& req, Response& res) {
      if (auto e = CheckParams(req, {})) return SetError(res, e->status, e->message);
      int64_t id = 0;
      if (auto e = ParseEventId("an event id", req.path_id, id))
        return SetError(res, e->status, e->message);
      StatusOr<EventRecord> r = events->EventById(id);
      if (!r.ok()) return SetSourceError(res, r.status());
      SetJson(res, RecordJson(*r));
    });
    Add("GET", "/v1/series", [this](const Call& req, Response& res) {
      if (auto e = CheckParams(req, {DYAD_FILTER_PARAMS, "by"}))
        return SetError(res, e->status, e->message);
      EventFilter q;
      if (auto e = ParseFilters(req, q)) return SetError(res, e->status, e->message);
      const std::string b = req.has_param("by") ? req.param("by") : "day";
      Bucket by = Bucket::kDay;
      if (b == "week")
        by = Bucket::kWeek;
      else if (b == "month")
        by = Bucket::kMonth;
      else if (b != "day")
        return SetError(res, 400, "by must be day, week or month");
      StatusOr<std::vector<SeriesPoint>> points = events->Series(q, by);
      if (!points.ok()) return SetSourceError(res, points.status());
      Json list = Json::array();
      for (const SeriesPoint& p : *points)
        list.push_back(
            {{"period", p.first.ToString()}, {"events", p.events}, {"goldstein_sum", p.goldstein}});
      SetJson(res, {{"by", b}, {"series", std::move(list)}});
    });
    Add("GET", "/v1/dyads",
        [this](const Call& req, Response& res) { CountBy(req, res, GroupBy::kDyad); });
    Add("GET", "/v1/countries",
        [this](const Call& req, Response& res) { CountBy(req, res, GroupBy::kCountry); });
    Add("POST", "/v1/ingest", [this](const Call& req, Response& res) {
      if (!options.allow_ingest)
        return SetError(res, 403, "ingest is off: start dyad serve with --allow-ingest");
      const std::string auth = req.header("Authorization");
      const std::string expected = "Bearer " + options.token;
      // Compares every byte, so the time taken does not tell how much of a guess was right.
      unsigned diff = auth.size() ^ expected.size();
      for (size_t i = 0; i < auth.size(); ++i)
        diff |= static_cast<unsigned char>(auth[i]) ^
                static_cast<unsigned char>(expected[i % expected.size()]);
      if (auth.empty() || diff != 0) {
        res.set_header("WWW-Authenticate", "Bearer");
        return SetError(res, 401, auth.empty() ? "missing bearer token" : "wrong bearer token");
      }
      if (auto e = CheckParams(req, {"date", "id"})) return SetError(res, e->status, e->message);
      Code(req, res, /*store=*/true);
    });
  }

  void AddCommonHeaders(Response& res) const {
    if (!options.cors_origin.empty() && !res.has_header("Access-Control-Allow-Origin")) {
      res.set_header("Access-Control-Allow-Origin", options.cors_origin);
      res.set_header("Vary", "Origin");
    }
    if (!res.has_header("X-Content-Type-Options"))
      res.set_header("X-Content-Type-Options", "nosniff");
  }

  // GET /v1/dyads and /v1/countries: the largest groups with their mean Goldstein score.
  void CountBy(const Call& req, Response& res, GroupBy by) {
    if (auto e = CheckParams(req, {DYAD_FILTER_PARAMS, "limit"}))
      return SetError(res, e->status, e->message);
    EventFilter q;
    if (auto e = ParseFilters(req, q)) return SetError(res, e->status, e->message);
    int limit = 50;
    if (req.has_param("limit"))
      if (auto e = ParseInt("limit", req.param("limit"), 1, 1000, limit))
        return SetError(res, e->status, e->message);
    StatusOr<std::vector<GroupCount>> groups = events->CountBy(q, by, limit);
    if (!groups.ok()) return SetSourceError(res, groups.status());
    Json list = Json::array();
    for (const GroupCount& g : *groups) {
      Json row;
      if (by == GroupBy::kDyad) {
        const size_t comma = g.key.find(',');
        row["source"] = g.key.substr(0, comma);
        row["target"] = comma == std::string::npos ? "" : g.key.substr(comma + 1);
      } else {
        row["country"] = g.key;
      }
      row["events"] = g.events;
      row["goldstein_mean"] = g.events > 0 ? g.goldstein / static_cast<double>(g.events) : 0.0;
      list.push_back(std::move(row));
    }
    SetJson(res, {{by == GroupBy::kDyad ? "dyads" : "countries", std::move(list)}});
  }

  // POST /v1/code and /v1/ingest: the stages over the documents of the body.
  void Code(const Call& req, Response& res, bool store) {
    std::optional<HttpError> error;
    StatusOr<std::unique_ptr<Reader>> reader = BodyReader(req, error);
    if (error) return SetError(res, error->status, error->message);
    if (!reader.ok()) return SetError(res, 500, reader.status().message());
    std::deque<std::string> hashes;  // of the records read, in the order results come back
    HashingReader hashing(std::move(*reader), hashes);
    Pipeline pipeline(coding.stages, PipelineOptions{.threads = 1});
    PipelineOutput po;
    po.diagnostics = nullptr;
    std::string lines;
    Json failures = Json::array();
    int64_t stored = 0;
    Status store_error;
    po.on_document = [&](const Document& d, const Status& st) {
      std::string hash = std::move(hashes.front());
      hashes.pop_front();
      if (!st.ok()) {
        failures.push_back({{"id", d.meta.id}, {"message", st.message()}});
        return;
      }
      AppendEventLines(d, lines);
      if (store && store_error.ok()) {
        StatusOr<int64_t> n = events->Put(d, hash);
        if (n.ok())
          stored += *n;
        else
          store_error = n.status();
      }
    };
    RunStats stats = pipeline.Run(hashing, po);
    if (stats.ok == 0)
      return SetError(res, 400,
                      failures.empty() ? "no document in the body"
                                       : "no document could be coded: " +
                                             failures[0]["message"].get<std::string>());
    if (store) {
      if (!store_error.ok()) return SetError(res, 500, store_error.message());
      return SetJson(res,
                     {{"documents", stats.read},
                      {"ok", stats.ok},
                      {"failed", std::move(failures)},
                      {"events", stored}},
                     201);
    }
    if (req.header("Accept").find("application/x-ndjson") != std::string::npos) {
      res.set_content(lines, "application/x-ndjson");
      return;
    }
    // The `dyad code` lines, unchanged, as the elements of "events".
    std::string body = fmt::format(R"({{"documents":{},"ok":{},"failed":{},"events":[)", stats.read,
                                   stats.ok, Dump(failures));
    size_t b = 0;
    bool first = true;
    for (size_t nl; (nl = lines.find('\n', b)) != std::string::npos; b = nl + 1) {
      if (!first) body += ',';
      first = false;
      body.append(lines, b, nl - b);
    }
    body += "]}";
    res.set_content(body, "application/json");
  }

  // GET /v1/explain: the analysis of one short text, as `dyad explain` prints it.
  void Explain(const Call& req, Response& res) {
    if (auto e = CheckParams(req, {"text", "date"})) return SetError(res, e->status, e->message);
    if (!req.has_param("text")) return SetError(res, 400, "text is required");
    Document doc;
    doc.text = req.param("text");
    if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos)
      return SetError(res, 400, "text is empty");
    if (doc.text.size() > options.max_explain_bytes)
      return SetError(res, 413,
                      fmt::format("text is {} bytes, over the limit of {}", doc.text.size(),
                                  options.max_explain_bytes));
    if (RepairUtf8(doc.text) > 0) doc.warnings.push_back("invalid UTF-8 replaced");
    doc.meta.id = "explain";
    if (req.has_param("date"))
      if (auto e = ParseDay("date", req.param("date"), doc.meta.date))
        return SetError(res, e->status, e->message);
    for (const auto& stage : coding.stages) {
      auto ws = stage->NewWorkspace();
      if (Status st = stage->Process(doc, *ws); !st.ok()) return SetError(res, 400, st.message());
    }
    std::string lines;
    AppendEventLines(doc, lines);
    std::vector<Json> coded;
    std::istringstream in(lines);
    for (std::string line; std::getline(in, line);) coded.push_back(Json::parse(line));
    Json sentences = Json::array();
    for (SentenceIndex si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      Json tokens = Json::array();
      for (TokenIndex t = s.first_token; t < s.end_token; ++t) {
        Json tok = {{"id", t - s.first_token + 1}, {"form", doc.SpanText(doc.tokens[t].span)}};
        if (t < doc.words.size()) {
          const WordAnalysis& w = doc.words[t];
          tok["lemma"] = w.lemma;
          tok["upos"] = UposName(w.upos);
          tok["xpos"] = XposName(w.xpos);
          tok["head"] = w.head == kNoHead ? 0 : w.head - s.first_token + 1;
          tok["deprel"] = DeprelName(w.deprel);
        }
        tokens.push_back(std::move(tok));
      }
      Json actors = Json::array();
      for (const ActorMention& m : doc.actors) {
        if (m.sentence != si) continue;
        actors.push_back({{"text", doc.SpanText(m.span)},
                          {"begin", m.span.begin},
                          {"end", m.span.end},
                          {"code", m.code},
                          {"how", m.how}});
      }
      Json events_json = Json::array();
      for (const Json& e : coded)
        if (e["sentence"] == si + 1) events_json.push_back(e);
      sentences.push_back({{"sentence", si + 1},
                           {"text", doc.SpanText(s.span)},
                           {"tokens", std::move(tokens)},
                           {"actors", std::move(actors)},
                           {"patterns", coding.events ? coding.events->Explain(doc, si) : ""},
                           {"events", std::move(events_json)}});
    }
    SetJson(res, {{"publication_date", doc.meta.date.empty() ? "" : doc.meta.date.ToString()},
                  {"sentences", std::move(sentences)}});
  }

  // The dashboard's files under web_root; nothing outside it is ever read.
  void Static(const Call& req, Response& res) {
    namespace fs = std::filesystem;
    if (options.web_root.empty())
      return SetError(res, 404, "no dashboard: dyad was built without node, or --web is unset");
    std::string rel = req.path == "/" ? "index.html" : req.path.substr(1);
    if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos)
      return SetError(res, 400, "bad path");
    for (const auto& part : fs::path(rel))
      if (part == ".." || part == ".") return SetError(res, 400, "bad path");
    std::error_code ec;
    const fs::path root = fs::canonical(options.web_root, ec);
    if (ec) return SetError(res, 404, "no dashboard at " + options.web_root);
    fs::path file = fs::weakly_canonical(root / rel, ec);
    const std::string r = root.string() + "/";
    if (ec || file.string().compare(0, r.size(), r) != 0) return SetError(res, 400, "bad path");
    if (!fs::is_regular_file(file, ec)) return SetError(res, 404, "no such file: /" + rel);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream data;
    data << in.rdbuf();
    res.set_content(data.str(), ContentTypeOf(file));
    res.set_header("Cache-Control", "no-cache");
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

StatusOr<std::unique_ptr<Server>> Server::Create(ServerOptions options, CodingResources coding,
                                                 std::shared_ptr<EventSource> events) {
  if (options.allow_ingest && options.token.empty())
    return InvalidArgumentError("--allow-ingest needs a non-empty token (--token-file)");
  if (!events) return InvalidArgumentError("the server needs an event source");
  if (coding.stages.empty()) return InvalidArgumentError("the server needs coding stages");
  auto impl = std::make_unique<Impl>(std::move(options), std::move(coding), std::move(events));
  impl->Register();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

StatusOr<int> Server::Bind() {
  Impl& s = *impl_;
  if (s.options.port == 0) {
    s.port = s.http.bind_to_any_port(s.options.host);
  } else if (s.http.bind_to_port(s.options.host, s.options.port)) {
    s.port = s.options.port;
  }
  if (s.port <= 0)
    return FailedPreconditionError(
        fmt::format("cannot listen on {}:{}", s.options.host, s.options.port));
  return s.port;
}

Status Server::Run() {
  if (impl_->port <= 0) DYAD_RETURN_IF_ERROR(Bind().status());
  if (!impl_->http.listen_after_bind()) return InternalError("the server stopped listening");
  return Status::Ok();
}

void Server::Stop() {
  if (impl_) impl_->http.StopListening();
}

const std::vector<Route>& Server::Routes() const { return impl_->routes; }

ApiResponse Server::Handle(const ApiRequest& request) {
  Impl& s = *impl_;
  httplib::Request req;
  req.method = request.method;
  req.target = request.target;
  req.path = request.target.substr(0, request.target.find('?'));
  for (const auto& [name, value] : request.headers) req.headers.emplace(name, value);
  req.body = request.body;
  req.remote_addr = request.remote_addr;
  Response res;
  res.status = -1;
  // As httplib runs a request read from a socket: the pre-routing step, then (POST to a POST
  // route) the handler, the error handler for statuses from 400, and the common headers.
  try {
    if (!s.PreRoute(req, res)) {
      StatusOr<RequestTarget> target = ParseRequestTarget(req.target);
      DYAD_CHECK(target.ok());  // PreRoute answers a malformed target
      if (request.body.size() > s.options.max_body_bytes)
        s.SetBodyTooLarge(res, request.body.size());
      else
        s.Dispatch(req, std::move(*target), res);
    }
  } catch (...) {
    SetException(res, std::current_exception());
  }
  if (res.status == -1) res.status = 200;
  if (res.status >= 400) s.FinishError(res);
  s.AddCommonHeaders(res);
  ApiResponse out;
  out.status = res.status;
  for (const auto& [name, value] : res.headers) out.headers.emplace_back(name, value);
  out.body = std::move(res.body);
  return out;
}

}  // namespace dyad::serve
