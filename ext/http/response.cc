// Loom\Http\Response, its chunk and event iterators, Loom\Http\Event and Client::stream().
#include <cstring>

#include "http/http.h"
#include "object.h"

extern "C" {
#include "ext/json/php_json.h"
#include "zend_smart_str.h"
}

namespace loom::http {

zend_class_entry* ce_response;
zend_class_entry* ce_event;
zend_class_entry* ce_chunk_iterator;
zend_class_entry* ce_event_iterator;
zend_class_entry* ce_response_stream;
static zend_object_handlers response_handlers, chunk_it_handlers, event_it_handlers, stream_handlers;

// ---------------------------------------------------------------------------------------------------
// Response

static zend_object* response_create(zend_class_entry* ce) {
  return &object_alloc<Response>(ce, &response_handlers)->std;
}

static void response_free(zend_object* o) {
  Response* r = response_from(o);
  if (Transfer* t = r->t) {
    r->t = nullptr;
    transfer_release(t);
  }
  zend_object_std_dtor(o);
}

static bool has_data(Transfer* t) { return !t->buf.empty(); }

static Transfer* live(zval* self) {
  Response* r = response_from(Z_OBJ_P(self));
  if (!r->t) zend_throw_error(nullptr, "This Loom\\Http\\Response is no longer usable (its request ended)");
  return r->t;
}

// A response's body has one reader at a time. A Client::stream() covering it reads it until it has
// reported its end; a body(), chunks() or events() call waiting for bytes reads it until it returns.
// Another read meanwhile is a logic error, told at once rather than left to split the bytes between
// two readers (or to leave a stream waiting for an end it never sees). The other way round, stream()
// refuses a response while a reader here is waiting for it (body_readers), so a stream never starts
// covering a response under a waiting reader.
static bool check_sole_reader(Transfer* t, const char* what) {
  const char* reader = t->group ? "a Loom\\Http\\Client::stream() that has not reported its end"
                       : t->body_readers
                           ? "another task (its body(), chunks() or events() is waiting for bytes)"
                           : nullptr;
  if (!reader) return true;
  zend_throw_exception_ex(spl_ce_LogicException, 0,
                          "%s(): the response from %s is being read by %s; a response's body has one reader "
                          "at a time",
                          what, t->url.c_str(), reader);
  return false;
}

// Waits until body bytes are buffered or the transfer ended. False with an exception pending.
static bool wait_body(Transfer* t, const char* what) {
  if (!check_sole_reader(t, what)) return false;
  t->body_readers++;
  bool ok = transfer_wait(t, has_data, what);
  t->body_readers--;
  return ok;
}

// Reads the next piece of body into out (empty at the end). False with an exception pending.
static bool next_chunk(Transfer* t, std::string& out, const char* what) {
  if (!wait_body(t, what)) return false;
  if (!t->buf.empty()) {
    take_body(t, out);
    return true;
  }
  if (t->failure != Failure::None) {
    throw_failure(t);
    return false;
  }
  return true;
}

static void json_decode_into(zval* out, const char* p, size_t n) {
  php_json_decode_ex(out, p, n, PHP_JSON_OBJECT_AS_ARRAY | PHP_JSON_THROW_ON_ERROR,
                     PHP_JSON_PARSER_DEFAULT_DEPTH);
}

static bool event_stream(Transfer* t) {
  for (auto& h : t->headers)
    if (h.first == "content-type") return strncasecmp(h.second.c_str(), "text/event-stream", 17) == 0;
  return false;
}

void response_class_init();

// ---------------------------------------------------------------------------------------------------
// Iterators: one C++ object each, holding the response object.

struct ChunkIt {
  zval response;
  zval current;
  zend_long key;
  bool started;
  zend_object std;
};
struct EventIt {
  zval response;
  zval current;
  zend_long key;
  bool started;
  bool finished;
  bool too_large;  // the parser hit max_event_bytes: thrown once the events before it are delivered
  sse::Parser* parser;
  std::deque<sse::Event>* queue;
  zend_object std;
};
struct StreamIt {
  zval responses;  // array of Response objects being watched (keeps them alive for the keys yielded)
  zval key, current;
  StreamGroup* group;
  bool started;
  zend_object std;
};

template <typename T>
static T* from_obj(zend_object* o) {
  return reinterpret_cast<T*>(reinterpret_cast<char*>(o) - XtOffsetOf(T, std));
}

template <typename T>
static zend_object* it_create(zend_class_entry* ce, zend_object_handlers* h) {
  return &object_alloc<T>(ce, h)->std;
}

static zend_object* chunk_it_create(zend_class_entry* ce) {
  return it_create<ChunkIt>(ce, &chunk_it_handlers);
}
static zend_object* event_it_create(zend_class_entry* ce) {
  zend_object* o = it_create<EventIt>(ce, &event_it_handlers);
  return o;
}
static zend_object* stream_create(zend_class_entry* ce) { return it_create<StreamIt>(ce, &stream_handlers); }

static void chunk_it_free(zend_object* o) {
  auto* it = from_obj<ChunkIt>(o);
  zval_ptr_dtor(&it->response);
  zval_ptr_dtor(&it->current);
  zend_object_std_dtor(o);
}
static void event_it_free(zend_object* o) {
  auto* it = from_obj<EventIt>(o);
  zval_ptr_dtor(&it->response);
  zval_ptr_dtor(&it->current);
  delete it->parser;
  delete it->queue;
  zend_object_std_dtor(o);
}
static void stream_free(zend_object* o) {
  auto* it = from_obj<StreamIt>(o);
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

static HashTable* two_zval_gc(zval* a, zval* b, zend_object* o, zval** table, int* n) {
  zend_get_gc_buffer* buf = zend_get_gc_buffer_create();
  zend_get_gc_buffer_add_zval(buf, a);
  zend_get_gc_buffer_add_zval(buf, b);
  zend_get_gc_buffer_use(buf, table, n);
  return zend_std_get_properties(o);
}
static HashTable* chunk_it_gc(zend_object* o, zval** t, int* n) {
  auto* it = from_obj<ChunkIt>(o);
  return two_zval_gc(&it->response, &it->current, o, t, n);
}
static HashTable* event_it_gc(zend_object* o, zval** t, int* n) {
  auto* it = from_obj<EventIt>(o);
  return two_zval_gc(&it->response, &it->current, o, t, n);
}
static HashTable* stream_gc(zend_object* o, zval** t, int* n) {
  auto* it = from_obj<StreamIt>(o);
  zend_get_gc_buffer* buf = zend_get_gc_buffer_create();
  zend_get_gc_buffer_add_zval(buf, &it->responses);
  zend_get_gc_buffer_add_zval(buf, &it->key);
  zend_get_gc_buffer_add_zval(buf, &it->current);
  zend_get_gc_buffer_use(buf, t, n);
  return zend_std_get_properties(o);
}

// Chunks: advance to the next non-empty piece of body, or to the end.
static void chunk_advance(ChunkIt* it) {
  zval_ptr_dtor(&it->current);
  ZVAL_UNDEF(&it->current);
  Transfer* t = live(&it->response);
  if (!t) return;
  std::string s;
  if (!next_chunk(t, s, "Loom\\Http\\Response::chunks")) return;
  if (!s.empty()) ZVAL_STRINGL(&it->current, s.data(), s.size());
}

void create_event(zval* out, const sse::Event& e) {
  object_init_ex(out, ce_event);
  zend_object* o = Z_OBJ_P(out);
  ZVAL_STRINGL(OBJ_PROP_NUM(o, 0), e.type.data(), e.type.size());
  ZVAL_STRINGL(OBJ_PROP_NUM(o, 1), e.data.data(), e.data.size());
  ZVAL_STRINGL(OBJ_PROP_NUM(o, 2), e.id.data(), e.id.size());
  if (e.retry >= 0)
    ZVAL_LONG(OBJ_PROP_NUM(o, 3), e.retry);
  else
    ZVAL_NULL(OBJ_PROP_NUM(o, 3));
}

static std::string too_large_message(EventIt* it, Transfer* t) {
  return "An event or line from " + t->url + " exceeds max_event_bytes (" +
         std::to_string(it->parser->max_event_bytes()) + " bytes)";
}

// Events: parse body pieces until an event is queued, or the stream ends (cleanly or not). Events
// that came before a max_event_bytes overflow are delivered before it is thrown.
static void event_advance(EventIt* it) {
  zval_ptr_dtor(&it->current);
  ZVAL_UNDEF(&it->current);
  Transfer* t = live(&it->response);
  if (!t) return;
  while (it->queue->empty() && !it->finished) {
    std::string s;
    if (!next_chunk(t, s, "Loom\\Http\\Response::events")) return;
    if (s.empty()) {
      it->finished = true;
      if (!it->parser->finish()) {
        zval ex;
        ZVAL_OBJ(&ex, transport_exception(ce_incomplete,
                                          "The event stream from " + t->url + " ended inside an event",
                                          "body", t->url, 0));
        zend_throw_exception_object(&ex);
        return;
      }
      break;
    }
    std::vector<sse::Event> evs;
    sse::Status st = it->parser->feed(s.data(), s.size(), evs);
    for (auto& e : evs) it->queue->push_back(std::move(e));
    if (st == sse::Status::TooLarge) {
      t->stop(Failure::TooLarge, "body", too_large_message(it, t));  // no-op if it already ended
      it->finished = true;
      it->too_large = true;
    }
  }
  if (!it->queue->empty()) {
    const sse::Event& e = it->queue->front();
    if (e.data == "[DONE]" || e.type == "message_stop") t->end_sentinel_seen = true;
    create_event(&it->current, it->queue->front());
    it->queue->pop_front();
    return;
  }
  if (it->too_large) {
    it->too_large = false;
    zval ex;
    ZVAL_OBJ(&ex, transport_exception(ce_too_large, too_large_message(it, t), "body", t->url, 0));
    zend_throw_exception_object(&ex);
  }
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

void response_class_init() {
  ce_response->create_object = response_create;
  init_handlers(&response_handlers, XtOffsetOf(Response, std), response_free, nullptr);

  ce_chunk_iterator->create_object = chunk_it_create;
  init_handlers(&chunk_it_handlers, XtOffsetOf(ChunkIt, std), chunk_it_free, chunk_it_gc);

  ce_event_iterator->create_object = event_it_create;
  init_handlers(&event_it_handlers, XtOffsetOf(EventIt, std), event_it_free, event_it_gc);

  ce_response_stream->create_object = stream_create;
  init_handlers(&stream_handlers, XtOffsetOf(StreamIt, std), stream_free, stream_gc);
}

}  // namespace loom::http

using namespace loom::http;
using loom::http::Response;

ZEND_METHOD(Loom_Http_Response, __construct) {
  zend_throw_error(nullptr,
                   "Loom\\Http\\Response cannot be constructed directly; use Loom\\Http\\Client::request()");
}

ZEND_METHOD(Loom_Http_Response, status) {
  ZEND_PARSE_PARAMETERS_NONE();
  Transfer* t = live(ZEND_THIS);
  if (!t) RETURN_THROWS();
  RETURN_LONG(t->status);
}

ZEND_METHOD(Loom_Http_Response, url) {
  ZEND_PARSE_PARAMETERS_NONE();
  Transfer* t = live(ZEND_THIS);
  if (!t) RETURN_THROWS();
  RETURN_STRINGL(t->url.data(), t->url.size());
}

// Fields as lower-case name => list of values, in arrival order (headers() and trailers()).
static void fields_to_array(const std::vector<std::pair<std::string, std::string>>& fields, zval* out) {
  array_init(out);
  for (auto& h : fields) {
    zval* list = zend_hash_str_find(Z_ARRVAL_P(out), h.first.data(), h.first.size());
    if (!list) {
      zval arr;
      array_init(&arr);
      list = zend_hash_str_update(Z_ARRVAL_P(out), h.first.data(), h.first.size(), &arr);
    }
    add_next_index_stringl(list, h.second.data(), h.second.size());
  }
}

ZEND_METHOD(Loom_Http_Response, headers) {
  ZEND_PARSE_PARAMETERS_NONE();
  Transfer* t = live(ZEND_THIS);
  if (!t) RETURN_THROWS();
  fields_to_array(t->headers, return_value);
}

ZEND_METHOD(Loom_Http_Response, trailers) {
  ZEND_PARSE_PARAMETERS_NONE();
  Transfer* t = live(ZEND_THIS);
  if (!t) RETURN_THROWS();
  fields_to_array(t->trailers, return_value);
}

ZEND_METHOD(Loom_Http_Response, header) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  Transfer* t = live(ZEND_THIS);
  if (!t) RETURN_THROWS();
  std::string want(ZSTR_VAL(name), ZSTR_LEN(name));
  for (auto& c : want) c = (char)tolower((unsigned char)c);
  std::string joined;
  bool found = false;
  for (auto& h : t->headers) {
    if (h.first != want) continue;
    if (found) joined += ", ";
    joined += h.second;
    found = true;
  }
  if (!found) RETURN_NULL();
  RETURN_STRINGL(joined.data(), joined.size());
}

// The whole body, for body() and json(); `api` names the public call in errors.
static bool read_whole_body(zval* self, const char* api, zval* out) {
  Transfer* t = live(self);
  if (!t) return false;
  smart_str buf = {0};
  for (;;) {
    if (!wait_body(t, api)) {
      smart_str_free(&buf);
      return false;
    }
    if (t->buf.empty()) break;  // the end
    smart_str_appendl(&buf, t->buf.data(), t->buf.size());
    discard_body(t);
  }
  if (t->failure != Failure::None) {
    smart_str_free(&buf);
    throw_failure(t);
    return false;
  }
  ZVAL_STR(out, smart_str_extract(&buf));
  return true;
}

ZEND_METHOD(Loom_Http_Response, body) {
  ZEND_PARSE_PARAMETERS_NONE();
  if (!read_whole_body(ZEND_THIS, "Loom\\Http\\Response::body", return_value)) RETURN_THROWS();
}

ZEND_METHOD(Loom_Http_Response, json) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval body;
  if (!read_whole_body(ZEND_THIS, "Loom\\Http\\Response::json", &body)) RETURN_THROWS();
  json_decode_into(return_value, Z_STRVAL(body), Z_STRLEN(body));
  zval_ptr_dtor(&body);
}

