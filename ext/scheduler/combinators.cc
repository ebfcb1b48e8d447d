// all, race, any, settle, map and timeout: waits on many tasks through one waiter and its listeners.
#include "object.h"
#include "scheduler/internal.h"

namespace loom {

namespace {

// The tasks of one combinator call, keyed like the input, and one listener per task.
struct Group {
  HashTable* tasks;  // key => Task object (a reference each)
  Listener* listeners;
  Task** by_index;  // the same tasks by input position (the listener tag)
  uint32_t n;
  Waiter* w;
};

// Collects an iterable of Loom\Task into g->tasks. Fails with a TypeError naming the bad element.
bool group_collect(Group* g, zval* iterable) {
  g->tasks = zend_new_array(0);
  return for_each_iterable(iterable, [&](zval* key, zval* val) -> bool {
    ZVAL_DEREF(val);
    if (Z_TYPE_P(val) != IS_OBJECT || Z_OBJCE_P(val) != ce_task) {
      zend_argument_type_error(1, "must contain only Loom\\Task objects, %s found", zend_zval_type_name(val));
      return false;
    }
    array_set_by_key(g->tasks, key, val);
    return true;
  });
}

void group_attach(Group* g, const char* what) {
  g->n = zend_hash_num_elements(g->tasks);
  g->w = waiter_new(what);
  g->listeners = static_cast<Listener*>(ecalloc(g->n ? g->n : 1, sizeof(Listener)));
  g->by_index = static_cast<Task**>(ecalloc(g->n ? g->n : 1, sizeof(Task*)));
  uint32_t i = 0;
  zval* v;
  ZEND_HASH_FOREACH_VAL(g->tasks, v) {
    g->by_index[i] = task_from_obj(Z_OBJ_P(v));
    listener_attach(&g->listeners[i], task_from_obj(Z_OBJ_P(v)), g->w, i);
    i++;
  }
  ZEND_HASH_FOREACH_END();
}

// Next task to finish (in completion order); null with an exception pending when the wait failed.
Task* group_next(Group* g) {
  for (;;) {
    Listener* l = waiter_pop_fired(g->w);
    if (l) return g->by_index[l->tag];
    waiter_rearm(g->w);
    if (!suspend(g->w)) return nullptr;
  }
}

void group_cancel_rest(Group* g) {
  zval* v;
  ZEND_HASH_FOREACH_VAL(g->tasks, v) { task_cancel(task_from_obj(Z_OBJ_P(v)), nullptr); }
  ZEND_HASH_FOREACH_END();
}

void group_free(Group* g) {
  if (g->listeners) {
    for (uint32_t i = 0; i < g->n; i++) listener_detach(&g->listeners[i]);
    efree(g->listeners);
  }
  if (g->by_index) efree(g->by_index);
  if (g->w) waiter_free(g->w);
  if (g->tasks) zend_array_release(g->tasks);
}

bool group_begin(Group* g, zval* iterable, const char* what) {
  memset(g, 0, sizeof(*g));
  if (!group_collect(g, iterable)) return false;
  group_attach(g, what);
  return true;
}

// Every task's outcome into `values` / `errors` (arrays, or null to leave that kind out), keyed like
// the input and in its order; marks the tasks observed.
void group_outcomes(Group* g, zval* values, zval* errors) {
  zend_ulong idx;
  zend_string* key;
  zval* v;
  ZEND_HASH_FOREACH_KEY_VAL(g->tasks, idx, key, v) {
    Task* t = task_from_obj(Z_OBJ_P(v));
    t->observed = true;
    zval* dst = t->error ? errors : values;
    if (!dst) continue;
    zval item;
    if (t->error)
      ZVAL_OBJ_COPY(&item, t->error);
    else
      ZVAL_COPY(&item, &t->result);
    if (key)
      zend_hash_update(Z_ARRVAL_P(dst), key, &item);
    else
      zend_hash_index_update(Z_ARRVAL_P(dst), idx, &item);
  }
  ZEND_HASH_FOREACH_END();
}

// race() and any(): at least one task, and a context that may wait. Frees the group on failure.
bool group_begin_nonempty(Group* g, zval* iterable, const char* what, const char* fname) {
  if (!group_begin(g, iterable, what)) {
    group_free(g);
    return false;
  }
  if (g->n == 0) {
    group_free(g);
    zend_argument_value_error(1, "must contain at least one task");
    return false;
  }
  if (!check_can_suspend(fname)) {
    group_free(g);
    return false;
  }
  return true;
}

}  // namespace
}  // namespace loom

using namespace loom;

