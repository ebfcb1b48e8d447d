// The relay's socket side on libuv: one listening unix socket that takes both FPM pages' registrations
// and nginx's proxied browser requests, the token table between them, and the browser connections the
// PHP side writes streams to. [no Zend] libuv callbacks here only record what happened (a stream attached,
// a browser gone, a write queue drained) and call the owner's notify function; the PHP side takes the
// records from its own context.
#ifndef LOOM_RELAY_SERVER_H
#define LOOM_RELAY_SERVER_H

#include <uv.h>

#include <deque>
#include <string>
#include <unordered_map>

#include "relay/relay_core.h"

namespace loom::relay {

using NotifyFn = void (*)(void* data);

struct Conn;

struct ServerStats {
  uint64_t registered = 0;  // tokens issued
  uint64_t attached = 0;    // browser requests that claimed a token
  uint64_t refused = 0;     // requests refused (404)
  uint64_t expired = 0;     // tokens that expired unused
  uint64_t gone = 0;        // attached browsers that went away before their stream ended
  size_t tokens = 0;        // tokens waiting now
  size_t streams = 0;       // attached connections now
};

class Server {
 public:
  // Listens on `path` (an existing socket file there is replaced). Null with *err set on failure.
  // `mode` is the socket file's permission bits (nginx and php-fpm must be able to connect).
  static Server* open(uv_loop_t* loop, const std::string& path, int mode, uint64_t ttl_ms, NotifyFn notify,
                      void* data, std::string* err);

  // New attached streams: the connection id and the payload its page registered.
  bool take_attached(uint64_t* conn, std::string* payload);
  // Attached browsers that went away (their connection closed before finish()).
  bool take_gone(uint64_t* conn);

  // Queues bytes for the browser; false once the connection is gone.
  bool write(uint64_t conn, std::string data);
  // Bytes queued and not yet written.
  size_t queued(uint64_t conn) const;
  bool gone(uint64_t conn) const;
  // Calls fn(data) once each time the connection's queue falls to `low` bytes or the browser goes away.
  void on_drain(uint64_t conn, size_t low, NotifyFn fn, void* data);
  void cancel_drain(uint64_t conn);
  // The stream is over: the connection closes once its queue is written; the id is forgotten.
  void finish(uint64_t conn);

  // Stops accepting and removes the socket file (connections stay).
  void stop_accepting();
  bool accepting() const { return listening_; }
  ServerStats stats() const;
  // Closes every connection and the listener; the object frees itself once libuv has released them.
  void close();
  // Open connections of any kind (registrations, requests being parsed, streams).
  size_t connections() const { return conns_.size(); }

 private:
  friend struct Conn;
  Server() = default;
  static void on_connection(uv_stream_t* s, int status);
  void on_read(Conn* c, ssize_t n, const uv_buf_t* buf);
  void handle_input(Conn* c);
  void reply_and_close(Conn* c, std::string bytes);
  void drop_conn(Conn* c);
  void sweep();
  void maybe_free();
  static void on_sweep(uv_timer_t* t);

  uv_loop_t* loop_ = nullptr;
  uv_pipe_t listener_{};
  uv_timer_t sweeper_{};
  bool listening_ = false;
  bool closing_ = false;
  int open_handles_ = 0;
  std::string path_;
  uint64_t ttl_ms_ = 5000;
  NotifyFn notify_ = nullptr;
  void* data_ = nullptr;
  TokenTable tokens_;
  std::unordered_map<uint64_t, std::string> payloads_;  // by registration id, until claimed or expired
  uint64_t next_registration_ = 1;
  std::unordered_map<uint64_t, Conn*> conns_;  // by connection id
  uint64_t next_conn_ = 1;
  std::deque<std::pair<uint64_t, std::string>> attached_;
  std::deque<uint64_t> gone_;
  ServerStats stats_;
};

}  // namespace loom::relay

#endif
