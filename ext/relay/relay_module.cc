// Loom\Relay: handoff() in the FPM page and serve() in the relay process. The socket side (tokens,
// nginx's requests, browser connections) is the Zend-free relay_server; this file runs one Loom task per
// browser stream, which makes the upstream call with Loom\Http\Client through its PHP-facing methods and
// writes what arrives to the browser.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <unordered_map>

#include "compat.h"
#include "php_loom.h"
#include "reactor/reactor.h"
#include "relay/relay.h"
#include "relay/relay_core.h"
#include "relay/relay_server.h"
#include "scheduler/api.h"

extern "C" {
#include "SAPI.h"
#include "ext/json/php_json.h"
#include "ext/standard/php_var.h"
#include "zend_attributes.h"
#include "zend_closures.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
}

#include "relay_arginfo.h"

namespace loom::relay {
namespace {

constexpr size_t kHighWater = 1 << 20;  // bytes queued for one browser before its stream waits
constexpr size_t kLowWater = 256 << 10;
constexpr double kDefaultTokenTtl = 5;
constexpr double kDefaultDrain = 30;
constexpr size_t kReportTextCap = 4 << 20;  // the most of the answer an on_complete report carries

// What the on_complete report will carry: the answer so far, up to `cap` bytes (0: nothing is kept).
struct Assembled {
  smart_str text = {};
  size_t cap = 0;
  bool truncated = false;
  void append(const char* p, size_t n) {
    size_t have = text.s ? ZSTR_LEN(text.s) : 0;
    if (have + n > cap) {
      truncated = truncated || n > 0;
      n = cap > have ? cap - have : 0;
    }
    if (n) smart_str_appendl(&text, p, n);
  }
};

// One browser stream being relayed.
struct Stream {
  uint64_t conn = 0;
  std::string payload;  // the page's registration (serialized), until the task reads it
  zval task;            // the Loom\Task relaying it
  bool done = false;    // its task reached the end (the connection is finished)
  bool gone = false;    // the browser went away
  Waiter* drain_waiter = nullptr;
};

// The one serve() of this process.
struct Relay {
  Server* server = nullptr;
  std::unordered_map<uint64_t, Stream*> streams;
  Waiter* main_waiter = nullptr;
  bool dirty = false;  // something to look at since the loop last looked
  bool stop_requested = false;
  bool stopping = false;
  bool hard_stop = false;  // the drain deadline passed: streams are being cancelled
  uv_signal_t sigterm{}, sigint{};
  int open_signals = 0;
};

thread_local Relay* the_relay = nullptr;  // per process: the serve() running in this process (thread)
HashTable private_functions;
zend_function* stream_fn = nullptr;

const WaitSource main_source = {"Loom\\Relay\\serve", [](Waiter* w, void* data) {
                                  auto* r = static_cast<Relay*>(data);
                                  if (r->main_waiter == w) r->main_waiter = nullptr;
                                }};

void notify_main(void* data) {
  auto* r = static_cast<Relay*>(data);
  r->dirty = true;
  if (r->main_waiter && waiter_waiting(r->main_waiter)) {
    Waiter* w = r->main_waiter;
    r->main_waiter = nullptr;
    wake(w);
  }
}

void on_drained(void* data) {
  auto* st = static_cast<Stream*>(data);
  if (st->drain_waiter && waiter_waiting(st->drain_waiter)) {
    Waiter* w = st->drain_waiter;
    st->drain_waiter = nullptr;
    wake(w);
  }
}

const WaitSource drain_source = {"relay write", [](Waiter* w, void* data) {
                                   auto* st = static_cast<Stream*>(data);
                                   if (st->drain_waiter == w) st->drain_waiter = nullptr;
                                   if (the_relay && the_relay->server)
                                     the_relay->server->cancel_drain(st->conn);
                                 }};

zend_function* find_method(zend_class_entry* ce, const char* lc_name) {
  return static_cast<zend_function*>(zend_hash_str_find_ptr(&ce->function_table, lc_name, strlen(lc_name)));
}

zend_class_entry* find_class(const char* lc_name) {
  return static_cast<zend_class_entry*>(zend_hash_str_find_ptr(CG(class_table), lc_name, strlen(lc_name)));
}

// $obj->name(...$args) into *ret (UNDEF when it threw). False when an exception is pending.
bool call(zval* obj, const char* lc_name, zval* ret, uint32_t argc = 0, zval* argv = nullptr) {
  ZVAL_UNDEF(ret);
  zend_function* fn = find_method(Z_OBJCE_P(obj), lc_name);
  if (!fn) {
    zend_throw_error(nullptr, "Loom\\Relay: %s has no method %s", ZSTR_VAL(Z_OBJCE_P(obj)->name), lc_name);
    return false;
  }
  zend_call_known_instance_method(fn, Z_OBJ_P(obj), ret, argc, argv);
  return !EG(exception);
}

// What went wrong in a stream, as the browser's error event and the on_complete report name it. Never an
// exception message: those can carry the upstream URL, whose query may hold an API key.
struct Failure {
  const char* kind = nullptr;  // null: none
  long status = 0;             // upstream HTTP status, when that is the failure
  const char* phase = nullptr;
};

void classify_exception(Failure& f) {
  zend_object* ex = EG(exception);
  if (!ex) return;
  const char* name = ZSTR_VAL(ex->ce->name);
  if (instanceof_function(ex->ce, ce_cancelled)) {
    f.kind = the_relay && the_relay->hard_stop ? "shutdown" : "cancelled";
  } else if (strcmp(name, "Loom\\Http\\TimeoutException") == 0) {
    f.kind = "timeout";
  } else if (strcmp(name, "Loom\\Http\\ResponseTooLargeException") == 0) {
    f.kind = "too_large";
  } else if (strcmp(name, "Loom\\Http\\IncompleteStreamException") == 0) {
    f.kind = "incomplete";
  } else if (strcmp(name, "Loom\\Http\\InvalidArgumentException") == 0) {
    f.kind = "bad_request";
  } else if (strcmp(name, "Loom\\Http\\UnexpectedContentTypeException") == 0) {
    f.kind = "not_event_stream";
  } else if (instanceof_function(ex->ce, ce_exception)) {
    f.kind = "transport";
  } else {
    f.kind = "error";
  }
  zend_clear_exception();
}

zval* arr_get(zval* arr, const char* key) {
  if (Z_TYPE_P(arr) != IS_ARRAY) return nullptr;
  zval* v = zend_hash_str_find(Z_ARRVAL_P(arr), key, strlen(key));
  return v ? (Z_TYPE_P(v) == IS_REFERENCE ? Z_REFVAL_P(v) : v) : nullptr;
}

void write_str(Stream* st, const char* p, size_t n) {
  if (the_relay && the_relay->server) the_relay->server->write(st->conn, std::string(p, n));
}

// Waits while the browser's queue is over the high-water mark. False with an exception pending.
bool wait_for_browser(Stream* st) {
  Server* s = the_relay->server;
  while (s->queued(st->conn) > kHighWater && !s->gone(st->conn)) {
    Waiter* w = waiter_new(&drain_source, st, "relay write to a slow browser");
    st->drain_waiter = w;
    s->on_drain(st->conn, kLowWater, on_drained, st);
    bool ok = suspend(w);
    if (st->drain_waiter == w) st->drain_waiter = nullptr;
    waiter_free(w);
    if (!ok) return false;
  }
  return true;
}

// The text of one chat-completion event: OpenAI's choices[0].delta.content or Anthropic's delta.text.
void assemble(Assembled* text, const char* data, size_t n) {
  if (text->cap == 0 || n == 0 || data[0] != '{') return;
  zval doc;
  if (php_json_decode_ex(&doc, data, n, PHP_JSON_OBJECT_AS_ARRAY, 64) != SUCCESS) {
    zend_clear_exception();
    return;
  }
  zval* piece = nullptr;
  if (zval* choices = arr_get(&doc, "choices"); choices && Z_TYPE_P(choices) == IS_ARRAY) {
    zval* first = zend_hash_index_find(Z_ARRVAL_P(choices), 0);
    if (first && Z_TYPE_P(first) == IS_ARRAY)
      if (zval* delta = arr_get(first, "delta")) piece = arr_get(delta, "content");
  } else if (zval* delta = arr_get(&doc, "delta")) {
    piece = arr_get(delta, "text");
  }
  if (piece && Z_TYPE_P(piece) == IS_STRING) text->append(Z_STRVAL_P(piece), Z_STRLEN_P(piece));
  zval_ptr_dtor(&doc);
}

zend_string* read_string_prop(zval* obj, const char* name) {
  zval rv;
  zval* v = zend_read_property(Z_OBJCE_P(obj), Z_OBJ_P(obj), name, strlen(name), 1, &rv);
  return Z_TYPE_P(v) == IS_STRING ? Z_STR_P(v) : ZSTR_EMPTY_ALLOC();
}

// Relays one upstream response body to the browser, event by event (sse) or chunk by chunk (raw).
void pump(Stream* st, zval* response, bool sse, size_t max_bytes, Assembled* text, zend_long* events,
          size_t* bytes, Failure& f) {
  zval iterable;
  if (!call(response, sse ? "events" : "chunks", &iterable)) return classify_exception(f);
  zend_object_iterator* it = Z_OBJCE(iterable)->get_iterator(Z_OBJCE(iterable), &iterable, 0);
  if (!it || EG(exception)) {
    if (it) zend_iterator_dtor(it);
    zval_ptr_dtor(&iterable);
    return classify_exception(f);
  }
  if (it->funcs->rewind) it->funcs->rewind(it);
  while (!EG(exception) && it->funcs->valid(it) == SUCCESS && !EG(exception)) {
    zval* cur = it->funcs->get_current_data(it);
    if (EG(exception) || !cur) break;
    if (sse && Z_TYPE_P(cur) == IS_OBJECT) {
      zend_string* type = read_string_prop(cur, "type");
      zend_string* data = read_string_prop(cur, "data");
      zend_string* id = read_string_prop(cur, "id");
      zval rv;
      zval* retry = zend_read_property(Z_OBJCE_P(cur), Z_OBJ_P(cur), "retry", 5, 1, &rv);
      std::string ev = sse_event(std::string_view(ZSTR_VAL(type), ZSTR_LEN(type)),
                                 std::string_view(ZSTR_VAL(data), ZSTR_LEN(data)),
                                 std::string_view(ZSTR_VAL(id), ZSTR_LEN(id)),
                                 Z_TYPE_P(retry) == IS_LONG ? static_cast<long>(Z_LVAL_P(retry)) : -1);
      assemble(text, ZSTR_VAL(data), ZSTR_LEN(data));
      (*events)++;
      *bytes += ev.size();
      the_relay->server->write(st->conn, std::move(ev));
    } else if (!sse && Z_TYPE_P(cur) == IS_STRING) {
      *bytes += Z_STRLEN_P(cur);
      text->append(Z_STRVAL_P(cur), Z_STRLEN_P(cur));
      write_str(st, Z_STRVAL_P(cur), Z_STRLEN_P(cur));
    }
    if (max_bytes && *bytes > max_bytes) {
      f.kind = "budget";
      break;
    }
    if (the_relay->server->gone(st->conn)) {
      f.kind = "cancelled";
      break;
    }
    if (!wait_for_browser(st)) break;
    it->funcs->move_forward(it);
  }
  if (EG(exception)) classify_exception(f);
  zend_iterator_dtor(it);
  zval_ptr_dtor(&iterable);
}

void send_head(Stream* st, long status, bool sse, zend_string* content_type, zval* extra_headers) {
  smart_str h = {};
  smart_str_append_printf(&h, "HTTP/1.1 %ld %s\r\n", status, status == 200 ? "OK" : "Upstream");
  if (sse)
    smart_str_appends(&h, "Content-Type: text/event-stream\r\n");
  else if (content_type && ZSTR_LEN(content_type))
    smart_str_append_printf(&h, "Content-Type: %s\r\n", ZSTR_VAL(content_type));
  smart_str_appends(&h, "Cache-Control: no-cache\r\nX-Accel-Buffering: no\r\nConnection: close\r\n");
  if (extra_headers && Z_TYPE_P(extra_headers) == IS_ARRAY) {
    zend_string* name;
    zval* value;
    ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(extra_headers), name, value) {
      // handoff() validated them; checked again, since any local process that can reach the socket registers
      if (name && Z_TYPE_P(value) == IS_STRING && !strpbrk(ZSTR_VAL(name), "\r\n: ") &&
          !strpbrk(Z_STRVAL_P(value), "\r\n") && ZSTR_LEN(name) == strlen(ZSTR_VAL(name)) &&
          Z_STRLEN_P(value) == strlen(Z_STRVAL_P(value)))
        smart_str_append_printf(&h, "%s: %s\r\n", ZSTR_VAL(name), Z_STRVAL_P(value));
    }
    ZEND_HASH_FOREACH_END();
  }
  smart_str_appends(&h, "\r\n");
  smart_str_0(&h);
  write_str(st, ZSTR_VAL(h.s), ZSTR_LEN(h.s));
  smart_str_free(&h);
}

void send_error_event(Stream* st, const Failure& f) {
  char data[160];
  if (f.status)
    snprintf(data, sizeof data, "{\"error\":\"%s\",\"status\":%ld}", f.kind, f.status);
  else
    snprintf(data, sizeof data, "{\"error\":\"%s\"}", f.kind);
  the_relay->server->write(st->conn, sse_event("error", data, "", -1));
}

// POSTs the stream's outcome to the page's on_complete URL (errors there are not the browser's business).
void report(zval* client, zval* relay_opts, const Failure& f, long status, Assembled* text, zend_long events,
            size_t bytes) {
  zval* url = arr_get(relay_opts, "on_complete");
  if (!url || Z_TYPE_P(url) != IS_STRING) return;
  zval body, opts, timeout;
  array_init(&body);
  add_assoc_bool(&body, "ok", f.kind == nullptr);
  add_assoc_long(&body, "status", status);
  if (f.kind)
    add_assoc_string(&body, "error", f.kind);
  else
    add_assoc_null(&body, "error");
  smart_str_0(&text->text);
  add_assoc_str(&body, "text", text->text.s ? zend_string_copy(text->text.s) : ZSTR_EMPTY_ALLOC());
  add_assoc_bool(&body, "truncated", text->truncated);
  add_assoc_long(&body, "events", events);
  add_assoc_long(&body, "bytes", static_cast<zend_long>(bytes));
  if (zval* meta = arr_get(relay_opts, "meta")) {
    Z_TRY_ADDREF_P(meta);
    add_assoc_zval(&body, "meta", meta);
  }
  array_init(&opts);
  add_assoc_zval(&opts, "json", &body);
  ZVAL_LONG(&timeout, 10);
  add_assoc_zval(&opts, "timeout", &timeout);
  zval args[3], resp;
  ZVAL_STRING(&args[0], "POST");
  ZVAL_COPY(&args[1], url);
  ZVAL_COPY_VALUE(&args[2], &opts);
  if (call(client, "request", &resp, 3, args)) {
    zval b;
    call(&resp, "body", &b);
    zval_ptr_dtor(&b);
  }
  if (EG(exception)) zend_clear_exception();
  zval_ptr_dtor(&resp);
  for (auto& a : args) zval_ptr_dtor(&a);
}

// Caps the upstream call's total time by the stream's time budget.
void apply_time_budget(zval* options, zval* relay_opts) {
  zval* max = arr_get(relay_opts, "max_seconds");
  if (!max || (Z_TYPE_P(max) != IS_LONG && Z_TYPE_P(max) != IS_DOUBLE)) return;
  double budget = zval_get_double(max);
  if (!(budget > 0)) return;
  SEPARATE_ARRAY(options);
  zval* t = arr_get(options, "timeout");
  zval nt;
  if (t && Z_TYPE_P(t) == IS_ARRAY) {
    ZVAL_ARR(&nt, zend_array_dup(Z_ARRVAL_P(t)));
    zval* total = arr_get(&nt, "total");
    double cur = total ? zval_get_double(total) : 0;
    if (cur <= 0 || cur > budget) add_assoc_double(&nt, "total", budget);
  } else if (t && (Z_TYPE_P(t) == IS_LONG || Z_TYPE_P(t) == IS_DOUBLE) && zval_get_double(t) > 0 &&
             zval_get_double(t) <= budget) {
    return;
  } else {
    array_init(&nt);
    add_assoc_double(&nt, "total", budget);
  }
  zend_hash_str_update(Z_ARRVAL_P(options), "timeout", sizeof("timeout") - 1, &nt);
}

// Loom\Relay\{stream}(int $conn): the task that relays one browser stream.
ZEND_FUNCTION(loom_relay_stream) {
  zend_long conn_id;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_LONG(conn_id)
  ZEND_PARSE_PARAMETERS_END();
  if (!the_relay) return;
  auto found = the_relay->streams.find(static_cast<uint64_t>(conn_id));
  if (found == the_relay->streams.end()) return;
  Stream* st = found->second;

  Failure f;
  long status = 0;
  zend_long events = 0;
  size_t bytes = 0;
  Assembled text;
  bool head_sent = false;
  zval reg, client, response;
  ZVAL_UNDEF(&reg);
  ZVAL_UNDEF(&client);
  ZVAL_UNDEF(&response);

  {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(st->payload.data());
    HashTable no_classes;  // an empty allow-list: arrays and scalars only (null would allow every class)
    zend_hash_init(&no_classes, 0, nullptr, nullptr, 0);
    php_unserialize_data_t vh;
    PHP_VAR_UNSERIALIZE_INIT(vh);
    php_var_unserialize_set_allowed_classes(vh, &no_classes);
    bool ok = php_var_unserialize(&reg, &p, p + st->payload.size(), &vh);
    PHP_VAR_UNSERIALIZE_DESTROY(vh);
    zend_hash_destroy(&no_classes);
    st->payload.clear();
    st->payload.shrink_to_fit();
    if (!ok || Z_TYPE(reg) != IS_ARRAY) {
      zval_ptr_dtor(&reg);
      ZVAL_UNDEF(&reg);
      f.kind = "bad_request";
    }
  }
  zval* method = Z_TYPE(reg) == IS_ARRAY ? zend_hash_index_find(Z_ARRVAL(reg), 0) : nullptr;
  zval* url = Z_TYPE(reg) == IS_ARRAY ? zend_hash_index_find(Z_ARRVAL(reg), 1) : nullptr;
  zval* options = Z_TYPE(reg) == IS_ARRAY ? zend_hash_index_find(Z_ARRVAL(reg), 2) : nullptr;
  zval* relay_opts = Z_TYPE(reg) == IS_ARRAY ? zend_hash_index_find(Z_ARRVAL(reg), 3) : nullptr;
  zval empty;
  ZVAL_EMPTY_ARRAY(&empty);
  if (!relay_opts || Z_TYPE_P(relay_opts) != IS_ARRAY) relay_opts = &empty;
  zval* format = arr_get(relay_opts, "format");
  bool sse = !(format && Z_TYPE_P(format) == IS_STRING && zend_string_equals_literal(Z_STR_P(format), "raw"));
  zval* max_bytes_zv = arr_get(relay_opts, "max_bytes");
  size_t max_bytes = max_bytes_zv && Z_TYPE_P(max_bytes_zv) == IS_LONG && Z_LVAL_P(max_bytes_zv) > 0
                         ? static_cast<size_t>(Z_LVAL_P(max_bytes_zv))
                         : 0;

  // Only a report needs the answer: keep at most kReportTextCap bytes of it (or max_bytes, if smaller).
  if (zval* oc = arr_get(relay_opts, "on_complete"); oc && Z_TYPE_P(oc) == IS_STRING)
    text.cap = max_bytes && max_bytes < kReportTextCap ? max_bytes : kReportTextCap;
  zend_class_entry* ce_client = find_class("loom\\http\\client");
  if (!f.kind && (!method || !url || !options || Z_TYPE_P(method) != IS_STRING ||
                  Z_TYPE_P(url) != IS_STRING || Z_TYPE_P(options) != IS_ARRAY || !ce_client))
    f.kind = "bad_request";
  if (ce_client) {
    object_init_ex(&client, ce_client);
    zval ret;
    call(&client, "__construct", &ret);
    zval_ptr_dtor(&ret);
    if (EG(exception)) classify_exception(f);
  }
  if (!f.kind) {
    apply_time_budget(options, relay_opts);
    zval args[3];
    ZVAL_COPY(&args[0], method);
    ZVAL_COPY(&args[1], url);
    ZVAL_COPY(&args[2], options);
    if (!call(&client, "request", &response, 3, args)) classify_exception(f);
    for (auto& a : args) zval_ptr_dtor(&a);
  }
  if (!f.kind && Z_TYPE(response) == IS_OBJECT) {
    zval s;
    if (call(&response, "status", &s) && Z_TYPE(s) == IS_LONG) status = static_cast<long>(Z_LVAL(s));
    if (EG(exception)) classify_exception(f);
    if (!f.kind && sse && (status < 200 || status >= 300)) {
      f.kind = "upstream_status";
      f.status = status;
    }
    if (!f.kind) {
      zend_string* ctype = nullptr;
      zval name, ct;
      ZVAL_STRING(&name, "content-type");
      if (call(&response, "header", &ct, 1, &name) && Z_TYPE(ct) == IS_STRING) ctype = Z_STR(ct);
      if (EG(exception)) zend_clear_exception();
      // Header values never hold CR/LF (curl splits lines), but check before echoing one.
      if (ctype && strpbrk(ZSTR_VAL(ctype), "\r\n")) ctype = nullptr;
      send_head(st, sse ? 200 : status, sse, ctype, arr_get(relay_opts, "headers"));
      head_sent = true;
      zval_ptr_dtor(&name);
      zval_ptr_dtor(&ct);
      pump(st, &response, sse, max_bytes, &text, &events, &bytes, f);
    }
  }
  if (f.kind && strcmp(f.kind, "cancelled") != 0 && !the_relay->server->gone(st->conn)) {
    // The browser is still there: it learns what happened.
    if (!head_sent) send_head(st, sse ? 200 : 502, sse, nullptr, arr_get(relay_opts, "headers"));
    if (sse) send_error_event(st, f);
  }
  if (the_relay->server) the_relay->server->finish(st->conn);
  st->done = true;
  notify_main(the_relay);
  if (Z_TYPE(response) == IS_OBJECT) {
    zval r;
    call(&response, "cancel", &r);  // nothing more is read: close the upstream transfer now
    zval_ptr_dtor(&r);
    if (EG(exception)) zend_clear_exception();
  }
  zval_ptr_dtor(&response);
  if (Z_TYPE(client) == IS_OBJECT && relay_opts) report(&client, relay_opts, f, status, &text, events, bytes);
  smart_str_free(&text.text);
  zval_ptr_dtor(&client);
  zval_ptr_dtor(&reg);
  if (the_relay) notify_main(the_relay);  // the serve loop frees this stream once the task has ended
}

ZEND_BEGIN_ARG_INFO_EX(arginfo_stream, 0, 0, 1)
  ZEND_ARG_TYPE_INFO(0, conn, IS_LONG, 0)
ZEND_END_ARG_INFO()

const zend_function_entry private_function_entries[] = {
    LOOM_RAW_FENTRY("Loom\\Relay\\{stream}", ZEND_FN(loom_relay_stream), arginfo_stream) ZEND_FE_END};

// Starts the task for a newly attached browser stream.
void start_stream(uint64_t conn, std::string payload) {
  auto* st = new Stream();
  st->conn = conn;
  st->payload = std::move(payload);
  ZVAL_UNDEF(&st->task);
  the_relay->streams[conn] = st;
  zend_function* spawn =
      static_cast<zend_function*>(zend_hash_str_find_ptr(CG(function_table), "loom\\spawn", 10));
  zval args[2];
  zend_create_closure(&args[0], stream_fn, nullptr, nullptr, nullptr);
  ZVAL_LONG(&args[1], static_cast<zend_long>(conn));
  zend_call_known_function(spawn, nullptr, nullptr, &st->task, 2, args, nullptr);
  zval_ptr_dtor(&args[0]);
  if (EG(exception)) {  // the fiber budget: refuse this stream, keep serving the others
    zend_clear_exception();
    ZVAL_UNDEF(&st->task);
    send_head(st, 503, false, nullptr, nullptr);
    the_relay->server->finish(conn);
    st->done = true;
  }
}

bool task_finished(Stream* st) {
  if (Z_TYPE(st->task) != IS_OBJECT) return true;
  zval r;
  call(&st->task, "isfinished", &r);
  if (EG(exception)) zend_clear_exception();
  return Z_TYPE(r) == IS_TRUE;
}

void cancel_task(Stream* st) {
  if (Z_TYPE(st->task) != IS_OBJECT) return;
  zval r;
  call(&st->task, "cancel", &r);
  zval_ptr_dtor(&r);
  if (EG(exception)) zend_clear_exception();
}

// Frees the streams whose task has ended; a task cancelled before it started never ran its body, so its
// connection is finished here.
void reap() {
  for (auto it = the_relay->streams.begin(); it != the_relay->streams.end();) {
    Stream* st = it->second;
    if (task_finished(st)) {
      if (!st->done) {
        if (the_relay->hard_stop && !the_relay->server->gone(st->conn)) {
          send_head(st, 200, true, nullptr, nullptr);
          send_error_event(st, Failure{"shutdown", 0, nullptr});
        }
        the_relay->server->finish(st->conn);
      }
      zval_ptr_dtor(&st->task);
      delete st;
      it = the_relay->streams.erase(it);
    } else {
      ++it;
    }
  }
}

void on_signal(uv_signal_t* h, int) {
  auto* r = static_cast<Relay*>(h->data);
  r->stop_requested = true;
  notify_main(r);
}

double opt_seconds(HashTable* opts, const char* key, double def, uint32_t arg) {
  if (!opts) return def;
  zval* v = zend_hash_str_find_deref(opts, key, strlen(key));
  if (!v) return def;
  if (Z_TYPE_P(v) != IS_LONG && Z_TYPE_P(v) != IS_DOUBLE) {
    zend_argument_type_error(arg, "option \"%s\" must be a number of seconds", key);
    return -1;
  }
  double d = zval_get_double(v);
  if (!(d >= 0) || d > 86400) {
    zend_argument_value_error(arg, "option \"%s\" must be between 0 and 86400 seconds", key);
    return -1;
  }
  return d;
}

}  // namespace

