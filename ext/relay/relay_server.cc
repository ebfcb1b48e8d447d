// The relay's unix socket on libuv: registrations, nginx's requests, and the browser streams. [no Zend]
#include "relay/relay_server.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace loom::relay {

enum class ConnState : uint8_t { Reading, Attached, Replying };

struct Conn {
  uv_pipe_t pipe{};
  Server* srv = nullptr;
  uint64_t id = 0;
  std::string in;
  HeadProgress head_progress;  // how far parse_request_head() checked `in`
  ConnState state = ConnState::Reading;
  bool closing = false;
  bool finishing = false;
  size_t queued = 0;
  size_t drain_low = 0;
  NotifyFn drain_fn = nullptr;
  void* drain_data = nullptr;
};

namespace {

struct WriteReq {
  uv_write_t req{};
  std::string data;
  Conn* c = nullptr;
};

constexpr uint64_t kSweepMs = 100;

// Removes `path` only when it is a socket: a mistyped --socket must never delete somebody's file.
void unlink_socket(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) ::unlink(path.c_str());
}

void alloc_cb(uv_handle_t*, size_t suggested, uv_buf_t* buf) {
  buf->base = new char[suggested];
  buf->len = suggested;
}

}  // namespace

Server* Server::open(uv_loop_t* loop, const std::string& path, int mode, uint64_t ttl_ms, NotifyFn notify,
                     void* data, std::string* err) {
  auto* s = new Server();
  s->loop_ = loop;
  s->path_ = path;
  s->ttl_ms_ = ttl_ms;
  s->notify_ = notify;
  s->data_ = data;
  uv_pipe_init(loop, &s->listener_, 0);
  s->listener_.data = s;
  s->open_handles_++;
  uv_timer_init(loop, &s->sweeper_);
  s->sweeper_.data = s;
  s->open_handles_++;
  uv_unref(reinterpret_cast<uv_handle_t*>(&s->sweeper_));
  unlink_socket(path);  // a socket file left by a previous run
  int r = uv_pipe_bind(&s->listener_, path.c_str());
  if (r == 0) {
    ::chmod(path.c_str(), static_cast<mode_t>(mode));
    r = uv_listen(reinterpret_cast<uv_stream_t*>(&s->listener_), 4096, on_connection);
  }
  if (r != 0) {
    *err = std::string("cannot listen on ") + path + ": " + uv_strerror(r);
    s->listening_ = true;  // so close() removes what bind may have created
    s->close();
    return nullptr;
  }
  s->listening_ = true;
  uv_timer_start(&s->sweeper_, on_sweep, kSweepMs, kSweepMs);
  return s;
}

void Server::on_connection(uv_stream_t* l, int status) {
  auto* s = static_cast<Server*>(l->data);
  if (status < 0 || s->closing_) return;
  auto* c = new Conn();
  c->srv = s;
  c->id = s->next_conn_++;
  uv_pipe_init(s->loop_, &c->pipe, 0);
  c->pipe.data = c;
  s->open_handles_++;
  if (uv_accept(l, reinterpret_cast<uv_stream_t*>(&c->pipe)) != 0) {
    s->conns_[c->id] = c;
    s->drop_conn(c);
    return;
  }
  s->conns_[c->id] = c;
  uv_read_start(reinterpret_cast<uv_stream_t*>(&c->pipe), alloc_cb,
                [](uv_stream_t* st, ssize_t n, const uv_buf_t* b) {
                  auto* c = static_cast<Conn*>(st->data);
                  c->srv->on_read(c, n, b);
                  delete[] b->base;
                });
}

void Server::on_read(Conn* c, ssize_t n, const uv_buf_t* buf) {
  if (n == 0) return;
  if (n < 0) {  // EOF or error: the peer is gone
    if (c->state == ConnState::Attached && !c->finishing) {
      gone_.push_back(c->id);
      stats_.gone++;
      drop_conn(c);
      if (notify_) notify_(data_);
      return;
    }
    if (c->state == ConnState::Reading) drop_conn(c);
    return;  // a reply in progress is closed by its last write
  }
  if (c->state != ConnState::Reading) return;  // nothing more is expected from nginx once attached
  c->in.append(buf->base, static_cast<size_t>(n));
  handle_input(c);
}