ZEND_METHOD(Loom_Http_Response, chunks) {
  ZEND_PARSE_PARAMETERS_NONE();
  if (!live(ZEND_THIS)) RETURN_THROWS();
  object_init_ex(return_value, ce_chunk_iterator);
  auto* it = from_obj<ChunkIt>(Z_OBJ_P(return_value));
  ZVAL_COPY(&it->response, ZEND_THIS);
}

ZEND_METHOD(Loom_Http_Response, events) {
  ZEND_PARSE_PARAMETERS_NONE();
  if (!live(ZEND_THIS)) RETURN_THROWS();
  object_init_ex(return_value, ce_event_iterator);
  auto* it = from_obj<EventIt>(Z_OBJ_P(return_value));
  ZVAL_COPY(&it->response, ZEND_THIS);
  Transfer* t = response_from(Z_OBJ_P(ZEND_THIS))->t;
  it->parser = new loom::sse::Parser(t->max_event_bytes);
  it->queue = new std::deque<loom::sse::Event>();
}

ZEND_METHOD(Loom_Http_Response, cancel) {
  ZEND_PARSE_PARAMETERS_NONE();
  Transfer* t = live(ZEND_THIS);
  if (!t) RETURN_THROWS();
  t->stop(Failure::Cancelled, "body", "The request to " + t->url + " was cancelled");
}