void relay_minit() {
  zend_register_functions(nullptr, ext_functions, nullptr, MODULE_PERSISTENT);
  zend_function* h = static_cast<zend_function*>(
      zend_hash_str_find_ptr(CG(function_table), "loom\\relay\\handoff", sizeof("loom\\relay\\handoff") - 1));
#if PHP_VERSION_ID >= 80200
  if (h) {
    zend_add_parameter_attribute(h, 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
    zend_add_parameter_attribute(h, 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
  }
#else
  (void)h;
#endif

  zend_hash_init(&private_functions, 2, nullptr, ZEND_FUNCTION_DTOR, 1);
  zend_register_functions(nullptr, private_function_entries, &private_functions, MODULE_PERSISTENT);
  stream_fn = static_cast<zend_function*>(zend_hash_str_find_ptr(&private_functions, "loom\\relay\\{stream}",
                                                                 sizeof("loom\\relay\\{stream}") - 1));
}

void relay_mshutdown() { zend_hash_destroy(&private_functions); }

}  // namespace loom::relay

using namespace loom;
using namespace loom::relay;

namespace {

bool valid_header_text(zend_string* s) {
  return ZSTR_LEN(s) > 0 && !strpbrk(ZSTR_VAL(s), "\r\n") && memchr(ZSTR_VAL(s), 0, ZSTR_LEN(s)) == nullptr;
}

// The upstream options travel to the relay process as a copy: only scalars and arrays.
bool plain_data(zval* v, int depth) {
  ZVAL_DEREF(v);
  switch (Z_TYPE_P(v)) {
    case IS_NULL:
    case IS_FALSE:
    case IS_TRUE:
    case IS_LONG:
    case IS_DOUBLE:
    case IS_STRING:
      return true;
    case IS_ARRAY: {
      if (depth > 32) return false;
      zval* e;
      ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), e) {
        if (!plain_data(e, depth + 1)) return false;
      }
      ZEND_HASH_FOREACH_END();
      return true;
    }
    default:
      return false;
  }
}

