// Loom\Internal\Poller: a set of stream and signal watches one PHP context waits on (the event loop
// of loom/adapters' Revolt driver). The reactor's callbacks only record readiness and wake the waiter;
// wait() is a normal scheduler wait (suspends only its caller, cancellable, seen by deadlock reports),
// or, for unreferenced work, a weak one: its polls and signal handles are then unreferenced too, so it
// keeps nothing running and ends (released) when nothing else is left.
#include <uv.h>

#include <cmath>
#include <map>

#include "io/io.h"
#include "io_arginfo.h"
#include "object.h"
#include "reactor/fd_watch.h"
#include "reactor/reactor.h"
#include "scheduler/api.h"

namespace loom::io {

namespace {

zend_class_entry* ce_poller;
zend_object_handlers poller_handlers;

enum : int { kRead = 1, kWrite = 2, kSignal = 4 };

struct PollerObj;

struct Watch {
  zend_long id;
  PollerObj* owner;
  reactor::FdWatch* fd;  // a stream watch (null for a signal, or when paused)
  uv_signal_t* sig;      // a signal watch
  int events;            // kRead | kWrite, or kSignal
  int signo;
  int ready;  // recorded since the last wait() (signals)
  zval stream;
};

struct PollerObj {
  std::map<zend_long, Watch*>* watches;
  Waiter* waiter;  // the context in wait(), if any
  bool wakeup;     // wakeup() called while nobody waited
  bool paused;
  bool weak;  // the handles are unreferenced (the last wait() was an unreferenced one)
  zend_object std;
};

PollerObj* poller_from(zend_object* o) { return object_from<PollerObj>(o); }

void wake_owner(PollerObj* p) {
  if (Waiter* w = p->waiter) {
    p->waiter = nullptr;
    wake(w);
  }
}

void on_fd_ready(void* data) { wake_owner(static_cast<Watch*>(data)->owner); }

void on_signal(uv_signal_t* h, int) {
  auto* w = static_cast<Watch*>(h->data);
  w->ready |= kSignal;
  wake_owner(w->owner);
}

void detach_poller(Waiter*, void* data) { static_cast<PollerObj*>(data)->waiter = nullptr; }
const WaitSource poller_source = {"Loom\\Internal\\Poller::wait", detach_poller};

int fd_events(int events) {
  return ((events & kRead) ? reactor::kReadable : 0) | ((events & kWrite) ? reactor::kWritable : 0);
}

// The stream's fd, or -1 (closed, or not castable to an fd).
int stream_fd(zval* zstream) {
  if (Z_TYPE_P(zstream) != IS_RESOURCE) return -1;
  zend_resource* res = Z_RES_P(zstream);
  if (res->type != php_file_le_stream() && res->type != php_file_le_pstream()) return -1;  // fclose()d
  auto* stream = static_cast<php_stream*>(res->ptr);
  int fd = -1;
  if (php_stream_can_cast(stream, PHP_STREAM_AS_FD_FOR_SELECT | PHP_STREAM_CAST_INTERNAL) != SUCCESS)
    return -1;
  if (php_stream_cast(stream, PHP_STREAM_AS_FD_FOR_SELECT | PHP_STREAM_CAST_INTERNAL,
                      reinterpret_cast<void**>(&fd), 0) != SUCCESS)
    return -1;
  return fd;
}

bool stream_open(zval* zstream) {
  return Z_TYPE_P(zstream) == IS_RESOURCE &&
         (Z_RES_P(zstream)->type == php_file_le_stream() || Z_RES_P(zstream)->type == php_file_le_pstream());
}

void close_native(Watch* w) {
  if (w->fd) {
    w->fd->close();
    w->fd = nullptr;
  }
  if (w->sig) {
    uv_close(reinterpret_cast<uv_handle_t*>(w->sig),
             [](uv_handle_t* h) { delete reinterpret_cast<uv_signal_t*>(h); });
    w->sig = nullptr;
  }
}

void free_watch(Watch* w) {
  close_native(w);
  zval_ptr_dtor(&w->stream);
  efree(w);
}

void remove_watch(PollerObj* p, zend_long id) {
  auto it = p->watches->find(id);
  if (it == p->watches->end()) return;
  Watch* w = it->second;
  p->watches->erase(it);
  free_watch(w);
}

// Makes the watch's native handle keep the loop alive or not, as the poller's waits currently do.
void apply_ref(Watch* w) {
  bool weak = w->owner->weak;
  if (w->fd) w->fd->set_weak(weak);
  if (w->sig) reactor::set_referenced(reinterpret_cast<uv_handle_t*>(w->sig), !weak);
}

void set_weak(PollerObj* p, bool weak) {
  if (p->weak == weak) return;
  p->weak = weak;
  for (auto& [id, w] : *p->watches) apply_ref(w);
}

// Starts the native side of a watch (after creation, or after pause()). False: the fd cannot be polled.
bool arm(Watch* w) {
  uv_loop_t* loop = reactor::Reactor::instance().loop();
  if (w->events & kSignal) {
    if (w->sig) return true;
    auto* h = new uv_signal_t;
    uv_signal_init(loop, h);
    h->data = w;
    if (uv_signal_start(h, on_signal, w->signo) != 0) {
      uv_close(reinterpret_cast<uv_handle_t*>(h),
               [](uv_handle_t* x) { delete reinterpret_cast<uv_signal_t*>(x); });
      return false;
    }
    w->sig = h;
    apply_ref(w);
    return true;
  }
  if (w->fd && !w->fd->stale()) return true;
  if (w->fd) {
    w->fd->close();
    w->fd = nullptr;
  }
  int fd = stream_fd(&w->stream);
  if (fd < 0) return false;
  w->fd = reactor::FdWatch::open(loop, fd, on_fd_ready, w);
  if (!w->fd) return false;
  w->fd->set_events(fd_events(w->events));
  apply_ref(w);
  return true;
}

zend_object* poller_create(zend_class_entry* ce) {
  auto* p = object_alloc<PollerObj>(ce, &poller_handlers);
  p->watches = new std::map<zend_long, Watch*>();
  return &p->std;
}

void poller_free(zend_object* o) {
  PollerObj* p = poller_from(o);
  if (p->waiter) {
    // Cannot happen while wait() runs (its frame holds the object); be safe at request end.
    p->waiter = nullptr;
  }
  for (auto& [id, w] : *p->watches) free_watch(w);
  delete p->watches;
  zend_object_std_dtor(o);
}

HashTable* poller_get_gc(zend_object* o, zval** table, int* n) {
  PollerObj* p = poller_from(o);
  zend_get_gc_buffer* buf = zend_get_gc_buffer_create();
  for (auto& [id, w] : *p->watches) zend_get_gc_buffer_add_zval(buf, &w->stream);
  zend_get_gc_buffer_use(buf, table, n);
  return zend_std_get_properties(o);
}

Watch* new_watch(PollerObj* p, zend_long id) {
  remove_watch(p, id);
  auto* w = static_cast<Watch*>(ecalloc(1, sizeof(Watch)));
  w->id = id;
  w->owner = p;
  ZVAL_UNDEF(&w->stream);
  (*p->watches)[id] = w;
  return w;
}

}  // namespace

void io_minit() {
  ce_poller = register_class_Loom_Internal_Poller();
  ce_poller->create_object = poller_create;
  init_handlers<PollerObj>(&poller_handlers, poller_free, poller_get_gc);
}

}  // namespace loom::io

