// Shared fd polls and timers. [no Zend]
#include "reactor/fd_watch.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <map>
#include <utility>

#include "reactor/reactor.h"

namespace loom::reactor {

struct FdEntry {
  uv_poll_t poll;
  uv_loop_t* loop;
  int fd;
  dev_t dev;
  ino_t ino;
  int armed;  // events the poll was started with (0: stopped)
  FdWatch* watches;

  void rearm();
  void update_ref();  // referenced while any watch is strong
  void detach_all();  // the fd number now names another file: every watch turns stale
  void close_poll();
  static void on_poll(uv_poll_t* h, int status, int events);
};

namespace {
using Key = std::pair<uv_loop_t*, int>;
std::map<Key, FdEntry*>& entries() {
  static std::map<Key, FdEntry*> m;
  return m;
}

bool identity(int fd, dev_t* dev, ino_t* ino) {
  struct stat st;
  if (fstat(fd, &st) != 0) return false;
  *dev = st.st_dev;
  *ino = st.st_ino;
  return true;
}
}  // namespace

void FdEntry::rearm() {
  int want = 0;
  for (FdWatch* w = watches; w; w = w->next_) want |= w->events_;
  if (want == armed) return;
  armed = want;
  if (want == 0) {
    uv_poll_stop(&poll);
    return;
  }
  int ev = 0;
  if (want & kReadable) ev |= UV_READABLE;
  if (want & kWritable) ev |= UV_WRITABLE;
  uv_poll_start(&poll, ev, on_poll);
}

void FdEntry::update_ref() {
  bool strong = false;
  for (FdWatch* w = watches; w && !strong; w = w->next_) strong = !w->weak_;
  set_referenced(reinterpret_cast<uv_handle_t*>(&poll), strong);
}

void FdEntry::close_poll() {
  entries().erase(Key{loop, fd});
  uv_close(reinterpret_cast<uv_handle_t*>(&poll),
           [](uv_handle_t* h) { delete static_cast<FdEntry*>(h->data); });
}

void FdEntry::detach_all() {
  for (FdWatch* w = watches; w;) {
    FdWatch* n = w->next_;
    w->entry_ = nullptr;
    w->next_ = nullptr;
    w = n;
  }
  watches = nullptr;
  close_poll();
}

void FdEntry::on_poll(uv_poll_t* h, int status, int events) {
  auto* e = static_cast<FdEntry*>(h->data);
  int ready = 0;
  int err = 0;
  if (status < 0) {
    // POLLERR: libuv has stopped the poll. Readers and writers alike must hear it, with the socket's own
    // error for their message (-1 if none is pending).
    socklen_t len = sizeof err;
    if (getsockopt(e->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err == 0) err = -1;
    ready = kFdError;
    e->armed = 0;
  } else {
    if (events & UV_READABLE) ready |= kReadable;
    if (events & UV_WRITABLE) ready |= kWritable;
  }
  // A notify function may close watches (its own included) or open new ones, even on this fd: mark
  // who is due, then rescan from the head for each call, holding no pointer across a notify. The entry
  // itself is freed only in libuv's close callback, so it outlives this function.
  for (FdWatch* w = e->watches; w; w = w->next_) {
    int mine = ready & (w->events_ | kFdError);
    if (!mine) continue;
    w->ready_ |= mine;
    if (err) w->error_ = err;
    w->due_ = true;
  }
  for (;;) {
    FdWatch* w = e->watches;
    while (w && !w->due_) w = w->next_;
    if (!w) break;
    w->due_ = false;
    if (w->notify_) w->notify_(w->data_);
  }
}

FdWatch* FdWatch::open(uv_loop_t* loop, int fd, NotifyFn notify, void* data) {
  dev_t dev = 0;
  ino_t ino = 0;
  bool known = identity(fd, &dev, &ino);
  auto it = entries().find(Key{loop, fd});
  FdEntry* e = nullptr;
  if (it != entries().end()) {
    e = it->second;
    if (!known || e->dev != dev || e->ino != ino) {
      e->detach_all();  // removes it from the table
      e = nullptr;
    }
  }
  if (!e) {
    e = new FdEntry{};
    if (uv_poll_init_socket(loop, &e->poll, fd) != 0) {
      delete e;
      return nullptr;
    }
    e->poll.data = e;
    e->loop = loop;
    e->fd = fd;
    e->dev = dev;
    e->ino = ino;
    entries()[Key{loop, fd}] = e;
  }
  auto* w = new FdWatch();
  w->entry_ = e;
  w->fd_ = fd;
  w->notify_ = notify;
  w->data_ = data;
  w->next_ = e->watches;
  e->watches = w;
  e->update_ref();
  return w;
}

void FdWatch::set_weak(bool weak) {
  if (weak_ == weak) return;
  weak_ = weak;
  if (entry_) entry_->update_ref();
}

void FdWatch::set_events(int events) {
  events_ = events & (kReadable | kWritable);
  if (entry_) entry_->rearm();
}

int FdWatch::take_ready() {
  int r = ready_;
  ready_ = 0;
  return r;
}

void FdWatch::close() {
  if (FdEntry* e = entry_) {
    for (FdWatch** p = &e->watches; *p; p = &(*p)->next_) {
      if (*p == this) {
        *p = next_;
        break;
      }
    }
    if (!e->watches) {
      e->close_poll();
    } else {
      e->rearm();
      e->update_ref();
    }
  }
  delete this;
}

size_t FdWatch::open_polls() { return entries().size(); }

void FdWatch::forget_all() {
  // The entries' polls belong to a loop the child abandoned: free nothing libuv may still point to,
  // only make every watch stale.
  for (auto& [key, e] : entries()) {
    for (FdWatch* w = e->watches; w;) {
      FdWatch* n = w->next_;
      w->entry_ = nullptr;
      w->next_ = nullptr;
      w = n;
    }
    e->watches = nullptr;
  }
  entries().clear();
}

// ---------------------------------------------------------------------------------------------------

Timer* Timer::open(uv_loop_t* loop, NotifyFn notify, void* data) {
  auto* t = new Timer();
  uv_timer_init(loop, &t->timer_);
  t->timer_.data = t;
  t->notify_ = notify;
  t->data_ = data;
  return t;
}

void Timer::start(uint64_t timeout_ms, uint64_t repeat_ms) {
  uv_timer_start(&timer_, on_timer, timeout_ms, repeat_ms);
}

void Timer::stop() { uv_timer_stop(&timer_); }

bool Timer::active() const { return uv_is_active(reinterpret_cast<const uv_handle_t*>(&timer_)) != 0; }

uint64_t Timer::take_fired() {
  uint64_t n = fired_;
  fired_ = 0;
  return n;
}

void Timer::on_timer(uv_timer_t* h) {
  auto* t = static_cast<Timer*>(h->data);
  t->fired_++;
  if (t->notify_) t->notify_(t->data_);
}

void Timer::close() {
  uv_timer_stop(&timer_);
  uv_close(reinterpret_cast<uv_handle_t*>(&timer_),
           [](uv_handle_t* h) { delete static_cast<Timer*>(h->data); });
}

}  // namespace loom::reactor