bool check_relay_options(HashTable* ht, std::string& location) {
  zend_string* key;
  zval* v;
  ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, v) {
    ZVAL_DEREF(v);
    if (!key) {
      zend_argument_value_error(4, "must have string keys");
      return false;
    }
    if (zend_string_equals_literal(key, "format")) {
      if (Z_TYPE_P(v) != IS_STRING || (!zend_string_equals_literal(Z_STR_P(v), "sse") &&
                                       !zend_string_equals_literal(Z_STR_P(v), "raw"))) {
        zend_argument_value_error(4, "option \"format\" must be \"sse\" or \"raw\"");
        return false;
      }
    } else if (zend_string_equals_literal(key, "headers")) {
      if (Z_TYPE_P(v) != IS_ARRAY) {
        zend_argument_value_error(4, "option \"headers\" must be an array of name => value");
        return false;
      }
      zend_string* name;
      zval* hv;
      ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(v), name, hv) {
        ZVAL_DEREF(hv);
        if (!name || !valid_header_text(name) || strpbrk(ZSTR_VAL(name), ": \t") ||
            Z_TYPE_P(hv) != IS_STRING || strpbrk(Z_STRVAL_P(hv), "\r\n") ||
            memchr(Z_STRVAL_P(hv), 0, Z_STRLEN_P(hv))) {
          zend_argument_value_error(
              4, "option \"headers\" must map header names to values without CR, LF or NUL");
          return false;
        }
      }
      ZEND_HASH_FOREACH_END();
    } else if (zend_string_equals_literal(key, "on_complete")) {
      if (Z_TYPE_P(v) != IS_STRING || Z_STRLEN_P(v) == 0) {
        zend_argument_value_error(4, "option \"on_complete\" must be a URL");
        return false;
      }
    } else if (zend_string_equals_literal(key, "max_bytes")) {
      if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 0) {
        zend_argument_value_error(4, "option \"max_bytes\" must be an int >= 0");
        return false;
      }
    } else if (zend_string_equals_literal(key, "max_seconds")) {
      if ((Z_TYPE_P(v) != IS_LONG && Z_TYPE_P(v) != IS_DOUBLE) || !(zval_get_double(v) >= 0)) {
        zend_argument_value_error(4, "option \"max_seconds\" must be a number >= 0");
        return false;
      }
    } else if (zend_string_equals_literal(key, "location")) {
      if (Z_TYPE_P(v) != IS_STRING || Z_STRLEN_P(v) == 0 || Z_STRVAL_P(v)[0] != '/' ||
          !valid_header_text(Z_STR_P(v))) {
        zend_argument_value_error(4, "option \"location\" must be a path starting with /");
        return false;
      }
      location.assign(Z_STRVAL_P(v), Z_STRLEN_P(v));
    } else if (zend_string_equals_literal(key, "meta")) {
      if (!plain_data(v, 0)) {
        zend_argument_value_error(4, "option \"meta\" must hold only scalars and arrays");
        return false;
      }
    } else {
      zend_argument_value_error(4, "has an unknown option \"%s\"", ZSTR_VAL(key));
      return false;
    }
  }
  ZEND_HASH_FOREACH_END();
  if (location.back() != '/') location += '/';
  return true;
}

