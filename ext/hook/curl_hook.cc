// The curl hook (see curl_hook.h). curl_exec() runs its handle in a helper multi driven from the calling
// context: libuv only records which socket became ready and wakes the caller, which then runs curl (and
// so ext/curl's WRITE/HEADER/READ/XFERINFO callbacks, which run PHP) itself. curl_multi_select() on a
// user's multi suspends the caller until one of that multi's sockets is ready, its timer is due or the
// timeout ends; curl_multi_exec() in a loop without select waits the same way when it is called again
// before anything could have progressed.
#include "hook/curl_hook.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <unistd.h>

#include <cmath>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compat.h"
#include "engine_guard.h"
#include "hook/curl_layout.h"
#include "reactor/curl_multi.h"
#include "reactor/fd_watch.h"
#include "reactor/reactor.h"
#include "scheduler/api.h"

extern "C" {
#include "ext/standard/file.h"
#include "ext/standard/info.h"
#include "main/php_output.h"
#include "zend_weakrefs.h"
}

namespace loom::hook {

namespace {

// ---------------------------------------------------------------------------------------------------
// State

enum class HookState { Off, NoCurl, Refused, Hooked };
HookState g_state = HookState::Off;
const char* g_refusal = nullptr;  // why not hooked (phpinfo, the startup warning)
char g_refusal_buf[256];

zif_handler g_orig_exec = nullptr;
zif_handler g_orig_multi_exec = nullptr;
zif_handler g_orig_multi_select = nullptr;
zend_internal_function* g_fn_exec = nullptr;
zend_internal_function* g_fn_multi_exec = nullptr;
zend_internal_function* g_fn_multi_select = nullptr;
zend_class_entry* g_curl_ce = nullptr;
zend_class_entry* g_curl_multi_ce = nullptr;

// The layout check runs once, at the first hooked call (objects cannot be created at MINIT).
enum class Layout { Unchecked, Good, Bad };
Layout g_layout = Layout::Unchecked;

// Depth of curl work the hook runs on this stack (its own drive of a helper multi, an original handler
// it called): PHP callbacks run inside it, where a fiber switch would re-enter curl.
int g_drive_depth = 0;
size_t g_transfers = 0;  // curl_exec() calls waiting in a helper multi

// ---------------------------------------------------------------------------------------------------
// The scheduler seam: make the calling context wait and wake it. Only these helpers touch the scheduler.

bool can_suspend_quietly() { return can_suspend(); }

// A waiter the libuv side can wake while it is set (null between waits).
struct WakeSlot {
  Waiter* waiter;
};

void wake_slot(void* data) {
  auto* slot = static_cast<WakeSlot*>(data);
  if (slot->waiter) wake(slot->waiter);
}

// Suspends the caller until the slot is woken or `seconds` pass (< 0: no deadline); yield_only: just give
// every ready task a turn. False with an exception pending (cancellation, deadlock).
bool wait_on(WakeSlot* slot, const char* what, double seconds, bool yield_only) {
  if (yield_only) return sleep_for(0, what);
  Waiter* w = waiter_new(what);
  slot->waiter = w;
  if (seconds >= 0) waiter_arm_deadline(w, seconds);
  bool ok = suspend(w);
  slot->waiter = nullptr;
  waiter_free(w);
  return ok;
}

// ---------------------------------------------------------------------------------------------------
// ext/curl's handle, as curl_exec() itself treats it

using namespace curl_layout;

#ifdef LOOM_CURL_LAYOUT_KNOWN
// The stream resources of CURLOPT_FILE / WRITEHEADER / INFILE / STDERR may have been closed since they
// were set: ext/curl resets them to its defaults with a warning before each transfer; so do we.
bool stream_gone(zval* z) {
  return zend_fetch_resource2_ex(z, nullptr, php_file_le_stream(), php_file_le_pstream()) == nullptr;
}

void verify_handlers(Easy* ch) {
  Handlers& h = ch->handlers;
  if (!Z_ISUNDEF(h.std_err) && stream_gone(&h.std_err)) {
    php_error_docref(nullptr, E_WARNING, "CURLOPT_STDERR resource has gone away, resetting to stderr");
    zval_ptr_dtor(&h.std_err);
    ZVAL_UNDEF(&h.std_err);
    curl_easy_setopt(ch->cp, CURLOPT_STDERR, stderr);
  }
  if (h.read && !Z_ISUNDEF(h.read->stream) && stream_gone(&h.read->stream)) {
    php_error_docref(nullptr, E_WARNING, "CURLOPT_INFILE resource has gone away, resetting to default");
    zval_ptr_dtor(&h.read->stream);
    ZVAL_UNDEF(&h.read->stream);
    h.read->res = nullptr;
    h.read->fp = nullptr;
    curl_easy_setopt(ch->cp, CURLOPT_INFILE, (void*)ch);
  }
  if (h.write_header && !Z_ISUNDEF(h.write_header->stream) && stream_gone(&h.write_header->stream)) {
    php_error_docref(nullptr, E_WARNING, "CURLOPT_WRITEHEADER resource has gone away, resetting to default");
    zval_ptr_dtor(&h.write_header->stream);
    ZVAL_UNDEF(&h.write_header->stream);
    h.write_header->fp = nullptr;
    h.write_header->method = kIgnore;
    curl_easy_setopt(ch->cp, CURLOPT_WRITEHEADER, (void*)ch);
  }
  if (h.write && !Z_ISUNDEF(h.write->stream) && stream_gone(&h.write->stream)) {
    php_error_docref(nullptr, E_WARNING, "CURLOPT_FILE resource has gone away, resetting to default");
    zval_ptr_dtor(&h.write->stream);
    ZVAL_UNDEF(&h.write->stream);
    h.write->fp = nullptr;
    h.write->method = kStdout;
    curl_easy_setopt(ch->cp, CURLOPT_FILE, (void*)ch);
  }
}

// What ext/curl clears before each transfer: the RETURNTRANSFER buffer, the sent-headers string and
// the error.
void cleanup_handle(Easy* ch) {
  smart_str_free(&ch->handlers.write->buf);
  if (ch->header_str) {
    zend_string_release_ex(ch->header_str, 0);
    ch->header_str = nullptr;
  }
  memset(ch->err.str, 0, CURL_ERROR_SIZE + 1);
  ch->err.no = 0;
}

// curl_exec()'s return value and flushes after the transfer ended with `code`, exactly as ext/curl does.
void finish_exec(Easy* ch, CURLcode code, zval* return_value) {
  ch->err.no = static_cast<int>(code);
  if (code != CURLE_OK) {
    smart_str_free(&ch->handlers.write->buf);
    RETVAL_FALSE;
    return;
  }
  if (!Z_ISUNDEF(ch->handlers.std_err)) {
    auto* stream = static_cast<php_stream*>(
        zend_fetch_resource2_ex(&ch->handlers.std_err, nullptr, php_file_le_stream(), php_file_le_pstream()));
    if (stream) php_stream_flush(stream);
  }
  Write* w = ch->handlers.write;
  if (w->method == kReturn && w->buf.s) {
    smart_str_0(&w->buf);
    RETVAL_STR_COPY(w->buf.s);
    return;
  }
  if (w->method == kFile && w->fp) fflush(w->fp);
  Write* hw = ch->handlers.write_header;
  if (hw->method == kFile && hw->fp) fflush(hw->fp);
  if (w->method == kReturn)
    RETVAL_EMPTY_STRING();
  else
    RETVAL_TRUE;
}

// Calls a PHP function by name with the given arguments (used only by the layout check).
bool call_php(const char* name, zval* ret, uint32_t argc, zval* argv) {
  zval fn;
  ZVAL_STRING(&fn, name);
  bool ok =
      call_user_function(CG(function_table), nullptr, &fn, ret, argc, argv) == SUCCESS && !EG(exception);
  zval_ptr_dtor(&fn);
  return ok;
}

// Checks the mirrored layout against ext/curl itself: a handle made by curl_init() must have its
// zend_object where we expect it, its CURL* must be a live easy handle whose error buffer is ext/curl's
// err.str (a transfer refused without I/O writes the message there), curl_errno() must read err.no,
// and CURLOPT_RETURNTRANSFER must show in the write method; a multi handle's CURLM* must be accepted by
// libcurl. Any mismatch disables the hook for the process, with one warning.
bool verify_layout_now() {
  zval ch, ret, args[3];
  ZVAL_UNDEF(&ch);
  if (!call_php("curl_init", &ch, 0, nullptr) || Z_TYPE(ch) != IS_OBJECT || Z_OBJCE(ch) != g_curl_ce) {
    zval_ptr_dtor(&ch);
    return false;
  }
  bool good = Z_OBJ(ch)->handlers->offset == static_cast<int>(kEasyStdOffset);
  Easy* e = good ? easy_of(Z_OBJ(ch)) : nullptr;
  if (good) {
    ZVAL_COPY_VALUE(&args[0], &ch);
    ZVAL_LONG(&args[1], CURLOPT_URL);
    ZVAL_STRING(&args[2], "loom-layout-check://x/");
    good = call_php("curl_setopt", &ret, 3, args);
    zval_ptr_dtor(&args[2]);
    zval_ptr_dtor(&ret);
  }
  if (good) {
    CURLcode rc = curl_easy_perform(e->cp);  // refused at once: unsupported protocol, no I/O
    good = rc == CURLE_UNSUPPORTED_PROTOCOL && strstr(e->err.str, "loom-layout-check") != nullptr;
    e->err.no = 4242;
    good = good && call_php("curl_errno", &ret, 1, &ch) && Z_TYPE(ret) == IS_LONG && Z_LVAL(ret) == 4242;
    zval_ptr_dtor(&ret);
    e->err.no = 0;
    memset(e->err.str, 0, sizeof e->err.str);
  }
  if (good) {
    good = e->handlers.write && e->handlers.write_header && e->handlers.write->method == kStdout;
    ZVAL_COPY_VALUE(&args[0], &ch);
    ZVAL_LONG(&args[1], 19913);  // CURLOPT_RETURNTRANSFER (ext/curl's own number)
    ZVAL_TRUE(&args[2]);
    good = good && call_php("curl_setopt", &ret, 3, args) && e->handlers.write->method == kReturn;
    zval_ptr_dtor(&ret);
  }
  zval_ptr_dtor(&ch);
  if (!good) return false;
  zval mh;
  ZVAL_UNDEF(&mh);
  if (!call_php("curl_multi_init", &mh, 0, nullptr) || Z_TYPE(mh) != IS_OBJECT) {
    zval_ptr_dtor(&mh);
    return false;
  }
  good = Z_OBJCE(mh) == g_curl_multi_ce && Z_OBJ(mh)->handlers->offset == static_cast<int>(kMultiStdOffset) &&
         curl_multi_setopt(multi_of(Z_OBJ(mh))->multi, CURLMOPT_MAXCONNECTS, 0L) == CURLM_OK;
  zval_ptr_dtor(&mh);
  return good;
}
#endif

bool layout_ok() {
#ifdef LOOM_CURL_LAYOUT_KNOWN
  if (g_layout == Layout::Unchecked) {
    g_layout = Layout::Bad;  // while checking: the check's own calls go to the originals
    zend_object* pending = EG(exception);
    bool good = !pending && verify_layout_now();
    if (EG(exception) && !pending) zend_clear_exception();
    g_layout = good ? Layout::Good : Layout::Bad;
    if (!good) {
      g_refusal = "ext/curl's object layout is not the one Loom knows; curl functions are not hooked";
      php_error_docref(nullptr, E_WARNING, "Loom: %s", g_refusal);
    }
  }
  return g_layout == Layout::Good;
#else
  return false;
#endif
}

// The hooked path applies: hooked, the layout checked, and a context that may suspend (not inside a curl
// callback the hook runs, a destructor, GC, an autoloader, an output handler, or shutdown).
bool hook_applies() {
  return g_state == HookState::Hooked && g_drive_depth == 0 && can_suspend_quietly() && layout_ok();
}

// Runs an original handler with the hook's depth raised: callbacks it runs may not suspend.
void call_original(zif_handler h, INTERNAL_FUNCTION_PARAMETERS) {
  g_drive_depth++;
  guarded_call([&] { h(INTERNAL_FUNCTION_PARAM_PASSTHRU); }, [&] { g_drive_depth--; });
  g_drive_depth--;
}

// ---------------------------------------------------------------------------------------------------
// Helper multis for curl_exec(): one per CurlHandle, living as long as the handle object, so repeated
// calls on one handle find its connection, DNS and TLS session caches as curl_easy_perform() would (its
// caches live in the handle), and freeing the handle closes its connections as it does in plain PHP.
// The handle's death is seen through a weak reference (zend_weakrefs_hash_add): no ext/curl handler is
// replaced.

struct Helper {
  reactor::CurlMulti* multi;
  zend_object* handle;  // the CurlHandle (weakly referenced)
  WakeSlot slot;
  bool busy;
  bool done;
  bool broken;    // a bailout left curl mid-call: never touched again
  bool orphaned;  // the request ended while a curl_exec() used it (a Fiber destroyed later may still)
  bool counted;   // its transfer is in g_transfers
  CURLcode code;
};

HashTable* g_weak = nullptr;                                     // handle => Helper (IS_PTR), weak keys
std::unordered_map<zend_object*, Helper*>* g_helpers = nullptr;  // the same, for lookups

void helper_free(Helper* h) {
  if (h->broken || h->orphaned) {
    // curl was left mid-call, or a fiber destroyed after request end may still unwind through the
    // curl_exec() that used it: the helper and its multi stay allocated for good.
    h->slot.waiter = nullptr;
    return;
  }
  h->multi->destroy();  // closes the connections this handle kept
  delete h;
}

// The handle was freed (or the request ends): its helper goes with it.
void on_weak_entry_dtor(zval* zv) {
  auto* h = static_cast<Helper*>(Z_PTR_P(zv));
  if (g_helpers) g_helpers->erase(h->handle);
  helper_free(h);
}

void helpers_after_fork() {
  // pcntl_fork() in the middle of a request: the helpers' connections are the parent's. Each one
  // forgets its multi without touching it and gets a fresh one.
  if (!g_helpers) return;
  reactor::FdWatch::forget_all();  // first: no watch may touch the inherited loop (idempotent)
  for (auto& [obj, h] : *g_helpers) {
    if (h->broken) continue;
    h->multi->forget_after_fork();
    h->multi->destroy();
    h->multi = reactor::CurlMulti::create_owned(wake_slot, &h->slot);
  }
}

Helper* helper_acquire(zend_object* handle) {
  if (!g_helpers) {
    static bool fork_hooked = false;
    if (!fork_hooked) {
      fork_hooked = true;
      reactor::Reactor::add_fork_hook(helpers_after_fork);
    }
    g_helpers = new std::unordered_map<zend_object*, Helper*>();
    ALLOC_HASHTABLE(g_weak);
    zend_hash_init(g_weak, 8, nullptr, on_weak_entry_dtor, 0);
  }
  auto it = g_helpers->find(handle);
  if (it != g_helpers->end()) {
    if (it->second->busy || it->second->broken) return nullptr;  // another context runs this very handle
    it->second->busy = true;
    return it->second;
  }
  auto* h = new Helper{};
  h->slot.waiter = nullptr;
  h->multi = reactor::CurlMulti::create_owned(wake_slot, &h->slot);
  h->handle = handle;
  h->busy = true;
  zval z;
  ZVAL_PTR(&z, h);
  zend_weakrefs_hash_add(g_weak, handle, &z);
  (*g_helpers)[handle] = h;
  return h;
}

void helper_release(Helper* h) { h->busy = false; }

void on_helper_done(void* ctx, CURL*, CURLcode code) {
  auto* h = static_cast<Helper*>(ctx);
  h->done = true;
  h->code = code;
}

// Runs curl for the helper's ready sockets in the calling context. A bailout from a PHP callback
// (fatal error, exit() is an exception) leaves curl mid-call: that helper is never used again.
bool helper_drive(Helper* h, bool kick) {
  bool ok = true;
  g_drive_depth++;
  guarded_call([&] { ok = h->multi->drive(kick, on_helper_done, h); },
               [&] {
                 g_drive_depth--;
                 if (h->counted && g_transfers) g_transfers--;
                 h->counted = false;
                 h->slot.waiter = nullptr;
                 h->broken = true;  // left as it is (its memory too): curl is inconsistent now
               });
  g_drive_depth--;
  return ok;
}

// The transfer of one curl_exec(): true when it ended (code set), false with an exception pending
// (thrown by a callback, or the wait was cancelled); the handle is out of the helper in both cases.
bool run_exec(Helper* h, CURL* easy, CURLcode* code) {
  h->done = false;
  if (h->multi->add_foreign(easy) != CURLM_OK) {
    *code = CURLE_FAILED_INIT;
    return true;
  }
  g_transfers++;
  h->counted = true;
  bool kick = true;
  bool ok = true;
  for (;;) {
    if (!helper_drive(h, kick)) {
      // A multi-level error (out of memory): the transfer cannot go on.
      if (!h->done) {
        h->done = true;
        h->code = CURLE_OUT_OF_MEMORY;
      }
    }
    kick = false;
    if (EG(exception)) {
      ok = false;  // a callback threw: the transfer stops here, the exception goes to the caller
      break;
    }
    if (h->done) break;
    if (h->multi->has_events()) continue;
    if (!wait_on(&h->slot, "curl_exec", -1, false)) {
      ok = false;  // cancelled (or a deadlock): abort the transfer, the handle stays usable
      break;
    }
  }
  h->multi->remove_foreign(easy);
  if (h->counted && g_transfers) g_transfers--;
  h->counted = false;
  *code = h->done ? h->code : CURLE_ABORTED_BY_CALLBACK;
  return ok;
}

ZEND_NAMED_FUNCTION(hooked_curl_exec) {
  if (!hook_applies()) {
    call_original(g_orig_exec, INTERNAL_FUNCTION_PARAM_PASSTHRU);
    return;
  }
#ifdef LOOM_CURL_LAYOUT_KNOWN
  zval* zid;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_OBJECT_OF_CLASS(zid, g_curl_ce)
  ZEND_PARSE_PARAMETERS_END();
  Easy* ch = easy_of(Z_OBJ_P(zid));
  verify_handlers(ch);
  cleanup_handle(ch);
  Helper* h = helper_acquire(Z_OBJ_P(zid));
  if (!h) {
    // Another task runs this very handle right now (plain PHP could never get here): curl refuses a
    // handle that is already running, and so do we.
    ch->err.no = CURLE_RECURSIVE_API_CALL;
    snprintf(ch->err.str, sizeof ch->err.str, "curl_exec(): this handle is already running in another task");
    RETURN_FALSE;
  }
  CURLcode code = CURLE_OK;
  bool ok = run_exec(h, ch->cp, &code);
  helper_release(h);
  if (!ok) {
    ch->err.no = static_cast<int>(code);
    RETURN_THROWS();
  }
  finish_exec(ch, code, return_value);
#endif
}

// ---------------------------------------------------------------------------------------------------
// User multis: waiting for their sockets. libcurl 7.88 tells the socket callback nothing when the multi
// is driven with curl_multi_perform() (which is what curl_multi_exec() calls), so the sockets to wait for
// are asked for at each wait (curl_multi_fdset) and watched for that wait only.

// The sockets are watched through duplicates of their descriptors: the multi is not ours, and another
// task may remove its handles or close it while this one waits, closing curl's descriptors without
// telling anyone. libuv registers a poll with epoll only on its next turn, and aborts if the descriptor
// is closed by then; a duplicate stays valid (and keeps the socket open) until the wait ends.
struct MultiWait {
  WakeSlot slot;
  CURLM* multi;
  std::vector<struct pollfd> fds;  // the sockets curl waits on, as asked at the start of the wait
  std::vector<reactor::FdWatch*> watches;
  std::vector<int> dups;
};
// Waits in progress: a request that ends by a bailout leaves them behind; RSHUTDOWN closes their
// watches, so no poll wakes a waiter that is gone.
std::unordered_set<MultiWait*>* g_multi_waits = nullptr;

// Closes the wait's watches; `free`: also the wait (the waiting frame is done with it). At request end
// the frame may still unwind later (a Fiber destroyed after RSHUTDOWN): it is not freed there.
void multi_wait_end(MultiWait* mw, bool free) {
  for (size_t i = 0; i < mw->watches.size(); i++) {
    mw->watches[i]->close();  // stops the poll (epoll_ctl DEL) now, before the descriptor closes
    close(mw->dups[i]);
  }
  mw->watches.clear();
  mw->dups.clear();
  mw->slot.waiter = nullptr;
  if (g_multi_waits) g_multi_waits->erase(mw);
  if (free) delete mw;
}

// The multi's sockets with the directions curl waits for, as curl_multi_fdset() reports them (every one of
// them: a Guzzle pool or a shared client may have hundreds). False if curl could not say.
bool collect_sockets(CURLM* cm, std::vector<struct pollfd>& out) {
  out.clear();
  fd_set r, w, e;
  FD_ZERO(&r);
  FD_ZERO(&w);
  FD_ZERO(&e);
  int maxfd = -1;
  if (curl_multi_fdset(cm, &r, &w, &e, &maxfd) != CURLM_OK) return false;
  for (int fd = 0; fd <= maxfd; fd++) {
    short ev = (FD_ISSET(fd, &r) ? POLLIN : 0) | (FD_ISSET(fd, &w) ? POLLOUT : 0);
    if (ev) out.push_back(pollfd{fd, ev, 0});
  }
  return true;
}

// Sockets with events, as curl_multi_wait() counts them; one closed meanwhile (another task removed its
// handle or closed the multi) is not counted.
int count_ready(std::vector<struct pollfd>& fds) {
  if (fds.empty() || ::poll(fds.data(), fds.size(), 0) <= 0) return 0;
  int n = 0;
  for (const struct pollfd& p : fds)
    if (p.revents & (POLLIN | POLLOUT | POLLERR | POLLHUP)) n++;
  return n;
}

// Sockets above FD_SETSIZE are invisible to curl_multi_fdset(): waits on a multi that reports none are
// capped, as curl's own documentation advises, so such a socket is still serviced.
constexpr double kBlindWaitCap = 0.05;

// Waits until one of the multi's sockets is ready, its timer is due or `timeout` passes. Returns the number
// of ready sockets (what curl_multi_wait reports), or -1 with an exception pending.
// idle_sleeps: with nothing to wait for (no socket, no timer) sleep the timeout as curl_multi_wait() does;
// otherwise only yield.
int wait_multi(CURLM* cm, double timeout, const char* what, bool idle_sleeps) {
  std::vector<struct pollfd> fds;
  collect_sockets(cm, fds);
  bool none = fds.empty();
  long curl_ms = -1;
  curl_multi_timeout(cm, &curl_ms);
  double wait_s = timeout;
  if (curl_ms >= 0 && curl_ms / 1000.0 < wait_s) wait_s = curl_ms / 1000.0;
  if (none && curl_ms < 0 && !idle_sleeps) wait_s = 0;
  if (none && wait_s > kBlindWaitCap && curl_ms != -1) wait_s = kBlindWaitCap;

  int ready = count_ready(fds);
  if (ready > 0 || wait_s <= 0) {
    // Something is ready already (or no waiting was asked for): give the other tasks a turn anyway, so a
    // loop over a busy multi cannot starve them. (The socket list is freed first: no heap memory of this
    // frame's may be held across a suspension a bailout can end.)
    std::vector<struct pollfd>().swap(fds);
    if (!wait_on(nullptr, what, 0, true)) return -1;
    return ready;
  }
  // A real wait: its state goes into a tracked heap object, not this frame, since the wait may end in a
  // bailout (RSHUTDOWN frees what is left in g_multi_waits).
  auto* mw = new MultiWait{};
  mw->multi = cm;
  mw->fds.swap(fds);
  if (!g_multi_waits) g_multi_waits = new std::unordered_set<MultiWait*>();
  g_multi_waits->insert(mw);
  uv_loop_t* loop = reactor::Reactor::instance().loop();
  for (const struct pollfd& p : mw->fds) {
    int dup = fcntl(p.fd, F_DUPFD_CLOEXEC, 0);
    if (dup < 0) continue;
    reactor::FdWatch* fw = reactor::FdWatch::open(loop, dup, wake_slot, &mw->slot);
    if (!fw) {
      close(dup);
      continue;
    }
    int ev = 0;
    if (p.events & POLLIN) ev |= reactor::kReadable;
    if (p.events & POLLOUT) ev |= reactor::kWritable;
    fw->set_events(ev);
    mw->dups.push_back(dup);
    mw->watches.push_back(fw);
  }
  bool ok = wait_on(&mw->slot, what, wait_s, false);
  ready = ok ? count_ready(mw->fds) : -1;
  multi_wait_end(mw, true);
  return ready;
}

// Per user multi: who uses it, and how many curl_multi_exec() calls in a row its one user made with
// nothing for curl to do (no socket ready, its timer not due) and no select in between. Past
// kIdleExecsBeforeWaiting such calls, each call first waits for the multi's sockets or timer: a loop
// that never selects then sleeps instead of spinning. Only for a multi one context uses: clients shared
// by tasks (Guzzle, Symfony) guard their exec calls against re-entry from other tasks, so a wait inside
// curl_multi_exec() would make the others fail; they select anyway, and their multis are never waited on
// in exec once a second context used them. Symfony's own loop may also call exec a few times in a row
// with nothing to do while it hands out chunks it already has: hence a threshold, not one call.
struct MultiUse {
  void* context;  // the fiber (null: top level) that uses it
  bool shared;    // a second context used it
  unsigned idle_calls;
  zend_long last_running;  // still_running after the last exec
};
constexpr unsigned kIdleExecsBeforeWaiting = 8;
std::unordered_map<CURLM*, MultiUse>* g_multi_use = nullptr;

MultiUse& note_use(CURLM* cm) {
  if (!g_multi_use) g_multi_use = new std::unordered_map<CURLM*, MultiUse>();
  void* ctx = EG(active_fiber);
  auto [it, fresh] = g_multi_use->try_emplace(cm, MultiUse{ctx, false, 0, -1});
  if (!fresh && it->second.context != ctx) {
    it->second.shared = true;
    it->second.context = ctx;
    it->second.idle_calls = 0;
  }
  return it->second;
}

// Whether curl_multi_perform() would find something to do now: a socket ready or its timer due.
// `fds` receives the sockets it looked at (left empty when the timer alone answered).
bool multi_has_work(CURLM* cm, std::vector<struct pollfd>& fds) {
  long ms = -1;
  if (curl_multi_timeout(cm, &ms) == CURLM_OK && ms == 0) return true;
  if (!collect_sockets(cm, fds)) return true;
  return count_ready(fds) > 0;
}

// What a wait on the multi watches: its sockets with their directions, folded into one number.
uint64_t socket_signature(const std::vector<struct pollfd>& fds) {
  uint64_t sig = 1469598103934665603ull;
  for (const struct pollfd& p : fds) {
    unsigned bits = (p.events & POLLIN ? 1u : 0u) | (p.events & POLLOUT ? 2u : 0u);
    sig = (sig ^ (static_cast<uint64_t>(p.fd) << 2 | bits)) * 1099511628211ull;
  }
  return sig;
}

uint64_t multi_socket_signature(CURLM* cm) {
  std::vector<struct pollfd> fds;
  return collect_sockets(cm, fds) ? socket_signature(fds) : 0;
}

// Another context's curl_multi_exec() made progress on the multi (read data, opened a connection,
// finished a transfer): the tasks waiting in select on it may watch an outdated socket set, or wait for
// data that exec already read for them (clients shared by tasks keep it in their own buffers), so they
// return (0) and their loops look again. Without this they notice only at their select timeouts.
void wake_other_waits(CURLM* cm) {
  if (!g_multi_waits) return;
  for (MultiWait* mw : *g_multi_waits)
    if (mw->multi == cm) wake_slot(&mw->slot);
}

ZEND_NAMED_FUNCTION(hooked_curl_multi_select) {
  if (!hook_applies()) {
    call_original(g_orig_multi_select, INTERNAL_FUNCTION_PARAM_PASSTHRU);
    return;
  }
#ifdef LOOM_CURL_LAYOUT_KNOWN
  zval* z_mh;
  double timeout = 1.0;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_OBJECT_OF_CLASS(z_mh, g_curl_multi_ce)
  Z_PARAM_OPTIONAL
  Z_PARAM_DOUBLE(timeout)
  ZEND_PARSE_PARAMETERS_END();
  Multi* mh = multi_of(Z_OBJ_P(z_mh));
  note_use(mh->multi).idle_calls = 0;
  if (!(timeout >= 0)) timeout = 0;  // curl_multi_wait() gets (unsigned long)(timeout * 1000)
  int n = wait_multi(mh->multi, timeout, "curl_multi_select", true);
  if (n < 0) RETURN_THROWS();
  RETURN_LONG(n);
#endif
}

ZEND_NAMED_FUNCTION(hooked_curl_multi_exec) {
  if (!hook_applies()) {
    call_original(g_orig_multi_exec, INTERNAL_FUNCTION_PARAM_PASSTHRU);
    return;
  }
#ifdef LOOM_CURL_LAYOUT_KNOWN
  // Check the arguments as the original will, before waiting on them.
  zval* z_mh;
  zval* z_still_running;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_OBJECT_OF_CLASS(z_mh, g_curl_multi_ce)
  Z_PARAM_ZVAL(z_still_running)
  ZEND_PARSE_PARAMETERS_END();
  CURLM* cm = multi_of(Z_OBJ_P(z_mh))->multi;
  MultiUse& use = note_use(cm);
  std::vector<struct pollfd> fds;
  bool had_work = multi_has_work(cm, fds);
  bool waited = false;
  if (had_work) {
    use.idle_calls = 0;
  } else if (use.idle_calls++ >= kIdleExecsBeforeWaiting && !use.shared) {
    // Again nothing to do, and no select since: wait for something the call can do. (The snapshot is
    // freed first: no heap memory of this frame's may be held across a suspension a bailout can end.)
    std::vector<struct pollfd>().swap(fds);
    if (wait_multi(cm, 1.0, "curl_multi_exec", false) < 0) RETURN_THROWS();
    waited = true;
  }
  bool watched = g_multi_waits && !g_multi_waits->empty();
  // The socket set before the call, to tell whether it changed; not needed when the call had work (that
  // counts as progress anyway), and the one has_work saw unless a wait came in between.
  uint64_t before = 0;
  if (watched && !had_work) before = waited ? multi_socket_signature(cm) : socket_signature(fds);
  long timer_before = -1;
  if (watched) curl_multi_timeout(cm, &timer_before);
  call_original(g_orig_multi_exec, INTERNAL_FUNCTION_PARAM_PASSTHRU);
  if (g_multi_waits && !g_multi_waits->empty()) {
    zval* running = z_still_running;
    ZVAL_DEREF(running);
    zend_long now = Z_TYPE_P(running) == IS_LONG ? Z_LVAL_P(running) : -1;
    MultiUse& u = note_use(cm);
    // Data read here may belong to another task's transfer (Symfony and Guzzle hand it over through
    // their own buffers): whoever waits on this multi looks again.
    // A timer curl armed just now (or wants run at once) is in no waiter's snapshot either.
    long timer_after = -1;
    curl_multi_timeout(cm, &timer_after);
    bool new_timer = timer_after == 0 || (timer_before < 0 && timer_after >= 0);
    bool progressed = had_work || new_timer || now != u.last_running || multi_socket_signature(cm) != before;
    u.last_running = now;
    if (progressed) wake_other_waits(cm);
  }
#endif
}

// ---------------------------------------------------------------------------------------------------

zend_internal_function* find_internal(const char* name) {
  auto* fn = static_cast<zend_function*>(zend_hash_str_find_ptr(CG(function_table), name, strlen(name)));
  return fn && fn->type == ZEND_INTERNAL_FUNCTION ? &fn->internal_function : nullptr;
}

}  // namespace

size_t curl_hook_transfers() { return g_transfers; }

const char* curl_hook_suspend_veto() {
  if (g_drive_depth > 0)
    return "a curl callback is running (CURLOPT_WRITEFUNCTION, HEADERFUNCTION, READFUNCTION, "
           "XFERINFOFUNCTION...), and curl cannot be re-entered from another task while it waits";
  return nullptr;
}

void curl_hook_minit() {
  if (!INI_BOOL("loom.hook_curl")) {
    g_state = HookState::Off;
    return;
  }
  g_fn_exec = find_internal("curl_exec");
  g_fn_multi_exec = find_internal("curl_multi_exec");
  g_fn_multi_select = find_internal("curl_multi_select");
  g_curl_ce = static_cast<zend_class_entry*>(zend_hash_str_find_ptr(CG(class_table), "curlhandle", 10));
  g_curl_multi_ce =
      static_cast<zend_class_entry*>(zend_hash_str_find_ptr(CG(class_table), "curlmultihandle", 15));
  if (!g_fn_exec || !g_fn_multi_exec || !g_fn_multi_select || !g_curl_ce || !g_curl_multi_ce) {
    g_state = HookState::NoCurl;
    return;
  }
#ifdef ZTS
  // The hook's state (helpers, waits, the layout check) is per process; threads would share it.
  g_state = HookState::Refused;
  g_refusal =
      "a thread-safe (ZTS) PHP build is not supported by the curl hook; curl functions are not hooked";
  zend_error(E_CORE_WARNING, "Loom: %s", g_refusal);
  return;
#endif
#ifndef LOOM_CURL_LAYOUT_KNOWN
  // Said in phpinfo only: a warning here would be printed by every PHP run on such a version.
  g_state = HookState::Refused;
  g_refusal = "this PHP version's ext/curl layout is not known to Loom; curl functions are not hooked";
  return;
#else
  // ext/curl and Loom share the process's libcurl; the layout (and the callbacks' behaviour) follow the
  // libcurl ext/curl was built with, which Loom can only see as the one loaded: Loom's build must match it.
  const curl_version_info_data* v = curl_version_info(CURLVERSION_NOW);
  if (static_cast<unsigned>(v->version_num) != static_cast<unsigned>(LIBCURL_VERSION_NUM)) {
    g_state = HookState::Refused;
    snprintf(g_refusal_buf, sizeof g_refusal_buf,
             "ext/curl runs libcurl %s but Loom was built with libcurl %s; curl functions are not hooked",
             v->version, LIBCURL_VERSION);
    g_refusal = g_refusal_buf;
    zend_error(E_CORE_WARNING, "Loom: %s", g_refusal);
    return;
  }
  g_orig_exec = g_fn_exec->handler;
  g_orig_multi_exec = g_fn_multi_exec->handler;
  g_orig_multi_select = g_fn_multi_select->handler;
  g_fn_exec->handler = hooked_curl_exec;
  g_fn_multi_exec->handler = hooked_curl_multi_exec;
  g_fn_multi_select->handler = hooked_curl_multi_select;
  g_state = HookState::Hooked;
#endif
}

void curl_hook_mshutdown() {
  if (g_state == HookState::Hooked) {
    g_fn_exec->handler = g_orig_exec;
    g_fn_multi_exec->handler = g_orig_multi_exec;
    g_fn_multi_select->handler = g_orig_multi_select;
  }
  delete g_multi_use;
  g_multi_use = nullptr;
  delete g_multi_waits;
  g_multi_waits = nullptr;
}

void curl_hook_rshutdown() {
  if (g_multi_use) g_multi_use->clear();
  g_drive_depth = 0;
  if (g_multi_waits) {
    std::vector<MultiWait*> left(g_multi_waits->begin(), g_multi_waits->end());
    for (MultiWait* mw : left) multi_wait_end(mw, false);
  }
  if (!g_helpers) return;
  // Every helper ends with the request. The handles are still alive (the object store is freed after
  // RSHUTDOWN): one whose curl_exec() a bailout interrupted leaves its helper first, and no waiter is
  // kept. Dropping the weak references frees the helpers (and the connections they kept).
  for (auto& [obj, h] : *g_helpers) {
    h->slot.waiter = nullptr;
#ifdef LOOM_CURL_LAYOUT_KNOWN
    if (h->busy && !h->broken) {
      h->multi->remove_foreign(easy_of(h->handle)->cp);
      h->orphaned = true;
    }
#endif
    if (h->counted && g_transfers) g_transfers--;
    h->counted = false;
  }
  std::vector<zend_object*> handles;
  for (auto& [obj, h] : *g_helpers) handles.push_back(obj);
  for (zend_object* obj : handles) zend_weakrefs_hash_del(g_weak, obj);
  zend_hash_destroy(g_weak);
  FREE_HASHTABLE(g_weak);
  g_weak = nullptr;
  delete g_helpers;
  g_helpers = nullptr;
}

void curl_hook_minfo() {
  const char* v = "off (loom.hook_curl=0)";
  if (g_state == HookState::NoCurl) v = "no (ext/curl is not loaded)";
  if (g_state == HookState::Refused || (g_state == HookState::Hooked && g_layout == Layout::Bad))
    v = g_refusal;
  if (g_state == HookState::Hooked && g_layout != Layout::Bad)
    v = "curl_exec, curl_multi_exec, curl_multi_select";
  php_info_print_table_row(2, "curl functions hooked", v);
}

}  // namespace loom::hook
