#include "sqlite.h"

#include <utility>

namespace dyad::store_internal {

Status SqliteError(sqlite3* db, std::string_view what) {
  int code = db ? sqlite3_errcode(db) : SQLITE_ERROR;
  std::string msg = std::string(what) + ": sqlite: " + (db ? sqlite3_errmsg(db) : "no connection");
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return DataError(msg);
  if (code == SQLITE_CANTOPEN) return NotFoundError(msg);
  return InternalError(msg);
}

Stmt::Stmt(sqlite3* db, std::string_view sql) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt_, nullptr) != SQLITE_OK) {
    status_ = SqliteError(db, "prepare");
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt::Stmt(Stmt&& o) noexcept : stmt_(std::exchange(o.stmt_, nullptr)), status_(o.status_) {}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(o.stmt_, nullptr);
    status_ = o.status_;
  }
  return *this;
}

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view text) {
  // A null pointer would bind NULL; an empty string is "".
  sqlite3_bind_text64(stmt_, i, text.data() ? text.data() : "", text.size(), SQLITE_TRANSIENT,
                      SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, i, bytes.data() ? bytes.data() : "", bytes.size(), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = SqliteError(sqlite3_db_handle(stmt_), "step");
  return false;
}

Status Stmt::Run() {
  status_ = Status::Ok();
  while (Step()) {
  }
  Status st = status_;
  Reset();
  return st;
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string_view Stmt::Text(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string_view(static_cast<const char*>(p), n) : std::string_view();
}

Status Exec(sqlite3* db, std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (int rc = sqlite3_exec(db, s.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = "sqlite: " + std::string(err ? err : "unknown error");
    sqlite3_free(err);
    // A file that is not a database (or a damaged one) is the user's data, not a dyad bug.
    if ((rc & 0xFF) == SQLITE_NOTADB || (rc & 0xFF) == SQLITE_CORRUPT) return DataError(msg);
    return InternalError(msg);
  }
  return Status::Ok();
}

}  // namespace dyad::store_internal
