// Loom\Http\Client::stream() and its ResponseStream: many responses' bodies read by one task, piece by
// piece as they arrive, through the transfers' stream group (see StreamGroup in http.h).
#include "http/http.h"
#include "http/iterator.h"

namespace loom::http {

zend_class_entry* ce_response_stream;
static zend_object_handlers stream_handlers;

struct StreamIt {
  zval responses;  // array of Response objects being watched (keeps them alive for the keys yielded)
  zval key, current;
  StreamGroup* group;
  bool started;
  zend_object std;
};

static zend_object* stream_create(zend_class_entry* ce) {
  return &object_alloc<StreamIt>(ce, &stream_handlers)->std;
}

static void stream_free(zend_object* o) {
  auto* it = loom::object_from<StreamIt>(o);
  // Through the group only: in a garbage cycle the Response objects may already be freed.
  if (it->group) {
    group_dissolve(it->group);
    delete it->group;
    it->group = nullptr;
  }
  zval_ptr_dtor(&it->responses);
  zval_ptr_dtor(&it->key);
  zval_ptr_dtor(&it->current);
  zend_object_std_dtor(o);
}

static HashTable* stream_gc(zend_object* o, zval** t, int* n) {
  auto* it = loom::object_from<StreamIt>(o);
  zend_get_gc_buffer* buf = zend_get_gc_buffer_create();
  zend_get_gc_buffer_add_zval(buf, &it->responses);
  zend_get_gc_buffer_add_zval(buf, &it->key);
  zend_get_gc_buffer_add_zval(buf, &it->current);
  zend_get_gc_buffer_use(buf, t, n);
  return zend_std_get_properties(o);
}

// stream(): next (response, chunk) pair from whichever transfer has news.
static void stream_advance(StreamIt* it) {
  zval_ptr_dtor(&it->key);
  zval_ptr_dtor(&it->current);
  ZVAL_UNDEF(&it->key);
  ZVAL_UNDEF(&it->current);
  StreamGroup* g = it->group;
  if (!g) return;
  while (!g->members.empty()) {
    while (!g->ready.empty()) {  // only members are ready; each member's owner is alive
      Transfer* t = g->ready.front();
      g->ready.pop_front();
      t->group_flagged = false;
      if (!t->buf.empty()) {
        std::string s;
        take_body(t, s);  // resumes curl if the buffer had reached the high-water mark
        ZVAL_OBJ_COPY(&it->key, &t->owner->std);
        ZVAL_STRINGL(&it->current, s.data(), s.size());
        if (t->done && !t->group_flagged) {  // report its end next time
          t->group_flagged = true;
          g->ready.push_back(t);
        }
        return;
      }
      if (t->done) {  // its end, reported once: it leaves the group
        ZVAL_OBJ_COPY(&it->key, &t->owner->std);
        group_leave(t);
        if (t->failure != Failure::None) {
          throw_failure(t);
          return;
        }
        ZVAL_EMPTY_STRING(&it->current);
        return;
      }
    }
    if (g->waiter) {
      zend_throw_exception(
          spl_ce_LogicException,
          "Loom\\Http\\Client::stream(): this stream is already being iterated by another task; "
          "iterate a stream from one task",
          0);
      return;
    }
    if (!check_can_suspend("Loom\\Http\\Client::stream")) return;
    Waiter* w = waiter_new("http stream");
    g->waiter = w;
    bool ok = suspend(w);
    g->waiter = nullptr;
    waiter_free(w);
    if (!ok) return;
  }
}

static bool stream_first(StreamIt*) { return true; }
static void stream_key(StreamIt* it, zval* rv) {
  if (Z_TYPE(it->key) == IS_UNDEF)
    ZVAL_NULL(rv);
  else
    ZVAL_COPY(rv, &it->key);
}
static void stream_step(StreamIt*) {}
static const IteratorOps<StreamIt> stream_ops = {stream_first, stream_advance, stream_key, stream_step};
static zend_object_iterator* stream_get_iterator(zend_class_entry*, zval* object, int by_ref) {
  return engine_iterator_new(object, by_ref, &stream_ops);
}

void stream_class_init() {
  ce_response_stream->create_object = stream_create;
  ce_response_stream->get_iterator = stream_get_iterator;
  init_handlers<StreamIt>(&stream_handlers, stream_free, stream_gc);
}

}  // namespace loom::http

using namespace loom::http;

