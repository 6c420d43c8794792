#include "dyad/queue/amqp.h"

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <fmt/format.h>
#include <sys/time.h>

#include <chrono>
#include <cstring>
#include <set>

namespace dyad {

namespace {

constexpr amqp_channel_t kChannel = 1;

std::string ReplyText(const amqp_rpc_reply_t& r) {
  switch (r.reply_type) {
    case AMQP_RESPONSE_NORMAL: return "ok";
    case AMQP_RESPONSE_NONE: return "missing RPC reply";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION: return amqp_error_string2(r.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
      if (r.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
        auto* m = static_cast<amqp_connection_close_t*>(r.reply.decoded);
        return fmt::format("broker closed the connection: {} {}", m->reply_code,
                           std::string(static_cast<char*>(m->reply_text.bytes), m->reply_text.len));
      }
      if (r.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
        auto* m = static_cast<amqp_channel_close_t*>(r.reply.decoded);
        return fmt::format("broker closed the channel: {} {}", m->reply_code,
                           std::string(static_cast<char*>(m->reply_text.bytes), m->reply_text.len));
      }
      return fmt::format("broker error, method {:#x}", r.reply.id);
  }
  return "unknown reply";
}

std::string_view View(const amqp_bytes_t& b) {
  return {static_cast<const char*>(b.bytes), b.len};
}

amqp_bytes_t Bytes(std::string_view s) {
  return amqp_bytes_t{s.size(), const_cast<char*>(s.data())};
}

timeval Timeval(int ms) {
  timeval tv;
  tv.tv_sec = ms / 1000;
  tv.tv_usec = (ms % 1000) * 1000;
  return tv;
}

}  // namespace

struct AmqpChannel::Impl {
  amqp_connection_state_t conn = nullptr;
  std::string where;  // "amqp://host:port/vhost" for messages (no password)
  bool open = false;
  std::set<uint64_t> pending;  // published, not yet confirmed (delivery tags)

  ~Impl() {
    if (!conn) return;
    if (open) {
      amqp_channel_close(conn, kChannel, AMQP_REPLY_SUCCESS);
      amqp_connection_close(conn, AMQP_REPLY_SUCCESS);
    }
    amqp_destroy_connection(conn);
  }

