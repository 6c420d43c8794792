// Status and StatusOr: how every dyad stage reports an expected failure.
//
// Part of dyad_core, the bottom of the pipeline. Bad input (a malformed record, an unknown
// date, a model version mismatch) is a Status with a message that points at the data
// ("news.jsonl:12: field \"text\" is missing"); bugs are DYAD_CHECK failures.
//
//   dyad::StatusOr<Date> d = ParseDate("2013-04-30");
//   if (!d.ok()) return d.status();
//   DYAD_ASSIGN_OR_RETURN(auto reader, OpenReader(path, options));
//   DYAD_RETURN_IF_ERROR(reader->Next(&record));
#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dyad {

// Broad classes of failure; the CLI maps them to exit codes (data errors exit 2).
enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument,   // a caller passed a bad option or value
  kNotFound,          // a file or entry does not exist
  kDataError,         // input data is malformed (file:line in the message)
  kOutOfRange,        // input exceeds a configured bound
  kFailedPrecondition,// e.g. a model file of another format version
  kInternal,          // a library call failed in a way input should not cause
  kUnavailable,       // a server (broker, database) cannot be reached now; retrying may help
};

const char* StatusCodeName(StatusCode code);

// A success or an error code plus a message. Cheap to copy when ok. Thread-compatible.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "data error: news.jsonl:3: ..." or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgumentError(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFoundError(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status DataError(std::string m) { return {StatusCode::kDataError, std::move(m)}; }
inline Status OutOfRangeError(std::string m) { return {StatusCode::kOutOfRange, std::move(m)}; }
inline Status FailedPreconditionError(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status InternalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status UnavailableError(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.ok()) status_ = InternalError("StatusOr built from an ok Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

namespace internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* expr);
}  // namespace internal

}  // namespace dyad

#define DYAD_CONCAT_INNER_(a, b) a##b
#define DYAD_CONCAT_(a, b) DYAD_CONCAT_INNER_(a, b)

#define DYAD_RETURN_IF_ERROR(expr)                \
  do {                                            \
    ::dyad::Status dyad_status_ = (expr);         \
    if (!dyad_status_.ok()) return dyad_status_;  \
  } while (0)

#define DYAD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()

#define DYAD_ASSIGN_OR_RETURN(lhs, expr) \
  DYAD_ASSIGN_OR_RETURN_IMPL_(DYAD_CONCAT_(dyad_statusor_, __LINE__), lhs, expr)

// For invariants that no input can break: a failure is a bug in dyad.
#define DYAD_CHECK(cond) \
  ((cond) ? (void)0 : ::dyad::internal::CheckFailed(__FILE__, __LINE__, #cond))
