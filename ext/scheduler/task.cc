// Loom\Task and the functions that create and wait on tasks: spawn, sleep, await, cancel, stats.
#include <cmath>

#include "object.h"
#include "scheduler/internal.h"

namespace loom {

zend_class_entry* ce_task;
static zend_object_handlers task_handlers;

// ---------------------------------------------------------------------------------------------------
// Object handlers

static zend_object* task_create(zend_class_entry* ce) {
  Task* t = object_alloc<Task>(ce, &task_handlers);
  ZVAL_UNDEF(&t->callable);
  ZVAL_UNDEF(&t->fiber);
  ZVAL_UNDEF(&t->result);
  return &t->std;
}

static void task_release_code(Task* t) {
  zval_ptr_dtor(&t->callable);
  ZVAL_UNDEF(&t->callable);
  if (t->args) {
    for (uint32_t i = 0; i < t->argc; i++) zval_ptr_dtor(&t->args[i]);
    efree(t->args);
    t->args = nullptr;
    t->argc = 0;
  }
  if (t->named) {
    zend_array_release(t->named);
    t->named = nullptr;
  }
}

std::string task_spawned_at(const Task* t) {
  if (!t->spawned_file) return "[internal]";
  return std::string(ZSTR_VAL(t->spawned_file), ZSTR_LEN(t->spawned_file)) + ":" +
         std::to_string(t->spawned_line);
}

static void task_free(zend_object* obj) {
  Task* t = task_from_obj(obj);
  task_release_code(t);
  zval_ptr_dtor(&t->fiber);
  zval_ptr_dtor(&t->result);
  if (t->error) OBJ_RELEASE(t->error);
  if (t->pending_cancel) OBJ_RELEASE(t->pending_cancel);
  if (t->spawned_file) zend_string_release(t->spawned_file);
  zend_object_std_dtor(obj);
}

static HashTable* task_get_gc(zend_object* obj, zval** table, int* n) {
  Task* t = task_from_obj(obj);
  zend_get_gc_buffer* buf = zend_get_gc_buffer_create();
  zend_get_gc_buffer_add_zval(buf, &t->callable);
  for (uint32_t i = 0; i < t->argc; i++) zend_get_gc_buffer_add_zval(buf, &t->args[i]);
  if (t->named) {
    zval* v;
    ZEND_HASH_FOREACH_VAL(t->named, v) { zend_get_gc_buffer_add_zval(buf, v); }
    ZEND_HASH_FOREACH_END();
  }
  zend_get_gc_buffer_add_zval(buf, &t->fiber);
  zend_get_gc_buffer_add_zval(buf, &t->result);
  if (t->error) zend_get_gc_buffer_add_obj(buf, t->error);
  if (t->pending_cancel) zend_get_gc_buffer_add_obj(buf, t->pending_cancel);
  zend_get_gc_buffer_use(buf, table, n);
  return zend_std_get_properties(obj);
}

static HashTable* task_debug_info(zend_object* obj, int* is_temp) {
  Task* t = task_from_obj(obj);
  HashTable* ht = zend_new_array(4);
  zval v;
  ZVAL_LONG(&v, t->id);
  zend_hash_str_update(ht, "id", 2, &v);
  const char* state = t->state == TaskState::Pending   ? "pending"
                      : t->state == TaskState::Running ? "running"
                      : t->error                       ? "failed"
                                                       : "finished";
  ZVAL_STRING(&v, state);
  zend_hash_str_update(ht, "state", 5, &v);
  std::string at = task_spawned_at(t);
  ZVAL_STRINGL(&v, at.data(), at.size());
  zend_hash_str_update(ht, "spawned_at", 10, &v);
  *is_temp = 1;
  return ht;
}

void task_class_init() {
  ce_task->create_object = task_create;
  init_handlers<Task>(&task_handlers, task_free, task_get_gc);
  task_handlers.get_debug_info = task_debug_info;
}

// ---------------------------------------------------------------------------------------------------
// Core operations

zend_object* make_exception(zend_class_entry* ce, zend_object* previous, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  zend_string* msg = zend_vstrpprintf(0, fmt, ap);
  va_end(ap);
  zval ex;
  object_init_ex(&ex, ce);
  zval zmsg;
  ZVAL_STR(&zmsg, msg);
  zend_update_property_ex(zend_ce_exception, Z_OBJ(ex), ZSTR_KNOWN(ZEND_STR_MESSAGE), &zmsg);
  zval_ptr_dtor(&zmsg);
  if (previous) {
    zval prev;
    ZVAL_OBJ_COPY(&prev, previous);
    zend_update_property_ex(zend_ce_exception, Z_OBJ(ex), ZSTR_KNOWN(ZEND_STR_PREVIOUS), &prev);
    zval_ptr_dtor(&prev);
  }
  return Z_OBJ(ex);
}

zend_object* make_cancelled(Task* t, zend_object* reason) {
  if (reason) {
    zval rv;
    zval* m = zend_read_property(zend_get_exception_base(reason), reason, "message", 7, 1, &rv);
    return make_exception(ce_cancelled, reason, "Task #%u was cancelled: %s", t->id,
                          Z_TYPE_P(m) == IS_STRING ? Z_STRVAL_P(m) : "");
  }
  return make_exception(ce_cancelled, nullptr, "Task #%u was cancelled", t->id);
}

Task* task_spawn(zval* callable, zval* args, uint32_t argc, HashTable* named, zval* out) {
  Scheduler& s = sched();
  object_init_ex(out, ce_task);
  Task* t = task_from_obj(Z_OBJ_P(out));
  t->id = s.next_task_id++;
  ZVAL_COPY(&t->callable, callable);
  if (argc) {
    t->args = static_cast<zval*>(safe_emalloc(argc, sizeof(zval), 0));
    for (uint32_t i = 0; i < argc; i++) ZVAL_COPY(&t->args[i], &args[i]);
    t->argc = argc;
  }
  if (named && zend_hash_num_elements(named)) {
    GC_ADDREF(named);
    t->named = named;
  }
  zend_string* file = zend_get_executed_filename_ex();
  if (file) {
    t->spawned_line = zend_get_executed_lineno();
    t->spawned_file = zend_string_copy(file);
  }
  t->state = TaskState::Pending;
  t->spawned_in_shutdown = (EG(flags) & EG_FLAGS_IN_SHUTDOWN) != 0;
  t->next_live = s.live_head;
  if (s.live_head) s.live_head->prev_live = t;
  s.live_head = t;
  s.live_tasks++;
  GC_ADDREF(&t->std);  // the scheduler's reference while the task is live
  GC_ADDREF(&t->std);  // the ready queue's reference
  s.ready.push_back(ReadyItem{t, nullptr});
  return t;
}

void task_complete(Task* t, zval* value, zend_object* error) {
  if (t->state == TaskState::Done) {  // a task completes once, whatever resumed its fiber
    if (error) OBJ_RELEASE(error);
    return;
  }
  Scheduler& s = sched();
  t->state = TaskState::Done;
  if (value)
    ZVAL_COPY(&t->result, value);
  else
    ZVAL_NULL(&t->result);
  t->error = error;
  if (t->prev_live)
    t->prev_live->next_live = t->next_live;
  else if (s.live_head == t)
    s.live_head = t->next_live;
  if (t->next_live) t->next_live->prev_live = t->prev_live;
  t->prev_live = t->next_live = nullptr;
  s.live_tasks--;
  if (t->pending_cancel) {
    OBJ_RELEASE(t->pending_cancel);
    t->pending_cancel = nullptr;
  }
  bool had_listeners = t->listeners != nullptr;
  for (Listener* l = t->listeners; l;) {
    Listener* next = l->next;
    l->task = nullptr;
    l->prev = l->next = nullptr;
    Waiter* w = l->waiter;
    l->next_fired = nullptr;
    if (w->fired_tail)
      w->fired_tail->next_fired = l;
    else
      w->fired_head = l;
    w->fired_tail = l;
    wake(w);
    l = next;
  }
  t->listeners = nullptr;
  // A task that ended with the cancellation it was sent is not an unhandled failure.
  bool cancelled = error && instanceof_function(error->ce, ce_cancelled);
  if (error && !cancelled && !had_listeners && !t->observed) {
    GC_ADDREF(&t->std);
    s.unhandled.push_back(t);
  }
  // Drop what the task held as early as possible: this breaks closure <-> task cycles.
  task_release_code(t);
  zval fiber;
  ZVAL_COPY_VALUE(&fiber, &t->fiber);
  ZVAL_UNDEF(&t->fiber);
  if (Z_TYPE(fiber) == IS_OBJECT) s.task_on_fiber.erase(reinterpret_cast<zend_fiber*>(Z_OBJ(fiber)));
  zval_ptr_dtor(&fiber);
  OBJ_RELEASE(&t->std);  // the scheduler's live reference
}

void task_cancel(Task* t, zend_object* reason) {
  if (t->state == TaskState::Done) return;
  zend_object* ex = make_cancelled(t, reason);
  if (t->state == TaskState::Pending) {
    task_complete(t, nullptr, ex);  // never started: its body does not run
    return;
  }
  if (t->waiter && waiter_waiting(t->waiter)) {
    interrupt(t->waiter, ex);
    return;
  }
  // Running, or woken and not yet resumed: it sees the cancellation at its next suspension.
  if (t->pending_cancel)
    OBJ_RELEASE(ex);
  else
    t->pending_cancel = ex;
}

void listener_attach(Listener* l, Task* t, Waiter* w, zend_long tag) {
  l->waiter = w;
  l->tag = tag;
  l->next_fired = nullptr;
  if (t->state == TaskState::Done) {
    // Already finished: it counts as fired at once.
    l->task = nullptr;
    l->prev = l->next = nullptr;
    if (w->fired_tail)
      w->fired_tail->next_fired = l;
    else
      w->fired_head = l;
    w->fired_tail = l;
    return;
  }
  l->task = t;
  l->prev = nullptr;
  l->next = t->listeners;
  if (t->listeners) t->listeners->prev = l;
  t->listeners = l;
}

void listener_detach(Listener* l) {
  Task* t = l->task;
  if (!t) return;
  if (l->prev)
    l->prev->next = l->next;
  else
    t->listeners = l->next;
  if (l->next) l->next->prev = l->prev;
  l->prev = l->next = nullptr;
  l->task = nullptr;
}

Listener* waiter_pop_fired(Waiter* w) {
  Listener* l = w->fired_head;
  if (!l) return nullptr;
  w->fired_head = l->next_fired;
  if (!w->fired_head) w->fired_tail = nullptr;
  l->next_fired = nullptr;
  return l;
}

void task_outcome(Task* t, zval* return_value) {
  t->observed = true;
  if (t->error) {
    zval ex;
    ZVAL_OBJ_COPY(&ex, t->error);
    zend_throw_exception_object(&ex);
    return;
  }
  ZVAL_COPY(return_value, &t->result);
}

bool valid_seconds(double seconds, uint32_t arg) {
  if (std::isnan(seconds) || std::isinf(seconds) || seconds < 0) {
    zend_argument_value_error(arg, "must be a finite number greater than or equal to 0");
    return false;
  }
  return true;
}

}  // namespace loom