// --- iterator methods: rewind() starts (once), valid()/current()/key() read, next() advances.

static bool chunk_first(ChunkIt*) { return true; }
static bool stream_first(StreamIt*) { return true; }
static bool event_first(EventIt* it) {
  Transfer* t = live(&it->response);
  if (!t) return false;
  if (!event_stream(t)) {
    const char* ct = "none";
    for (auto& h : t->headers)
      if (h.first == "content-type") ct = h.second.c_str();
    zend_throw_exception_ex(
        ce_unexpected_type, 0,
        "Expected an event stream (text/event-stream) from %s, got content-type %s (status %ld); "
        "status and body stay readable",
        t->url.c_str(), ct, t->status);
    return false;
  }
  return true;
}

template <typename T>
static bool ensure_started(T* it, bool (*first)(T*), void (*advance)(T*)) {
  if (!it->started) {
    it->started = true;
    if (!first(it)) return false;
    advance(it);
  }
  return !EG(exception);
}

static void chunk_key(ChunkIt* it, zval* rv) { ZVAL_LONG(rv, it->key); }
static void event_key(EventIt* it, zval* rv) { ZVAL_LONG(rv, it->key); }
static void stream_key(StreamIt* it, zval* rv) {
  if (Z_TYPE(it->key) == IS_UNDEF)
    ZVAL_NULL(rv);
  else
    ZVAL_COPY(rv, &it->key);
}
static void chunk_step(ChunkIt* it) { it->key++; }
static void event_step(EventIt* it) { it->key++; }
static void stream_step(StreamIt*) {}