using namespace loom::io;
namespace reactor = loom::reactor;

ZEND_METHOD(Loom_Internal_Poller, watchStream) {
  zend_long id, events;
  zval* stream;
  ZEND_PARSE_PARAMETERS_START(3, 3)
  Z_PARAM_LONG(id)
  Z_PARAM_ZVAL(stream)
  Z_PARAM_LONG(events)
  ZEND_PARSE_PARAMETERS_END();
  if (Z_TYPE_P(stream) != IS_RESOURCE) {
    zend_argument_type_error(2, "must be of type resource, %s given", zend_zval_type_name(stream));
    RETURN_THROWS();
  }
  if (events <= 0 || (events & ~(kRead | kWrite))) {
    zend_argument_value_error(3, "must be a combination of Poller::READABLE and Poller::WRITABLE");
    RETURN_THROWS();
  }
  PollerObj* p = poller_from(Z_OBJ_P(ZEND_THIS));
  Watch* w = new_watch(p, id);
  w->events = static_cast<int>(events);
  ZVAL_COPY(&w->stream, stream);
  if (p->paused) RETURN_TRUE;  // armed by the next wait()
  RETURN_BOOL(arm(w));
}

ZEND_METHOD(Loom_Internal_Poller, watchSignal) {
  zend_long id, signo;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_LONG(id)
  Z_PARAM_LONG(signo)
  ZEND_PARSE_PARAMETERS_END();
  if (signo <= 0 || signo >= 65) {
    zend_argument_value_error(2, "must be a valid signal number");
    RETURN_THROWS();
  }
  PollerObj* p = poller_from(Z_OBJ_P(ZEND_THIS));
  Watch* w = new_watch(p, id);
  w->events = kSignal;
  w->signo = static_cast<int>(signo);
  if (!p->paused && !arm(w)) {
    remove_watch(p, id);
    zend_argument_value_error(2, "must be a signal that can be handled, %d given", static_cast<int>(signo));
    RETURN_THROWS();
  }
}

ZEND_METHOD(Loom_Internal_Poller, unwatch) {
  zend_long id;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_LONG(id)
  ZEND_PARSE_PARAMETERS_END();
  remove_watch(poller_from(Z_OBJ_P(ZEND_THIS)), id);
}