using namespace loom;

// ---------------------------------------------------------------------------------------------------
// PHP functions

ZEND_FUNCTION(Loom_spawn) {
  zval* callable;
  zval* args = nullptr;
  uint32_t argc = 0;
  HashTable* named = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, -1)
  Z_PARAM_ZVAL(callable)
  Z_PARAM_VARIADIC_WITH_NAMED(args, argc, named)
  ZEND_PARSE_PARAMETERS_END();
  if (!require_callable(callable, 1)) RETURN_THROWS();
  if (!fiber_budget_allows("Loom\\spawn")) RETURN_THROWS();
  task_spawn(callable, args, argc, named, return_value);
}

ZEND_FUNCTION(Loom_sleep) {
  double seconds;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_DOUBLE(seconds)
  ZEND_PARSE_PARAMETERS_END();
  if (!valid_seconds(seconds, 1)) RETURN_THROWS();
  if (!check_can_suspend("Loom\\sleep")) RETURN_THROWS();
  if (!sleep_for(seconds, seconds > 0 ? "sleep" : "yield")) RETURN_THROWS();
}

ZEND_METHOD(Loom_Task, __construct) {
  zend_throw_error(nullptr, "Loom\\Task cannot be constructed directly; use Loom\\spawn()");
}

ZEND_METHOD(Loom_Task, await) {
  ZEND_PARSE_PARAMETERS_NONE();
  Task* t = task_from_obj(Z_OBJ_P(ZEND_THIS));
  if (t->state != TaskState::Done) {
    if (!check_can_suspend("Loom\\Task::await")) RETURN_THROWS();
    if (task_of_active_fiber() == t) {
      zend_throw_exception_ex(ce_exception, 0, "Task #%u cannot await itself", t->id);
      RETURN_THROWS();
    }
    Waiter* w = waiter_new_awaiting(t, "await");
    Listener l{};
    listener_attach(&l, t, w, 0);
    bool ok = suspend(w);
    listener_detach(&l);
    waiter_free(w);
    if (!ok) RETURN_THROWS();
  }
  task_outcome(t, return_value);
}

