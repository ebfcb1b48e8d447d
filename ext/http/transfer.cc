// One HTTP request in flight: curl callbacks record bytes and headers; PHP-side readers wait for them.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "http/http.h"

namespace loom::http {

namespace {

constexpr size_t kOrphanMaxBytes = 64 << 10;  // what a dropped response may still read to free its connection
constexpr double kOrphanIdleSeconds = 2;
thread_local Transfer* live_head = nullptr;  // per request: every started transfer (transfers_rshutdown)

void slots_now_multiplexed(Transfer* t);  // these two: "Connection limits" below
void slot_release(Transfer* t);

void detach_reader(Waiter* w, void* data) { wait_queue_remove(&static_cast<Transfer*>(data)->readers, w); }

const WaitSource transfer_source = {"http transfer", detach_reader};

void on_idle(void* data) {
  auto* t = static_cast<Transfer*>(data);
  t->idle_timer = reactor::TimerId{};
  auto& r = reactor::Reactor::instance();
  if (t->paused) {  // silent because our reader is behind, not the server: that is no idleness
    t->last_activity_ms = r.now();
    t->idle_timer = r.add_timer(t->idle_ms(), on_idle, t);
    return;
  }
  uint64_t quiet = r.now() - t->last_activity_ms;
  if (quiet < t->idle_ms()) {  // data arrived since the timer was set: wait for the rest of the window
    t->idle_timer = r.add_timer(t->idle_ms() - quiet, on_idle, t);
    return;
  }
  char secs[32];
  snprintf(secs, sizeof secs, "%g", t->idle_timeout);
  t->stop(Failure::Timeout, "idle",
          std::string("No data from ") + t->url + " for " + secs + " seconds (idle timeout)");
}

}  // namespace

void Transfer::notify() {
  while (Waiter* w = wait_queue_pop(&readers)) wake(w);
  if (group && !group_flagged) {
    group_flagged = true;
    group->ready.push_back(this);
    if (group->waiter) wake(group->waiter);
  }
}

void Transfer::on_multiplexed() { slots_now_multiplexed(this); }

// Called on every header line and body chunk: it only notes the time. The one pending timer checks,
// when it fires, how long the transfer has really been silent (re-adding a timer per chunk cost more
// than the rest of Loom's own work at 10,000 streams).
void Transfer::arm_idle() {
  if (idle_timeout <= 0 || done) return;
  auto& r = reactor::Reactor::instance();
  last_activity_ms = r.now();
  if (!idle_timer.valid()) idle_timer = r.add_timer(idle_ms(), on_idle, this);
}

// The one place a Transfer is deleted: when nothing owns it any more (see Ownership).
static void retire(Transfer* t) { delete t; }

void Transfer::on_done(CURLcode c) {
  in_multi = false;
  done = true;
  code = c;
  reactor::Reactor::instance().cancel_timer(idle_timer);
  slot_release(this);
  record_result(c);
  notify();
  if (ownership == Ownership::Background) retire(this);  // its connection went back to the pool
}

void Transfer::on_forked() {
  in_multi = false;  // the inherited multi already let go of it
  stop(Failure::Transport, headers_done ? "body" : "send",
       "The request to " + url +
           " was started before pcntl_fork() and belongs to the parent process; a forked child cannot "
           "continue it (the connection is shared with the parent). Start the request again in the child");
}

void Transfer::stop(Failure f, const char* phase, std::string message) {
  if (done) return;
  if (in_multi) {
    reactor::CurlMulti::instance().remove(easy);
    in_multi = false;
  }
  reactor::Reactor::instance().cancel_timer(idle_timer);
  slot_release(this);
  done = true;
  fail(f, phase, std::move(message));
  notify();
  if (ownership == Ownership::Background) retire(this);
}

// The response object is gone but the stream had announced its end (OpenAI's [DONE], Anthropic's
// message_stop): let curl read the little that is left, discarding it, so the connection can be
// reused; bounded in bytes and in time. Anything else abandoned mid-body is stopped at once.
bool Transfer::finish_in_background() {
  if (!end_sentinel_seen || done || !headers_done || failure != Failure::None || !in_multi) return false;
  ownership = Ownership::Background;
  discarding = true;
  owner = nullptr;
  wait_queue_abandon(&readers);
  group_leave(this);
  buf.clear();
  buf.shrink_to_fit();
  if (paused) {
    paused = false;
    curl_easy_pause(easy, CURLPAUSE_CONT);
  }
  max_bytes = received + kOrphanMaxBytes;
  if (idle_timeout <= 0 || idle_timeout > kOrphanIdleSeconds) idle_timeout = kOrphanIdleSeconds;
  reactor::Reactor::instance().cancel_timer(idle_timer);  // the shorter window applies from now
  arm_idle();
  return true;
}

void transfer_release(Transfer* t) {
  t->owner = nullptr;
  group_leave(t);
  if (!t->finish_in_background()) retire(t);
}

void group_join(StreamGroup* g, Transfer* t) {
  t->group = g;
  t->group_slot = g->members.size();
  g->members.push_back(t);
  // Whatever already arrived (or the end) is news from the start.
  t->group_flagged = true;
  g->ready.push_back(t);
}

void group_leave(Transfer* t) {
  StreamGroup* g = t->group;
  if (!g) return;
  Transfer* last = g->members.back();
  g->members[t->group_slot] = last;
  last->group_slot = t->group_slot;
  g->members.pop_back();
  if (t->group_flagged) {
    auto it = std::find(g->ready.begin(), g->ready.end(), t);
    if (it != g->ready.end()) g->ready.erase(it);
    t->group_flagged = false;
  }
  t->group = nullptr;
}

void group_dissolve(StreamGroup* g) {
  for (Transfer* t : g->members) {
    t->group = nullptr;
    t->group_flagged = false;
  }
  g->members.clear();
  g->ready.clear();
}

Transfer::~Transfer() {
  group_leave(this);
  wait_queue_abandon(&readers);  // none in practice (a waiting reader holds the Response), never dangling
  if (in_multi) reactor::CurlMulti::instance().remove(easy);
  slot_release(this);
  if (reactor::Reactor::exists()) reactor::Reactor::instance().cancel_timer(idle_timer);
  if (prev_live)
    prev_live->next_live = next_live;
  else if (live_head == this)
    live_head = next_live;
  if (next_live) next_live->prev_live = prev_live;
}

// ---------------------------------------------------------------------------------------------------
// Connection limits. max_connections_per_host belongs to the client (or request) that set it: each
// client's transfers to one origin are counted here, and one that would go over its limit waits in
// that client's queue, outside curl, until a transfer of the same client and origin ends. (libcurl's
// CURLMOPT_MAX_HOST_CONNECTIONS cannot do this: it is one value for the whole multi handle, which is
// process-wide, so it would hold for every later client and, under FPM, every later request.)
// A transfer that came back over HTTP/2 stops holding a connection of its own: the streams of one
// client and origin share one connection (curl waits to multiplex, PIPEWAIT), which counts once.

namespace {

struct HostSlots {
  size_t connections = 0;  // admitted transfers each holding a connection of their own
  size_t streams = 0;      // admitted transfers multiplexed on HTTP/2 (one connection between them)
  std::deque<Transfer*> waiting;
};
thread_local std::unordered_map<std::string, HostSlots>* host_slots = nullptr;
thread_local reactor::TimerId pump_timer;

bool slot_free(const HostSlots& g, const Transfer* t) {
  if (t->host_limit <= 0) return true;
  if (t->may_multiplex && g.streams > 0) return true;  // joins the HTTP/2 connection already open
  return g.connections + (g.streams ? 1 : 0) < static_cast<size_t>(t->host_limit);
}

void slot_take(HostSlots& g, Transfer* t) {
  if (t->may_multiplex && g.streams > 0) {
    t->slot = Transfer::Slot::Stream;
    g.streams++;
  } else {
    t->slot = Transfer::Slot::Connection;
    g.connections++;
  }
}

void pump_slots(void*);

// Something freed a slot: admit waiting transfers from the loop, never from inside a curl callback.
void schedule_pump() {
  if (!host_slots || pump_timer.valid()) return;
  pump_timer = reactor::Reactor::instance().add_timer(0, pump_slots, nullptr);
}

// Gives back what t holds (a slot or its place in the queue).
void slot_release(Transfer* t) {
  if (t->slot == Transfer::Slot::None || !host_slots) {
    t->slot = Transfer::Slot::None;
    return;
  }
  auto it = host_slots->find(t->slot_key);
  if (it != host_slots->end()) {
    HostSlots& g = it->second;
    switch (t->slot) {
      case Transfer::Slot::Waiting: {
        auto w = std::find(g.waiting.begin(), g.waiting.end(), t);
        if (w != g.waiting.end()) g.waiting.erase(w);
        break;
      }
      case Transfer::Slot::Connection:
        g.connections--;
        break;
      case Transfer::Slot::Stream:
        g.streams--;
        break;
      case Transfer::Slot::None:
        break;
    }
    if (t->slot != Transfer::Slot::Waiting && !g.waiting.empty()) schedule_pump();
    if (!g.connections && !g.streams && g.waiting.empty()) host_slots->erase(it);
  }
  if (reactor::Reactor::exists()) reactor::Reactor::instance().cancel_timer(t->queue_timer);
  t->slot = Transfer::Slot::None;
}

std::string seconds_text(double s) {
  char buf[32];
  snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

void on_queue_deadline(void* data) {
  auto* t = static_cast<Transfer*>(data);
  t->queue_timer = reactor::TimerId{};
  t->stop(Failure::Timeout, "total",
          "Request to " + t->url + " timed out after " + seconds_text(t->total_timeout) +
              " seconds (total timeout): still waiting for a connection (max_connections_per_host=" +
              std::to_string(t->host_limit) + ")");
}

// Adds an admitted transfer to the multi. The total timeout counts from the request, queue included.
CURLMcode transfer_add(Transfer* t) {
  if (t->total_timeout > 0) {
    uint64_t total = reactor::seconds_to_ms(t->total_timeout);
    uint64_t waited = t->queued_ms ? reactor::Reactor::instance().now() - t->queued_ms : 0;
    curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS, static_cast<long>(total > waited ? total - waited : 1));
  }
  CURLMcode rc = reactor::CurlMulti::instance().add(t->easy);
  if (rc != CURLM_OK) return rc;
  t->in_multi = true;
  t->arm_idle();
  return rc;
}

void pump_slots(void*) {
  pump_timer = reactor::TimerId{};
  if (!host_slots) return;
  // Collected first: admitting may fail a transfer, and its release may erase a group.
  std::vector<Transfer*> admitted;
  for (auto& [key, g] : *host_slots) {
    while (!g.waiting.empty() && slot_free(g, g.waiting.front())) {
      Transfer* t = g.waiting.front();
      g.waiting.pop_front();
      reactor::Reactor::instance().cancel_timer(t->queue_timer);
      slot_take(g, t);
      admitted.push_back(t);
    }
  }
  for (Transfer* t : admitted) {
    CURLMcode rc = transfer_add(t);
    if (rc != CURLM_OK)
      t->stop(Failure::Transport, "connect",
              std::string("Could not start the request to ") + t->url + ": " + curl_multi_strerror(rc));
  }
}

// The response came over HTTP/2: t now shares its connection with the client's other streams there.
void slots_now_multiplexed(Transfer* t) {
  if (t->slot != Transfer::Slot::Connection || !host_slots) return;
  auto it = host_slots->find(t->slot_key);
  if (it == host_slots->end()) return;
  it->second.connections--;
  it->second.streams++;
  t->slot = Transfer::Slot::Stream;
  if (!it->second.waiting.empty()) schedule_pump();
}

// True when t may start now (and takes its slot); false when it was queued.
bool slot_admit(Transfer* t) {
  if (t->slot_key.empty()) return true;
  if (!host_slots) host_slots = new std::unordered_map<std::string, HostSlots>();
  HostSlots& g = (*host_slots)[t->slot_key];
  if (g.waiting.empty() && slot_free(g, t)) {
    slot_take(g, t);
    return true;
  }
  t->slot = Transfer::Slot::Waiting;
  t->queued_ms = reactor::Reactor::instance().now();
  g.waiting.push_back(t);
  if (t->total_timeout > 0)
    t->queue_timer = reactor::Reactor::instance().add_timer(reactor::seconds_to_ms(t->total_timeout),
                                                            on_queue_deadline, t);
  return false;
}

}  // namespace

size_t live_transfers() {
  return reactor::CurlMulti::exists() ? reactor::CurlMulti::instance().transfers() : 0;
}

bool transfer_start(Transfer* t, const Options& o) {
  t->next_live = live_head;
  if (live_head) live_head->prev_live = t;
  live_head = t;

  // curl_easy_init() and the setopts go deep: run on the shared stack (run_on_side_stack()). A forked
  // child's first use of the loop fails the transfers it inherited, which wakes their readers: done
  // here first, so that the job itself only creates and adds.
  reactor::Reactor::check_fork();
  CURLMcode rc = CURLM_OK;
  auto start = [t, &o, &rc] {
    t->setup_easy();
    apply_options(o, t);
    // The connections it could reuse (CurlMulti::add): its origin's, or, through a proxy, the proxy's.
    size_t space = t->slot_key.find(' ');
    if (!o.proxy.empty())
      t->pool_key = "proxy " + o.proxy;
    else if (space != std::string::npos)
      t->pool_key.assign(t->slot_key, space + 1);
    t->reuses_idle_only = !t->may_multiplex;
    if (!slot_admit(t)) return;  // queued: pump_slots() adds it when its client has a slot free
    rc = transfer_add(t);
    if (rc != CURLM_OK) slot_release(t);
  };
  run_on_side_stack(start);
  if (rc != CURLM_OK) {
    zval ex;
    ZVAL_OBJ(&ex, transport_exception(ce_transport,
                                      std::string("Could not start the request to ") + t->url + ": " +
                                          curl_multi_strerror(rc),
                                      "connect", t->url, 0));
    zend_throw_exception_object(&ex);
    return false;
  }
  return true;
}

bool transfer_wait(Transfer* t, bool (*pred)(Transfer*), const char* api) {
  for (;;) {
    if (t->done || pred(t)) return true;
    if (!check_can_suspend(api)) return false;
    Waiter* w = waiter_new(&transfer_source, t, api);
    wait_queue_push(&t->readers, w);
    bool ok = suspend(w);
    waiter_free(w);
    if (!ok) return false;
  }
}

void take_body(Transfer* t, std::string& out) {
  out.swap(t->buf);
  discard_body(t);
}

void discard_body(Transfer* t) {
  t->buf.clear();
  if (t->paused && t->easy && !t->done) {  // below the high-water mark again
    t->paused = false;
    curl_easy_pause(t->easy, CURLPAUSE_CONT);
  }
}

void throw_failure(Transfer* t) {
  zend_class_entry* ce = ce_transport;
  switch (t->failure) {
    case Failure::Timeout:
      ce = ce_timeout;
      break;
    case Failure::TooLarge:
      ce = ce_too_large;
      break;
    case Failure::Incomplete:
      ce = ce_incomplete;
      break;
    case Failure::Cancelled: {
      zend_throw_exception(ce_cancelled, t->failure_message.c_str(), 0);
      return;
    }
    default:
      break;
  }
  zval ex;
  ZVAL_OBJ(&ex, transport_exception(ce, t->failure_message, t->failure_phase, t->url, t->code));
  zend_throw_exception_object(&ex);
}

void transfers_rshutdown() {
  // Whatever a request left in flight is stopped; its connection is closed by curl (removed mid-transfer),
  // so the next request never inherits half a response. Background drains end here too.
  for (Transfer* t = live_head; t;) {
    Transfer* next = t->next_live;
    if (t->ownership == Ownership::Background) retire(t);
    t = next;
  }
  for (Transfer* t = live_head; t; t = t->next_live) {
    if (t->in_multi) {
      reactor::CurlMulti::instance().remove(t->easy);
      t->in_multi = false;
    }
    t->done = true;
    wait_queue_abandon(&t->readers);
    group_leave(t);
    t->slot = Transfer::Slot::None;
    if (reactor::Reactor::exists()) {
      reactor::Reactor::instance().cancel_timer(t->idle_timer);
      reactor::Reactor::instance().cancel_timer(t->queue_timer);
    }
  }
  // Connection limits are per request too: nothing counted or queued survives into the next one.
  delete host_slots;
  host_slots = nullptr;
  if (reactor::Reactor::exists()) reactor::Reactor::instance().cancel_timer(pump_timer);
  pump_timer = reactor::TimerId{};
}

}  // namespace loom::http