// Sends the registration and reads "OK <token>". False with *err set.
bool register_with_relay(const char* path, const std::string& frame, std::string& token, std::string& err) {
  sockaddr_un addr{};
  if (strlen(path) >= sizeof addr.sun_path) {
    err = "socket path too long";
    return false;
  }
  addr.sun_family = AF_UNIX;
  strcpy(addr.sun_path, path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    err = strerror(errno);
    return false;
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    err = strerror(errno);
    ::close(fd);
    return false;
  }
  size_t off = 0;
  while (off < frame.size()) {
    ssize_t n = ::send(fd, frame.data() + off, frame.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? strerror(errno) : "connection closed";
      ::close(fd);
      return false;
    }
    off += static_cast<size_t>(n);
  }
  std::string reply;
  char buf[128];
  while (reply.find('\n') == std::string::npos && reply.size() < 256) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    reply.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  size_t nl = reply.find('\n');
  if (nl == std::string::npos) {
    err = "no answer from the relay";
    return false;
  }
  reply.resize(nl);
  if (reply.compare(0, 3, "OK ") == 0 && token_shaped(std::string_view(reply).substr(3))) {
    token = reply.substr(3);
    return true;
  }
  err = reply.compare(0, 4, "ERR ") == 0 ? reply.substr(4) : "unexpected answer from the relay";
  return false;
}

}  // namespace