void Server::handle_input(Conn* c) {
  Kind kind = classify(c->in);
  if (kind == Kind::Unknown) return;
  if (kind == Kind::Registration) {
    Registration reg;
    Parse p = parse_registration(c->in, reg);
    if (p == Parse::Incomplete) return;
    if (p == Parse::Error) return reply_and_close(c, "ERR " + reg.error + "\n");
    if (closing_ || !listening_) return reply_and_close(c, "ERR the relay is shutting down\n");
    sweep();
    uint64_t id = next_registration_++;
    std::string token = tokens_.issue(id, std::move(reg.bind), uv_now(loop_), ttl_ms_);
    if (token.empty()) return reply_and_close(c, "ERR no randomness for a token\n");
    payloads_.emplace(id, std::move(reg.payload));
    stats_.registered++;
    return reply_and_close(c, "OK " + token + "\n");
  }
  RequestHead head;
  Parse p = parse_request_head(c->in, head, &c->head_progress);
  if (p == Parse::Incomplete) return;
  auto status = [](const char* code, std::string body) {
    return std::string("HTTP/1.1 ") + code +
           "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n" + body;
  };
  if (p == Parse::Error) return reply_and_close(c, status("400 Bad Request", "bad request\n"));
  if (head.method != "GET" && head.method != "HEAD")
    return reply_and_close(c, status("405 Method Not Allowed", "method not allowed\n"));
  if (head.path == "/loom-relay-status") {
    ServerStats st = stats();
    char json[320];
    snprintf(json, sizeof json,
             "{\"registered\":%llu,\"attached\":%llu,\"refused\":%llu,\"expired\":%llu,\"gone\":%llu,"
             "\"tokens\":%zu,\"streams\":%zu,\"accepting\":%s}\n",
             (unsigned long long)st.registered, (unsigned long long)st.attached,
             (unsigned long long)st.refused, (unsigned long long)st.expired, (unsigned long long)st.gone,
             st.tokens, st.streams, listening_ ? "true" : "false");
    return reply_and_close(c, status("200 OK", json));
  }
  uint64_t id = 0;
  Claim claim =
      head.token.empty() ? Claim::Unknown : tokens_.claim(head.token, head.bind, uv_now(loop_), &id);
  if (claim != Claim::Ok) {
    if (id) payloads_.erase(id);
    stats_.refused++;
    return reply_and_close(c, status("404 Not Found", "no such stream\n"));
  }
  auto it = payloads_.find(id);
  std::string payload = it == payloads_.end() ? std::string() : std::move(it->second);
  if (it != payloads_.end()) payloads_.erase(it);
  c->state = ConnState::Attached;
  c->in.clear();
  c->in.shrink_to_fit();
  stats_.attached++;
  attached_.emplace_back(c->id, std::move(payload));
  if (notify_) notify_(data_);
}

void Server::reply_and_close(Conn* c, std::string bytes) {
  c->state = ConnState::Replying;
  c->in.clear();
  uint64_t id = c->id;
  write(id, std::move(bytes));
  finish(id);
}

bool Server::write(uint64_t id, std::string data) {
  auto it = conns_.find(id);
  if (it == conns_.end() || it->second->closing) return false;
  Conn* c = it->second;
  if (data.empty()) return true;
  auto* w = new WriteReq();
  w->data = std::move(data);
  w->c = c;
  w->req.data = w;
  uv_buf_t b = uv_buf_init(w->data.data(), static_cast<unsigned>(w->data.size()));
  c->queued += w->data.size();
  int r = uv_write(&w->req, reinterpret_cast<uv_stream_t*>(&c->pipe), &b, 1, [](uv_write_t* req, int status) {
    auto* w = static_cast<WriteReq*>(req->data);
    Conn* c = w->c;
    Server* s = c->srv;
    c->queued -= w->data.size();
    delete w;
    if (c->closing) return;
    if (status < 0) {  // the browser's side broke
      if (c->state == ConnState::Attached && !c->finishing) {
        s->gone_.push_back(c->id);
        s->stats_.gone++;
        s->drop_conn(c);
        if (s->notify_) s->notify_(s->data_);
      } else {
        s->drop_conn(c);
      }
      return;
    }
    if (c->finishing && c->queued == 0) {
      s->drop_conn(c);
      return;
    }
    if (c->drain_fn && c->queued <= c->drain_low) {
      NotifyFn fn = c->drain_fn;
      c->drain_fn = nullptr;
      fn(c->drain_data);
    }
  });
  if (r != 0) {
    c->queued -= w->data.size();
    delete w;
    return false;
  }
  return true;
}

