// The multi-socket glue: curl tells us which sockets to watch and when to time out; libuv tells curl
// what happened. [no Zend]
#include "reactor/curl_multi.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "reactor/reactor.h"

namespace loom::reactor {

namespace {
CurlMulti* g_client = nullptr;        // Loom's client multi (the default instance)
CURLSH* g_inherited_share = nullptr;  // a forked child's DNS and TLS session caches, for its new multi
}  // namespace

CurlMulti& CurlMulti::instance() {
  Reactor::check_fork();
  if (!g_client) g_client = new CurlMulti(Driving::InLoop, nullptr, nullptr);
  return *g_client;
}

CurlMulti* CurlMulti::create_owned(NotifyFn notify, void* data) {
  Reactor::check_fork();
  return new CurlMulti(Driving::ByOwner, notify, data);
}

void CurlMulti::destroy() { delete this; }

CurlMulti::~CurlMulti() {
  if (abandoned_) return;  // a fork()ed child's copy: its handles belong to the abandoned loop
  for (CURL* easy : std::vector<CURL*>(foreign_.begin(), foreign_.end())) remove_foreign(easy);
  if (multi_) curl_multi_cleanup(multi_);  // closes the cached connections; curl says REMOVE for each
  for (auto& [fd, ctx] : polls_) {
    ctx->watch->close();
    delete ctx;
  }
  polls_.clear();
  if (timer_) timer_->close();
  if (share_ && driving_ == Driving::InLoop) curl_share_cleanup(share_);
}

bool CurlMulti::exists() {
  Reactor::check_fork();
  return g_client != nullptr;
}

CurlMulti::CurlMulti(Driving driving, NotifyFn notify, void* data)
    : driving_(driving), notify_(notify), notify_data_(data) {
  static bool hooked = false;
  if (!hooked) {
    hooked = true;
    Reactor::add_fork_hook(after_fork);
  }
  timer_ = Timer::open(Reactor::instance().loop(), on_timer_fired, this);
  configure();
  if (driving_ == Driving::ByOwner) return;  // foreign handles keep their own caches and share
  if (g_inherited_share) {
    share_ = g_inherited_share;
    g_inherited_share = nullptr;
    return;
  }
  share_ = curl_share_init();
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

// In a fork()ed child: the multi's sockets are the parent's connections and its polls live in the
// parent's epoll set. Nothing here may read, write, shut down or unwatch them. Each inherited socket is
// pointed at /dev/null first, so whatever curl does while letting go (TLS close_notify, a last read)
// goes nowhere; then every transfer is removed and told, the cached connections are closed (our copies
// of the descriptors only) and the next instance() builds a fresh multi on the child's fresh loop.
void CurlMulti::after_fork() {
  FdWatch::forget_all();  // every poll belongs to the abandoned loop: watches turn stale
  CurlMulti* old = g_client;
  if (!old) return;
  g_client = nullptr;
  old->abandon();
  g_inherited_share = old->share_;
  old->share_ = nullptr;
}

void CurlMulti::abandon() {
  abandoned_ = true;
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, nullptr);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, nullptr);
  int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
  for (auto& [fd, info] : sockets_) {
    struct stat st;
    if (devnull >= 0 && fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode) &&
        static_cast<unsigned long>(st.st_ino) == info.ino)
      dup2(devnull, fd);
  }
  if (devnull >= 0) close(devnull);
  for (auto& [fd, ctx] : polls_) {
    ctx->watch->close();  // stale since forget_all(): frees the watch only
    delete ctx;
  }
  polls_.clear();
  std::vector<CURL*> easies(easies_.begin(), easies_.end());
  for (CURL* easy : easies) {
    TransferSink* sink = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char**>(&sink));
    remove(easy);
    if (sink) sink->on_forked();
  }
  curl_multi_cleanup(multi_);  // closes the cached connections through on_close_socket
  multi_ = nullptr;
  sockets_.clear();
  pools_.clear();
  // The timer's handle lives in the abandoned loop, which is never run again: it is left there.
}

