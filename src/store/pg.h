// Thin RAII over libpq: a connection, results, rows with the accessors store_rows.h reads, and
// errors as Status (a lost or unreachable server is Unavailable). Private to dyad_store.
//
// libpq directly rather than libpqxx: the store needs a handful of calls (connect, exec with
// parameters, prepare), libpq reports errors as values (SQLSTATE) that map straight onto
// Status without catching exceptions, and it adds no package to scripts/install-deps.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/status.h"

namespace dyad::store_internal {

// Parameter values for one statement, all sent as text except blobs (binary bytea).
class PgParams {
 public:
  PgParams& Add(int64_t v);
  PgParams& Add(double v);
  PgParams& Add(std::string_view text);
  PgParams& AddBlob(std::string_view bytes);
  PgParams& AddNull();
  // NULL when `v` is negative (absent spans and indexes).
  PgParams& AddOrNull(int64_t v) { return v < 0 ? AddNull() : Add(v); }
  void Clear();

  int size() const { return static_cast<int>(values_.size()); }
  std::vector<const char*> Values() const;
  const int* Lengths() const { return lengths_.data(); }
  const int* Formats() const { return formats_.data(); }

 private:
  std::deque<std::string> values_;  // stable addresses
  std::vector<bool> null_;
  std::vector<int> lengths_, formats_;
};

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* r) : r_(r, &PQclear) {}
  int Rows() const { return r_ ? PQntuples(r_.get()) : 0; }
  int Columns() const { return r_ ? PQnfields(r_.get()) : 0; }
  PGresult* get() const { return r_.get(); }

 private:
  std::shared_ptr<PGresult> r_;
};

// Row `row` of a result (text format). Blob (bytea) cells are decoded when read and kept
// until the PgRow goes.
class PgRow {
 public:
  PgRow(const PgResult& r, int row) : r_(r.get()), row_(row) {}
  bool IsNull(int col) const { return PQgetisnull(r_, row_, col); }
  int64_t Int(int col) const;
  double Real(int col) const;
  std::string_view Text(int col) const;
  std::string Str(int col) const { return std::string(Text(col)); }
  Oid Type(int col) const { return PQftype(r_, col); }

 private:
  PGresult* r_;
  int row_;
  mutable std::deque<std::string> decoded_;
};

class PgConn {
 public:
  // Connects; Unavailable when the server cannot be reached.
  static StatusOr<std::unique_ptr<PgConn>> Connect(const std::string& url, const std::string& name);
  ~PgConn();
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  // Statements without parameters (several may be separated by ';').
  Status Exec(std::string_view sql);
  // One statement; `?` marks parameters (numbered $1, $2, … here).
  StatusOr<PgResult> Query(std::string_view sql, const PgParams& params = {});
  // Named prepared statements, prepared once per connection.
  Status Prepare(const std::string& name, std::string_view sql);
  StatusOr<PgResult> Run(const std::string& name, const PgParams& params);

  PGconn* get() const { return conn_; }
  const std::string& name() const { return name_; }

 private:
  PgConn(PGconn* c, std::string name) : conn_(c), name_(std::move(name)) {}
  StatusOr<PgResult> Check(PGresult* r, std::string_view what);
  PGconn* conn_;
  std::string name_;  // the URL without its password, for messages
};

// `?` -> $1, $2, … (the store's SQL has no `?` in literals or operators).
std::string NumberParams(std::string_view sql);
// The URL with any password replaced by "…", for messages and EventStore::path().
std::string RedactUrl(std::string_view url);

}  // namespace dyad::store_internal