size_t Server::queued(uint64_t id) const {
  auto it = conns_.find(id);
  return it == conns_.end() ? 0 : it->second->queued;
}

bool Server::gone(uint64_t id) const {
  auto it = conns_.find(id);
  return it == conns_.end() || it->second->closing;
}

void Server::on_drain(uint64_t id, size_t low, NotifyFn fn, void* data) {
  auto it = conns_.find(id);
  if (it == conns_.end() || it->second->closing || it->second->queued <= low) {
    fn(data);
    return;
  }
  it->second->drain_low = low;
  it->second->drain_fn = fn;
  it->second->drain_data = data;
}

void Server::cancel_drain(uint64_t id) {
  auto it = conns_.find(id);
  if (it != conns_.end()) it->second->drain_fn = nullptr;
}

void Server::finish(uint64_t id) {
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  Conn* c = it->second;
  c->finishing = true;
  c->drain_fn = nullptr;
  if (c->queued == 0) drop_conn(c);
}

void Server::drop_conn(Conn* c) {
  if (c->closing) return;
  c->closing = true;
  NotifyFn fn = c->drain_fn;
  void* fdata = c->drain_data;
  c->drain_fn = nullptr;
  conns_.erase(c->id);
  uv_close(reinterpret_cast<uv_handle_t*>(&c->pipe), [](uv_handle_t* h) {
    auto* c = static_cast<Conn*>(h->data);
    Server* s = c->srv;
    delete c;
    s->open_handles_--;
    s->maybe_free();
  });
  if (fn) fn(fdata);  // a writer waiting for the queue to drain learns the browser is gone
}

void Server::sweep() {
  if (tokens_.size() == 0) return;
  tokens_.expire(
      uv_now(loop_), [](uint64_t id, void* data) { static_cast<Server*>(data)->payloads_.erase(id); }, this);
}

void Server::on_sweep(uv_timer_t* t) { static_cast<Server*>(t->data)->sweep(); }

void Server::stop_accepting() {
  if (!listening_) return;
  listening_ = false;
  uv_close(reinterpret_cast<uv_handle_t*>(&listener_), [](uv_handle_t* h) {
    auto* s = static_cast<Server*>(h->data);
    s->open_handles_--;
    s->maybe_free();
  });
  unlink_socket(path_);
}

ServerStats Server::stats() const {
  ServerStats st = stats_;
  st.expired = tokens_.expired_count();
  st.tokens = tokens_.size();
  st.streams = 0;
  for (auto& [id, c] : conns_)
    if (c->state == ConnState::Attached) st.streams++;
  return st;
}

bool take_front(std::deque<uint64_t>& q, uint64_t* out) {
  if (q.empty()) return false;
  *out = q.front();
  q.pop_front();
  return true;
}

bool Server::take_attached(uint64_t* conn, std::string* payload) {
  if (attached_.empty()) return false;
  *conn = attached_.front().first;
  *payload = std::move(attached_.front().second);
  attached_.pop_front();
  return true;
}

bool Server::take_gone(uint64_t* conn) { return take_front(gone_, conn); }

void Server::close() {
  if (closing_) return;
  closing_ = true;
  stop_accepting();
  if (!listening_ && !uv_is_closing(reinterpret_cast<uv_handle_t*>(&listener_))) {
    // never listened (open() failed before uv_listen): the handle still needs closing
    uv_close(reinterpret_cast<uv_handle_t*>(&listener_), [](uv_handle_t* h) {
      auto* s = static_cast<Server*>(h->data);
      s->open_handles_--;
      s->maybe_free();
    });
  }
  uv_close(reinterpret_cast<uv_handle_t*>(&sweeper_), [](uv_handle_t* h) {
    auto* s = static_cast<Server*>(h->data);
    s->open_handles_--;
    s->maybe_free();
  });
  while (!conns_.empty()) drop_conn(conns_.begin()->second);
  tokens_.clear();
  payloads_.clear();
  attached_.clear();
  gone_.clear();
}

void Server::maybe_free() {
  if (closing_ && open_handles_ == 0) delete this;
}

}  // namespace loom::relay
