// BoundedHttpServer: cpp-httplib's server with a time limit on reading each request and a cap on
// the size of its request line and headers — what keeps slow and oversized clients off the
// thread pool.
//
// Private to dyad_serve. cpp-httplib (0.11, Debian 12) only bounds each read (a byte every few
// seconds keeps a connection forever: slowloris), the length of each header line (not their
// number) and a body with a Content-Length (not a chunked one). This class serves each
// connection itself through a Stream that knows when the current request started: its line and
// headers must arrive within `header_timeout` and its body within `body_timeout` after them; the
// line and headers may not exceed `max_header_bytes`, nor the bytes after them
// `max_body_wire_bytes`. Otherwise the read fails, the server answers 408, 431 or 413 (the
// error handler reads why from CurrentFault()) and the connection is closed. An idle connection
// is closed after `keep_alive`; the number of requests per connection, the per-read and
// per-write timeouts and the thread pool are httplib's own settings.
//
//   BoundedHttpServer http({.header_timeout = std::chrono::seconds(10)});
//   http.set_error_handler([](const Request&, Response& res) {
//     if (BoundedHttpServer::CurrentFault() == ConnectionFault::kTimeout) res.status = 408; ...});
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>

namespace dyad::serve {

struct ConnectionLimits {
  std::chrono::milliseconds header_timeout{10000};  // request line + headers, from first byte
  std::chrono::milliseconds body_timeout{30000};    // the body, from the end of the headers
  size_t max_header_bytes = 32 * 1024;              // request line + headers
  std::chrono::milliseconds keep_alive{5000};       // idle time before the next request
  size_t max_body_wire_bytes = 0;                   // bytes after the headers; 0 = no limit
};

// Why the current connection stopped reading, if it did.
enum class ConnectionFault {
  kNone,
  kTimeout,          // the request did not arrive within its time, or one read waited too long
  kHeadersTooLarge,  // the request line and headers exceed max_header_bytes
  kBodyTooLarge      // the bytes after the headers exceed max_body_wire_bytes
};

// Thread safety: as httplib::Server (configure, then listen; stop() from any thread).
class BoundedHttpServer : public httplib::Server {
 public:
  explicit BoundedHttpServer(ConnectionLimits limits) : limits_(limits) {}

  // The fault of the connection the calling thread serves (kNone outside a connection): for the
  // error and routing handlers, which run on that thread.
  static ConnectionFault CurrentFault();
  // Makes the connection the calling thread serves close after the response being written.
  static void CloseAfterResponse();

  // Closes the listening socket: listen_after_bind() returns once the connections being served
  // end (they stop at their next request), or at once if it has not started yet — unlike
  // stop(), which does nothing before the server runs. Any thread, any number of times.
  void StopListening();

 private:
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits limits_;
};

}  // namespace dyad::serve
