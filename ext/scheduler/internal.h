// The scheduler's internals, for ext/scheduler/ only: tasks, waiters, the run queue, worker fibers.
// The rest of Loom uses scheduler/api.h. Sources of readiness only wake waiters; the loop in
// scheduler.cc resumes the fibers from one place, inside the engine guard.
#ifndef LOOM_SCHEDULER_INTERNAL_H
#define LOOM_SCHEDULER_INTERNAL_H

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "object.h"
#include "php_loom.h"
#include "reactor/reactor.h"
#include "scheduler/api.h"

namespace loom {

struct Task;

// A waiter's registration on a task's completion (await, all, race, ...). Owned by the waiting side;
// linked into the task while it runs. When the task completes it unlinks the node and appends it to
// the waiter's fired list.
struct Listener {
  Waiter* waiter;
  Task* task;     // null once the task completed and unlinked us
  zend_long tag;  // the caller's index (position in the input)
  Listener* prev;
  Listener* next;
  Listener* next_fired;
};

// One suspension of one execution context: top-level code, a task, or a user's Fiber.
struct Waiter {
  zend_fiber* fiber;   // null: top-level code (the loop runs in place)
  Task* task;          // the task running on `fiber`, if it is one
  const char* what;    // for deadlock reports: "sleep", "await", "channel receive", ...
  Task* awaited;       // for deadlock reports, when waiting on one task
  bool waiting;        // registered, not yet woken
  bool queued;         // in the ready queue
  bool dead;           // its wait() returned while queued: free it when dequeued
  bool preempted;      // a preempted task's turn: queued behind all other ready work (Scheduler::preempted)
  bool attached;       // the source still holds it: interrupting the wait calls source->detach
  bool timed_out;      // its deadline woke it
  bool weak;           // waiter_make_weak(): not pending work (deadlock checks and the drain ignore it)
  bool released;       // a weak wait the scheduler ended because nothing else was left
  bool park_stack;     // a long sleep: its task's C stack is parked while it waits (fiber_stacks.cc)
  zend_object* error;  // thrown at the suspension point when resumed (owned)
  zend_string* fiber_desc;  // a user Fiber's function and where it is defined, for reports (owned)
  zval value;               // value handed over by the waker (channel receive)
  reactor::TimerId timer;
  const WaitSource* source;  // what it waits on (may be null)
  void* source_data;         // handed to source->detach
  Listener* fired_head;
  Listener* fired_tail;
  Waiter* q_prev;  // position in the source's WaitQueue (a channel's senders, a transfer's readers)
  Waiter* q_next;
  Waiter* prev;
  Waiter* next;
};

enum class TaskState : uint8_t { Pending, Running, Done };

struct Task {
  uint32_t id;
  TaskState state;
  bool observed;             // someone awaited it or asked for its outcome
  bool reported;             // unhandled failure already reported
  bool foreign_suspended;    // its fiber was suspended by Fiber::suspend() outside Loom and not resumed since
  bool spawned_in_shutdown;  // spawned during request shutdown (a shutdown function, a destructor at the end)
  zval callable;
  zval* args;
  uint32_t argc;
  HashTable* named;  // named arguments of spawn(), or null
  zval fiber;        // the Fiber object running it (UNDEF before start / after finish)
  zval result;
  zend_object* error;           // the exception it ended with (owned), or null
  zend_object* pending_cancel;  // delivered at its next suspension (owned)
  Waiter* waiter;               // its current suspension
  Listener* listeners;
  zend_string* spawned_file;  // where spawn() was called (null: from internal code); task_spawned_at()
  uint32_t spawned_line;
  Task* prev_live;
  Task* next_live;
  zend_object std;
};

inline Task* task_from_obj(zend_object* obj) { return object_from<Task>(obj); }

struct ReadyItem {
  Task* start;     // a task to start, or
  Waiter* resume;  // a suspension to resume
};

struct Scheduler {
  std::deque<ReadyItem> ready;
  std::deque<Waiter*> preempted;  // preempted tasks: each runs after a poll, once nothing else is ready
  std::vector<Task*> unhandled;   // failed, never awaited, still referenced (one ref each)
  Task* live_head = nullptr;
  size_t live_tasks = 0;
  Waiter* waiters_head = nullptr;
  size_t waiting = 0;
  Task* current = nullptr;  // the task whose fiber Loom resumed last (identity: task_on_fiber)
  // Which task runs on which worker fiber: a task's identity follows its fiber, even when foreign code
  // (Fiber::resume() by a user or a Revolt loop) resumed it.
  std::unordered_map<zend_fiber*, Task*> task_on_fiber;
  zend_fiber* loom_resumed = nullptr;  // the fiber Loom itself is resuming right now (null: none)
  uint32_t next_task_id = 1;
  bool in_main_loop = false;
  bool exiting = false;              // exit() was called: resume nothing more
  bool fatal_seen = false;           // a fatal error or uncaught exception happened
  bool shutdown_registered = false;  // a drain is queued among the shutdown functions
  bool draining = false;
  bool reporting = false;       // a report pass is running (handlers must not start another)
  bool request_ending = false;  // RSHUTDOWN: no shutdown function will run any more
  // Loom\onUnhandled(): the callable as given (keeps its object/closure alive) and its resolved cache;
  // a __call/__callStatic trampoline is not cached (the engine frees it) but re-resolved per call.
  zval unhandled_handler;
  zend_fcall_info_cache unhandled_fcc{};
  // Exceptions thrown while reporting a failure nobody can catch (the onUnhandled handler threw, or an
  // error handler turned Loom's warning into an exception). They belong to no waiter (owned).
  std::vector<zend_object*> report_errors;
  // Worker fibers: each runs task after task, so a spawn does not pay for a new fiber (mmap'd stack).
  std::vector<zend_object*> idle_workers;  // parked in Fiber::suspend(), one reference each
  Task* worker_next = nullptr;             // the task handed to the worker being started or resumed
  zval worker_closure{};  // the Closure every new worker Fiber runs: one per request, shared by them all
};

// "file:line" of the spawn() call, or "[internal]": for reports and var_dump().
std::string task_spawned_at(const Task* t);

// Module-level setup
void scheduler_minit();
// Fiber C stacks (fiber_stacks.cc): registered with valgrind when PHP does not, and parked: a suspended
// context's frames copied to the heap and its pages given back until anything switches into it again.
// Park only contexts whose stack nothing reads while they are suspended (a task in sleep_for()).
void fiber_stacks_minit();
void fiber_stacks_rinit();      // what an abandoned request left is forgotten
void fiber_stacks_rshutdown();  // every parked stack copied back (the engine may resume them to destroy them)
bool fiber_stack_park(zend_fiber_context* context);
size_t fiber_stacks_parked();
void scheduler_rshutdown();
void scheduler_mshutdown();
Scheduler& sched();
bool sched_exists();

// Waiters (the public part is in api.h)
// suspend(), or with `yield` its own wake-up queued behind whatever is ready first.
bool wait(Waiter* w, bool yield);
// Ends the wait from outside its source (cancellation, deadlock): the source's detach runs first.
// err, if given, is thrown at the suspension point (owned).
void interrupt(Waiter* w, zend_object* err);
// Detaches w from its source and cancels its deadline.
void waiter_detach(Waiter* w);
// A waiter for the completion of task t (await, timeout): deadlock reports name the task.
Waiter* waiter_new_awaiting(Task* t, const char* what);
// Queues a preempted task's turn behind all other ready work (Scheduler::preempted) and suspends.
void wait_preempted();

// The task whose worker fiber is running, whoever resumed it; null at top level and in user fibers.
Task* task_of_active_fiber();

// Preemption (preempt.cc): Loom brackets every resume of a task fiber with slice_begin()/slice_end().
void preempt_minit();
void preempt_mshutdown();
void preempt_rshutdown();
bool slice_begin();
void slice_end();
size_t preempt_count();
// True for the internal function at the bottom of every worker fiber (the frame a task's code runs on).
bool is_worker_function(const zend_function* fn);

// Throws a Loom\Exception (naming `fname`) when one more task would exceed the process's fiber budget:
// the kernel's memory-map limit or memory_limit. Called before every spawn.
bool fiber_budget_allows(const char* fname);

// Tasks
Task* task_spawn(zval* callable, zval* args, uint32_t argc, HashTable* named, zval* out);
Listener* waiter_pop_fired(Waiter* w);
bool valid_seconds(double seconds, uint32_t arg);
void task_cancel(Task* t, zend_object* reason);
// Registers a listener on t's completion; the listener is owned by the caller.
void listener_attach(Listener* l, Task* t, Waiter* w, zend_long tag);
void listener_detach(Listener* l);
// Value or exception of a finished task into return_value / EG(exception). Marks it observed.
void task_outcome(Task* t, zval* return_value);
zend_object* make_cancelled(Task* t, zend_object* reason);

// Runs the loop until `until` is woken (top-level waits) or, with until == null, until no task is left;
// also stops when *stop becomes true (a deadline).
void run_loop(Waiter* until, const bool* stop = nullptr);
// End of script (shutdown function): drain or cancel what is left.
void scheduler_shutdown_drain();
// Request end (RSHUTDOWN, after destructors): runs what was spawned after the last drain.
void scheduler_late_drain();
void report_unhandled();
void task_complete(Task* t, zval* value, zend_object* error);

// Task class glue
void task_class_init();
void channel_class_init();

}  // namespace loom

#endif  // LOOM_SCHEDULER_INTERNAL_H