// Collects what is ready into `out`; true if anything was.
static bool collect(PollerObj* p, zval* out) {
  bool any = false;
  for (auto& [id, w] : *p->watches) {
    int got = 0;
    if (w->events & kSignal) {
      got = w->ready;
      w->ready = 0;
    } else if (!stream_open(&w->stream)) {
      // fclose()d under the watch: stop polling that fd now; the owner hears of it as readiness.
      if (w->fd) {
        w->fd->close();
        w->fd = nullptr;
      }
      got = w->events;
    } else if (!w->fd) {
      got = w->events;  // not pollable (a plain file): always ready, as select() reports it
    } else {
      int r = w->fd->take_ready();
      if (r & reactor::kFdError) r |= reactor::kReadable | reactor::kWritable;
      if (r & reactor::kReadable) got |= kRead;
      if (r & reactor::kWritable) got |= kWrite;
      got &= w->events;
    }
    if (got) {
      if (!any) array_init(out);
      add_index_long(out, id, got);
      any = true;
    }
  }
  return any;
}

ZEND_METHOD(Loom_Internal_Poller, wait) {
  double timeout;
  bool referenced = true;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_DOUBLE(timeout)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(referenced)
  ZEND_PARSE_PARAMETERS_END();
  if (std::isnan(timeout)) {
    zend_argument_value_error(1, "must not be NAN");
    RETURN_THROWS();
  }
  PollerObj* p = poller_from(Z_OBJ_P(ZEND_THIS));
  if (p->waiter) {
    zend_throw_error(nullptr, "Loom\\Internal\\Poller::wait(): another context is waiting on this poller");
    RETURN_THROWS();
  }
  set_weak(p, !referenced);
  if (p->paused) {
    p->paused = false;
    for (auto& [id, w] : *p->watches) arm(w);
  }
  if (p->wakeup) {
    p->wakeup = false;
    if (!collect(p, return_value)) RETURN_EMPTY_ARRAY();
    return;
  }
  // Every wait goes through the scheduler, with no delay when something is ready: a stream that is
  // always ready (a plain file, a socket with unread data) must neither keep the other tasks from running
  // (the loop would go from callback to callback) nor keep an unreferenced wait from being released when
  // nothing else is left. Where nothing may suspend, what is ready is returned as it is.
  bool ready = collect(p, return_value);
  if (ready && !loom::can_suspend()) return;
  if (!loom::check_can_suspend("Loom\\Internal\\Poller::wait")) {
    zval_ptr_dtor(return_value);
    RETURN_THROWS();
  }
  loom::Waiter* w = loom::waiter_new(&poller_source, p, nullptr);
  if (!referenced) loom::waiter_make_weak(w);
  if (ready)
    loom::waiter_arm_deadline(w, 0);
  else if (timeout >= 0)
    loom::waiter_arm_deadline(w, timeout);
  p->waiter = w;
  bool ok = loom::suspend(w);
  if (p->waiter == w) p->waiter = nullptr;
  bool released = loom::waiter_released(w);
  loom::waiter_free(w);
  if (!ok || released) {
    // Released: nothing else keeps the scheduler running; what was ready is dropped with the wait
    // (its owner stops waiting on this poller).
    zval_ptr_dtor(return_value);
    if (!ok) RETURN_THROWS();
    RETURN_NULL();
  }
  p->wakeup = false;
  if (!ready) {
    if (!collect(p, return_value)) RETURN_EMPTY_ARRAY();
  } else {
    zval more;
    ZVAL_UNDEF(&more);
    if (collect(p, &more)) {
      zend_ulong id;
      zval* bits;
      ZEND_HASH_FOREACH_NUM_KEY_VAL(Z_ARRVAL(more), id, bits) {
        zval* have = zend_hash_index_find(Z_ARRVAL_P(return_value), id);
        if (have)
          Z_LVAL_P(have) |= Z_LVAL_P(bits);
        else
          add_index_long(return_value, id, Z_LVAL_P(bits));
      }
      ZEND_HASH_FOREACH_END();
      zval_ptr_dtor(&more);
    }
  }
}

ZEND_METHOD(Loom_Internal_Poller, wakeup) {
  ZEND_PARSE_PARAMETERS_NONE();
  PollerObj* p = poller_from(Z_OBJ_P(ZEND_THIS));
  if (p->waiter)
    wake_owner(p);
  else
    p->wakeup = true;
}

ZEND_METHOD(Loom_Internal_Poller, pause) {
  ZEND_PARSE_PARAMETERS_NONE();
  PollerObj* p = poller_from(Z_OBJ_P(ZEND_THIS));
  if (p->paused) return;
  p->paused = true;
  for (auto& [id, w] : *p->watches) close_native(w);
}

ZEND_METHOD(Loom_Internal_Poller, count) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(static_cast<zend_long>(poller_from(Z_OBJ_P(ZEND_THIS))->watches->size()));
}
