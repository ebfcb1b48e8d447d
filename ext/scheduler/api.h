// The scheduler's public API: what the rest of Loom (http/, the curl hook, adapters) uses to make the
// calling PHP context wait for something and to wake it. Everything else of the scheduler (tasks, the
// run queue, worker fibers) is private to ext/scheduler/ (internal.h).
//
// A wait, from the source's side:
//   static void detach_reader(Waiter* w, void* data) {
//     wait_queue_remove(&static_cast<Thing*>(data)->readers, w);
//   }
//   static const WaitSource thing_source = {"thing", detach_reader};
//
//   if (!check_can_suspend("Loom\\thing")) return false;        // or can_suspend(): silent
//   Waiter* w = waiter_new(&thing_source, thing, "Loom\\thing");  // what deadlock reports name
//   wait_queue_push(&thing->readers, w);
//   bool ok = suspend(w);                                         // false: an exception is pending
//   waiter_free(w);
//
//   // later, where the thing became ready (no PHP runs here, libuv/libcurl callbacks included):
//   while (Waiter* w = wait_queue_pop(&thing->readers)) wake(w);
//
// Only the scheduler resumes fibers: wake() marks the waiter ready and returns; the context resumes on
// the scheduler's next turn. A wait ends in exactly one of these ways: the source wakes it (wake,
// wake_with_error, wake_with_value), its deadline passes, or something else interrupts it (its task is
// cancelled, a deadlock is detected, the request ends). In the last two the scheduler calls the source's
// detach(w, data) first, so the source forgets w; it never calls detach after the source woke w.
#ifndef LOOM_SCHEDULER_API_H
#define LOOM_SCHEDULER_API_H

#include <cstddef>
#include <cstdint>

#include "php_loom.h"