  Status Check(const char* what) {
    amqp_rpc_reply_t r = amqp_get_rpc_reply(conn);
    if (r.reply_type == AMQP_RESPONSE_NORMAL) return Status::Ok();
    open = r.reply_type != AMQP_RESPONSE_SERVER_EXCEPTION && open;
    return UnavailableError(fmt::format("{}: {}: {}", where, what, ReplyText(r)));
  }
  Status Fail(const char* what, int code) {
    return UnavailableError(fmt::format("{}: {}: {}", where, what, amqp_error_string2(code)));
  }
};

AmqpChannel::AmqpChannel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AmqpChannel::~AmqpChannel() = default;

StatusOr<std::unique_ptr<AmqpChannel>> AmqpChannel::Open(const std::string& url,
                                                         int heartbeat_seconds) {
  amqp_connection_info info;
  std::string copy = url;  // amqp_parse_url writes into its argument
  amqp_default_connection_info(&info);
  if (!url.empty() && amqp_parse_url(copy.data(), &info) != AMQP_STATUS_OK)
    return InvalidArgumentError(fmt::format("bad AMQP URL '{}' (want amqp://user:pass@host:port/vhost)", url));
  if (info.vhost[0] == '\0') info.vhost = const_cast<char*>("/");  // "amqp://host/" = default vhost
  auto impl = std::make_unique<Impl>();
  impl->where = fmt::format("amqp://{}:{}{}{}", info.host, info.port,
                            info.vhost[0] == '/' ? "" : "/", info.vhost);
  impl->conn = amqp_new_connection();
  amqp_socket_t* socket = amqp_tcp_socket_new(impl->conn);
  if (!socket) return InternalError("cannot create an AMQP socket");
  timeval tv = Timeval(5000);
  if (int rc = amqp_socket_open_noblock(socket, info.host, info.port, &tv); rc != AMQP_STATUS_OK)
    return impl->Fail("connect", rc);
  amqp_rpc_reply_t r = amqp_login(impl->conn, info.vhost, 0, AMQP_DEFAULT_FRAME_SIZE,
                                  heartbeat_seconds, AMQP_SASL_METHOD_PLAIN, info.user,
                                  info.password);
  if (r.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION)  // refused: credentials, vhost; retry won't help
    return FailedPreconditionError(fmt::format("{}: login: {}", impl->where, ReplyText(r)));
  if (r.reply_type != AMQP_RESPONSE_NORMAL)
    return UnavailableError(fmt::format("{}: login: {}", impl->where, ReplyText(r)));
  impl->open = true;
  amqp_channel_open(impl->conn, kChannel);
  DYAD_RETURN_IF_ERROR(impl->Check("open channel"));
  return std::unique_ptr<AmqpChannel>(new AmqpChannel(std::move(impl)));
}

Status AmqpChannel::DeclareQueue(const std::string& name) {
  amqp_queue_declare(impl_->conn, kChannel, Bytes(name), /*passive=*/0, /*durable=*/1,
                     /*exclusive=*/0, /*auto_delete=*/0, amqp_empty_table);
  return impl_->Check("declare queue");
}

StatusOr<uint32_t> AmqpChannel::QueueDepth(const std::string& name) {
  amqp_queue_declare_ok_t* ok = amqp_queue_declare(impl_->conn, kChannel, Bytes(name), 1, 0, 0,
                                                   0, amqp_empty_table);
  DYAD_RETURN_IF_ERROR(impl_->Check("queue depth"));
  return ok->message_count;
}

Status AmqpChannel::EnableConfirms() {
  amqp_confirm_select(impl_->conn, kChannel);
  DYAD_RETURN_IF_ERROR(impl_->Check("confirm.select"));
  confirms_ = true;
  return Status::Ok();
}

Status AmqpChannel::Publish(const std::string& queue, std::string_view body,
                            const AmqpHeaders& headers) {
  std::vector<amqp_table_entry_t> entries(headers.size());
  for (size_t i = 0; i < headers.size(); ++i) {
    entries[i].key = Bytes(headers[i].first);
    entries[i].value.kind = AMQP_FIELD_KIND_UTF8;
    entries[i].value.value.bytes = Bytes(headers[i].second);
  }
  amqp_basic_properties_t props;
  std::memset(&props, 0, sizeof props);
  props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_CONTENT_TYPE_FLAG;
  props.delivery_mode = 2;  // persistent
  props.content_type = amqp_cstring_bytes("application/json");
  if (!entries.empty()) {
    props._flags |= AMQP_BASIC_HEADERS_FLAG;
    props.headers.num_entries = static_cast<int>(entries.size());
    props.headers.entries = entries.data();
  }
  int rc = amqp_basic_publish(impl_->conn, kChannel, amqp_empty_bytes, Bytes(queue),
                              /*mandatory=*/0, /*immediate=*/0, &props, Bytes(body));
  if (rc != AMQP_STATUS_OK) return impl_->Fail("publish", rc);
  ++published_;
  if (confirms_) impl_->pending.insert(published_);  // the broker numbers deliveries from 1
  return Status::Ok();
}

Status AmqpChannel::WaitForConfirms(int timeout_ms) {
  if (!confirms_) return FailedPreconditionError("WaitForConfirms without EnableConfirms");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (confirmed_ < published_) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return UnavailableError(fmt::format("{}: {} publishes not confirmed within {} ms",
                                          impl_->where, published_ - confirmed_, timeout_ms));
    timeval tv = Timeval(static_cast<int>(left.count()));
    amqp_frame_t frame;
    int rc = amqp_simple_wait_frame_noblock(impl_->conn, &frame, &tv);
    if (rc == AMQP_STATUS_TIMEOUT) continue;
    if (rc != AMQP_STATUS_OK) return impl_->Fail("wait for confirms", rc);
    if (frame.frame_type != AMQP_FRAME_METHOD) continue;
    switch (frame.payload.method.id) {
      case AMQP_BASIC_ACK_METHOD: {
        auto* ack = static_cast<amqp_basic_ack_t*>(frame.payload.method.decoded);
        auto& pending = impl_->pending;
        if (ack->multiple)
          pending.erase(pending.begin(), pending.upper_bound(ack->delivery_tag));
        else
          pending.erase(ack->delivery_tag);
        confirmed_ = published_ - pending.size();
        break;
      }
      case AMQP_BASIC_NACK_METHOD:
        return UnavailableError(fmt::format("{}: the broker refused message {}", impl_->where,
                                            static_cast<amqp_basic_nack_t*>(frame.payload.method.decoded)->delivery_tag));
      case AMQP_CHANNEL_CLOSE_METHOD:
      case AMQP_CONNECTION_CLOSE_METHOD:
        impl_->open = false;
        return UnavailableError(impl_->where + ": the broker closed the channel");
      default: break;
    }
  }
  amqp_maybe_release_buffers(impl_->conn);
  return Status::Ok();
}

Status AmqpChannel::Consume(const std::string& queue, uint16_t prefetch) {
  amqp_basic_qos(impl_->conn, kChannel, 0, prefetch, 0);
  DYAD_RETURN_IF_ERROR(impl_->Check("basic.qos"));
  amqp_basic_consume(impl_->conn, kChannel, Bytes(queue), amqp_empty_bytes, /*no_local=*/0,
                     /*no_ack=*/0, /*exclusive=*/0, amqp_empty_table);
  return impl_->Check("basic.consume");
}

StatusOr<std::optional<Delivery>> AmqpChannel::Next(int timeout_ms) {
  amqp_maybe_release_buffers(impl_->conn);
  amqp_envelope_t env;
  timeval tv = Timeval(timeout_ms);
  amqp_rpc_reply_t r = amqp_consume_message(impl_->conn, &env, &tv, 0);
  if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
      r.library_error == AMQP_STATUS_TIMEOUT)
    return std::optional<Delivery>();
  if (r.reply_type != AMQP_RESPONSE_NORMAL) {
    if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
        r.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
      // Something other than a delivery: a close from the broker is the only frame we act on.
      amqp_frame_t frame;
      tv = Timeval(timeout_ms);
      int rc = amqp_simple_wait_frame_noblock(impl_->conn, &frame, &tv);
      if (rc != AMQP_STATUS_OK && rc != AMQP_STATUS_TIMEOUT) return impl_->Fail("consume", rc);
      if (rc == AMQP_STATUS_OK && frame.frame_type == AMQP_FRAME_METHOD &&
          (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
           frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD)) {
        impl_->open = false;
        return UnavailableError(impl_->where + ": the broker closed the channel");
      }
      return std::optional<Delivery>();
    }
    impl_->open = false;
    return UnavailableError(fmt::format("{}: consume: {}", impl_->where, ReplyText(r)));
  }
  Delivery d;
  d.tag = env.delivery_tag;
  d.redelivered = env.redelivered;
  d.body.assign(View(env.message.body));
  const amqp_basic_properties_t& p = env.message.properties;
  if (p._flags & AMQP_BASIC_HEADERS_FLAG) {
    for (int i = 0; i < p.headers.num_entries; ++i) {
      const amqp_table_entry_t& e = p.headers.entries[i];
      if (e.value.kind == AMQP_FIELD_KIND_UTF8 || e.value.kind == AMQP_FIELD_KIND_BYTES)
        d.headers.emplace_back(std::string(View(e.key)), std::string(View(e.value.value.bytes)));
    }
  }
  amqp_destroy_envelope(&env);
  return std::optional<Delivery>(std::move(d));
}

Status AmqpChannel::Ack(uint64_t tag) {
  if (int rc = amqp_basic_ack(impl_->conn, kChannel, tag, 0); rc != AMQP_STATUS_OK)
    return impl_->Fail("ack", rc);
  return Status::Ok();
}

Status AmqpChannel::Reject(uint64_t tag, bool requeue) {
  if (int rc = amqp_basic_reject(impl_->conn, kChannel, tag, requeue); rc != AMQP_STATUS_OK)
    return impl_->Fail("reject", rc);
  return Status::Ok();
}

}  // namespace dyad