ZEND_METHOD(Loom_Http_ResponseStream, __construct) {
  iterator_refuse_construct("Loom\\Http\\ResponseStream");
}
ZEND_METHOD(Loom_Http_ResponseStream, rewind) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_rewind(ZEND_THIS, stream_ops);
}
ZEND_METHOD(Loom_Http_ResponseStream, valid) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_valid(ZEND_THIS, stream_ops, return_value);
}
ZEND_METHOD(Loom_Http_ResponseStream, current) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_current(ZEND_THIS, stream_ops, return_value);
}
ZEND_METHOD(Loom_Http_ResponseStream, key) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_key(ZEND_THIS, stream_ops, return_value);
}
ZEND_METHOD(Loom_Http_ResponseStream, next) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_next(ZEND_THIS, stream_ops);
}

// "index 2", "key \"slow\"" or "position 3": how a message names the response the caller listed.
static zend_string* describe_key(zval* key, uint32_t pos) {
  if (Z_TYPE_P(key) == IS_LONG) return zend_strpprintf(0, "index " ZEND_LONG_FMT, Z_LVAL_P(key));
  if (Z_TYPE_P(key) == IS_STRING) return zend_strpprintf(0, "key \"%s\"", Z_STRVAL_P(key));
  return zend_strpprintf(0, "position %u", pos);
}

// Each response is streamed by one stream, listed once, and has no other reader waiting for it; so a
// stream reports every response's end exactly once. Checked for the whole list before any joins.
static bool stream_accepts(zval* list, zval* keys) {
  HashTable seen;  // object handle => position in list
  zend_hash_init(&seen, zend_hash_num_elements(Z_ARRVAL_P(list)), nullptr, nullptr, 0);
  bool ok = true;
  uint32_t pos = 0;
  zval* v;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(list), v) {
    Transfer* t = response_from_obj(Z_OBJ_P(v))->t;
    zend_string* name = describe_key(zend_hash_index_find(Z_ARRVAL_P(keys), pos), pos);
    zval* first = zend_hash_index_find(&seen, Z_OBJ_HANDLE_P(v));
    if (first) {
      zend_string* other =
          describe_key(zend_hash_index_find(Z_ARRVAL_P(keys), Z_LVAL_P(first)), Z_LVAL_P(first));
      throw_invalid(
          "Loom\\Http\\Client::stream(): the response at %s is the same as the one at %s; list each "
          "response once",
          ZSTR_VAL(name), ZSTR_VAL(other));
      zend_string_release(other);
      ok = false;
    } else if (t->group) {
      throw_invalid(
          "Loom\\Http\\Client::stream(): the response at %s is already covered by another "
          "Loom\\Http\\Client::stream() that has not reported its end; a response is streamed by one "
          "stream at a time",
          ZSTR_VAL(name));
      ok = false;
    } else if (t->body_readers) {
      throw_invalid(
          "Loom\\Http\\Client::stream(): the response at %s is being read by another task (its "
          "body(), chunks() or events() is waiting for bytes); a response's body has one reader at a time",
          ZSTR_VAL(name));
      ok = false;
    }
    zend_string_release(name);
    if (!ok) break;
    zval p;
    ZVAL_LONG(&p, pos);
    zend_hash_index_add_new(&seen, Z_OBJ_HANDLE_P(v), &p);
    pos++;
  }
  ZEND_HASH_FOREACH_END();
  zend_hash_destroy(&seen);
  return ok;
}

ZEND_METHOD(Loom_Http_Client, stream) {
  zval* responses;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ITERABLE(responses)
  ZEND_PARSE_PARAMETERS_END();
  zval list, keys;  // the responses in order, and the key each had (for messages)
  array_init(&list);
  array_init(&keys);
  bool ok = loom::for_each_iterable(responses, [&](zval* key, zval* v) -> bool {
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) != IS_OBJECT || Z_OBJCE_P(v) != ce_response) {
      zend_argument_type_error(1, "must contain only Loom\\Http\\Response objects, %s found",
                               zend_zval_type_name(v));
      return false;
    }
    Z_ADDREF_P(v);
    zend_hash_next_index_insert(Z_ARRVAL(list), v);
    Z_TRY_ADDREF_P(key);
    zend_hash_next_index_insert(Z_ARRVAL(keys), key);
    return true;
  });
  if (!ok) {
    zval_ptr_dtor(&list);
    zval_ptr_dtor(&keys);
    RETURN_THROWS();
  }
  if (!stream_accepts(&list, &keys)) {
    zval_ptr_dtor(&list);
    zval_ptr_dtor(&keys);
    RETURN_THROWS();
  }
  zval_ptr_dtor(&keys);
  object_init_ex(return_value, ce_response_stream);
  auto* it = loom::object_from<StreamIt>(Z_OBJ_P(return_value));
  it->group = new StreamGroup();
  ZVAL_COPY_VALUE(&it->responses, &list);
  zval* v;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL(list), v) { group_join(it->group, response_from_obj(Z_OBJ_P(v))->t); }
  ZEND_HASH_FOREACH_END();
}
