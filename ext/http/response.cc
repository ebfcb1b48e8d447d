// Loom\Http\Response and its chunk and event iterators.
#include <cstring>

#include "http/http.h"
#include "http/iterator.h"
#include "object.h"

extern "C" {
#include "zend_smart_str.h"
}

namespace loom::http {

zend_class_entry* ce_response;
zend_class_entry* ce_chunk_iterator;
zend_class_entry* ce_event_iterator;
static zend_object_handlers response_handlers, chunk_it_handlers, event_it_handlers;

// ---------------------------------------------------------------------------------------------------
// Response

static zend_object* response_create(zend_class_entry* ce) {
  return &object_alloc<Response>(ce, &response_handlers)->std;
}

static void response_free(zend_object* o) {
  Response* r = response_from_obj(o);
  if (Transfer* t = r->t) {
    r->t = nullptr;
    transfer_release(t);
  }
  zend_object_std_dtor(o);
}

static bool has_data(Transfer* t) { return !t->buf.empty(); }

static Transfer* live(zval* self) {
  Response* r = response_from_obj(Z_OBJ_P(self));
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

// Waits for the next piece of body: true with it in t->buf (empty: the clean end); the caller consumes
// it with discard_body(). False with an exception pending (the wait failed, or the transfer did).
// Nothing with a destructor lives in these frames while they wait (a bailout would skip it).
static bool next_chunk(Transfer* t, const char* what) {
  if (!wait_body(t, what)) return false;
  if (t->buf.empty() && t->failure != Failure::None) {
    throw_failure(t);
    return false;
  }
  return true;
}

static bool event_stream(Transfer* t) {
  for (auto& h : t->headers)
    if (h.first == "content-type") return strncasecmp(h.second.c_str(), "text/event-stream", 17) == 0;
  return false;
}

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
  // Events parsed and not yet delivered: queue[head..]. The parser appends to it; it is emptied (its
  // strings freed) as soon as the last one is delivered, so nothing stays held between reads.
  std::vector<sse::Event>* queue;
  size_t head;
  zend_object std;
};
static zend_object* chunk_it_create(zend_class_entry* ce) {
  return &object_alloc<ChunkIt>(ce, &chunk_it_handlers)->std;
}
static zend_object* event_it_create(zend_class_entry* ce) {
  return &object_alloc<EventIt>(ce, &event_it_handlers)->std;
}

static void chunk_it_free(zend_object* o) {
  auto* it = loom::object_from<ChunkIt>(o);
  zval_ptr_dtor(&it->response);
  zval_ptr_dtor(&it->current);
  zend_object_std_dtor(o);
}
static void event_it_free(zend_object* o) {
  auto* it = loom::object_from<EventIt>(o);
  zval_ptr_dtor(&it->response);
  zval_ptr_dtor(&it->current);
  delete it->parser;
  delete it->queue;
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
  auto* it = loom::object_from<ChunkIt>(o);
  return two_zval_gc(&it->response, &it->current, o, t, n);
}
static HashTable* event_it_gc(zend_object* o, zval** t, int* n) {
  auto* it = loom::object_from<EventIt>(o);
  return two_zval_gc(&it->response, &it->current, o, t, n);
}
// Chunks: advance to the next non-empty piece of body, or to the end.
static void chunk_advance(ChunkIt* it) {
  zval_ptr_dtor(&it->current);
  ZVAL_UNDEF(&it->current);
  Transfer* t = live(&it->response);
  if (!t) return;
  if (!next_chunk(t, "Loom\\Http\\Response::chunks")) return;
  if (t->buf.empty()) return;  // the end
  ZVAL_STRINGL(&it->current, t->buf.data(), t->buf.size());
  discard_body(t);  // resumes curl if the buffer had reached the high-water mark
}

static std::string too_large_message(EventIt* it, Transfer* t) {
  return "An event or line from " + t->url + " exceeds max_event_bytes (" +
         std::to_string(it->parser->max_event_bytes()) + " bytes)";
}

static bool queue_empty(const EventIt* it) { return it->head == it->queue->size(); }

// Parses the buffered body into the queue and consumes it; true when the parser hit max_event_bytes.
static bool feed_events(EventIt* it, Transfer* t) {
  sse::Status st = it->parser->feed(t->buf.data(), t->buf.size(), *it->queue);
  discard_body(t);
  return st == sse::Status::TooLarge;
}

// Events: parse body pieces until an event is queued, or the stream ends (cleanly or not). Events
// that came before a max_event_bytes overflow are delivered before it is thrown.
static void event_advance(EventIt* it) {
  zval_ptr_dtor(&it->current);
  ZVAL_UNDEF(&it->current);
  Transfer* t = live(&it->response);
  if (!t) return;
  while (queue_empty(it) && !it->finished) {
    if (!next_chunk(t, "Loom\\Http\\Response::events")) return;
    if (t->buf.empty()) {
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
    if (feed_events(it, t)) {
      t->stop(Failure::TooLarge, "body", too_large_message(it, t));  // no-op if it already ended
      it->finished = true;
      it->too_large = true;
    }
  }
  if (!queue_empty(it)) {
    const sse::Event& e = (*it->queue)[it->head++];
    if (e.data == "[DONE]" || e.type == "message_stop") t->end_sentinel_seen = true;
    create_event(&it->current, e);
    if (queue_empty(it)) {  // all delivered: free their strings now, keep the vector's slots
      it->queue->clear();
      it->head = 0;
    }
    return;
  }
  if (it->too_large) {
    it->too_large = false;
    zval ex;
    ZVAL_OBJ(&ex, transport_exception(ce_too_large, too_large_message(it, t), "body", t->url, 0));
    zend_throw_exception_object(&ex);
  }
}

static zend_object_iterator* chunk_get_iterator(zend_class_entry* ce, zval* object, int by_ref);
static zend_object_iterator* event_get_iterator(zend_class_entry* ce, zval* object, int by_ref);

void response_class_init() {
  ce_response->create_object = response_create;
  init_handlers<Response>(&response_handlers, response_free, nullptr);

  ce_chunk_iterator->create_object = chunk_it_create;
  ce_chunk_iterator->get_iterator = chunk_get_iterator;
  init_handlers<ChunkIt>(&chunk_it_handlers, chunk_it_free, chunk_it_gc);

  ce_event_iterator->create_object = event_it_create;
  ce_event_iterator->get_iterator = event_get_iterator;
  init_handlers<EventIt>(&event_it_handlers, event_it_free, event_it_gc);
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
  auto* it = loom::object_from<ChunkIt>(Z_OBJ_P(return_value));
  ZVAL_COPY(&it->response, ZEND_THIS);
}

ZEND_METHOD(Loom_Http_Response, events) {
  ZEND_PARSE_PARAMETERS_NONE();
  if (!live(ZEND_THIS)) RETURN_THROWS();
  object_init_ex(return_value, ce_event_iterator);
  auto* it = loom::object_from<EventIt>(Z_OBJ_P(return_value));
  ZVAL_COPY(&it->response, ZEND_THIS);
  Transfer* t = response_from_obj(Z_OBJ_P(ZEND_THIS))->t;
  it->parser = new loom::sse::Parser(t->max_event_bytes);
  it->queue = new std::vector<loom::sse::Event>();
}

ZEND_METHOD(Loom_Http_Response, cancel) {
  ZEND_PARSE_PARAMETERS_NONE();
  Transfer* t = live(ZEND_THIS);
  if (!t) RETURN_THROWS();
  t->stop(Failure::Cancelled, "body", "The request to " + t->url + " was cancelled");
}

// --- iterator methods

static bool chunk_first(ChunkIt*) { return true; }
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
static void chunk_key(ChunkIt* it, zval* rv) { ZVAL_LONG(rv, it->key); }
static void event_key(EventIt* it, zval* rv) { ZVAL_LONG(rv, it->key); }
static void chunk_step(ChunkIt* it) { it->key++; }
static void event_step(EventIt* it) { it->key++; }
static const IteratorOps<ChunkIt> chunk_ops = {chunk_first, chunk_advance, chunk_key, chunk_step};
static const IteratorOps<EventIt> event_ops = {event_first, event_advance, event_key, event_step};

namespace loom::http {
static zend_object_iterator* chunk_get_iterator(zend_class_entry*, zval* object, int by_ref) {
  return engine_iterator_new(object, by_ref, &chunk_ops);
}
static zend_object_iterator* event_get_iterator(zend_class_entry*, zval* object, int by_ref) {
  return engine_iterator_new(object, by_ref, &event_ops);
}
}  // namespace loom::http

ZEND_METHOD(Loom_Http_ChunkIterator, __construct) { iterator_refuse_construct("Loom\\Http\\ChunkIterator"); }
ZEND_METHOD(Loom_Http_ChunkIterator, rewind) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_rewind(ZEND_THIS, chunk_ops);
}
ZEND_METHOD(Loom_Http_ChunkIterator, valid) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_valid(ZEND_THIS, chunk_ops, return_value);
}
ZEND_METHOD(Loom_Http_ChunkIterator, current) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_current(ZEND_THIS, chunk_ops, return_value);
}
ZEND_METHOD(Loom_Http_ChunkIterator, key) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_key(ZEND_THIS, chunk_ops, return_value);
}
ZEND_METHOD(Loom_Http_ChunkIterator, next) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_next(ZEND_THIS, chunk_ops);
}

ZEND_METHOD(Loom_Http_EventIterator, __construct) { iterator_refuse_construct("Loom\\Http\\EventIterator"); }
ZEND_METHOD(Loom_Http_EventIterator, rewind) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_rewind(ZEND_THIS, event_ops);
}
ZEND_METHOD(Loom_Http_EventIterator, valid) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_valid(ZEND_THIS, event_ops, return_value);
}
ZEND_METHOD(Loom_Http_EventIterator, current) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_current(ZEND_THIS, event_ops, return_value);
}
ZEND_METHOD(Loom_Http_EventIterator, key) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_key(ZEND_THIS, event_ops, return_value);
}
ZEND_METHOD(Loom_Http_EventIterator, next) {
  ZEND_PARSE_PARAMETERS_NONE();
  iterator_next(ZEND_THIS, event_ops);
}