ZEND_FUNCTION(Loom_all) {
  zval* iterable;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ITERABLE(iterable)
  ZEND_PARSE_PARAMETERS_END();
  Group g;
  if (!group_begin(&g, iterable, "all")) {
    group_free(&g);
    RETURN_THROWS();
  }
  uint32_t done = 0;
  if (g.n && !check_can_suspend("Loom\\all")) {
    group_free(&g);
    RETURN_THROWS();
  }
  while (done < g.n) {
    Task* t = group_next(&g);
    if (!t) {
      group_free(&g);
      RETURN_THROWS();
    }
    done++;
    if (t->error) {
      // The first failure cancels the rest and is thrown.
      group_cancel_rest(&g);
      zval ignored;
      ZVAL_UNDEF(&ignored);
      task_outcome(t, &ignored);
      group_free(&g);
      RETURN_THROWS();
    }
  }
  array_init_size(return_value, g.n);
  group_outcomes(&g, return_value, nullptr);
  group_free(&g);
}

ZEND_FUNCTION(Loom_settle) {
  zval* iterable;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ITERABLE(iterable)
  ZEND_PARSE_PARAMETERS_END();
  Group g;
  if (!group_begin(&g, iterable, "settle")) {
    group_free(&g);
    RETURN_THROWS();
  }
  if (g.n && !check_can_suspend("Loom\\settle")) {
    group_free(&g);
    RETURN_THROWS();
  }
  for (uint32_t done = 0; done < g.n; done++) {
    if (!group_next(&g)) {
      group_free(&g);
      RETURN_THROWS();
    }
  }
  zval values, errors;
  array_init(&values);
  array_init(&errors);
  group_outcomes(&g, &values, &errors);
  group_free(&g);
  array_init_size(return_value, 2);
  add_next_index_zval(return_value, &values);
  add_next_index_zval(return_value, &errors);
}

ZEND_FUNCTION(Loom_race) {
  zval* iterable;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ITERABLE(iterable)
  ZEND_PARSE_PARAMETERS_END();
  Group g;
  if (!group_begin_nonempty(&g, iterable, "race", "Loom\\race")) RETURN_THROWS();
  Task* t = group_next(&g);
  if (!t) {
    group_free(&g);
    RETURN_THROWS();
  }
  GC_ADDREF(&t->std);
  group_cancel_rest(&g);
  group_free(&g);
  task_outcome(t, return_value);
  OBJ_RELEASE(&t->std);
}

ZEND_FUNCTION(Loom_any) {
  zval* iterable;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ITERABLE(iterable)
  ZEND_PARSE_PARAMETERS_END();
  Group g;
  if (!group_begin_nonempty(&g, iterable, "any", "Loom\\any")) RETURN_THROWS();
  for (uint32_t done = 0; done < g.n; done++) {
    Task* t = group_next(&g);
    if (!t) {
      group_free(&g);
      RETURN_THROWS();
    }
    if (!t->error) {
      GC_ADDREF(&t->std);
      group_cancel_rest(&g);
      group_free(&g);
      task_outcome(t, return_value);
      OBJ_RELEASE(&t->std);
      return;
    }
  }
  // Every task failed.
  zval errors;
  array_init(&errors);
  group_outcomes(&g, nullptr, &errors);
  zend_object* ex = make_exception(ce_composite, nullptr, "Loom\\any(): all %u tasks failed", g.n);
  zend_update_property(ce_composite, ex, "errors", sizeof("errors") - 1, &errors);
  zval_ptr_dtor(&errors);
  group_free(&g);
  zval zex;
  ZVAL_OBJ(&zex, ex);
  zend_throw_exception_object(&zex);
}

