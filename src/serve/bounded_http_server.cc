#include "bounded_http_server.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace dyad::serve {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// poll() for `events` on `sock` for up to `wait`; > 0 ready, 0 timed out, < 0 error.
int PollFor(int sock, short events, milliseconds wait) {
  pollfd p{sock, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, static_cast<int>(std::max<int64_t>(0, wait.count())));
    if (r < 0 && errno == EINTR) continue;
    if (r > 0 && (p.revents & (events | POLLHUP | POLLERR)) == 0) return -1;
    return r;
  }
}

void AddressOf(int sock, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  const int r = peer ? ::getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len)
                     : ::getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  std::array<char, NI_MAXHOST> host{};
  std::array<char, NI_MAXSERV> serv{};
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host.data(), host.size(), serv.data(),
                    serv.size(), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return;
  ip = host.data();
  port = std::atoi(serv.data());
}

// A connection's socket as httplib reads and writes it, with the request's deadline and header
// budget. Reads are buffered, as httplib's own SocketStream does: its line reader asks for one
// byte at a time.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int sock, const ConnectionLimits& limits, milliseconds read_timeout,
                 milliseconds write_timeout)
      : sock_(sock), limits_(limits), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

  // A new request starts on the connection: its line and headers are due by header_timeout.
  void StartRequest() {
    in_headers_ = true;
    header_bytes_ = 0;
    body_bytes_ = 0;
    last_ = {0, 0};
    deadline_ = Clock::now() + limits_.header_timeout;
  }

  // True when the next request's first byte is here before `idle` passes (false also when the
  // peer is gone or `stopping` says the server stops).
  template <typename Stopping>
  bool WaitForRequest(milliseconds idle, Stopping stopping) {
    if (off_ < len_) return true;
    const auto until = Clock::now() + idle;
    while (!stopping()) {
      const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
      if (left.count() <= 0) return false;
      const int r = PollFor(sock_, POLLIN, std::min(left, milliseconds(100)));
      if (r != 0) return r > 0;
    }
    return false;
  }

  ConnectionFault fault() const { return fault_; }
  bool close_after_response = false;

  bool is_readable() const override {
    if (off_ < len_) return true;
    return PollFor(sock_, POLLIN, ReadWait()) > 0;
  }
  bool is_writable() const override { return PollFor(sock_, POLLOUT, write_timeout_) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    if (fault_ != ConnectionFault::kNone) return -1;
    if (off_ == len_) {
      const milliseconds wait = ReadWait();
      const int r = wait.count() > 0 ? PollFor(sock_, POLLIN, wait) : 0;
      if (r == 0) fault_ = ConnectionFault::kTimeout;  // the request's deadline or one read's
      if (r <= 0) return -1;
      ssize_t n;
      do {
        n = ::recv(sock_, buf_.data(), buf_.size(), 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      off_ = 0;
      len_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, len_ - off_);
    if (in_headers_) {
      // The headers end at a blank CRLF line (httplib skips bare-LF lines): "\n\r\n". Only up to
      // there is handed over, so what follows counts as body.
      for (size_t i = 0; i < n; ++i) {
        const char c = buf_[off_ + i];
        ++header_bytes_;
        const bool end = last_[0] == '\n' && last_[1] == '\r' && c == '\n';
        last_ = {last_[1], c};
        if (end) {
          in_headers_ = false;
          deadline_ = Clock::now() + limits_.body_timeout;
          n = i + 1;
          break;
        }
      }
      if (in_headers_ && header_bytes_ > limits_.max_header_bytes) {
        fault_ = ConnectionFault::kHeadersTooLarge;
        return -1;
      }
    } else if (limits_.max_body_wire_bytes > 0) {
      body_bytes_ += n;
      if (body_bytes_ > limits_.max_body_wire_bytes) {
        fault_ = ConnectionFault::kBodyTooLarge;
        return -1;
      }
    }
    std::memcpy(ptr, buf_.data() + off_, n);
    off_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    AddressOf(sock_, /*peer=*/true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    AddressOf(sock_, /*peer=*/false, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  // How long one read may wait: the per-read timeout, cut at the request's deadline.
  milliseconds ReadWait() const {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline_ - Clock::now());
    return std::max(milliseconds(0), std::min(read_timeout_, left));
  }

  const int sock_;
  const ConnectionLimits limits_;
  const milliseconds read_timeout_, write_timeout_;
  std::array<char, 4096> buf_{};
  size_t off_ = 0, len_ = 0;
  Clock::time_point deadline_ = Clock::now();
  bool in_headers_ = true;
  size_t header_bytes_ = 0;
  size_t body_bytes_ = 0;
  std::array<char, 2> last_{0, 0};
  ConnectionFault fault_ = ConnectionFault::kNone;
};

thread_local DeadlineStream* t_stream = nullptr;

milliseconds Millis(time_t sec, time_t usec) { return milliseconds(sec * 1000 + usec / 1000); }

}  // namespace

ConnectionFault BoundedHttpServer::CurrentFault() {
  return t_stream != nullptr ? t_stream->fault() : ConnectionFault::kNone;
}

void BoundedHttpServer::CloseAfterResponse() {
  if (t_stream != nullptr) t_stream->close_after_response = true;
}

void BoundedHttpServer::StopListening() {
  const socket_t sock = svr_sock_.exchange(INVALID_SOCKET);
  if (sock != INVALID_SOCKET) {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
}

// What httplib's own process_and_close_socket does (keep-alive loop, then close), with the
// DeadlineStream in place of its SocketStream.
bool BoundedHttpServer::process_and_close_socket(socket_t sock) {
  bool ret = false;
  {
    // Small JSON answers on kept-alive connections: without this, Nagle and delayed ACKs add
    // some 40 ms to every response after the first.
    const int one = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    DeadlineStream stream(sock, limits_, Millis(read_timeout_sec_, read_timeout_usec_),
                          Millis(write_timeout_sec_, write_timeout_usec_));
    t_stream = &stream;
    const auto stopping = [this] { return svr_sock_ == INVALID_SOCKET; };
    for (size_t left = keep_alive_max_count_; left > 0 && !stopping(); --left) {
      if (!stream.WaitForRequest(limits_.keep_alive, stopping)) break;
      stream.StartRequest();
      bool closed = false;
      ret = process_request(stream, /*close_connection=*/left == 1, closed, nullptr);
      if (!ret || closed || stream.fault() != ConnectionFault::kNone || stream.close_after_response)
        break;
    }
    t_stream = nullptr;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace dyad::serve
