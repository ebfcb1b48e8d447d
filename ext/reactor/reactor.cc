// The reactor's loop and timers. [no Zend]
#include "reactor/reactor.h"

#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <vector>

namespace loom::reactor {

namespace {
Reactor* g_reactor = nullptr;
volatile sig_atomic_t g_forked = 0;  // set in the child by the atfork handler
std::vector<Reactor::ForkHook>& fork_hooks() {
  static std::vector<Reactor::ForkHook> hooks;
  return hooks;
}
// Loops abandoned in forked children: never run, never closed (that would touch the parent's epoll set);
// kept reachable rather than freed because their handles live inside objects that still exist.
std::vector<uv_loop_t*>& abandoned_loops() {
  static std::vector<uv_loop_t*> loops;
  return loops;
}
void on_fork_child() { g_forked = 1; }
}  // namespace

Reactor& Reactor::instance() {
  if (!g_reactor) {
    static bool atfork_registered = false;
    if (!atfork_registered) {
      atfork_registered = true;
      pthread_atfork(nullptr, nullptr, on_fork_child);
    }
    g_forked = 0;
    g_reactor = new Reactor();
  } else if (g_forked) {
    g_forked = 0;
    g_reactor->after_fork();
  }
  return *g_reactor;
}

bool Reactor::exists() {
  check_fork();
  return g_reactor != nullptr;
}

void Reactor::check_fork() {
  if (g_forked && g_reactor) instance();
}

void Reactor::add_fork_hook(ForkHook hook) { fork_hooks().push_back(hook); }

Reactor::Reactor() {
  loop_ = new uv_loop_t{};
  if (uv_loop_init(loop_) != 0) abort();  // only fails on fd exhaustion at process start
  uv_timer_init(loop_, &timer_);
  timer_.data = this;
}

void Reactor::after_fork() {
  uv_loop_t* old = loop_;
  int fd = uv_backend_fd(old);
  if (fd >= 0) close(fd);  // our copy of the parent's epoll descriptor; the parent keeps its own
  abandoned_loops().push_back(old);
  loop_ = new uv_loop_t{};
  if (uv_loop_init(loop_) != 0) abort();
  timer_ = uv_timer_t{};
  uv_timer_init(loop_, &timer_);
  timer_.data = this;
  in_run_ = false;
  armed_due_ = UINT64_MAX;
  rearm();
  update_ref();
  for (ForkHook hook : fork_hooks()) hook();
}

TimerId Reactor::add_timer(uint64_t delay_ms, TimerCallback cb, void* data, bool weak) {
  uv_update_time(loop_);
  TimerId id{uv_now(loop_) + delay_ms, next_seq_++};
  timers_.emplace(id, Entry{cb, data, weak});
  if (weak) weak_timers_++;
  if (id.due < armed_due_) rearm();
  update_ref();
  return id;
}

void Reactor::update_ref() {
  set_referenced(reinterpret_cast<uv_handle_t*>(&timer_), timers_.size() > weak_timers_);
}

void Reactor::cancel_timer(TimerId& id) {
  if (!id.valid()) return;
  auto it = timers_.find(id);
  id = TimerId{};
  if (it == timers_.end()) return;
  if (it->second.weak) weak_timers_--;
  timers_.erase(it);
  update_ref();
  if (timers_.empty()) {
    uv_timer_stop(&timer_);
    armed_due_ = UINT64_MAX;
  }
}

void Reactor::rearm() {
  if (timers_.empty()) {
    uv_timer_stop(&timer_);
    armed_due_ = UINT64_MAX;
    return;
  }
  uint64_t due = timers_.begin()->first.due;
  uint64_t now = uv_now(loop_);
  armed_due_ = due;
  uv_timer_start(&timer_, on_uv_timer, due > now ? due - now : 0, 0);
}

void Reactor::on_uv_timer(uv_timer_t* t) {
  auto* self = static_cast<Reactor*>(t->data);
  self->armed_due_ = UINT64_MAX;
  uint64_t now = uv_now(self->loop_);
  // Fire everything due; callbacks only queue work, so erasing as we go is safe.
  while (!self->timers_.empty()) {
    auto it = self->timers_.begin();
    if (it->first.due > now) break;
    Entry e = it->second;
    if (e.weak) self->weak_timers_--;
    self->timers_.erase(it);
    e.cb(e.data);
  }
  self->rearm();
  self->update_ref();
}

void Reactor::run_once(bool block) {
  in_run_ = true;
  uv_run(loop_, block ? UV_RUN_ONCE : UV_RUN_NOWAIT);
  in_run_ = false;
}

void Reactor::interrupt() {
  // uv_run(UV_RUN_ONCE) runs due timers first and then still polls: once something is ready the
  // poll must not block, or a woken task waits for the next unrelated event.
  if (in_run_) uv_stop(loop_);
}

bool Reactor::alive() const { return uv_loop_alive(loop_) != 0; }

size_t Reactor::handle_count() {
  size_t n = 0;
  uv_walk(
      loop_,
      [](uv_handle_t* h, void* arg) {
        if (uv_is_active(h)) ++*static_cast<size_t*>(arg);
      },
      &n);
  return n;
}

void Reactor::reset_timers() {
  timers_.clear();
  weak_timers_ = 0;
  uv_timer_stop(&timer_);
  armed_due_ = UINT64_MAX;
}

}  // namespace loom::reactor