namespace loom {

// One suspension of one execution context (top-level code, a Loom task or a user's Fiber). Opaque:
// create it with waiter_new(), suspend on it once (or again after waiter_rearm()), free it.
struct Waiter;

// What a context waits on: one static const table per kind of source, in the manner of php-src's
// php_random_algo. `name` says what the source is (deadlock reports use it when waiter_new() is given
// no `what`). `detach` unhooks the waiter from the source when the wait ends other than by the source's
// own wake (cancellation, deadline, deadlock, request end); it gets the `data` given to waiter_new(),
// must not run PHP, and may be null for sources that keep no list of waiters.
struct WaitSource {
  const char* name;
  void (*detach)(Waiter* w, void* data);
};

// ---------------------------------------------------------------------------------------------------
// May the calling context suspend?

// Why the calling context may not suspend (None: it may). PHP forbids a fiber switch in some places,
// and Loom refuses a few more where waiting would break other tasks.
enum class SuspendRefusal : uint8_t {
  None,
  FiberDestroyed,  // this fiber is being destroyed (its finally blocks run at shutdown or after its last ref)
  SwitchBlocked,   // zend_fiber_switch_blocked(): a destructor, garbage collection (PHP 8.1-8.3)
  Autoload,        // a class is being autoloaded: other tasks would see "Class not found"
  OutputHandler,   // an output buffer handler runs: other tasks' output would go through it
  LoopRunning,     // the scheduler already runs on this stack (a destructor or handler called from it)
  Vetoed,          // a module runs PHP where a switch would break it (suspend_veto says why)
};

// Set by a module that runs PHP where a fiber switch would break it (the curl hook while curl runs a
// PHP callback on this stack): returns why the calling context must not suspend, or null.
extern const char* (*suspend_veto)();

// The silent test: no exception, no message.
SuspendRefusal suspend_refusal();
inline bool can_suspend() { return suspend_refusal() == SuspendRefusal::None; }
// Throws the Loom\Exception that says why `fname` (the public call, "Loom\\sleep") cannot suspend here.
void throw_cannot_suspend(const char* fname, SuspendRefusal why);
// Both: true if the context may suspend, else throws (naming `fname`) and returns false.
bool check_can_suspend(const char* fname);

// ---------------------------------------------------------------------------------------------------
// Waiting

// A new waiter on `source` (null: none, e.g. a plain timer). `data` is handed back to source->detach.
// `what` names the wait in deadlock reports ("Loom\\Http\\Response::body", "channel receive"); null
// uses source->name. `what` and `source` must outlive the waiter (string literals, static tables).
Waiter* waiter_new(const WaitSource* source, void* data, const char* what);
// A waiter on no source: it is woken by its deadline, by wake() from code that holds it, or interrupted.
inline Waiter* waiter_new(const char* what) { return waiter_new(nullptr, nullptr, what); }
// Ends the waiter's life (detaching it from its source if still attached). Call it after suspend().
void waiter_free(Waiter* w);

// Arms a deadline: `seconds` from now the waiter is woken with no error (waiter_timed_out() tells).
// Call before suspend(); freeing or waking the waiter cancels it.
void waiter_arm_deadline(Waiter* w, double seconds);
bool waiter_timed_out(const Waiter* w);

// A weak wait is no pending work, as an unreferenced libuv handle does not keep uv_run() going: it is
// woken like any other wait while other work keeps the scheduler running, but deadlock reports do not
// name it and neither a top-level wait nor the end-of-script drain waits for it; its deadline (armed
// after this call) is a weak timer. The source keeps its own handles unreferenced for such a wait. When
// nothing but weak waits is left, the scheduler releases them: each wakes with no error and
// waiter_released() true, and its owner is expected to stop what kept it waiting (the Revolt driver's
// loop ends with only unreferenced callbacks left at script end). Call before suspend().
void waiter_make_weak(Waiter* w);
bool waiter_released(const Waiter* w);

// A value slot the source and the waiting side share (UNDEF at first; freed with the waiter): a
// channel's sender parks its value here, a receiver finds the value it was handed.
zval* waiter_value(Waiter* w);

// Suspends the calling context until w is woken: a task or a user Fiber switches away; top-level code
// runs the scheduler in place until w is woken. True when woken normally (by the source, its deadline);
// false with an exception pending when the wait failed: cancellation (CancelledException), an error
// handed in by wake_with_error(), a deadlock, a context that may not suspend, the engine destroying the
// fiber. A waiter woken before suspend() returns at once with that outcome.
bool suspend(Waiter* w);
// After suspend() returned, makes w wait again on the same source (put it back in the source's queue
// before suspending; detach applies again). A deadline does not survive a wake: arm a new one if needed.
// For a caller that keeps one waiter across several waits.
void waiter_rearm(Waiter* w);
// Waits `seconds` (0: gives every ready task one turn first, as Loom\sleep(0) does). `what` as above.
// Checks can_suspend itself only through suspend(): call check_can_suspend() first for a clear message.
bool sleep_for(double seconds, const char* what);

// Called by the source: w is ready to resume (no PHP runs here; safe from libuv/libcurl callbacks).
// The source has already forgotten w (popped it from its queue): detach is not called any more. A waiter
// that is no longer waiting (already woken or interrupted) is left alone.
void wake(Waiter* w);
// The same; `error` (owned: its reference passes to the scheduler) is thrown at the suspension point.
void wake_with_error(Waiter* w, zend_object* error);
// The same; `value` is copied into waiter_value(w) for the waiting side.
void wake_with_value(Waiter* w, zval* value);
// True while w waits (not yet woken nor interrupted).
bool waiter_waiting(const Waiter* w);

// A FIFO of waiters a source keeps (its readers, senders...). Zero-initialised is empty. A waiter is in
// at most one queue; the links live in the waiter, so pushing never allocates.
struct WaitQueue {
  Waiter* head;
  Waiter* tail;
};
void wait_queue_push(WaitQueue* q, Waiter* w);
void wait_queue_remove(WaitQueue* q, Waiter* w);  // w must be in q
Waiter* wait_queue_pop(WaitQueue* q);             // the oldest, or null
inline bool wait_queue_empty(const WaitQueue* q) { return q->head == nullptr; }
Waiter* wait_queue_next(const Waiter* w);  // iteration: for (w = q.head; w; w = wait_queue_next(w))
// The source goes away with waiters still queued (they stay waiting, interrupted by other means):
// empties q and tells the scheduler never to call detach for them.
void wait_queue_abandon(WaitQueue* q);

// ---------------------------------------------------------------------------------------------------
// Deep C-only work off the task's stack (side_stack.cc)

// Runs fn(arg) on one C stack shared by all tasks rather than on the calling fiber's own (in place at
// top level). Every page of a fiber's stack that was touched stays resident while the fiber lives, so
// C code that goes deep (curl's URL parser and printf, curl_easy_init and the setopts) is cheaper here.
// fn must not run PHP, emalloc, read the engine's VM globals, switch fibers or throw: it runs outside
// the engine's view of the calling fiber. Synchronous: it returns when fn has.
void run_on_side_stack(void (*fn)(void*), void* arg);
template <typename F>
void run_on_side_stack(F& f) {
  run_on_side_stack([](void* p) { (*static_cast<F*>(p))(); }, &f);
}
void side_stack_rshutdown();  // request end (loom.cc)

// ---------------------------------------------------------------------------------------------------
// Exceptions and counts

extern zend_class_entry* ce_task;
extern zend_class_entry* ce_channel;
extern zend_class_entry* ce_exception;  // Loom\Exception
extern zend_class_entry* ce_cancelled;
extern zend_class_entry* ce_timeout;
extern zend_class_entry* ce_deadlock;
extern zend_class_entry* ce_channel_closed;
extern zend_class_entry* ce_composite;

// An exception object of class ce (printf-style message), with `previous` (borrowed) chained, or null.
zend_object* make_exception(zend_class_entry* ce, zend_object* previous, const char* fmt, ...);

// The scheduler's part of Loom\stats().
struct SchedulerCounts {
  size_t tasks;          // live tasks
  size_t waiting;        // contexts suspended in Loom
  size_t preemptions;    // tasks preempted in this request
  size_t parked_stacks;  // tasks in a long sleep whose C stack pages are given back (fiber_stacks.cc)
};
SchedulerCounts scheduler_counts();

// ---------------------------------------------------------------------------------------------------
// Module lifecycle (called from loom.cc only)

void scheduler_module_startup();    // MINIT, after the class entries above are registered
void scheduler_module_shutdown();   // MSHUTDOWN
void scheduler_request_startup();   // RINIT
void scheduler_request_shutdown();  // RSHUTDOWN: runs what is left, then frees every task and waiter

}  // namespace loom

#endif