#define LOOM_ITERATOR_METHODS(Class, T, first, advance, keyf, step)                     \
  ZEND_METHOD(Loom_Http_##Class, __construct) {                                         \
    zend_throw_error(nullptr, "Loom\\Http\\" #Class " cannot be constructed directly"); \
  }                                                                                     \
  ZEND_METHOD(Loom_Http_##Class, rewind) {                                              \
    ZEND_PARSE_PARAMETERS_NONE();                                                       \
    ensure_started<T>(from_obj<T>(Z_OBJ_P(ZEND_THIS)), first, advance);                 \
  }                                                                                     \
  ZEND_METHOD(Loom_Http_##Class, valid) {                                               \
    ZEND_PARSE_PARAMETERS_NONE();                                                       \
    T* it = from_obj<T>(Z_OBJ_P(ZEND_THIS));                                            \
    if (!ensure_started<T>(it, first, advance)) RETURN_THROWS();                        \
    RETURN_BOOL(Z_TYPE(it->current) != IS_UNDEF);                                       \
  }                                                                                     \
  ZEND_METHOD(Loom_Http_##Class, current) {                                             \
    ZEND_PARSE_PARAMETERS_NONE();                                                       \
    T* it = from_obj<T>(Z_OBJ_P(ZEND_THIS));                                            \
    if (!ensure_started<T>(it, first, advance)) RETURN_THROWS();                        \
    if (Z_TYPE(it->current) == IS_UNDEF) RETURN_NULL();                                 \
    RETURN_COPY(&it->current);                                                          \
  }                                                                                     \
  ZEND_METHOD(Loom_Http_##Class, key) {                                                 \
    ZEND_PARSE_PARAMETERS_NONE();                                                       \
    T* it = from_obj<T>(Z_OBJ_P(ZEND_THIS));                                            \
    if (!ensure_started<T>(it, first, advance)) RETURN_THROWS();                        \
    keyf(it, return_value);                                                             \
  }                                                                                     \
  ZEND_METHOD(Loom_Http_##Class, next) {                                                \
    ZEND_PARSE_PARAMETERS_NONE();                                                       \
    T* it = from_obj<T>(Z_OBJ_P(ZEND_THIS));                                            \
    if (!ensure_started<T>(it, first, advance)) RETURN_THROWS();                        \
    step(it);                                                                           \
    advance(it);                                                                        \
  }

LOOM_ITERATOR_METHODS(ChunkIterator, ChunkIt, chunk_first, chunk_advance, chunk_key, chunk_step)
LOOM_ITERATOR_METHODS(EventIterator, EventIt, event_first, event_advance, event_key, event_step)
LOOM_ITERATOR_METHODS(ResponseStream, StreamIt, stream_first, stream_advance, stream_key, stream_step)

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
    Transfer* t = response_from(Z_OBJ_P(v))->t;
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
  auto* it = from_obj<StreamIt>(Z_OBJ_P(return_value));
  it->group = new StreamGroup();
  ZVAL_COPY_VALUE(&it->responses, &list);
  zval* v;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL(list), v) { group_join(it->group, response_from(Z_OBJ_P(v))->t); }
  ZEND_HASH_FOREACH_END();
}