ZEND_FUNCTION(Loom_Relay_handoff) {
  zend_string *method, *url;
  HashTable* options = nullptr;
  HashTable* relay_opts = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, 4)
  Z_PARAM_STR(method)
  Z_PARAM_STR(url)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(options)
  Z_PARAM_ARRAY_HT(relay_opts)
  ZEND_PARSE_PARAMETERS_END();

  if (!valid_header_text(method) || strpbrk(ZSTR_VAL(method), " \t")) {
    zend_argument_value_error(1, "must be an HTTP method");
    RETURN_THROWS();
  }
  if (ZSTR_LEN(url) == 0) {
    zend_argument_value_error(2, "must not be empty");
    RETURN_THROWS();
  }
  if (options) {
    zval tmp;
    ZVAL_ARR(&tmp, options);
    if (!plain_data(&tmp, 0)) {
      zend_argument_value_error(3, "must hold only scalars and arrays (the relay process receives a copy)");
      RETURN_THROWS();
    }
  }
  std::string location = "/loom-relay/";
  if (relay_opts && !check_relay_options(relay_opts, location)) RETURN_THROWS();
  if (SG(headers_sent)) {
    zend_throw_exception(
        ce_exception,
        "Loom\\Relay\\handoff(): output has already started, the redirect header cannot be sent", 0);
    RETURN_THROWS();
  }
  zend_is_auto_global_str(ZEND_STRL("_SERVER"));
  zval* server = zend_hash_str_find_deref(&EG(symbol_table), ZEND_STRL("_SERVER"));
  if (!server) server = &PG(http_globals)[TRACK_VARS_SERVER];
  zval* bind = Z_TYPE_P(server) == IS_ARRAY
                   ? zend_hash_str_find_deref(Z_ARRVAL_P(server), ZEND_STRL("LOOM_RELAY_BIND"))
                   : nullptr;
  if (!bind || Z_TYPE_P(bind) != IS_STRING || Z_STRLEN_P(bind) == 0 || Z_STRLEN_P(bind) > kMaxBind ||
      !valid_header_text(Z_STR_P(bind))) {
    zend_throw_exception(
        ce_exception,
        "Loom\\Relay\\handoff(): $_SERVER['LOOM_RELAY_BIND'] is missing: nginx must pass "
        "fastcgi_param LOOM_RELAY_BIND \"$request_id $remote_addr:$remote_port\" (see the README)",
        0);
    RETURN_THROWS();
  }
  const char* socket_path = INI_STR("loom.relay_socket");
  if (!socket_path || !*socket_path) {
    zend_throw_exception(ce_exception, "Loom\\Relay\\handoff(): loom.relay_socket is not set", 0);
    RETURN_THROWS();
  }

  zval payload;
  array_init(&payload);
  add_next_index_str(&payload, zend_string_copy(method));
  add_next_index_str(&payload, zend_string_copy(url));
  zval tmp;
  if (options) {
    ZVAL_ARR(&tmp, zend_array_dup(options));
  } else {
    array_init(&tmp);
  }
  add_next_index_zval(&payload, &tmp);
  if (relay_opts) {
    ZVAL_ARR(&tmp, zend_array_dup(relay_opts));
  } else {
    array_init(&tmp);
  }
  add_next_index_zval(&payload, &tmp);
  smart_str buf = {};
  php_serialize_data_t sh;
  PHP_VAR_SERIALIZE_INIT(sh);
  php_var_serialize(&buf, &payload, &sh);
  PHP_VAR_SERIALIZE_DESTROY(sh);
  zval_ptr_dtor(&payload);
  if (EG(exception) || !buf.s) {
    smart_str_free(&buf);
    RETURN_THROWS();
  }
  std::string frame = registration_frame(std::string_view(Z_STRVAL_P(bind), Z_STRLEN_P(bind)),
                                         std::string_view(ZSTR_VAL(buf.s), ZSTR_LEN(buf.s)));
  ZEND_SECURE_ZERO(ZSTR_VAL(buf.s), ZSTR_LEN(buf.s));  // it holds the API key
  smart_str_free(&buf);
  std::string token, err;
  bool ok = register_with_relay(socket_path, frame, token, err);
  ZEND_SECURE_ZERO(frame.data(), frame.size());
  if (!ok) {
    zend_throw_exception_ex(ce_exception, 0,
                            "Loom\\Relay\\handoff(): the relay at %s refused or is unreachable: %s",
                            socket_path, err.c_str());
    RETURN_THROWS();
  }
  std::string header = "X-Accel-Redirect: " + location + token;
  sapi_header_line line = {};
  line.line = header.data();
  line.line_len = header.size();
  sapi_header_op(SAPI_HEADER_REPLACE, &line);
  // The worker is free: end the request like exit() (shutdown functions and destructors still run).
  zend_throw_unwind_exit();
  RETURN_THROWS();
}

