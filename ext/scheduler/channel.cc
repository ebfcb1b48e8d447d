// Loom\Channel: a bounded FIFO between tasks; send waits while full, receive while empty.
#include "compat.h"
#include "object.h"
#include "scheduler/internal.h"

namespace loom {

zend_class_entry* ce_channel;
static zend_object_handlers channel_handlers;

namespace {

struct Channel {
  zend_long capacity;
  bool closed;
  bool constructed;
  zval* buf;  // ring buffer of `slots` slots, grown on demand up to `capacity` (a bound, not an allocation)
  zend_long slots;
  zend_long head;  // index of the oldest value
  zend_long count;
  WaitQueue senders;
  WaitQueue receivers;
  zend_object std;
};

Channel* channel_from_obj(zend_object* obj) { return object_from<Channel>(obj); }

void detach_sender(Waiter* w, void* data) { wait_queue_remove(&static_cast<Channel*>(data)->senders, w); }
void detach_receiver(Waiter* w, void* data) { wait_queue_remove(&static_cast<Channel*>(data)->receivers, w); }

const WaitSource channel_send_source = {"channel send", detach_sender};
const WaitSource channel_receive_source = {"channel receive", detach_receiver};

zend_object* channel_create(zend_class_entry* ce) {
  return &object_alloc<Channel>(ce, &channel_handlers)->std;
}

void channel_free(zend_object* obj) {
  Channel* c = channel_from_obj(obj);
  for (zend_long i = 0; i < c->count; i++) zval_ptr_dtor(&c->buf[(c->head + i) % c->slots]);
  if (c->buf) efree(c->buf);
  // Waiters cannot outlive the channel: a waiting fiber holds $this. Be defensive all the same.
  wait_queue_abandon(&c->senders);
  wait_queue_abandon(&c->receivers);
  zend_object_std_dtor(obj);
}

HashTable* channel_get_gc(zend_object* obj, zval** table, int* n) {
  Channel* c = channel_from_obj(obj);
  zend_get_gc_buffer* gcb = zend_get_gc_buffer_create();
  for (zend_long i = 0; i < c->count; i++)
    zend_get_gc_buffer_add_zval(gcb, &c->buf[(c->head + i) % c->slots]);
  for (Waiter* w = c->senders.head; w; w = wait_queue_next(w))
    zend_get_gc_buffer_add_zval(gcb, waiter_value(w));
  zend_get_gc_buffer_use(gcb, table, n);
  return zend_std_get_properties(obj);
}

// Doubles the ring (at most to capacity), unrolling it so the oldest value is at index 0.
void buf_grow(Channel* c) {
  zend_long want = c->slots ? c->slots * 2 : 8;
  if (want > c->capacity || want < c->slots) want = c->capacity;
  zval* bigger = static_cast<zval*>(safe_emalloc(want, sizeof(zval), 0));
  for (zend_long i = 0; i < c->count; i++) ZVAL_COPY_VALUE(&bigger[i], &c->buf[(c->head + i) % c->slots]);
  if (c->buf) efree(c->buf);
  c->buf = bigger;
  c->slots = want;
  c->head = 0;
}

void buf_push(Channel* c, zval* v) {  // takes ownership of v; the caller checked count < capacity
  if (c->count == c->slots) buf_grow(c);
  ZVAL_COPY_VALUE(&c->buf[(c->head + c->count) % c->slots], v);
  c->count++;
}

void buf_pop(Channel* c, zval* out) {
  ZVAL_COPY_VALUE(out, &c->buf[c->head]);
  c->head = (c->head + 1) % c->slots;
  c->count--;
}

// 1: a value in *out; 0: closed and drained; -1: an exception is pending.
int channel_receive(Channel* c, zval* out) {
  if (c->count > 0) {
    buf_pop(c, out);
    if (Waiter* s = wait_queue_pop(&c->senders)) {
      buf_push(c, waiter_value(s));
      ZVAL_UNDEF(waiter_value(s));
      wake(s);
    }
    return 1;
  }
  if (Waiter* s = wait_queue_pop(&c->senders)) {  // unbuffered: take the value straight from the sender
    ZVAL_COPY_VALUE(out, waiter_value(s));
    ZVAL_UNDEF(waiter_value(s));
    wake(s);
    return 1;
  }
  if (c->closed) return 0;
  if (!check_can_suspend("Loom\\Channel::receive")) return -1;
  Waiter* w = waiter_new(&channel_receive_source, c, nullptr);
  wait_queue_push(&c->receivers, w);
  GC_ADDREF(&c->std);
  bool ok = suspend(w);
  if (ok && Z_TYPE_P(waiter_value(w)) != IS_UNDEF) {
    ZVAL_COPY_VALUE(out, waiter_value(w));
    ZVAL_UNDEF(waiter_value(w));
  }
  bool closed = ok && Z_TYPE_P(out) == IS_UNDEF;
  waiter_free(w);
  OBJ_RELEASE(&c->std);
  if (!ok) {
    // Closed while we waited: that is the end of the stream for an iterator, an error for receive().
    if (EG(exception) && instanceof_function(EG(exception)->ce, ce_channel_closed) && c->closed &&
        c->count == 0) {
      return -2;
    }
    return -1;
  }
  return closed ? 0 : 1;
}

zend_object* closed_error(const char* what) { return make_exception(ce_channel_closed, nullptr, "%s", what); }

// --- foreach support

struct ChannelIterator {
  zend_object_iterator it;
  zval current;
  zend_long key;
  bool fetched;
};

void it_fetch(ChannelIterator* ci) {
  zval_ptr_dtor(&ci->current);
  ZVAL_UNDEF(&ci->current);
  Channel* c = channel_from_obj(Z_OBJ(ci->it.data));
  int r = channel_receive(c, &ci->current);
  if (r == -2) zend_clear_exception();  // closed while waiting: the loop just ends
  ci->fetched = true;
}

void it_dtor(zend_object_iterator* it) {
  auto* ci = reinterpret_cast<ChannelIterator*>(it);
  zval_ptr_dtor(&ci->current);
  zval_ptr_dtor(&it->data);
}

loom_iterator_valid_t it_valid(zend_object_iterator* it) {
  auto* ci = reinterpret_cast<ChannelIterator*>(it);
  if (!ci->fetched) it_fetch(ci);
  return Z_TYPE(ci->current) != IS_UNDEF ? SUCCESS : FAILURE;
}

zval* it_current(zend_object_iterator* it) { return &reinterpret_cast<ChannelIterator*>(it)->current; }

void it_key(zend_object_iterator* it, zval* key) {
  ZVAL_LONG(key, reinterpret_cast<ChannelIterator*>(it)->key);
}

void it_next(zend_object_iterator* it) {
  auto* ci = reinterpret_cast<ChannelIterator*>(it);
  ci->key++;
  it_fetch(ci);
}

void it_rewind(zend_object_iterator* it) {}

const zend_object_iterator_funcs channel_iterator_funcs = {
    it_dtor, it_valid, it_current, it_key, it_next, it_rewind, nullptr, nullptr,
};

zend_object_iterator* channel_get_iterator(zend_class_entry* ce, zval* object, int by_ref) {
  if (by_ref) {
    zend_throw_error(nullptr, "Loom\\Channel cannot be iterated by reference");
    return nullptr;
  }
  auto* ci = static_cast<ChannelIterator*>(ecalloc(1, sizeof(ChannelIterator)));
  zend_iterator_init(&ci->it);
  ZVAL_OBJ_COPY(&ci->it.data, Z_OBJ_P(object));
  ci->it.funcs = &channel_iterator_funcs;
  ZVAL_UNDEF(&ci->current);
  return &ci->it;
}

}  // namespace

void channel_class_init() {
  ce_channel->create_object = channel_create;
  ce_channel->get_iterator = channel_get_iterator;
  init_handlers<Channel>(&channel_handlers, channel_free, channel_get_gc);
}

}  // namespace loom

