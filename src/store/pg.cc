#include "pg.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

namespace dyad::store_internal {

PgParams& PgParams::Add(int64_t v) { return Add(std::string_view(std::to_string(v))); }
PgParams& PgParams::Add(double v) {
  // The shortest text that reads back as the same double.
  std::string s = fmt::format("{}", v);
  return Add(std::string_view(s));
}
PgParams& PgParams::Add(std::string_view text) {
  values_.emplace_back(text);
  null_.push_back(false);
  lengths_.push_back(static_cast<int>(text.size()));
  formats_.push_back(0);
  return *this;
}
PgParams& PgParams::AddBlob(std::string_view bytes) {
  values_.emplace_back(bytes);
  null_.push_back(false);
  lengths_.push_back(static_cast<int>(bytes.size()));
  formats_.push_back(1);
  return *this;
}
PgParams& PgParams::AddNull() {
  values_.emplace_back();
  null_.push_back(true);
  lengths_.push_back(0);
  formats_.push_back(0);
  return *this;
}
void PgParams::Clear() {
  values_.clear();
  null_.clear();
  lengths_.clear();
  formats_.clear();
}
std::vector<const char*> PgParams::Values() const {
  std::vector<const char*> v;
  for (size_t i = 0; i < values_.size(); ++i) v.push_back(null_[i] ? nullptr : values_[i].c_str());
  return v;
}

int64_t PgRow::Int(int col) const {
  if (IsNull(col)) return 0;
  const char* v = PQgetvalue(r_, row_, col);
  int64_t out = 0;
  std::from_chars(v, v + PQgetlength(r_, row_, col), out);
  return out;
}
double PgRow::Real(int col) const {
  if (IsNull(col)) return 0;
  return std::strtod(PQgetvalue(r_, row_, col), nullptr);
}
std::string_view PgRow::Text(int col) const {
  if (IsNull(col)) return {};
  const char* v = PQgetvalue(r_, row_, col);
  if (PQftype(r_, col) != 17 /* bytea */)
    return {v, static_cast<size_t>(PQgetlength(r_, row_, col))};
  size_t n = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
  if (!bytes) return {};
  decoded_.emplace_back(reinterpret_cast<const char*>(bytes), n);
  PQfreemem(bytes);
  return decoded_.back();
}

namespace {

void IgnoreNotice(void*, const char*) {}

// SQLSTATE classes after which the same statement may well succeed on a new connection.
bool Retryable(std::string_view state) {
  return state.starts_with("08") ||   // connection exception
         state.starts_with("57P") ||  // admin shutdown, crash shutdown, cannot connect now
         state.starts_with("53") ||   // insufficient resources (too many connections)
         state.starts_with("40");     // serialization failure, deadlock
}

}  // namespace

std::string NumberParams(std::string_view sql) {
  std::string out;
  int n = 0;
  for (char c : sql) {
    if (c == '?')
      out += "$" + std::to_string(++n);
    else
      out += c;
  }
  return out;
}

std::string RedactUrl(std::string_view url) {
  std::string out(url);
  // user:password@ in the authority.
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t at = out.find('@', scheme + 3);
    size_t end = out.find_first_of("/?", scheme + 3);
    if (at != std::string::npos && (end == std::string::npos || at < end)) {
      size_t colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "…");
    }
  }
  // password=… among the parameters.
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') continue;
    size_t v = p + 9, e = out.find('&', v);
    out.replace(v, (e == std::string::npos ? out.size() : e) - v, "…");
  }
  return out;
}

StatusOr<std::unique_ptr<PgConn>> PgConn::Connect(const std::string& url, const std::string& name) {
  PGconn* c = PQconnectdb(url.c_str());
  if (!c) return UnavailableError(name + ": postgresql: out of memory");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    // A malformed URL is the user's mistake, not an outage.
    if (msg.find("invalid") != std::string::npos && msg.find("URI") != std::string::npos)
      return InvalidArgumentError(name + ": postgresql: " + msg);
    return UnavailableError(name + ": postgresql: " + msg);
  }
  PQsetNoticeProcessor(c, IgnoreNotice, nullptr);
  auto conn = std::unique_ptr<PgConn>(new PgConn(c, name));
  DYAD_RETURN_IF_ERROR(conn->Exec("SET client_encoding = 'UTF8'"));
  return conn;
}

PgConn::~PgConn() { PQfinish(conn_); }

StatusOr<PgResult> PgConn::Check(PGresult* r, std::string_view what) {
  PgResult res(r);
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return res;
  std::string state =
      r && PQresultErrorField(r, PG_DIAG_SQLSTATE) ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : "";
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  if (msg.empty()) msg = PQerrorMessage(conn_);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  msg = fmt::format("{}: postgresql: {}{}", name_, msg, state.empty() ? "" : " [" + state + "]");
  if (PQstatus(conn_) != CONNECTION_OK || state.empty() || Retryable(state))
    return UnavailableError(msg);
  if (state.starts_with("22")) return DataError(msg);  // data exception: NUL in text, bad UTF-8
  return InternalError(msg);
}

Status PgConn::Exec(std::string_view sql) {
  std::string s(sql);
  return Check(PQexec(conn_, s.c_str()), sql).status();
}

StatusOr<PgResult> PgConn::Query(std::string_view sql, const PgParams& params) {
  std::string s = NumberParams(sql);
  std::vector<const char*> values = params.Values();
  return Check(PQexecParams(conn_, s.c_str(), params.size(), nullptr, values.data(),
                            params.Lengths(), params.Formats(), 0),
               sql);
}

Status PgConn::Prepare(const std::string& name, std::string_view sql) {
  std::string s = NumberParams(sql);
  return Check(PQprepare(conn_, name.c_str(), s.c_str(), 0, nullptr), sql).status();
}

StatusOr<PgResult> PgConn::Run(const std::string& name, const PgParams& params) {
  std::vector<const char*> values = params.Values();
  return Check(PQexecPrepared(conn_, name.c_str(), params.size(), values.data(), params.Lengths(),
                              params.Formats(), 0),
               name);
}

}  // namespace dyad::store_internal