ZEND_FUNCTION(Loom_map) {
  zval* iterable;
  zval* callable;
  zend_long concurrency;
  ZEND_PARSE_PARAMETERS_START(3, 3)
  Z_PARAM_ITERABLE(iterable)
  Z_PARAM_ZVAL(callable)
  Z_PARAM_LONG(concurrency)
  ZEND_PARSE_PARAMETERS_END();
  if (!require_callable(callable, 2)) RETURN_THROWS();
  if (concurrency < 1) {
    zend_argument_value_error(3, "must be greater than or equal to 1");
    RETURN_THROWS();
  }
  // Snapshot the items (keys kept).
  zval items;
  if (Z_TYPE_P(iterable) == IS_ARRAY) {
    ZVAL_COPY(&items, iterable);
  } else {
    array_init(&items);
    if (!for_each_iterable(iterable, [&](zval* key, zval* val) -> bool {
          array_set_by_key(Z_ARRVAL(items), key, val);
          return true;
        })) {
      zval_ptr_dtor(&items);
      RETURN_THROWS();
    }
  }
  uint32_t n = zend_hash_num_elements(Z_ARRVAL(items));
  if (n == 0) {
    zval_ptr_dtor(&items);
    RETURN_EMPTY_ARRAY();
  }
  if (!check_can_suspend("Loom\\map")) {
    zval_ptr_dtor(&items);
    RETURN_THROWS();
  }
  // Tasks spawned so far, by position; one listener each.
  zval* tasks = static_cast<zval*>(safe_emalloc(n, sizeof(zval), 0));
  Listener* ls = static_cast<Listener*>(ecalloc(n, sizeof(Listener)));
  Waiter* w = waiter_new("map");
  uint32_t spawned = 0, finished = 0, inflight = 0;
  zval* vals = static_cast<zval*>(safe_emalloc(n, sizeof(zval), 0));
  {
    uint32_t i = 0;
    zval* v;
    ZEND_HASH_FOREACH_VAL(Z_ARRVAL(items), v) { ZVAL_COPY_VALUE(&vals[i++], v); }
    ZEND_HASH_FOREACH_END();
  }
  bool failed = false;
  while (finished < n) {
    while (inflight < (zend_ulong)concurrency && spawned < n) {
      zval* arg = &vals[spawned];
      ZVAL_DEREF(arg);
      if (!fiber_budget_allows("Loom\\map")) {
        failed = true;
        break;
      }
      Task* t = task_spawn(callable, arg, 1, nullptr, &tasks[spawned]);
      listener_attach(&ls[spawned], t, w, spawned);
      spawned++;
      inflight++;
    }
    if (failed) break;
    Listener* l = waiter_pop_fired(w);
    if (!l) {
      waiter_rearm(w);
      if (!suspend(w)) {
        failed = true;
        break;
      }
      continue;
    }
    inflight--;
    finished++;
    Task* t = task_from_obj(Z_OBJ(tasks[l->tag]));
    if (t->error) {
      zval ignored;
      ZVAL_UNDEF(&ignored);
      task_outcome(t, &ignored);
      failed = true;
      break;
    }
  }
  for (uint32_t i = 0; i < spawned; i++) {
    listener_detach(&ls[i]);
    if (failed) task_cancel(task_from_obj(Z_OBJ(tasks[i])), nullptr);
  }
  if (!failed) {
    array_init_size(return_value, n);
    uint32_t i = 0;
    zend_ulong idx;
    zend_string* key;
    ZEND_HASH_FOREACH_KEY(Z_ARRVAL(items), idx, key) {
      Task* t = task_from_obj(Z_OBJ(tasks[i++]));
      t->observed = true;
      Z_TRY_ADDREF(t->result);
      if (key)
        zend_hash_update(Z_ARRVAL_P(return_value), key, &t->result);
      else
        zend_hash_index_update(Z_ARRVAL_P(return_value), idx, &t->result);
    }
    ZEND_HASH_FOREACH_END();
  } else {
    // Cancelled siblings' failures are expected: don't report them as unhandled.
    for (uint32_t i = 0; i < spawned; i++) task_from_obj(Z_OBJ(tasks[i]))->observed = true;
  }
  for (uint32_t i = 0; i < spawned; i++) zval_ptr_dtor(&tasks[i]);
  efree(tasks);
  efree(ls);
  efree(vals);
  waiter_free(w);
  zval_ptr_dtor(&items);
}

ZEND_FUNCTION(Loom_timeout) {
  double seconds;
  zval* callable;
  zval* args = nullptr;
  uint32_t argc = 0;
  HashTable* named = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, -1)
  Z_PARAM_DOUBLE(seconds)
  Z_PARAM_ZVAL(callable)
  Z_PARAM_VARIADIC_WITH_NAMED(args, argc, named)
  ZEND_PARSE_PARAMETERS_END();
  if (!valid_seconds(seconds, 1)) RETURN_THROWS();
  if (!require_callable(callable, 2)) RETURN_THROWS();
  if (!check_can_suspend("Loom\\timeout")) RETURN_THROWS();
  if (!fiber_budget_allows("Loom\\timeout")) RETURN_THROWS();
  zval tz;
  Task* t = task_spawn(callable, args, argc, named, &tz);
  Waiter* w = waiter_new_awaiting(t, "timeout");
  Listener l{};
  listener_attach(&l, t, w, 0);
  waiter_arm_deadline(w, seconds);
  bool ok = suspend(w);
  bool finished = waiter_pop_fired(w) != nullptr;
  listener_detach(&l);
  waiter_free(w);
  if (!ok) {
    task_cancel(t, nullptr);  // our caller was cancelled: so is the work
    t->observed = true;
    zval_ptr_dtor(&tz);
    RETURN_THROWS();
  }
  if (!finished) {
    zend_object* ex =
        make_exception(ce_timeout, nullptr, "Loom\\timeout(): timed out after %g seconds", seconds);
    task_cancel(t, ex);
    t->observed = true;
    zval_ptr_dtor(&tz);
    zval zex;
    ZVAL_OBJ(&zex, ex);
    zend_throw_exception_object(&zex);
    RETURN_THROWS();
  }
  task_outcome(t, return_value);
  zval_ptr_dtor(&tz);
}