ZEND_METHOD(Loom_Task, cancel) {
  zend_object* reason = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_OBJ_OF_CLASS_OR_NULL(reason, zend_ce_throwable)
  ZEND_PARSE_PARAMETERS_END();
  task_cancel(task_from_obj(Z_OBJ_P(ZEND_THIS)), reason);
}

ZEND_METHOD(Loom_Task, isFinished) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(task_from_obj(Z_OBJ_P(ZEND_THIS))->state == TaskState::Done);
}

ZEND_METHOD(Loom_Task, id) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(task_from_obj(Z_OBJ_P(ZEND_THIS))->id);
}

ZEND_FUNCTION(Loom_onUnhandled) {
  zend_fcall_info fci = empty_fcall_info;
  zend_fcall_info_cache fcc = empty_fcall_info_cache;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_FUNC_OR_NULL(fci, fcc)
  ZEND_PARSE_PARAMETERS_END();
  Scheduler& s = sched();
  // The callable zval keeps its object or closure alive; the cache holds what PHP resolved here, in the
  // caller's scope (a private method named from inside its class). Z_PARAM_FUNC leaves a __call /
  // __callStatic trampoline out of the cache, so the call re-resolves it each time.
  zval old;
  ZVAL_COPY_VALUE(&old, &s.unhandled_handler);
  ZVAL_UNDEF(&s.unhandled_handler);
  s.unhandled_fcc = empty_fcall_info_cache;
  if (ZEND_FCI_INITIALIZED(fci)) {
    ZVAL_COPY(&s.unhandled_handler, &fci.function_name);
    s.unhandled_fcc = fcc;
  }
  zval_ptr_dtor(&old);  // last: its destructor may run PHP code that sets another handler
}