using namespace loom;

ZEND_METHOD(Loom_Channel, __construct) {
  zend_long capacity = 0;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(capacity)
  ZEND_PARSE_PARAMETERS_END();
  if (capacity < 0) {
    zend_argument_value_error(1, "must be greater than or equal to 0");
    RETURN_THROWS();
  }
  Channel* c = channel_from_obj(Z_OBJ_P(ZEND_THIS));
  if (c->constructed) {
    zend_throw_error(nullptr, "Loom\\Channel is already constructed");
    RETURN_THROWS();
  }
  c->constructed = true;
  c->capacity = capacity;
}

ZEND_METHOD(Loom_Channel, send) {
  zval* value;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ZVAL(value)
  ZEND_PARSE_PARAMETERS_END();
  Channel* c = channel_from_obj(Z_OBJ_P(ZEND_THIS));
  if (c->closed) {
    zend_throw_exception(ce_channel_closed, "Loom\\Channel::send(): the channel is closed", 0);
    RETURN_THROWS();
  }
  if (Waiter* r = wait_queue_pop(&c->receivers)) {
    wake_with_value(r, value);
    return;
  }
  if (c->count < c->capacity) {
    zval copy;
    ZVAL_COPY(&copy, value);
    buf_push(c, &copy);
    return;
  }
  if (!check_can_suspend("Loom\\Channel::send")) RETURN_THROWS();
  Waiter* w = waiter_new(&channel_send_source, c, nullptr);
  ZVAL_COPY(waiter_value(w), value);
  wait_queue_push(&c->senders, w);
  bool ok = suspend(w);
  waiter_free(w);
  if (!ok) RETURN_THROWS();
}

ZEND_METHOD(Loom_Channel, receive) {
  ZEND_PARSE_PARAMETERS_NONE();
  Channel* c = channel_from_obj(Z_OBJ_P(ZEND_THIS));
  zval v;
  ZVAL_UNDEF(&v);
  int r = channel_receive(c, &v);
  if (r < 0) RETURN_THROWS();
  if (r == 0) {
    zend_throw_exception(ce_channel_closed, "Loom\\Channel::receive(): the channel is closed and empty", 0);
    RETURN_THROWS();
  }
  RETURN_COPY_VALUE(&v);
}

ZEND_METHOD(Loom_Channel, close) {
  ZEND_PARSE_PARAMETERS_NONE();
  Channel* c = channel_from_obj(Z_OBJ_P(ZEND_THIS));
  if (c->closed) return;
  c->closed = true;
  while (Waiter* r = wait_queue_pop(&c->receivers))
    wake_with_error(r, closed_error("Loom\\Channel::receive(): the channel was closed while waiting"));
  while (Waiter* s = wait_queue_pop(&c->senders))
    wake_with_error(s, closed_error("Loom\\Channel::send(): the channel was closed while waiting"));
}

ZEND_METHOD(Loom_Channel, isClosed) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(channel_from_obj(Z_OBJ_P(ZEND_THIS))->closed);
}

ZEND_METHOD(Loom_Channel, getIterator) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_create_internal_iterator_zval(return_value, ZEND_THIS);
}
