// Thin RAII over the SQLite C API: a connection, prepared statements with typed binds, and
// errors as Status. Private to dyad_store.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/core/status.h"

namespace dyad::store_internal {

// A prepared statement. Bind indexes are 1-based as in SQLite.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, std::string_view sql);  // check ok() / status() after
  ~Stmt();
  Stmt(Stmt&& o) noexcept;
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  const Status& status() const { return status_; }

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view text);  // copied by SQLite
  Stmt& BindBlob(int i, std::string_view bytes);
  Stmt& BindNull(int i);
  // Binds NULL when `v` is negative (absent spans and indexes).
  Stmt& BindOrNull(int i, int64_t v) { return v < 0 ? BindNull(i) : Bind(i, v); }

  // Advances: true while there is a row; false at the end or on error (then status() says).
  bool Step();
  // Runs a statement that returns no rows (or ignores them) and resets it.
  Status Run();
  void Reset();

  int Columns() const { return sqlite3_column_count(stmt_); }
  int Type(int col) const { return sqlite3_column_type(stmt_, col); }
  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;
  std::string_view Text(int col) const;  // valid until the next Step / Reset
  std::string Str(int col) const { return std::string(Text(col)); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

// Runs one or more statements without parameters (DDL, PRAGMAs).
Status Exec(sqlite3* db, std::string_view sql);
// "sqlite: <message>" as an InternalError (or DataError for a corrupt / non-database file).
Status SqliteError(sqlite3* db, std::string_view what);

}  // namespace dyad::store_internal
