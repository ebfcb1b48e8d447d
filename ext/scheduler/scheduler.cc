// The scheduler core: waiters, the ready queue and the run loop. The only place fibers are resumed.
#include <cmath>
#include <string>

#include "compat.h"
#include "engine_guard.h"
#include "scheduler/internal.h"

extern "C" {
#include "ext/standard/basic_functions.h"
#include "main/php_output.h"
#include "zend_closures.h"
#include "zend_observer.h"
}

namespace loom {

ZEND_FUNCTION(loom_worker);

namespace {

zend_function* fiber_ctor_fn;
zend_function* fiber_start_fn;
zend_function* fiber_resume_fn;
zend_function* fiber_suspend_fn;

HashTable private_functions;  // internal functions Loom calls itself; never visible to PHP code
zend_function* drain_fn;
[[maybe_unused]] user_opcode_handler_t previous_exit_handler;

ZEND_FUNCTION(loom_shutdown_drain) {
  ZEND_PARSE_PARAMETERS_NONE();
  scheduler_shutdown_drain();
}

ZEND_BEGIN_ARG_INFO_EX(arginfo_none, 0, 0, 0)
ZEND_END_ARG_INFO()

const zend_function_entry private_function_entries[] = {
    LOOM_RAW_FENTRY("loom_shutdown_drain", ZEND_FN(loom_shutdown_drain), arginfo_none)
        LOOM_RAW_FENTRY("Loom\\{worker}", ZEND_FN(loom_worker), arginfo_none) ZEND_FE_END};

zend_function* worker_fn;
constexpr size_t kMaxIdleWorkers = 64;  // ~21 KiB of PHP memory each while parked

#ifdef LOOM_HAVE_EXIT_OPCODE
// exit() in a task ends the script: nothing may be resumed afterwards (the VM unwinds with unwind_exit).
int on_exit_opcode(zend_execute_data* execute_data) {
  if (LOOM_G(scheduler)) LOOM_G(scheduler)->exiting = true;
  return previous_exit_handler ? previous_exit_handler(execute_data) : ZEND_USER_OPCODE_DISPATCH;
}
#else
// 8.4: exit() is a function, so Loom wraps its handler to the same effect (also for exit() at top level,
// where no Loom code sees the unwind_exit go by).
zif_handler previous_exit_function;
ZEND_NAMED_FUNCTION(on_exit_function) {
  if (LOOM_G(scheduler)) LOOM_G(scheduler)->exiting = true;
  previous_exit_function(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}
#endif

void on_error(LOOM_ERROR_OBSERVER_ARGS) {
  if ((type & (E_ERROR | E_CORE_ERROR | E_COMPILE_ERROR | E_USER_ERROR | E_RECOVERABLE_ERROR | E_PARSE)) &&
      LOOM_G(scheduler)) {
    LOOM_G(scheduler)->fatal_seen = true;
  }
}

void register_shutdown_drain() {
  php_shutdown_function_entry entry;
  memset(&entry, 0, sizeof(entry));
  entry.fci.size = sizeof(zend_fcall_info);
  ZVAL_STR_COPY(&entry.fci.function_name, drain_fn->common.function_name);
  entry.fci_cache.function_handler = drain_fn;
  append_user_shutdown_function(&entry);
}

void link_waiter(Scheduler& s, Waiter* w) {
  w->prev = nullptr;
  w->next = s.waiters_head;
  if (s.waiters_head) s.waiters_head->prev = w;
  s.waiters_head = w;
  s.waiting++;
}

void unlink_waiter(Scheduler& s, Waiter* w) {
  if (!w->prev && s.waiters_head != w) return;  // not linked
  if (w->prev)
    w->prev->next = w->next;
  else
    s.waiters_head = w->next;
  if (w->next) w->next->prev = w->prev;
  w->prev = w->next = nullptr;
  s.waiting--;
}

void on_timer(void* data) {
  auto* w = static_cast<Waiter*>(data);
  w->timer = reactor::TimerId{};
  if (w->waiting) w->timed_out = true;
  interrupt(w, nullptr);
}

}  // namespace

void scheduler_minit() {
  fiber_ctor_fn = zend_ce_fiber->constructor;
  fiber_start_fn = (zend_function*)zend_hash_str_find_ptr(&zend_ce_fiber->function_table, "start", 5);
  fiber_resume_fn = (zend_function*)zend_hash_str_find_ptr(&zend_ce_fiber->function_table, "resume", 6);
  fiber_suspend_fn = (zend_function*)zend_hash_str_find_ptr(&zend_ce_fiber->function_table, "suspend", 7);

  zend_hash_init(&private_functions, 4, nullptr, ZEND_FUNCTION_DTOR, 1);
  zend_register_functions(nullptr, private_function_entries, &private_functions, MODULE_PERSISTENT);
  drain_fn = (zend_function*)zend_hash_str_find_ptr(&private_functions, "loom_shutdown_drain",
                                                    sizeof("loom_shutdown_drain") - 1);
  worker_fn = (zend_function*)zend_hash_str_find_ptr(&private_functions, "loom\\{worker}",
                                                     sizeof("loom\\{worker}") - 1);

#ifdef LOOM_HAVE_EXIT_OPCODE
  previous_exit_handler = zend_get_user_opcode_handler(ZEND_EXIT);
  zend_set_user_opcode_handler(ZEND_EXIT, on_exit_opcode);
#else
  auto* exit_fn = (zend_function*)zend_hash_str_find_ptr(CG(function_table), "exit", sizeof("exit") - 1);
  if (exit_fn && exit_fn->type == ZEND_INTERNAL_FUNCTION) {
    previous_exit_function = exit_fn->internal_function.handler;
    exit_fn->internal_function.handler = on_exit_function;
  }
#endif
  zend_observer_error_register(on_error);
}

void scheduler_mshutdown() {
#ifndef LOOM_HAVE_EXIT_OPCODE
  auto* exit_fn = (zend_function*)zend_hash_str_find_ptr(CG(function_table), "exit", sizeof("exit") - 1);
  if (exit_fn && previous_exit_function && exit_fn->internal_function.handler == on_exit_function) {
    exit_fn->internal_function.handler = previous_exit_function;
  }
#endif
  zend_hash_destroy(&private_functions);
}

bool sched_exists() { return LOOM_G(scheduler) != nullptr; }

Scheduler& sched() {
  Scheduler* s = LOOM_G(scheduler);
  if (!s) {
    s = new Scheduler();
    ZVAL_UNDEF(&s->unhandled_handler);
    LOOM_G(scheduler) = s;
  }
  if (!s->shutdown_registered && !s->request_ending) {
    // Also after an end-of-script drain: a shutdown function registered after Loom's may spawn more,
    // and a drain appended now runs after it (shutdown functions added while they run are called too).
    s->shutdown_registered = true;
    register_shutdown_drain();
  }
  return *s;
}

// ---------------------------------------------------------------------------------------------------
// Waiters

Waiter* waiter_new(const WaitSource* source, void* data, const char* what) {
  auto* w = static_cast<Waiter*>(ecalloc(1, sizeof(Waiter)));
  w->what = what ? what : (source ? source->name : "wait");
  w->waiting = true;
  w->source = source;
  w->source_data = data;
  w->attached = source && source->detach;
  ZVAL_UNDEF(&w->value);
  return w;
}

Waiter* waiter_new_awaiting(Task* t, const char* what) {
  Waiter* w = waiter_new(what);
  w->awaited = t;
  return w;
}

void waiter_detach(Waiter* w) {
  if (w->timer.valid() && reactor::Reactor::exists()) reactor::Reactor::instance().cancel_timer(w->timer);
  w->timer = reactor::TimerId{};
  if (w->attached) {
    w->attached = false;
    w->source->detach(w, w->source_data);
  }
}

static void waiter_release(Waiter* w) {
  if (w->error) OBJ_RELEASE(w->error);
  if (w->fiber_desc) zend_string_release(w->fiber_desc);
  zval_ptr_dtor(&w->value);
  efree(w);
}

void waiter_free(Waiter* w) {
  waiter_detach(w);
  if (sched_exists()) unlink_waiter(sched(), w);
  if (w->queued) {
    w->dead = true;  // the ready queue still points at it
    return;
  }
  waiter_release(w);
}

void waiter_arm_deadline(Waiter* w, double seconds) {
  auto ms = reactor::seconds_to_ms(seconds);
  w->timer = reactor::Reactor::instance().add_timer(ms, on_timer, w, /*weak=*/w->weak);
}

bool waiter_timed_out(const Waiter* w) { return w->timed_out; }

void waiter_make_weak(Waiter* w) { w->weak = true; }

bool waiter_released(const Waiter* w) { return w->released; }

zval* waiter_value(Waiter* w) { return &w->value; }

bool waiter_waiting(const Waiter* w) { return w->waiting; }

void waiter_rearm(Waiter* w) {
  w->waiting = true;
  w->timed_out = false;
  w->released = false;
  w->attached = w->source && w->source->detach;
}

// The one place a waiter becomes ready. Its source and deadline are let go of first.
void interrupt(Waiter* w, zend_object* err) {
  if (!w->waiting) {
    if (err) OBJ_RELEASE(err);
    return;
  }
  w->waiting = false;
  waiter_detach(w);
  if (err) {
    if (w->error) OBJ_RELEASE(w->error);
    w->error = err;
  }
  if (reactor::Reactor::exists()) reactor::Reactor::instance().interrupt();
  if (!w->fiber && !w->task) return;  // top-level code: run_loop sees `waiting` drop
  w->queued = true;
  if (w->preempted)
    sched().preempted.push_back(w);
  else
    sched().ready.push_back(ReadyItem{nullptr, w});
}

void wake_with_error(Waiter* w, zend_object* error) {
  if (w->waiting) w->attached = false;  // the source let go of it: no detach
  interrupt(w, error);
}

void wake(Waiter* w) { wake_with_error(w, nullptr); }

void wake_with_value(Waiter* w, zval* value) {
  if (!w->waiting) return;
  zval_ptr_dtor(&w->value);
  ZVAL_COPY(&w->value, value);
  wake_with_error(w, nullptr);
}

// ---------------------------------------------------------------------------------------------------
// Wait queues (the links live in the waiter)

void wait_queue_push(WaitQueue* q, Waiter* w) {
  w->q_next = nullptr;
  w->q_prev = q->tail;
  if (q->tail)
    q->tail->q_next = w;
  else
    q->head = w;
  q->tail = w;
}

void wait_queue_remove(WaitQueue* q, Waiter* w) {
  if (w->q_prev)
    w->q_prev->q_next = w->q_next;
  else
    q->head = w->q_next;
  if (w->q_next)
    w->q_next->q_prev = w->q_prev;
  else
    q->tail = w->q_prev;
  w->q_prev = w->q_next = nullptr;
}

Waiter* wait_queue_pop(WaitQueue* q) {
  Waiter* w = q->head;
  if (w) wait_queue_remove(q, w);
  return w;
}

Waiter* wait_queue_next(const Waiter* w) { return w->q_next; }

void wait_queue_abandon(WaitQueue* q) {
  while (Waiter* w = wait_queue_pop(q)) w->attached = false;
}

// ---------------------------------------------------------------------------------------------------
// May the calling context suspend?

const char* (*suspend_veto)() = nullptr;

SuspendRefusal suspend_refusal() {
  if (suspend_veto && suspend_veto()) return SuspendRefusal::Vetoed;
  if (EG(active_fiber) && (EG(active_fiber)->flags & ZEND_FIBER_FLAG_DESTROYED))
    return SuspendRefusal::FiberDestroyed;
  if (zend_fiber_switch_blocked()) return SuspendRefusal::SwitchBlocked;
  if (EG(in_autoload) && zend_hash_num_elements(EG(in_autoload)) > 0) return SuspendRefusal::Autoload;
  if (OG(running)) return SuspendRefusal::OutputHandler;
  if (!EG(active_fiber) && sched_exists() && sched().in_main_loop) return SuspendRefusal::LoopRunning;
  return SuspendRefusal::None;
}

void throw_cannot_suspend(const char* fname, SuspendRefusal why) {
  switch (why) {
    case SuspendRefusal::None:
      return;
    case SuspendRefusal::Vetoed: {
      const char* reason = suspend_veto ? suspend_veto() : nullptr;
      zend_throw_exception_ex(ce_exception, 0, "%s(): cannot suspend here: %s", fname,
                              reason ? reason : "a module forbids it");
      return;
    }
    case SuspendRefusal::FiberDestroyed:
      zend_throw_exception_ex(
          ce_exception, 0,
          "%s(): cannot suspend here: this fiber is being destroyed (its finally blocks run "
          "at shutdown or after its last reference was dropped) and PHP forbids suspending it",
          fname);
      return;
    case SuspendRefusal::SwitchBlocked:
      zend_throw_exception_ex(ce_exception, 0,
                              "%s(): cannot suspend here: PHP forbids switching fibers inside a destructor, "
                              "during garbage collection or while a fiber is being destroyed",
                              fname);
      return;
    case SuspendRefusal::Autoload: {
      // PHP tracks classes being autoloaded process-wide: a second task using this class while the first
      // is parked inside its autoloader would get "Class not found".
      zend_string* cls = nullptr;
      if (EG(in_autoload)) zend_hash_get_current_key(EG(in_autoload), &cls, nullptr);
      zend_throw_exception_ex(
          ce_exception, 0,
          "%s(): cannot suspend here: class %s is being autoloaded, and any other task using "
          "it meanwhile would fail with \"Class not found\"; do the waiting before or after "
          "the class is loaded, not inside the autoloader",
          fname, cls ? ZSTR_VAL(cls) : "(unknown)");
      return;
    }
    case SuspendRefusal::OutputHandler:
      // Output buffers are process-wide: while this handler waited, other tasks' output would go through
      // (or around) it and the handler's own output would be lost.
      zend_throw_exception_ex(
          ce_exception, 0,
          "%s(): cannot suspend here: an output buffer handler (%s) is running; output "
          "handlers must not wait, or other tasks' output would be lost",
          fname, OG(running) && OG(running)->name ? ZSTR_VAL(OG(running)->name) : "ob_start callback");
      return;
    case SuspendRefusal::LoopRunning:
      zend_throw_exception_ex(ce_exception, 0,
                              "%s(): cannot suspend here: the scheduler is already running on this stack "
                              "(called from a destructor, an unhandled-task handler or a shutdown path)",
                              fname);
      return;
  }
}

bool check_can_suspend(const char* fname) {
  SuspendRefusal why = suspend_refusal();
  if (why == SuspendRefusal::None) return true;
  throw_cannot_suspend(fname, why);
  return false;
}

bool is_worker_function(const zend_function* fn) {
  // A worker runs as a closure over worker_fn: the closure's copy keeps the name but wraps the handler.
  return fn->type == ZEND_INTERNAL_FUNCTION && fn->common.function_name == worker_fn->common.function_name;
}

Task* task_of_active_fiber() {
  zend_fiber* f = EG(active_fiber);
  if (!f || !sched_exists()) return nullptr;
  Scheduler& s = sched();
  // The common case, once per wait: the fiber running is the one Loom resumed for a running task (the
  // map holds the same pair); the map answers for fibers other code resumed, and once a task is done.
  if (f == s.loom_resumed && s.current && s.current->state == TaskState::Running) return s.current;
  auto& map = s.task_on_fiber;
  auto it = map.find(f);
  return it == map.end() ? nullptr : it->second;
}

// "{closure}() defined at file:line": names a user Fiber in reports. Taken while the fiber runs (its
// function is freed when it terminates).
static zend_string* describe_fiber_function(zend_fiber* fiber) {
  zend_function* fn = fiber->fci_cache.function_handler;
  if (!fn) return zend_string_init("a Fiber", sizeof("a Fiber") - 1, 0);
  zend_string* name = fn->common.function_name;
  zend_string* cls = fn->common.scope ? fn->common.scope->name : nullptr;
  if (fn->type == ZEND_USER_FUNCTION && fn->op_array.filename) {
    return zend_strpprintf(0, "the Fiber running %s%s%s() defined at %s:%u", cls ? ZSTR_VAL(cls) : "",
                           cls ? "::" : "", name ? ZSTR_VAL(name) : "{main}", ZSTR_VAL(fn->op_array.filename),
                           fn->op_array.line_start);
  }
  return zend_strpprintf(0, "the Fiber running %s%s%s()", cls ? ZSTR_VAL(cls) : "", cls ? "::" : "",
                         name ? ZSTR_VAL(name) : "?");
}

// The end of a wait: the error handed in by the waker, or whatever the engine has pending.
static bool take_outcome(Waiter* w) {
  if (w->error) {
    zval zex;
    ZVAL_OBJ(&zex, w->error);
    w->error = nullptr;
    zend_throw_exception_object(&zex);
    return false;
  }
  return !EG(exception);
}

bool wait(Waiter* w, bool yield) {
  Scheduler& s = sched();
  zend_fiber* fiber = EG(active_fiber);
  Task* task = task_of_active_fiber();

  if (task && task->pending_cancel) {
    zend_object* ex = task->pending_cancel;
    task->pending_cancel = nullptr;
    w->waiting = false;
    waiter_detach(w);
    zval zex;
    ZVAL_OBJ(&zex, ex);
    zend_throw_exception_object(&zex);
    return false;
  }

  if (!w->waiting) return take_outcome(w);  // woken before it suspended: nothing to wait for

  w->fiber = fiber;
  w->task = task;
  link_waiter(s, w);
  if (task) {
    task->waiter = w;
    task->foreign_suspended = false;
  }
  if (yield) interrupt(w, nullptr);  // queue our own resumption behind whatever is ready

  if (!fiber) {
    run_loop(w);
    if (w->waiting) {
      // The loop stopped early (exit, an exception from a destructor): stop waiting.
      w->waiting = false;
      waiter_detach(w);
    }
  } else {
    bool user_fiber = (task == nullptr);
    if (user_fiber) {
      GC_ADDREF(&fiber->std);  // Loom keeps a parked user fiber alive until it resumes it
      if (!w->fiber_desc) w->fiber_desc = describe_fiber_function(fiber);
    }
    zval ret;
    ZVAL_UNDEF(&ret);
    zend_call_known_function(fiber_suspend_fn, nullptr, zend_ce_fiber, &ret, 0, nullptr, nullptr);
    zval_ptr_dtor(&ret);
    if (user_fiber && w->waiting) {
      // Resumed by someone other than Loom (or destroyed): drop our reference only if it is not the last.
      if (GC_REFCOUNT(&fiber->std) > 1) GC_DELREF(&fiber->std);
    }
    if (task) task->waiter = nullptr;
    if (EG(exception)) {
      // The engine is destroying the fiber, or user code threw into it: leave the source.
      if (w->waiting) {
        w->waiting = false;
        waiter_detach(w);
      }
      unlink_waiter(s, w);
      return false;
    }
    if (w->waiting) {
      w->waiting = false;
      waiter_detach(w);
      unlink_waiter(s, w);
      zend_throw_exception_ex(ce_exception, 0,
                              "A fiber waiting in Loom (%s) was resumed by other code; only Loom may resume "
                              "a fiber it suspended",
                              w->what);
      return false;
    }
  }
  if (task) task->waiter = nullptr;
  unlink_waiter(s, w);
  return take_outcome(w);
}

bool suspend(Waiter* w) { return wait(w, false); }

// A task sleeping at least this long gives back its C stack's pages while it waits (fiber_stacks.cc):
// parking and the copy back at its resumption cost a few microseconds.
constexpr double kParkStackAfter = 0.05;

bool sleep_for(double seconds, const char* what) {
  Waiter* w = waiter_new(what);
  if (seconds > 0) waiter_arm_deadline(w, seconds);
  // Its callers (Loom\sleep(), request()'s retry delay) keep nothing on the stack that is read from
  // outside the task while it sleeps, which parking needs.
  w->park_stack = seconds >= kParkStackAfter;
  bool ok = wait(w, seconds <= 0);
  waiter_free(w);
  return ok;
}

void wait_preempted() {
  Waiter* w = waiter_new("preempted");
  w->preempted = true;
  wait(w, true);
  waiter_free(w);
}

// ---------------------------------------------------------------------------------------------------
// The loop

void task_complete(Task* t, zval* value, zend_object* error);

// A worker fiber goes back to the pool only if Loom resumed it and nothing else can reach it: no
// reference but the pool's, no WeakReference/WeakMap entry (fiber-local storage keyed by
// Fiber::getCurrent() must not see the next task), so foreign code can never resume a parked worker.
static bool worker_may_park(Scheduler& s, zend_fiber* self) {
  return !EG(exception) && !s.exiting && s.idle_workers.size() < kMaxIdleWorkers && s.loom_resumed == self &&
         GC_REFCOUNT(&self->std) == 1 && !(GC_FLAGS(&self->std) & IS_OBJ_WEAKLY_REFERENCED);
}

// Runs tasks inside a worker fiber, task after task, while it may go back to the pool.
ZEND_FUNCTION(loom_worker) {
  ZEND_PARSE_PARAMETERS_NONE();
  for (;;) {
    Scheduler& s = sched();
    Task* t = s.worker_next;
    s.worker_next = nullptr;
    if (!t) return;
    GC_ADDREF(&t->std);  // foreign code may resume this fiber after Loom completed and released t
    zval retval;
    ZVAL_UNDEF(&retval);
    zend_fcall_info fci;
    zend_fcall_info_cache fcc;
    if (zend_fcall_info_init(&t->callable, 0, &fci, &fcc, nullptr, nullptr) == SUCCESS) {
      fci.retval = &retval;
      fci.params = t->args;
      fci.param_count = t->argc;
      fci.named_params = t->named;
      zend_call_function(&fci, &fcc);
    } else {
      zend_throw_error(nullptr, "Task #%u: its callable is no longer callable", t->id);
    }
    if (EG(exception)) {
      zend_object* ex = EG(exception);
      if (zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) {
        zval_ptr_dtor(&retval);
        // exit() or the engine destroying this fiber: unwind, resume nothing. Never free the task from
        // inside its own fiber's destruction; the object store frees it at the latest.
        if (GC_REFCOUNT(&t->std) > 1) GC_DELREF(&t->std);
        return;
      }
      GC_ADDREF(ex);
      zend_clear_exception();
      zval_ptr_dtor(&retval);
      if (t->state == TaskState::Done) {
        // Failed earlier as stuck in a foreign Fiber::suspend(), then resumed by that code after all.
        zend_exception_error(ex, E_WARNING);
        OBJ_RELEASE(ex);
      } else {
        task_complete(t, nullptr, ex);
      }
    } else {
      if (t->state != TaskState::Done) task_complete(t, &retval, nullptr);
      zval_ptr_dtor(&retval);
    }
    OBJ_RELEASE(&t->std);
    zend_fiber* self = EG(active_fiber);
    if (!worker_may_park(s, self)) return;
    GC_ADDREF(&self->std);
    s.idle_workers.push_back(&self->std);
    zval ret;
    ZVAL_UNDEF(&ret);
    zend_call_known_function(fiber_suspend_fn, nullptr, zend_ce_fiber, &ret, 0, nullptr, nullptr);
    zval_ptr_dtor(&ret);
    if (EG(exception)) return;  // destroyed while parked
  }
}

static void after_switch(Scheduler& s, Task* t);
static void report_uncatchable(Scheduler& s, zend_string* who, zend_object* ex);

static void start_task(Scheduler& s, Task* t) {
  if (t->state != TaskState::Pending) return;
  t->state = TaskState::Running;
  zval worker;
  ZVAL_UNDEF(&worker);
  while (!s.idle_workers.empty() && Z_TYPE(worker) == IS_UNDEF) {
    zend_object* idle = s.idle_workers.back();  // the pool's reference becomes ours
    s.idle_workers.pop_back();
    if (reinterpret_cast<zend_fiber*>(idle)->context.status == ZEND_FIBER_STATUS_SUSPENDED)
      ZVAL_OBJ(&worker, idle);
    else
      OBJ_RELEASE(idle);  // cannot happen while only Loom reaches parked workers; never resume a dead one
  }
  bool fresh = Z_TYPE(worker) == IS_UNDEF;
  if (fresh) {
    if (Z_TYPE(s.worker_closure) == IS_UNDEF)
      zend_create_closure(&s.worker_closure, worker_fn, nullptr, nullptr, nullptr);
    object_init_ex(&worker, zend_ce_fiber);
    zend_call_known_function(fiber_ctor_fn, Z_OBJ(worker), zend_ce_fiber, nullptr, 1, &s.worker_closure,
                             nullptr);
    if (EG(exception)) {
      zend_object* ex = EG(exception);
      GC_ADDREF(ex);
      zend_clear_exception();
      zval_ptr_dtor(&worker);
      task_complete(t, nullptr, ex);
      return;
    }
  }
  ZVAL_COPY(&t->fiber, &worker);
  s.task_on_fiber[reinterpret_cast<zend_fiber*>(Z_OBJ(worker))] = t;
  GC_ADDREF(&t->std);  // the task may complete and be released while it runs
  Task* prev = s.current;
  zend_fiber* prev_resumed = s.loom_resumed;
  s.current = t;
  s.loom_resumed = reinterpret_cast<zend_fiber*>(Z_OBJ(worker));
  s.worker_next = t;
  zval ret;
  ZVAL_UNDEF(&ret);
  bool sliced = slice_begin();
  zend_call_known_function(fresh ? fiber_start_fn : fiber_resume_fn, Z_OBJ(worker), zend_ce_fiber, &ret, 0,
                           nullptr, nullptr);
  if (sliced) slice_end();
  s.current = prev;
  s.loom_resumed = prev_resumed;
  s.worker_next = nullptr;
  zval_ptr_dtor(&ret);
  after_switch(s, t);
  OBJ_RELEASE(&t->std);
  zval_ptr_dtor(&worker);
}

static void resume_waiter(Scheduler& s, Waiter* w) {
  w->queued = false;
  if (w->dead) {
    waiter_release(w);
    return;
  }
  zend_fiber* f = w->fiber;
  Task* t = w->task;
  bool user_fiber = (t == nullptr);
  if (t) GC_ADDREF(&t->std);  // the task may complete and be released while it runs
  GC_ADDREF(&f->std);         // and its worker fiber with it
  // The waiter is freed inside the fiber once it resumes: keep the fiber's name for a report.
  zend_string* fiber_desc = user_fiber && w->fiber_desc ? zend_string_copy(w->fiber_desc) : nullptr;
  Task* prev = s.current;
  zend_fiber* prev_resumed = s.loom_resumed;
  s.current = t;
  s.loom_resumed = f;
  zval ret;
  ZVAL_UNDEF(&ret);
  bool sliced = t && slice_begin();
  zend_call_known_function(fiber_resume_fn, &f->std, zend_ce_fiber, &ret, 0, nullptr, nullptr);
  if (sliced) slice_end();
  s.current = prev;
  s.loom_resumed = prev_resumed;
  zval_ptr_dtor(&ret);
  if (t) {
    after_switch(s, t);
    OBJ_RELEASE(&t->std);
    OBJ_RELEASE(&f->std);
    return;
  }
  if (EG(exception) && !zend_is_unwind_exit(EG(exception))) {
    // A user Fiber Loom resumed threw. Its resumer in PHP terms is Loom, not whatever code happens to
    // wait in Loom meanwhile: nobody can catch it, so it is reported, never handed to a waiter.
    zend_object* ex = EG(exception);
    GC_ADDREF(ex);
    zend_clear_exception();
    report_uncatchable(s, fiber_desc, ex);
  } else if (EG(exception)) {
    s.exiting = true;
  }
  if (fiber_desc) zend_string_release(fiber_desc);
  OBJ_RELEASE(&f->std);
  if (user_fiber) OBJ_RELEASE(&f->std);  // the reference wait() took
}

// After a task's worker fiber returned control: note exit(), or a task that suspended its fiber
// outside Loom (it can never be resumed by us).
static void after_switch(Scheduler& s, Task* t) {
  if (EG(exception)) {
    zend_object* ex = EG(exception);
    if (zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) {
      s.exiting = true;  // exit() inside the task: the script ends, nothing else is resumed
      return;
    }
    GC_ADDREF(ex);
    zend_clear_exception();
    if (t->state == TaskState::Running) {
      task_complete(t, nullptr, ex);
    } else {
      // Its task already completed (failed while stuck in a foreign suspension): nobody waits for this.
      zend_string* who = zend_strpprintf(0, "the worker fiber of finished task #%u", t->id);
      report_uncatchable(s, who, ex);
      zend_string_release(who);
    }
    return;
  }
  // Suspended by Fiber::suspend() outside Loom (user code, a Revolt/AMPHP suspension): whoever holds the
  // fiber may resume it; if nothing can, the deadlock check fails the task.
  if (t->state == TaskState::Running && !t->waiter) t->foreign_suspended = true;
  // Parked in a long sleep: its stack's pages go back until it is switched into again.
  if (t->state == TaskState::Running && t->waiter && t->waiter->park_stack && Z_TYPE(t->fiber) == IS_OBJECT)
    fiber_stack_park(&reinterpret_cast<zend_fiber*>(Z_OBJ(t->fiber))->context);
}

static void run_ready(Scheduler& s) {
  size_t n = s.ready.size();
  while (n-- > 0 && !s.ready.empty()) {
    ReadyItem it = s.ready.front();
    s.ready.pop_front();
    if (it.start) {
      Task* t = it.start;
      if (!s.exiting) start_task(s, t);
      OBJ_RELEASE(&t->std);  // the queue's reference
    } else {
      if (s.exiting && !it.resume->dead) {
        it.resume->queued = false;
        continue;
      }
      resume_waiter(s, it.resume);
    }
    if (s.exiting || EG(exception)) return;
  }
}

static std::string describe_waiter(Waiter* w) {
  std::string d;
  char buf[64];
  if (w->task) {
    snprintf(buf, sizeof buf, "task #%u", w->task->id);
    d = buf;
    d += " (spawned at " + task_spawned_at(w->task) + ")";
  } else if (w->fiber) {
    d = "a Fiber";
  } else {
    d = "top-level code";
  }
  d += " waits in ";
  d += w->what;
  if (w->awaited) {
    snprintf(buf, sizeof buf, " of task #%u", w->awaited->id);
    d += buf;
  }
  return d;
}

static std::string describe_task(Task* t) {
  char buf[64];
  snprintf(buf, sizeof buf, "task #%u", t->id);
  std::string d = buf;
  d += " (spawned at " + task_spawned_at(t) + ")";
  return d;
}

// Nothing is ready, no I/O or timer is pending: every waiter is stuck. Returns false if there was
// nothing to wake either (the loop must stop rather than spin).
static bool on_deadlock(Scheduler& s, Waiter* until) {
  std::vector<Task*> foreign;  // tasks parked in a foreign Fiber::suspend() that nothing resumed
  for (Task* t = s.live_head; t; t = t->next_live)
    if (t->state == TaskState::Running && t->foreign_suspended) foreign.push_back(t);
  std::string msg = "Deadlock: every remaining task is waiting and nothing can wake it: ";
  bool first = true;
  for (Waiter* w = s.waiters_head; w; w = w->next) {
    if (!w->waiting || w->weak) continue;  // a weak wait is no work: it is not what is stuck
    if (!first) msg += "; ";
    msg += describe_waiter(w);
    first = false;
  }
  for (Task* t : foreign) {
    if (!first) msg += "; ";
    msg += describe_task(t) + " is suspended by Fiber::suspend() outside Loom and nothing resumes it";
    first = false;
  }
  if (until) {
    interrupt(until, make_exception(ce_deadlock, nullptr, "%s", msg.c_str()));
    return true;
  }
  // Draining at script end: every stuck waiter gets its own exception; a task stuck in a foreign
  // suspension ends with its pending cancellation or the deadlock (its fiber is left to the engine).
  std::vector<Waiter*> stuck;
  for (Waiter* w = s.waiters_head; w; w = w->next)
    if (w->waiting && !w->weak) stuck.push_back(w);
  for (Waiter* w : stuck) interrupt(w, make_exception(ce_deadlock, nullptr, "%s", msg.c_str()));
  for (Task* t : foreign) GC_ADDREF(&t->std);
  for (Task* t : foreign) {
    if (t->state != TaskState::Done) {
      zend_object* err = t->pending_cancel;
      t->pending_cancel = nullptr;
      task_complete(t, nullptr, err ? err : make_exception(ce_deadlock, nullptr, "%s", msg.c_str()));
    }
    OBJ_RELEASE(&t->std);
  }
  return !stuck.empty() || !foreign.empty();
}

// Nothing is ready, no referenced I/O or timer is pending, and every context still waiting waits weakly
// (no strong waiter, no task stuck in a foreign suspension): weak waits keep nothing running, so they
// end now, released. False if there was none, or if something else is stuck (a deadlock).
static bool release_weak_waits(Scheduler& s) {
  std::vector<Waiter*> weak;
  for (Waiter* w = s.waiters_head; w; w = w->next) {
    if (!w->waiting) continue;
    if (!w->weak) return false;
    weak.push_back(w);
  }
  if (weak.empty()) return false;
  for (Task* t = s.live_head; t; t = t->next_live)
    if (t->state == TaskState::Running && t->foreign_suspended) return false;
  for (Waiter* w : weak) {
    w->released = true;
    interrupt(w, nullptr);
  }
  return true;
}

static bool loop_done(Scheduler& s, Waiter* until) {
  if (until) return !until->waiting;
  return s.ready.empty() && s.preempted.empty() && s.live_tasks == 0 && s.waiting == 0;
}

void run_loop(Waiter* until, const bool* stop) {
  Scheduler& s = sched();
  s.in_main_loop = true;
  bool first_pass = true;
  bool polled = false;  // the reactor was polled and nothing ran since
  guarded_call(
      [&] {
        for (;;) {
          if (s.exiting || EG(exception) || (stop && *stop)) break;
          bool done = loop_done(s, until);
          if (done && !(first_pass && until)) break;
          first_pass = false;
          if (done) {
            // A yield from top-level code: give ready tasks, preempted tasks and due I/O one turn, then
            // return.
            if (reactor::Reactor::exists()) reactor::Reactor::instance().run_once(false);
            for (Waiter* w : s.preempted) s.ready.push_back(ReadyItem{nullptr, w});
            s.preempted.clear();
            run_ready(s);
            report_unhandled();
            continue;
          }
          if (!s.ready.empty() || !s.preempted.empty()) {
            // As uv_run does: every round of the run queue also polls timers and sockets (without
            // blocking), so tasks that keep yielding never starve a timer or a stream. What the poll woke
            // joins the round first; then one preempted task takes its turn, so a woken task waits about
            // one slice, not one per spinning task, and tasks that keep yielding cannot starve a preempted
            // one either.
            // (A round that follows the loop's own poll right away needs no second one: nothing ran
            // in between, so it could only find what that poll already handled, at the cost of a
            // syscall per wake-up.)
            if (!polled && reactor::Reactor::exists()) reactor::Reactor::instance().run_once(false);
            polled = false;
            if (!s.preempted.empty()) {
              s.ready.push_back(ReadyItem{nullptr, s.preempted.front()});
              s.preempted.pop_front();
            }
            run_ready(s);
            report_unhandled();
            continue;
          }
          if (reactor::Reactor::exists() && reactor::Reactor::instance().alive()) {
            reactor::Reactor::instance().run_once(true);
            polled = true;
            continue;
          }
          if (release_weak_waits(s)) continue;             // only weak waits were left: they end
          if (s.waiting == 0 && s.live_tasks == 0) break;  // nothing left at all (drain done)
          if (!on_deadlock(s, until)) break;
        }
      },
      [&] {
        // A fatal error, memory_limit or time limit inside a resumed fiber: nothing else may be
        // resumed; Loom's state is reset at RSHUTDOWN. guarded_call re-raises towards the engine.
        s.in_main_loop = false;
        s.current = nullptr;
        s.exiting = true;
        slice_end();  // the bailout skipped the end of the slice it interrupted
      });
  s.in_main_loop = false;
}

// ---------------------------------------------------------------------------------------------------
// Unhandled failures

static void cancel_all(Scheduler& s);

// Calls the Loom\onUnhandled() handler. The callable is copied first: the handler may replace itself.
static void call_unhandled_handler(Scheduler& s, Task* t) {
  zval handler, args[2], ret;
  ZVAL_COPY(&handler, &s.unhandled_handler);
  zend_fcall_info_cache fcc = s.unhandled_fcc;  // a trampoline is resolved into this copy, freed by the call
  zend_fcall_info fci;
  fci.size = sizeof(fci);
  ZVAL_COPY_VALUE(&fci.function_name, &handler);
  fci.object = nullptr;
  fci.retval = &ret;
  fci.params = args;
  fci.param_count = 2;
  fci.named_params = nullptr;
  ZVAL_OBJ_COPY(&args[0], t->error);
  ZVAL_OBJ_COPY(&args[1], &t->std);
  ZVAL_UNDEF(&ret);
  zend_call_function(&fci, &fcc);
  zval_ptr_dtor(&args[0]);
  zval_ptr_dtor(&args[1]);
  zval_ptr_dtor(&ret);
  zval_ptr_dtor(&handler);
}

static void report_one(Scheduler& s, Task* t) {
  if (t->reported || t->observed || !t->error) return;
  t->reported = true;
  if (Z_TYPE(s.unhandled_handler) != IS_UNDEF) {
    call_unhandled_handler(s, t);
    return;
  }
  zend_object* ex = t->error;
  zval rv;
  zval* msg = zend_read_property(zend_get_exception_base(ex), ex, "message", sizeof("message") - 1, 1, &rv);
  zend_string* where = t->spawned_file ? t->spawned_file : ZSTR_EMPTY_ALLOC();
  zend_error_at(E_WARNING, where, t->spawned_line, "Loom: task #%u failed and nobody awaited it: %s: %s",
                t->id, ZSTR_VAL(ex->ce->name), Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : "");
}

// After a report ran user code (the handler, or an error handler seeing the warning): an exception it
// threw is kept for raise_report_errors(), so the next report still runs and no waiter receives it.
// Returns false for exit() there: the script ends, nothing more is reported.
static bool keep_report_error(Scheduler& s) {
  zend_object* ex = EG(exception);
  if (!ex) return true;
  if (zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) return false;
  GC_ADDREF(ex);
  zend_clear_exception();
  s.report_errors.push_back(ex);
  return true;
}

// Reporting threw: no code can catch that exception (it would otherwise come out of whichever await
// happened to run the loop). It becomes the script's uncaught exception, as if thrown at the top level
// and never caught: set_exception_handler()'s handler receives it, else PHP prints "Fatal error:
// Uncaught ...". Then the script ends as after any uncaught exception: exit status 255, the tasks left
// are cancelled at script end (their finally blocks run). In the end-of-script drain, only the cancelling
// remains to do.
static void raise_report_errors(Scheduler& s) {
  if (s.report_errors.empty() || EG(exception)) return;
  // PHP hands the exception handler one uncaught exception and drops it; here each of several gets it.
  zval handler;
  ZVAL_UNDEF(&handler);
  if (Z_TYPE(EG(user_exception_handler)) != IS_UNDEF) ZVAL_COPY(&handler, &EG(user_exception_handler));
  for (size_t i = 0; i < s.report_errors.size(); i++) {
    zend_object* ex = s.report_errors[i];
    s.report_errors[i] = nullptr;  // owned here now (a bailout leaves the vector consistent)
    if (Z_TYPE(EG(user_exception_handler)) == IS_UNDEF && Z_TYPE(handler) != IS_UNDEF)
      ZVAL_COPY(&EG(user_exception_handler), &handler);
    EG(exception) = ex;
    zend_try_exception_handler();
    if (EG(exception)) zend_exception_error(EG(exception), E_ERROR);  // prints; never bails out
  }
  zval_ptr_dtor(&handler);
  s.report_errors.clear();
  s.fatal_seen = true;
  EG(exit_status) = 255;
  if (s.draining || !EG(current_execute_data)) {
    cancel_all(s);
  } else if (!EG(exception)) {
    zend_throw_unwind_exit();  // ends the script like exit(): no catch block sees it
  }
}

// A Fiber Loom resumed (a user Fiber, or the worker of a finished task) threw, and no PHP code resumed
// it, so nobody can catch this exception: a warning names the fiber. Takes ownership of ex.
static void report_uncatchable(Scheduler& s, zend_string* who, zend_object* ex) {
  zval rv;
  zval* msg = zend_read_property(zend_get_exception_base(ex), ex, "message", sizeof("message") - 1, 1, &rv);
  zval* file = zend_read_property(zend_get_exception_base(ex), ex, "file", sizeof("file") - 1, 1, &rv);
  zval* line = zend_read_property(zend_get_exception_base(ex), ex, "line", sizeof("line") - 1, 1, &rv);
  zend_string* where = Z_TYPE_P(file) == IS_STRING ? Z_STR_P(file) : ZSTR_EMPTY_ALLOC();
  zend_error_at(E_WARNING, where, Z_TYPE_P(line) == IS_LONG ? (uint32_t)Z_LVAL_P(line) : 0,
                "Loom: %s threw after Loom resumed it, and no code can catch it there: %s: %s",
                who ? ZSTR_VAL(who) : "a Fiber", ZSTR_VAL(ex->ce->name),
                Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : "");
  OBJ_RELEASE(ex);
  keep_report_error(s);  // an error handler that throws here: raised with the next reports
}

// Reports failed tasks nobody can await any more (or all of them, at the end), in the order they failed.
// Every entry of s.unhandled holds one reference; an entry being reported is nulled first, so a bailout
// inside a handler leaves the list consistent for RSHUTDOWN.
static void report_unhandled_impl(bool final) {
  if (!sched_exists()) return;
  Scheduler& s = sched();
  if (s.reporting) return;
  s.reporting = true;
  bool stop = EG(exception) != nullptr;  // exit() is unwinding: report nothing now
  size_t kept = 0;
  for (size_t i = 0; i < s.unhandled.size(); i++) {  // handlers may append: those are seen too
    Task* t = s.unhandled[i];
    s.unhandled[i] = nullptr;
    if (!t) continue;
    bool unreachable = GC_REFCOUNT(&t->std) == 1;  // only our list still holds it: nobody can await it
    if (t->observed || t->reported) {
      OBJ_RELEASE(&t->std);
    } else if (!stop && (final || unreachable)) {
      report_one(s, t);
      if (!keep_report_error(s)) stop = true;
      OBJ_RELEASE(&t->std);
    } else {
      s.unhandled[kept++] = t;
    }
  }
  s.unhandled.resize(kept);
  s.reporting = false;
  raise_report_errors(s);
}

void report_unhandled() { report_unhandled_impl(false); }

// ---------------------------------------------------------------------------------------------------
// End of script and request end

static void cancel_all(Scheduler& s) {
  std::vector<Task*> live;
  for (Task* t = s.live_head; t; t = t->next_live) live.push_back(t);
  for (Task* t : live) GC_ADDREF(&t->std);
  for (Task* t : live) {
    task_cancel(t, nullptr);
    OBJ_RELEASE(&t->std);
  }
}

static void on_drain_deadline(void* data) { *static_cast<bool*>(data) = true; }

void scheduler_shutdown_drain() {
  if (!sched_exists()) return;
  Scheduler& s = sched();
  if (s.exiting || CG(unclean_shutdown) || s.draining) return;  // exit() or a fatal error: resume nothing
  s.draining = true;
  if (LOOM_G(shutdown_mode) == 1 || s.fatal_seen) cancel_all(s);
  bool expired = false;
  reactor::TimerId deadline{};
  double bound = LOOM_G(shutdown_timeout);
  if (bound > 0 && (s.live_tasks || s.waiting)) {
    // Weak: the deadline must not keep the loop alive, or a deadlock would wait for it.
    deadline = reactor::Reactor::instance().add_timer(reactor::seconds_to_ms(bound), on_drain_deadline,
                                                      &expired, /*weak=*/true);
  }
  run_loop(nullptr, &expired);
  if (expired && s.live_tasks && !s.exiting && !EG(exception)) {
    zend_error(
        E_WARNING,
        "Loom: %zu task(s) still running after loom.shutdown_timeout=%g s at script end; cancelling them",
        s.live_tasks, bound);
    cancel_all(s);
    expired = false;
    deadline = reactor::Reactor::instance().add_timer(1000, on_drain_deadline, &expired, /*weak=*/true);
    run_loop(nullptr, &expired);
    if (expired && s.live_tasks)
      zend_error(E_WARNING, "Loom: %zu task(s) ignored cancellation at script end; abandoning them",
                 s.live_tasks);
  }
  if (reactor::Reactor::exists()) reactor::Reactor::instance().cancel_timer(deadline);
  if (!EG(exception)) report_unhandled_impl(true);
  s.draining = false;
  s.shutdown_registered = false;  // what a later shutdown function spawns gets a drain of its own
}

// Tasks no later point of the request will run: exit() or a fatal error ended the script before they
// started. Only those spawned during shutdown are named; the others are covered by "after exit() nothing
// is resumed".
static void warn_never_ran(Scheduler& s) {
  Task* oldest = s.live_head;
  while (oldest && oldest->next_live) oldest = oldest->next_live;
  for (Task* t = oldest; t; t = t->prev_live) {  // in spawn order
    if (t->state != TaskState::Pending || !t->spawned_in_shutdown) continue;
    zend_string* where = t->spawned_file ? t->spawned_file : ZSTR_EMPTY_ALLOC();
    zend_error_at(E_WARNING, where, t->spawned_line,
                  "Loom: task #%u was spawned during request shutdown after %s and never ran", t->id,
                  s.exiting ? "exit()" : "a fatal error");
  }
}

// RSHUTDOWN runs after the shutdown functions and the destructors of script end (main.c steps 1-2): a
// task spawned by a destructor then, or by a shutdown function no drain followed, runs here, with the
// same rules as the end-of-script drain (loom.shutdown, loom.shutdown_timeout). Output is still open
// (it closes after RSHUTDOWN); max_execution_time no longer applies. Called through the private drain
// function so PHP sees a frame (an exception without one is a fatal error); a bailout (a fatal error in
// such a task) is caught here, as nothing above RSHUTDOWN would.
void scheduler_late_drain() {
  Scheduler* s = LOOM_G(scheduler);
  if (!s) return;
  s->request_ending = true;
  if (!s->live_tasks && s->unhandled.empty() && s->report_errors.empty()) return;
  if (s->exiting || CG(unclean_shutdown)) {
    warn_never_ran(*s);
    return;
  }
  contained_call([] {
    zval ret;
    ZVAL_UNDEF(&ret);
    zend_call_known_function(drain_fn, nullptr, nullptr, &ret, 0, nullptr, nullptr);
    zval_ptr_dtor(&ret);
  });
  if (s == LOOM_G(scheduler) && (s->exiting || CG(unclean_shutdown))) warn_never_ran(*s);
}

void scheduler_rshutdown() {
  Scheduler* s = LOOM_G(scheduler);
  if (!s) return;
  // Detach every waiter from its source first (channels, timers), then free them: after a bailout
  // the fibers they belong to will never resume.
  for (Waiter* w = s->waiters_head; w; w = w->next) {
    w->waiting = false;
    waiter_detach(w);
  }
  while (s->waiters_head) {
    Waiter* w = s->waiters_head;
    unlink_waiter(*s, w);
    if (!w->queued)
      waiter_release(w);
    else
      w->dead = true;
  }
  std::vector<Task*> refs;
  for (ReadyItem& it : s->ready) {
    if (it.start)
      refs.push_back(it.start);
    else if (it.resume->dead)
      waiter_release(it.resume);
  }
  s->ready.clear();
  for (Waiter* w : s->preempted)
    if (w->dead) waiter_release(w);
  s->preempted.clear();
  for (Task* t = s->live_head; t;) {
    Task* n = t->next_live;
    t->prev_live = t->next_live = nullptr;
    t->waiter = nullptr;
    t->state = TaskState::Done;
    refs.push_back(t);  // the live reference
    t = n;
  }
  s->live_head = nullptr;
  s->live_tasks = 0;
  for (Task* t : s->unhandled)
    if (t) refs.push_back(t);  // a slot being reported when a bailout hit is null
  s->unhandled.clear();
  for (zend_object* ex : s->report_errors)
    if (ex) OBJ_RELEASE(ex);  // raised nowhere: exit() or a bailout came first
  s->report_errors.clear();
  std::vector<zend_object*> workers;
  workers.swap(s->idle_workers);
  if (reactor::Reactor::exists()) reactor::Reactor::instance().reset_timers();
  zval handler, closure;
  ZVAL_COPY_VALUE(&handler, &s->unhandled_handler);
  ZVAL_COPY_VALUE(&closure, &s->worker_closure);
  delete s;
  LOOM_G(scheduler) = nullptr;
  for (Task* t : refs) OBJ_RELEASE(&t->std);
  for (zend_object* w : workers) OBJ_RELEASE(w);
  zval_ptr_dtor(&handler);
  zval_ptr_dtor(&closure);
}

// ---------------------------------------------------------------------------------------------------
// Module lifecycle and counts (api.h)

void scheduler_module_startup() {
  task_class_init();
  channel_class_init();
  scheduler_minit();
  preempt_minit();
  fiber_stacks_minit();
}

void scheduler_module_shutdown() {
  scheduler_mshutdown();
  preempt_mshutdown();
}

void scheduler_request_startup() { fiber_stacks_rinit(); }

void scheduler_request_shutdown() {
  scheduler_late_drain();
  scheduler_rshutdown();
  fiber_stacks_rshutdown();
  preempt_rshutdown();
}

SchedulerCounts scheduler_counts() {
  SchedulerCounts c{};
  if (sched_exists()) {
    c.tasks = sched().live_tasks;
    c.waiting = sched().waiting;
  }
  c.preemptions = preempt_count();
  c.parked_stacks = fiber_stacks_parked();
  return c;
}

}  // namespace loom