void CurlMulti::configure() {
  multi_ = curl_multi_init();
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, on_socket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, on_timer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
  if (driving_ == Driving::ByOwner) return;  // one ext/curl handle at a time: curl's defaults
  // Idle connections kept for reuse: enough for a fan-out of hundreds to a few LLM hosts.
  max_connects_ = 512;
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(max_connects_));
}

void CurlMulti::drop_connections() {
  if (transfers_ != 0) return;
  timer_->stop();
  // Cleanup closes the cached connections through on_close_socket, which stops their polls first.
  curl_multi_cleanup(multi_);
  configure();
}

CURLMcode CurlMulti::add(CURL* easy) {
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  // Opening happens while this transfer connects, so its sink is alive; closing may come much later
  // (the connection cache outlives transfers), so the close hook gets the multi instead.
  TransferSink* sink = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char**>(&sink));
  if (sink) sink->multi = this;
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, sink);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, on_close_socket);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
  curl_easy_setopt(easy, CURLOPT_SHARE, share_);
  if (sink && !sink->pool_key.empty() && foreign_.empty()) {
    // When every open connection of its pool is busy with a transfer in flight, curl has no idle one
    // to give this transfer: FRESH_CONNECT spares curl its search, which walks every connection to the
    // host (at 10,000 transfers to one host, the largest single CPU cost of the fan-out).
    Pool& pool = pools_[sink->pool_key];
    if (sink->reuses_idle_only && pool.sockets <= pool.holders)
      curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
  }
  CURLMcode rc = curl_multi_add_handle(multi_, easy);
  if (rc == CURLM_OK) {
    transfers_++;
    easies_.insert(easy);
  } else if (sink && !sink->pool_key.empty()) {
    auto it = pools_.find(sink->pool_key);
    if (it != pools_.end()) pool_release(&it->second, it->first);
  }
  if (transfers_ > max_connects_) {
    // A full connection cache makes curl walk it for the oldest idle connection on every finished
    // transfer: keep room for every connection in flight.
    max_connects_ = transfers_ * 2;
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(max_connects_));
  }
  return rc;
}

void CurlMulti::remove(CURL* easy) {
  if (!easies_.erase(easy)) return;  // not ours (or already removed)
  if (curl_multi_remove_handle(multi_, easy) == CURLM_OK && transfers_ > 0) transfers_--;
  TransferSink* sink = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char**>(&sink));
  if (sink && !sink->pool_key.empty()) {
    auto it = pools_.find(sink->pool_key);
    if (it != pools_.end()) {
      if (sink->holds_socket && it->second.holders > 0) it->second.holders--;
      pool_release(&it->second, it->first);
    }
  }
  if (sink) sink->holds_socket = false;
}

// Forgets a pool nothing counts in any more.
void CurlMulti::pool_release(Pool* pool, const std::string& key) {
  if (pool->sockets == 0 && pool->holders == 0) pools_.erase(key);
}

void CurlMulti::forget_socket(std::unordered_map<curl_socket_t, SocketInfo>::iterator it) {
  if (Pool* pool = it->second.pool) {
    if (pool->sockets > 0) pool->sockets--;
    std::string key = *it->second.key;
    sockets_.erase(it);
    pool_release(pool, key);
    return;
  }
  sockets_.erase(it);
}

CURLMcode CurlMulti::add_foreign(CURL* easy) {
  CURLMcode rc = curl_multi_add_handle(multi_, easy);
  if (rc == CURLM_OK) {
    foreign_.insert(easy);
    transfers_++;
  }
  return rc;
}

void CurlMulti::remove_foreign(CURL* easy) {
  if (!foreign_.erase(easy)) return;
  if (curl_multi_remove_handle(multi_, easy) == CURLM_OK && transfers_ > 0) transfers_--;
}

