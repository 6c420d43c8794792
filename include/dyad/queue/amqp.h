// A small, blocking AMQP 0-9-1 client over RabbitMQ's C library (librabbitmq, from Debian):
// what `dyad enqueue` and `dyad worker` need and nothing more.
//
// Part of dyad_queue. One AmqpChannel owns one TCP connection with one channel; it is not
// thread-safe (each worker thread opens its own). Every failure of the connection comes back
// as an Unavailable status; the caller closes the object and opens a new one (with back-off).
// Delivery guarantees are the broker's: durable queues and persistent messages survive a
// broker restart, publisher confirms tell the publisher what the broker has taken, and a
// message a consumer has not acked is delivered again when its connection goes away.
//
//   DYAD_ASSIGN_OR_RETURN(auto ch, AmqpChannel::Open("amqp://guest:guest@127.0.0.1:5672/"));
//   DYAD_RETURN_IF_ERROR(ch->DeclareQueue("dyad.documents"));
//   DYAD_RETURN_IF_ERROR(ch->EnableConfirms());
//   DYAD_RETURN_IF_ERROR(ch->Publish("dyad.documents", body, {}));
//   DYAD_RETURN_IF_ERROR(ch->WaitForConfirms());        // the broker has every message
//
//   DYAD_RETURN_IF_ERROR(ch->Consume("dyad.documents", /*prefetch=*/4));
//   DYAD_ASSIGN_OR_RETURN(std::optional<Delivery> d, ch->Next(/*timeout_ms=*/1000));
//   if (d) { Handle(d->body); DYAD_RETURN_IF_ERROR(ch->Ack(d->tag)); }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/core/status.h"

namespace dyad {

using AmqpHeaders = std::vector<std::pair<std::string, std::string>>;  // string headers only

struct Delivery {
  uint64_t tag = 0;
  bool redelivered = false;
  std::string body;
  AmqpHeaders headers;
};

class AmqpChannel {
 public:
  // url: amqp://user:password@host:port/vhost (defaults guest:guest@localhost:5672/).
  static StatusOr<std::unique_ptr<AmqpChannel>> Open(const std::string& url,
                                                     int heartbeat_seconds = 30);
  ~AmqpChannel();
  AmqpChannel(const AmqpChannel&) = delete;
  AmqpChannel& operator=(const AmqpChannel&) = delete;

  // A durable queue (survives a broker restart); idempotent.
  Status DeclareQueue(const std::string& name);
  // Messages in the queue that no consumer holds (passive declare).
  StatusOr<uint32_t> QueueDepth(const std::string& name);

  // Publisher confirms: after this, WaitForConfirms() returns once the broker has acked every
  // message published so far, and fails if it nacked any.
  Status EnableConfirms();
  // A persistent message to the default exchange, routed to `queue`.
  Status Publish(const std::string& queue, std::string_view body, const AmqpHeaders& headers);
  Status WaitForConfirms(int timeout_ms = 30000);
  uint64_t unconfirmed() const { return published_ - confirmed_; }

  // Starts consuming with manual acks; at most `prefetch` unacked messages are sent to us.
  Status Consume(const std::string& queue, uint16_t prefetch);
  // The next delivery, or nullopt when none arrived within timeout_ms.
  StatusOr<std::optional<Delivery>> Next(int timeout_ms);
  Status Ack(uint64_t tag);
  // Returns the message to the queue (requeue) or drops it (the broker dead-letters it if the
  // queue says so).
  Status Reject(uint64_t tag, bool requeue);

 private:
  struct Impl;
  explicit AmqpChannel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  uint64_t published_ = 0, confirmed_ = 0;
  bool confirms_ = false;
};

}  // namespace dyad
