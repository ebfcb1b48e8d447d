// Watching file descriptors and repeating timers on the reactor's loop. [no Zend]
// Callbacks only record what happened (readiness flags, a fire count) and call the owner's notify
// function, which may wake a waiter; whoever owns the watch reads the record later with take_*(), in its
// own context. Nothing here runs PHP or calls libcurl.
#ifndef LOOM_FD_WATCH_H
#define LOOM_FD_WATCH_H

#include <uv.h>

#include <cstdint>

namespace loom::reactor {

enum FdEvents : int { kReadable = 1, kWritable = 2, kFdError = 4 };

using NotifyFn = void (*)(void* data);

struct FdEntry;

// One owner's interest in one fd. libuv allows one poll handle per fd, so every watch of the same open
// socket shares one poll underneath (several tasks may wait on the sockets of one shared curl multi);
// the poll watches the union of the watches' events and closes with its last watch.
//
// A number that was closed and handed out again (curl closed a socket without telling its owner, and
// opened another) is recognised by its inode: the old watches turn stale (they never fire again and
// their close() touches nothing), so a poll is never stopped on somebody else's socket.
class FdWatch {
 public:
  // Null if libuv refuses the fd (not a socket or pipe).
  static FdWatch* open(uv_loop_t* loop, int fd, NotifyFn notify, void* data);
  // kReadable | kWritable; 0 pauses the watch.
  void set_events(int events);
  // A weak watch does not keep the loop alive (uv_unref): the shared poll is referenced while any of
  // its watches is not weak. Watches start strong.
  void set_weak(bool weak);
  // What became ready since the last call (kReadable, kWritable, kFdError), cleared by the call.
  int take_ready();
  // The socket's pending error (SO_ERROR, or -1) recorded with kFdError.
  int error() const { return error_; }
  int fd() const { return fd_; }
  void set_notify_data(void* data) { data_ = data; }
  bool stale() const { return entry_ == nullptr; }
  // Unsubscribes and frees this watch (also allowed from inside a notify function).
  void close();

  // Open polls (entries) on the loop, for tests and stats.
  static size_t open_polls();
  // After fork(): the child forgets every poll of the inherited loop without touching it.
  static void forget_all();

 private:
  friend struct FdEntry;
  FdWatch() = default;
  FdEntry* entry_ = nullptr;
  int fd_ = -1;
  int events_ = 0;
  int ready_ = 0;
  int error_ = 0;
  NotifyFn notify_ = nullptr;
  void* data_ = nullptr;
  bool weak_ = false;
  bool due_ = false;         // to be notified in the current poll callback
  FdWatch* next_ = nullptr;  // in the entry's list
};

// A one-shot or repeating timer on its own uv_timer_t. Firing records a count and calls notify.
class Timer {
 public:
  static Timer* open(uv_loop_t* loop, NotifyFn notify, void* data);
  // Fires after timeout_ms, then every repeat_ms (0: once). Restarting replaces the previous schedule.
  void start(uint64_t timeout_ms, uint64_t repeat_ms = 0);
  void stop();
  bool active() const;
  // Fires since the last call, cleared by the call.
  uint64_t take_fired();
  // Stops and frees (the memory goes in libuv's close callback).
  void close();

 private:
  Timer() = default;
  static void on_timer(uv_timer_t* t);
  uv_timer_t timer_{};
  uint64_t fired_ = 0;
  NotifyFn notify_ = nullptr;
  void* data_ = nullptr;
};

}  // namespace loom::reactor

#endif