bool CurlMulti::drive(bool kick, DoneFn on_done, void* ctx) {
  events_ = 0;
  int running = 0;
  bool ok = true;
  // Act on one ready socket at a time, looking it up again each round: acting changes the watches.
  for (;;) {
    curl_socket_t fd = CURL_SOCKET_BAD;
    int flags = 0;
    for (auto& [s, sc] : polls_) {
      int r = sc->watch->take_ready();
      if (!r) continue;
      fd = s;
      if (r & kFdError) {
        flags = CURL_CSELECT_ERR;
      } else {
        if (r & kReadable) flags |= CURL_CSELECT_IN;
        if (r & kWritable) flags |= CURL_CSELECT_OUT;
      }
      break;
    }
    if (fd == CURL_SOCKET_BAD) break;
    if (curl_multi_socket_action(multi_, fd, flags, &running) != CURLM_OK) ok = false;
    read_done(on_done, ctx);
  }
  if (timer_->take_fired() || kick) {
    if (curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running) != CURLM_OK) ok = false;
    read_done(on_done, ctx);
  }
  return ok;
}

void CurlMulti::forget_after_fork() {
  abandoned_ = true;
  for (auto& [fd, ctx] : polls_) {
    ctx->watch->close();  // stale since FdWatch::forget_all(): frees the watch only
    delete ctx;
  }
  polls_.clear();
  foreign_.clear();
  easies_.clear();
  multi_ = nullptr;
}

// We open and close every socket ourselves so a poll handle is always stopped before its fd closes
// (libuv aborts in epoll_ctl on a closed fd) and so open sockets can be counted.
// curl 7.88 closes a connect attempt that never became the connection's socket (a timed-out or
// losing happy-eyeballs attempt) with close() itself, not through CLOSESOCKETFUNCTION. Such an fd is
// noticed when its number comes back from socket() (or in sockets()): a poll still registered for it
// is stale and is stopped before the number is used again.
curl_socket_t CurlMulti::on_open_socket(void* clientp, curlsocktype, struct curl_sockaddr* a) {
  auto* sink = static_cast<TransferSink*>(clientp);
  CurlMulti* self = sink && sink->multi ? sink->multi : g_client;
  if (sink && !sink->allow_address(&a->addr)) return CURL_SOCKET_BAD;
  curl_socket_t s = socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
  if (s == CURL_SOCKET_BAD) {
    if (clientp) static_cast<TransferSink*>(clientp)->on_socket_failed(errno);
    return s;
  }
  auto stale = self->sockets_.find(s);
  if (stale != self->sockets_.end()) {
    self->stop_poll(s);
    self->forget_socket(stale);
  }
  struct stat st;
  SocketInfo info{fstat(s, &st) == 0 ? static_cast<unsigned long>(st.st_ino) : 0, nullptr, nullptr};
  if (sink && !sink->pool_key.empty() && self->driving_ == Driving::InLoop) {
    auto pool = self->pools_.try_emplace(sink->pool_key).first;
    pool->second.sockets++;
    info.pool = &pool->second;
    info.key = &pool->first;
    if (!sink->holds_socket) {
      sink->holds_socket = true;
      pool->second.holders++;
    }
  }
  self->sockets_[s] = info;
  return s;
}

int CurlMulti::on_close_socket(void* clientp, curl_socket_t item) {
  auto* self = static_cast<CurlMulti*>(clientp);
  self->stop_poll(item);
  auto it = self->sockets_.find(item);
  if (it != self->sockets_.end()) self->forget_socket(it);
  return close(item);
}

size_t CurlMulti::sockets() {
  for (auto it = sockets_.begin(); it != sockets_.end();) {
    struct stat st;
    bool ours = fstat(it->first, &st) == 0 && S_ISSOCK(st.st_mode) &&
                static_cast<unsigned long>(st.st_ino) == it->second.ino;
    if (ours || polls_.count(it->first)) {
      ++it;  // a polled fd is curl's until it says CURL_POLL_REMOVE
    } else {
      auto gone = it++;
      forget_socket(gone);
    }
  }
  return sockets_.size();
}

