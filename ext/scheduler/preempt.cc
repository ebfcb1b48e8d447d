// Preemption: a Loom task that runs longer than loom.preempt_ms without suspending is moved to the back
// of the run queue at the VM's next safe point.
//
// A ticker thread (one per process, started by the first task slice, all signals blocked, asleep while no
// task runs) sets the engine's VM interrupt flag when the running slice is over. The engine then calls
// zend_interrupt_function at its next check (user function entry, loop jumps); Loom's hook, chained after
// any previous one, yields the task there if every frame down to the task's worker is plain user code.
// At an unsafe point nothing happens: the ticker tries again one period later, never in a tight loop.
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

#include "compat.h"
#include "php_loom.h"
#include "scheduler/internal.h"

extern "C" {
#include "SAPI.h"
#include "main/php_output.h"
#include "zend_extensions.h"
}

namespace loom {

namespace {

using Clock = std::chrono::steady_clock;

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// Shared with the ticker thread.
std::atomic<uint64_t> slice_id{0};                       // bumped each time Loom resumes a task
std::atomic<bool> slice_running{false};                  // a task slice is running now
std::atomic<int64_t> slice_start{0};                     // when it began (steady clock, ns)
std::atomic<int64_t> period_ns{0};                       // loom.preempt_ms of the running slice
std::atomic<uint64_t> pending_slice{0};                  // the slice the ticker asked to preempt
std::atomic<zend_atomic_bool*> interrupt_flag{nullptr};  // EG(vm_interrupt) of the thread that runs tasks
std::atomic<bool> ticker_idle{false};
std::atomic<bool> ticker_stop{false};
// Pointers, so that a fork()ed child can start over with fresh ones: the parent's ticker may have held
// the mutex at the moment of the fork, and the child has no ticker thread.
std::mutex* ticker_mutex = new std::mutex;
std::condition_variable* ticker_cv = new std::condition_variable;
std::thread* ticker = nullptr;

void on_fork_child() {
  ticker_mutex = new std::mutex;  // the parent's are left as they were (never touched again)
  ticker_cv = new std::condition_variable;
  ticker = nullptr;  // the thread object belongs to the parent
  ticker_idle.store(false);
  slice_running.store(false);
  pending_slice.store(0);
}

void (*previous_interrupt)(zend_execute_data*) = nullptr;  // set in MINIT
thread_local size_t preemptions = 0;                       // per request: reset in preempt_rshutdown()

enum class JitCheck { Unknown, Ok, FunctionMode };
thread_local JitCheck jit_check = JitCheck::Unknown;  // per process: the JIT mode cannot change

void ticker_main() {
  std::mutex& m = *ticker_mutex;
  std::condition_variable& cv = *ticker_cv;
  std::unique_lock<std::mutex> lk(m);
  uint64_t seen = 0;
  int64_t due = 0;
  while (!ticker_stop.load()) {
    if (!slice_running.load()) {
      ticker_idle.store(true);
      cv.wait(lk, [] { return ticker_stop.load() || slice_running.load(); });
      ticker_idle.store(false);
      continue;
    }
    uint64_t id = slice_id.load();
    if (id != seen) {  // a new slice: its period runs from its start
      seen = id;
      due = slice_start.load() + period_ns.load();
    }
    int64_t now = now_ns();
    if (now < due) {
      cv.wait_for(lk, std::chrono::nanoseconds(due - now));
      continue;
    }
    if (slice_running.load() && slice_id.load() == id) {
      pending_slice.store(id);
      zend_atomic_bool_store(interrupt_flag.load(), true);  // never EG() here: this is another thread
    }
    due = now + period_ns.load();  // unsafe point, or not taken yet: ask again one period later
  }
}

void start_ticker() {
  if (ticker) return;
  ticker_stop.store(false);
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);  // the thread inherits a mask that blocks every signal
  ticker = new std::thread(ticker_main);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

// OPcache's function-mode JIT (trigger digit 0-3 of opcache.jit) computes wrong results when VM
// interrupts arrive (measured on 8.2, with and without Loom); tracing JIT and JIT off are correct.
bool function_mode_jit() {
  if (!zend_get_extension("Zend OPcache")) return false;
  bool cli = strcmp(sapi_module.name, "cli") == 0 || strcmp(sapi_module.name, "phpdbg") == 0;
  if (!zend_ini_long(const_cast<char*>(cli ? "opcache.enable_cli" : "opcache.enable"),
                     cli ? sizeof("opcache.enable_cli") - 1 : sizeof("opcache.enable") - 1, 0))
    return false;
  const char* size =
      zend_ini_string_ex("opcache.jit_buffer_size", sizeof("opcache.jit_buffer_size") - 1, 0, nullptr);
  if (!size || strtoll(size, nullptr, 10) <= 0) return false;
  const char* v = zend_ini_string_ex("opcache.jit", sizeof("opcache.jit") - 1, 0, nullptr);
  if (!v || !*v) return false;
  if (!strcasecmp(v, "function")) return true;
  if (!strcasecmp(v, "0") || !strcasecmp(v, "off") || !strcasecmp(v, "disable") ||
      !strcasecmp(v, "tracing") || !strcasecmp(v, "on"))
    return false;
  if (strlen(v) == 4 && isdigit(v[0]) && isdigit(v[1]) && isdigit(v[2]) && isdigit(v[3])) return v[2] <= '3';
  return false;
}

bool preemption_on() {
  if (LOOM_G(preempt_ms) <= 0) return false;
  if (jit_check == JitCheck::Unknown) {
    jit_check = function_mode_jit() ? JitCheck::FunctionMode : JitCheck::Ok;
    if (jit_check == JitCheck::FunctionMode)
      php_error_docref(
          nullptr, E_WARNING,
          "Loom task preemption is off in this process: OPcache's function-mode JIT (opcache.jit "
          "trigger digit 0-3) computes wrong results when VM interrupts arrive. Use the tracing "
          "JIT (opcache.jit=tracing) or no JIT to have it on again");
  }
  return jit_check == JitCheck::Ok;
}

// Every frame from the running one down to the task's worker must be plain user code: no internal
// function calling back into PHP (array_map, usort, preg_replace_callback, output handlers, curl or Loom
// callbacks) and no include/require/eval frame (a class being loaded is process-wide state). The running
// frame itself must be user code: with the worker's own frame on top, Loom's worker code runs, not the
// task's. The engine delivers VM interrupts there too (measured on 8.2.36: a task whose callable is
// usleep() was preempted as the call returned to the worker, with only the worker's frame current).
// There the worker may be between tasks: just back from its parking Fiber::suspend() with the next task
// not yet taken, or done with a task's body and not yet finished with the task. A switch there loses the
// hand-over: the worker later finds no task, returns, and leaves the task it was given running on a dead
// fiber (reported as "suspended by Fiber::suspend() outside Loom").
// Library code installed by Composer (a file under a vendor/ directory) keeps state shared by every
// task that calls it and is written for code that runs to completion between suspensions: Guzzle's
// promise queue and curl multi, Symfony's client state, AMPHP's futures, a framework's container. A task
// preempted inside it lets other tasks into that state half-updated (measured with one Guzzle client
// shared by ten tasks beside a spinner: "Invoking the wait callback did not resolve the promise", "Cannot
// change a fulfilled promise"). Such a frame anywhere on the stack makes the point unsafe, unless
// loom.preempt_vendor=1; the user's own code (and callbacks it passes in, while no vendor frame is below
// them) is preempted as before.
bool vendor_file(const zend_op_array& op) {
  if (!op.filename) return false;
  const char* f = ZSTR_VAL(op.filename);
  size_t n = ZSTR_LEN(op.filename);
  return zend_memnstr(f, "/vendor/", sizeof("/vendor/") - 1, f + n) ||
         zend_memnstr(f, "\\vendor\\", sizeof("\\vendor\\") - 1, f + n);
}

bool safe_point(zend_execute_data* top) {
  zend_fiber* f = EG(active_fiber);
  if (!f || (f->flags & ZEND_FIBER_FLAG_DESTROYED) || zend_fiber_switch_blocked()) return false;
  if (!sched_exists() || sched().loom_resumed != f || sched().exiting) return false;
  // A parked worker just resumed for its next task has not taken it yet (the interrupt check after its
  // Fiber::suspend() returned runs first): preempting here would resume it later with no task to run.
  if (sched().worker_next) return false;
  if (EG(in_autoload) && zend_hash_num_elements(EG(in_autoload)) > 0) return false;
  if (OG(running)) return false;
  bool user_frame = false;  // seen one above the worker
  for (zend_execute_data* e = top; e; e = e->prev_execute_data) {
    zend_function* fn = e->func;
    if (!fn) return false;
    if (fn->type == ZEND_INTERNAL_FUNCTION) return user_frame && is_worker_function(fn);
    if (fn->type != ZEND_USER_FUNCTION || (ZEND_CALL_INFO(e) & ZEND_CALL_CODE)) return false;
    if (!LOOM_G(preempt_vendor) && vendor_file(fn->op_array)) return false;
    user_frame = true;
  }
  return false;
}

void on_interrupt(zend_execute_data* ex) {
  if (previous_interrupt) previous_interrupt(ex);
  uint64_t id = pending_slice.exchange(0);
  if (!id || id != slice_id.load() || !slice_running.load() || EG(exception)) return;
  Task* t = task_of_active_fiber();
  // t->waiter: the task is inside Loom's wait() (a source woke it and its Fiber::suspend() just returned;
  // a foreach over a Loom iterator reaches wait() with only user frames above it), not in its own code.
  if (!t || t->waiter) return;
#ifdef LOOM_INTERRUPT_AFTER_INTERNAL_CALL
  // The check right after an internal call (its frame still on top): never switch here, but if the user
  // code below is a safe point, keep this slice's request for the VM's next check there (the next jump or
  // call), or a loop that spends its time in internal calls would never be preempted.
  if (ex && ex == EG(current_execute_data) && ex->func && ex->func->type == ZEND_INTERNAL_FUNCTION &&
      !is_worker_function(ex->func)) {
    uint64_t none = 0;
    if (safe_point(ex->prev_execute_data) && pending_slice.compare_exchange_strong(none, id))
      zend_atomic_bool_store_ex(&EG(vm_interrupt), true);
    return;
  }
#endif
  if (!safe_point(EG(current_execute_data))) return;
  preemptions++;
  // Cancellation (cancel(), timeout()) reaches a task where it waits, as in AMPHP, Swoole or Go: a
  // preemption is not a suspension the task asked for, so a pending cancel stays pending. Only at script
  // end (loom.shutdown=cancel, or the shutdown deadline passed) does it land here, so a task that never
  // suspends cannot hold the request forever.
  zend_object* cancel = nullptr;
  if (t->pending_cancel && !sched().draining) {
    cancel = t->pending_cancel;
    t->pending_cancel = nullptr;
  }
  wait_preempted();
  if (cancel) {
    if (t->pending_cancel) OBJ_RELEASE(t->pending_cancel);  // a second cancel while queued: keep the first
    t->pending_cancel = cancel;
  }
}

}  // namespace

void preempt_minit() {
  pthread_atfork(nullptr, nullptr, on_fork_child);
  previous_interrupt = zend_interrupt_function;
  zend_interrupt_function = on_interrupt;
}

void preempt_mshutdown() {
  if (zend_interrupt_function == on_interrupt) zend_interrupt_function = previous_interrupt;
  if (ticker) {  // never the parent's after fork(): the child's atfork handler forgot it
    {
      std::lock_guard<std::mutex> lk(*ticker_mutex);
      ticker_stop.store(true);
    }
    ticker_cv->notify_one();
    ticker->join();
    delete ticker;
  }
  ticker = nullptr;
}

void preempt_rshutdown() {
  // A fatal error or time limit inside a task bails out past the slice_end() of its resume.
  slice_end();
  preemptions = 0;
}

bool slice_begin() {
  if (!preemption_on()) return false;
  if (!interrupt_flag.load()) interrupt_flag.store(&EG(vm_interrupt));
  start_ticker();
  period_ns.store(static_cast<int64_t>(LOOM_G(preempt_ms)) * 1000000);
  slice_start.store(now_ns());
  slice_id.fetch_add(1);
  slice_running.store(true);
  if (ticker_idle.load()) {
    std::lock_guard<std::mutex> lk(*ticker_mutex);
    ticker_cv->notify_one();
  }
  return true;
}

void slice_end() {
  slice_running.store(false);
  pending_slice.store(0);
}

size_t preempt_count() { return preemptions; }

}  // namespace loom

// Loom\atomic(callable $fn, mixed ...$args): $fn runs with preemption off for the calling task. Nothing
// to switch off: $fn is called from this internal function, and safe_point() refuses any frame that has
// an internal function between it and the worker, so nothing $fn runs (nested atomic() calls included)
// can be preempted.
ZEND_FUNCTION(Loom_atomic) {
  zend_fcall_info fci;
  zend_fcall_info_cache fcc;
  zval* args = nullptr;
  uint32_t argc = 0;
  HashTable* named = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, -1)
  Z_PARAM_FUNC(fci, fcc)
  Z_PARAM_VARIADIC_WITH_NAMED(args, argc, named)
  ZEND_PARSE_PARAMETERS_END();
  fci.retval = return_value;
  fci.params = args;
  fci.param_count = argc;
  fci.named_params = named;
  zend_call_function(&fci, &fcc);
}
