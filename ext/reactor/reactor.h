// The reactor: one libuv loop per process, a timer wheel on one uv_timer_t, and the readiness hooks the
// scheduler drains. [no Zend] Callbacks here only record what became ready; they never run PHP.
#ifndef LOOM_REACTOR_H
#define LOOM_REACTOR_H

#include <uv.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>

namespace loom::reactor {

// Longest delay Loom ever arms (about 31 years): durations saturate here instead of overflowing in the
// conversion to milliseconds (sleep(PHP_INT_MAX) must wait, not fire at once). Small enough for libuv's
// uint64 arithmetic and for libcurl's long milliseconds.
constexpr double kMaxDelayMs = 1e12;

// Seconds (finite, >= 0; callers validate) to whole milliseconds, rounded up and saturated.
inline uint64_t seconds_to_ms(double seconds) {
  double ms = std::ceil(seconds * 1000.0);
  if (!(ms < kMaxDelayMs)) return static_cast<uint64_t>(kMaxDelayMs);
  return ms > 0 ? static_cast<uint64_t>(ms) : 0;
}

// Makes a handle keep the loop alive (uv_ref) or not (uv_unref), as `referenced` says.
inline void set_referenced(uv_handle_t* h, bool referenced) {
  if (referenced)
    uv_ref(h);
  else
    uv_unref(h);
}

using TimerCallback = void (*)(void* data);

// A timer's identity: due time (ms, loop clock) and a sequence number that orders equal due times.
struct TimerId {
  uint64_t due = 0;
  uint64_t seq = 0;
  bool valid() const { return seq != 0; }
  bool operator<(const TimerId& o) const { return due != o.due ? due < o.due : seq < o.seq; }
};

class Reactor {
 public:
  // The process's loop, created on first use (so never before an FPM master forks).
  static Reactor& instance();
  // True when instance() has created the loop in this process.
  static bool exists();

  uv_loop_t* loop() { return loop_; }

  // A weak timer fires like any other but does not keep the loop alive on its own (a deadline that
  // must not hide a deadlock).
  TimerId add_timer(uint64_t delay_ms, TimerCallback cb, void* data, bool weak = false);
  // Removes a pending timer; a no-op when it already fired or was cancelled.
  void cancel_timer(TimerId& id);
  size_t timer_count() const { return timers_.size() - weak_timers_; }

  // Runs one loop iteration. block=true waits for at least one event (never called with nothing armed).
  void run_once(bool block);
  // Called when work became ready inside a callback: makes the current run_once() return promptly.
  void interrupt();
  // True when some referenced handle (a timer, a socket poll, curl's timer) can still produce an event.
  bool alive() const;
  // Number of live libuv handles (timers, polls, internal ones), for Loom\stats().
  size_t handle_count();
  uint64_t now() const { return uv_now(loop_); }

  // Drops every pending timer without running it (request end).
  void reset_timers();

  // After fork() the child shares the parent's epoll instance: touching it (even closing a watcher)
  // would change what the parent watches. The first instance() call in a child therefore abandons the
  // inherited loop without touching it, starts a fresh one (pending timers carry over), then runs these
  // hooks, in registration order, so the users of the old loop (the curl multi) can do the same.
  using ForkHook = void (*)();
  static void add_fork_hook(ForkHook hook);
  // Does the after-fork work now if this process is a child that has not done it yet (cheap otherwise).
  static void check_fork();

 private:
  Reactor();
  void after_fork();
  void rearm();
  static void on_uv_timer(uv_timer_t* t);

  struct Entry {
    TimerCallback cb;
    void* data;
    bool weak;
  };
  void update_ref();
  size_t weak_timers_ = 0;
  uv_loop_t* loop_ = nullptr;
  uv_timer_t timer_{};
  std::map<TimerId, Entry> timers_;
  uint64_t next_seq_ = 1;
  uint64_t armed_due_ = UINT64_MAX;
  bool in_run_ = false;
};

}  // namespace loom::reactor

#endif