// --- Event

ZEND_METHOD(Loom_Http_Event, __construct) {
  zend_string *data, *type = nullptr, *id = nullptr;
  zend_long retry = 0;
  bool retry_null = true;
  ZEND_PARSE_PARAMETERS_START(1, 4)
  Z_PARAM_STR(data)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR(type)
  Z_PARAM_STR(id)
  Z_PARAM_LONG_OR_NULL(retry, retry_null)
  ZEND_PARSE_PARAMETERS_END();
  zend_object* o = Z_OBJ_P(ZEND_THIS);
  if (Z_TYPE_P(OBJ_PROP_NUM(o, 1)) != IS_UNDEF) {
    zend_throw_error(nullptr, "Loom\\Http\\Event is already constructed");
    RETURN_THROWS();
  }
  if (type)
    ZVAL_STR_COPY(OBJ_PROP_NUM(o, 0), type);
  else
    ZVAL_STRING(OBJ_PROP_NUM(o, 0), "message");
  ZVAL_STR_COPY(OBJ_PROP_NUM(o, 1), data);
  if (id)
    ZVAL_STR_COPY(OBJ_PROP_NUM(o, 2), id);
  else
    ZVAL_EMPTY_STRING(OBJ_PROP_NUM(o, 2));
  if (retry_null)
    ZVAL_NULL(OBJ_PROP_NUM(o, 3));
  else
    ZVAL_LONG(OBJ_PROP_NUM(o, 3), retry);
}

ZEND_METHOD(Loom_Http_Event, json) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval* data = OBJ_PROP_NUM(Z_OBJ_P(ZEND_THIS), 1);
  if (Z_TYPE_P(data) != IS_STRING) RETURN_NULL();
  json_decode_into(return_value, Z_STRVAL_P(data), Z_STRLEN_P(data));
}