void CurlMulti::stop_poll(curl_socket_t s) {
  if (abandoned_) return;
  auto it = polls_.find(s);
  if (it == polls_.end()) return;
  SocketCtx* ctx = it->second;
  polls_.erase(it);
  curl_multi_assign(multi_, s, nullptr);
  ctx->watch->close();
  delete ctx;
}

int CurlMulti::on_socket(CURL* easy, curl_socket_t s, int what, void* userp, void* socketp) {
  auto* self = static_cast<CurlMulti*>(userp);
  if (what == CURL_POLL_REMOVE) {
    self->stop_poll(s);
    return 0;
  }
  auto* ctx = static_cast<SocketCtx*>(socketp);
  if (!ctx) {
    FdWatch* watch = FdWatch::open(Reactor::instance().loop(), s, on_ready, nullptr);
    if (!watch) return -1;  // curl fails the transfer
    ctx = new SocketCtx{watch, s, self, easy};
    self->polls_[s] = ctx;
    curl_multi_assign(self->multi_, s, ctx);
  }
  ctx->easy = easy;
  // The watch's notify data is the context: set it now that the context exists.
  ctx->watch->set_notify_data(ctx);
  int events = 0;
  if (what & CURL_POLL_IN) events |= kReadable;
  if (what & CURL_POLL_OUT) events |= kWritable;
  ctx->watch->set_events(events);
  return 0;
}

int CurlMulti::on_timer(CURLM*, long timeout_ms, void* userp) {
  auto* self = static_cast<CurlMulti*>(userp);
  if (timeout_ms < 0) {
    self->timer_->stop();
  } else {
    // 0 ms included: never act from inside this callback; the loop's timer phase does it next turn.
    self->timer_->start(static_cast<uint64_t>(timeout_ms));
  }
  return 0;
}

void CurlMulti::on_timer_fired(void* data) {
  auto* self = static_cast<CurlMulti*>(data);
  if (self->driving_ == Driving::ByOwner) {
    self->events_ = 1;
    if (self->notify_) self->notify_(self->notify_data_);
    return;
  }
  self->timer_->take_fired();
  self->action(CURL_SOCKET_TIMEOUT, 0);
}

void CurlMulti::on_ready(void* data) {
  auto* ctx = static_cast<SocketCtx*>(data);
  CurlMulti* self = ctx->multi;
  if (self->driving_ == Driving::ByOwner) {
    self->events_ = 1;
    if (self->notify_) self->notify_(self->notify_data_);
    return;
  }
  int r = ctx->watch->take_ready();
  int flags = 0;
  if (r & kFdError) {
    // POLLERR: curl must see it, readers and writers alike, as ERR alone. With IN|OUT added curl's I/O
    // outcome depends on timing (an RST during an upload could even come out as "Received HTTP/0.9").
    // curl then only says "select/poll returned error", so the socket's own error goes to the transfer.
    flags = CURL_CSELECT_ERR;
    self->poll_error_easy_ = ctx->easy;
    self->poll_error_ = ctx->watch->error();
  } else {
    if (r & kReadable) flags |= CURL_CSELECT_IN;
    if (r & kWritable) flags |= CURL_CSELECT_OUT;
  }
  if (flags) self->action(ctx->fd, flags);
}

void CurlMulti::action(curl_socket_t s, int flags) {
  int running = 0;
  curl_multi_socket_action(multi_, s, flags, &running);
  read_done(nullptr, nullptr);
  poll_error_easy_ = nullptr;
  poll_error_ = 0;
}

void CurlMulti::read_done(DoneFn on_done, void* ctx) {
  int pending = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &pending)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    CURLcode code = msg->data.result;
    if (foreign_.count(easy)) {
      // Not Loom's: its CURLOPT_PRIVATE means nothing to us; the owner hears it from drive().
      if (on_done) on_done(ctx, easy, code);
      continue;
    }
    if (!easies_.count(easy)) continue;
    TransferSink* sink = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char**>(&sink));
    remove(easy);
    if (sink && poll_error_ && easy == poll_error_easy_) sink->on_socket_error(poll_error_);
    if (sink) sink->on_done(code);
  }
}

}  // namespace loom::reactor