ZEND_FUNCTION(Loom_Relay_serve) {
  zend_string* path;
  HashTable* opts = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_PATH_STR(path)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(opts)
  ZEND_PARSE_PARAMETERS_END();
  double ttl = opt_seconds(opts, "token_ttl", kDefaultTokenTtl, 2);
  if (ttl < 0) RETURN_THROWS();
  double drain = opt_seconds(opts, "drain_timeout", kDefaultDrain, 2);
  if (drain < 0) RETURN_THROWS();
  // nginx and php-fpm both connect: by default owner and group (the unit runs the relay in their group).
  zend_long mode = 0660;
  if (zval* m = opts ? zend_hash_str_find_deref(opts, ZEND_STRL("socket_mode")) : nullptr) {
    if (Z_TYPE_P(m) != IS_LONG || Z_LVAL_P(m) < 0 || Z_LVAL_P(m) > 0777) {
      zend_argument_value_error(2, "option \"socket_mode\" must be an int between 0 and 0777");
      RETURN_THROWS();
    }
    mode = Z_LVAL_P(m);
  }
  if (opts) {
    zend_string* key;
    ZEND_HASH_FOREACH_STR_KEY(opts, key) {
      if (!key || !(zend_string_equals_literal(key, "token_ttl") ||
                    zend_string_equals_literal(key, "drain_timeout") ||
                    zend_string_equals_literal(key, "socket_mode"))) {
        zend_argument_value_error(2, "has an unknown option \"%s\"", key ? ZSTR_VAL(key) : "(int key)");
        RETURN_THROWS();
      }
    }
    ZEND_HASH_FOREACH_END();
  }
  if (the_relay) {
    zend_throw_exception(ce_exception, "Loom\\Relay\\serve(): this process already serves a relay", 0);
    RETURN_THROWS();
  }
  if (!check_can_suspend("Loom\\Relay\\serve")) RETURN_THROWS();

  auto& reactor = reactor::Reactor::instance();
  the_relay = new Relay();
  {  // no C++ object may stay alive across the suspensions below (a bailout would skip its destructor)
    std::string err;
    the_relay->server =
        Server::open(reactor.loop(), std::string(ZSTR_VAL(path), ZSTR_LEN(path)), static_cast<int>(mode),
                     reactor::seconds_to_ms(ttl), notify_main, the_relay, &err);
    if (!the_relay->server) {
      delete the_relay;
      the_relay = nullptr;
      zend_throw_exception_ex(ce_exception, 0, "Loom\\Relay\\serve(): %s", err.c_str());
      RETURN_THROWS();
    }
  }
  for (uv_signal_t* s : {&the_relay->sigterm, &the_relay->sigint}) {
    uv_signal_init(reactor.loop(), s);
    s->data = the_relay;
    the_relay->open_signals++;
    uv_signal_start(s, on_signal, s == &the_relay->sigterm ? SIGTERM : SIGINT);
    uv_unref(reinterpret_cast<uv_handle_t*>(s));
  }

  uint64_t drain_deadline = 0;
  bool failed = false;
  while (true) {
    the_relay->dirty = false;
    uint64_t conn;
    {
      std::string payload;
      while (the_relay->server->take_attached(&conn, &payload)) start_stream(conn, std::move(payload));
    }
    while (the_relay->server->take_gone(&conn)) {
      auto it = the_relay->streams.find(conn);
      if (it != the_relay->streams.end()) {
        it->second->gone = true;
        cancel_task(it->second);
      }
    }
    if (the_relay->stop_requested && !the_relay->stopping) {
      the_relay->stopping = true;
      the_relay->server->stop_accepting();
      drain_deadline = reactor.now() + reactor::seconds_to_ms(drain);
    }
    if (the_relay->stopping && !the_relay->hard_stop && reactor.now() >= drain_deadline) {
      the_relay->hard_stop = true;
      for (auto& [id, st] : the_relay->streams) cancel_task(st);
    }
    reap();
    if (the_relay->stopping && the_relay->streams.empty()) break;
    if (the_relay->dirty) continue;
    Waiter* w = waiter_new(&main_source, the_relay, "Loom\\Relay\\serve");
    the_relay->main_waiter = w;
    if (the_relay->stopping && !the_relay->hard_stop) {
      uint64_t now = reactor.now();
      waiter_arm_deadline(w, drain_deadline > now ? (drain_deadline - now) / 1000.0 : 0);
    } else if (!the_relay->streams.empty()) {
      // Tasks end on their own: look at them at least now and then (a stream's end also notifies).
      waiter_arm_deadline(w, 1.0);
    }
    bool ok = suspend(w);
    if (the_relay->main_waiter == w) the_relay->main_waiter = nullptr;
    waiter_free(w);
    if (!ok) {
      failed = true;
      break;
    }
  }

  // An exception ended the loop (a deadlock report, the script being torn down): cancel the streams left.
  // Their tasks still reach the relay when they unwind, so it stays allocated for them (the process is
  // ending or the caller learns of the failure; a later serve() is refused).
  if (failed && !the_relay->streams.empty()) {
    zend_object* ex = EG(exception);
    EG(exception) = nullptr;
    the_relay->hard_stop = true;
    for (auto& [id, st] : the_relay->streams) cancel_task(st);
    EG(exception) = ex;
    RETURN_THROWS();
  }
  for (auto& [id, st] : the_relay->streams) {
    zval_ptr_dtor(&st->task);
    delete st;
  }
  the_relay->streams.clear();
  the_relay->server->close();
  for (uv_signal_t* s : {&the_relay->sigterm, &the_relay->sigint}) {
    uv_close(reinterpret_cast<uv_handle_t*>(s), [](uv_handle_t* h) {
      auto* r = static_cast<Relay*>(h->data);
      if (--r->open_signals == 0) delete r;
    });
  }
  the_relay = nullptr;
  reactor.run_once(false);  // let libuv run the close callbacks
  if (failed) RETURN_THROWS();
}
