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

constexpr size_t kHighWater = 1 << 20;        // pause curl when this much is buffered and unread
constexpr size_t kOrphanMaxBytes = 64 << 10;  // what a dropped response may still read to free its connection
constexpr double kOrphanIdleSeconds = 2;
constexpr size_t kMaxHeaderBytes = 64 << 10;
thread_local Transfer* live_head = nullptr;
thread_local size_t live_count = 0;

void slots_now_multiplexed(Transfer* t);  // these two: "Connection limits" below
void slot_release(Transfer* t);

void detach_reader(Waiter* w, void* data) { wait_queue_remove(&static_cast<Transfer*>(data)->readers, w); }

const WaitSource transfer_source = {"http transfer", detach_reader};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const char* p, size_t n) {
  while (n && (p[0] == ' ' || p[0] == '\t')) p++, n--;
  while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n')) n--;
  return std::string(p, n);
}

// A Content-Length value is digits (a list of equal values is allowed) and agrees with any earlier one.
bool content_length_agrees(Transfer* t, const std::string& value) {
  std::string first;
  size_t i = 0;
  for (;;) {
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) i++;
    size_t start = i;
    while (i < value.size() && value[i] >= '0' && value[i] <= '9') i++;
    if (i == start) return false;
    std::string one = value.substr(start, i - start);
    if (first.empty())
      first = one;
    else if (one != first)
      return false;
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) i++;
    if (i == value.size()) break;
    if (value[i++] != ',') return false;
  }
  for (auto& h : t->headers)
    if (h.first == "content-length" && h.second != first) return false;
  return true;
}

// The header block limit, whoever noticed it: Loom counting complete lines, or libcurl refusing one
// line longer than its CURL_MAX_HTTP_HEADER (100 KiB, above Loom's limit) before Loom ever sees it.
void fail_headers_too_large(Transfer* t) {
  t->failure = Failure::TooLarge;
  t->failure_phase = t->headers_done ? "body" : "headers";  // after the head: the trailer section
  t->failure_message =
      "Response headers from " + t->url + " exceed " + std::to_string(kMaxHeaderBytes) + " bytes";
}

// What libcurl returns when one header line is over CURL_MAX_HTTP_HEADER: CURLE_OUT_OF_MEMORY up to
// 8.5 ("Out of memory", though nothing ran out), CURLE_TOO_LARGE (100) from 8.6.
bool curl_header_line_too_long(CURLcode c) {
  return c == CURLE_OUT_OF_MEMORY || c == static_cast<CURLcode>(100);
}

// RFC 9110 5.1: a field name is a token.
bool is_field_name(const std::string& name) {
  if (name.empty()) return false;
  for (unsigned char c : name)
    if (c <= 32 || c >= 127 || strchr("()<>@,;:\\\"/[]?={}", c)) return false;
  return true;
}

size_t on_header(char* p, size_t size, size_t n, void* ud) {
  auto* t = static_cast<Transfer*>(ud);
  size_t len = size * n;
  t->arm_idle();  // header lines are data too: the idle timeout measures silence, not time to the body
  if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
    // A new response (1xx, or the final one): start over.
    t->headers.clear();
    t->multiplexed = len >= 6 && (memcmp(p, "HTTP/2", 6) == 0 || memcmp(p, "HTTP/3", 6) == 0);
    t->status_line = trim(p, len);
    const char* sp = static_cast<const char*>(memchr(p, ' ', len));
    t->status = sp ? strtol(sp + 1, nullptr, 10) : 0;
    t->reason.clear();
    return len;
  }
  if (len <= 2 && (len == 0 || p[0] == '\r' || p[0] == '\n')) {
    if (!t->headers_done && (t->status >= 200 || t->status == 101)) {
      t->headers_done = true;
      if (t->multiplexed) slots_now_multiplexed(t);
      t->notify();
    }
    return len;  // after the head: the end of the trailer section
  }
  // After the final head's blank line, curl hands over the trailer section of a chunked body through
  // this same callback: those fields go to trailers, never into headers
  // (RFC 9110 6.5.1: trailers are not merged with the header section unless the field allows it).
  bool trailer = t->headers_done;
  size_t total = 0;
  for (auto& h : t->headers) total += h.first.size() + h.second.size() + 4;
  for (auto& h : t->trailers) total += h.first.size() + h.second.size() + 4;
  if (total + len > kMaxHeaderBytes) {
    fail_headers_too_large(t);
    return 0;
  }
  const char* colon = static_cast<const char*>(memchr(p, ':', len));
  if (!colon) return len;  // folded or malformed line: curl decides whether that is fatal
  std::string name = lower(trim(p, colon - p)), value = trim(colon + 1, len - (colon + 1 - p));
  if (!is_field_name(name)) {
    t->failure = Failure::Transport;
    t->failure_phase = trailer ? "body" : "headers";
    t->failure_message =
        "Invalid response from " + t->url + ": bad header field name \"" + name.substr(0, 64) + "\"";
    t->local_code = CURLE_WEIRD_SERVER_REPLY;
    return 0;
  }
  if (!trailer && name == "content-length" && !content_length_agrees(t, value)) {
    // RFC 9112 6.3: an invalid or conflicting length makes the framing unknowable; curl 7.88 takes the last.
    t->failure = Failure::Transport;
    t->failure_phase = "headers";
    t->failure_message = "Invalid response from " + t->url + ": bad or conflicting Content-Length (\"" +
                         value.substr(0, 64) + "\")";
    t->local_code = CURLE_WEIRD_SERVER_REPLY;
    return 0;
  }
  (trailer ? t->trailers : t->headers).emplace_back(std::move(name), std::move(value));
  return len;
}

// Runs once the connection is ready (new or reused) and before the request goes out.
int on_prereq(void* ud, char* conn_primary_ip, char*, int, int) {
  auto* t = static_cast<Transfer*>(ud);
  t->connected = true;
  if (t->deny_private && conn_primary_ip && !t->allow_ip_text(conn_primary_ip)) {
    // A kept-alive connection to a private address (opened by a request that allowed it) is refused too.
    t->failure = Failure::Transport;
    t->failure_phase = "connect";
    t->failure_message = "Could not connect to " + t->url + ": refused to connect to " + t->denied_address +
                         ": a loopback, private, link-local or multicast address (deny_private_networks)";
    return CURL_PREREQFUNC_ABORT;
  }
  return CURL_PREREQFUNC_OK;
}

size_t on_write(char* p, size_t size, size_t n, void* ud) {
  auto* t = static_cast<Transfer*>(ud);
  size_t len = size * n;
  if (t->max_bytes && t->received + len > t->max_bytes) {
    // Counted here, on decoded bytes: CURLOPT_MAXFILESIZE misses running and compressed transfers.
    t->failure = Failure::TooLarge;
    t->failure_phase = "body";
    t->failure_message = "Response body from " + t->url + " exceeds max_response_bytes (" +
                         std::to_string(t->max_bytes) + " bytes)";
    return 0;
  }
  if (t->orphan) {  // nobody reads it any more: count and drop
    t->received += len;
    t->arm_idle();
    return len;
  }
  if (!t->buf.empty() && t->buf.size() + len > kHighWater) {
    // The reader (body(), chunks(), events() or Client::stream(), all alike) is behind: hold curl back
    // so TCP pushes back; curl redelivers these bytes once take_body() empties the buffer. The buffer
    // never exceeds kHighWater (curl writes at most CURL_MAX_WRITE_SIZE at a time).
    t->paused = true;
    return CURL_WRITEFUNC_PAUSE;
  }
  t->received += len;
  t->buf.append(p, len);
  t->arm_idle();
  t->notify();
  return len;
}

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

// Called on every header line and body chunk: it only notes the time. The one pending timer checks,
// when it fires, how long the transfer has really been silent (re-adding a timer per chunk cost more
// than the rest of Loom's own work at 10,000 streams).
void Transfer::arm_idle() {
  if (idle_timeout <= 0 || done) return;
  auto& r = reactor::Reactor::instance();
  last_activity_ms = r.now();
  if (!idle_timer.valid()) idle_timer = r.add_timer(idle_ms(), on_idle, this);
}

namespace {
bool private_v4(uint32_t ip) {  // host byte order
  uint8_t a = ip >> 24, b = (ip >> 16) & 0xff;
  return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (b & 0xf0) == 16) ||
         (a == 192 && b == 168) || (a == 100 && (b & 0xc0) == 64) || a >= 224;
}
}  // namespace

// F7: checked on the resolved address of every connect (so DNS answers and redirects are covered).
bool Transfer::allow_address(const struct sockaddr* a) {
  if (!deny_private) return true;
  bool deny = false;
  char text[INET6_ADDRSTRLEN] = "?";
  if (a->sa_family == AF_INET) {
    auto* in = reinterpret_cast<const sockaddr_in*>(a);
    deny = private_v4(ntohl(in->sin_addr.s_addr));
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
  } else if (a->sa_family == AF_INET6) {
    const in6_addr& in6 = reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr;
    const uint8_t* b = in6.s6_addr;
    if (IN6_IS_ADDR_V4MAPPED(&in6)) {
      deny = private_v4((uint32_t(b[12]) << 24) | (uint32_t(b[13]) << 16) | (uint32_t(b[14]) << 8) | b[15]);
    } else {
      deny = IN6_IS_ADDR_LOOPBACK(&in6) || IN6_IS_ADDR_UNSPECIFIED(&in6) || (b[0] & 0xfe) == 0xfc ||
             (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || b[0] == 0xff;
    }
    inet_ntop(AF_INET6, &in6, text, sizeof text);
  }
  if (deny) denied_address = text;
  return !deny;
}

bool Transfer::allow_ip_text(const char* ip) {
  sockaddr_in6 a6{};
  sockaddr_in a4{};
  if (inet_pton(AF_INET, ip, &a4.sin_addr) == 1) {
    a4.sin_family = AF_INET;
    return allow_address(reinterpret_cast<sockaddr*>(&a4));
  }
  if (inet_pton(AF_INET6, ip, &a6.sin6_addr) == 1) {
    a6.sin6_family = AF_INET6;
    return allow_address(reinterpret_cast<sockaddr*>(&a6));
  }
  return true;
}

uint64_t Transfer::idle_ms() const { return reactor::seconds_to_ms(idle_timeout); }

void Transfer::on_done(CURLcode c) {
  in_multi = false;
  done = true;
  code = c;
  reactor::Reactor::instance().cancel_timer(idle_timer);
  slot_release(this);
  if (c != CURLE_OK && failure == Failure::None && !headers_done && curl_header_line_too_long(c)) {
    fail_headers_too_large(this);
  }
  if (c != CURLE_OK && failure == Failure::None) {
    failure = Failure::Transport;
    std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(c);
    if (c == CURLE_COULDNT_CONNECT && socket_errno)
      detail = std::string("cannot open a socket: ") + strerror(socket_errno);
    if (c == CURLE_COULDNT_CONNECT && !denied_address.empty())
      detail = "refused to connect to " + denied_address +
               ": a loopback, private, link-local or multicast address (deny_private_networks)";
    if (c == CURLE_SEND_ERROR && poll_errno) {
      // curl only knows "select/poll returned error": say what the socket said, the way curl's own
      // send/recv failures read, on the side of the exchange we were in.
      curl_off_t sent = 0;
      curl_easy_getinfo(easy, CURLINFO_SIZE_UPLOAD_T, &sent);
      bool receiving = headers_done || status != 0 || sent >= static_cast<curl_off_t>(req_body.size());
      code = c = receiving ? CURLE_RECV_ERROR : CURLE_SEND_ERROR;
      detail = std::string(receiving ? "Recv failure: " : "Send failure: ") +
               (poll_errno > 0 ? strerror(poll_errno) : "the socket reported an error");
    }
    if (c == CURLE_UNSUPPORTED_PROTOCOL && status == 0 && headers.empty() && !req_body.empty()) {
      // The server reset or closed the connection while the body was still going up: curl 7.88 then
      // parses nothing as a status line and says "Received HTTP/0.9 when not allowed".
      curl_off_t sent = 0;
      curl_easy_getinfo(easy, CURLINFO_SIZE_UPLOAD_T, &sent);
      if (sent < static_cast<curl_off_t>(req_body.size())) {
        code = c = CURLE_SEND_ERROR;
        detail = "Send failure: the server dropped the connection during the upload, before any response";
      }
    }
    switch (c) {
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
        failure_phase = "resolve";
        break;
      case CURLE_COULDNT_CONNECT:
        failure_phase = "connect";
        break;
      case CURLE_OPERATION_TIMEDOUT:
        // Not connected yet (TLS included) and the connect limit is the nearer one: the connect timeout.
        failure = Failure::Timeout;
        failure_phase =
            !connected && (total_timeout <= 0 || connect_timeout <= total_timeout) ? "connect" : "total";
        break;
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CIPHER:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_ISSUER_ERROR:
      case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        failure_phase = "tls";
        break;
      case CURLE_SEND_ERROR:
        failure_phase = headers_done ? "body" : "send";
        break;
      default:
        failure_phase = headers_done ? "body" : "headers";
        break;
    }
    const char* what = failure_phase == "resolve"   ? "Could not resolve the host of "
                       : failure_phase == "connect" ? "Could not connect to "
                       : failure_phase == "tls"     ? "TLS handshake failed with "
                       : failure_phase == "send"    ? "Could not send the request to "
                       : failure_phase == "headers" ? "Failed reading the response headers from "
                       : failure_phase == "body"    ? "Failed reading the response body from "
                                                    : "Request failed: ";
    failure_message = std::string(what) + url + ": " + detail;
    if (failure == Failure::Timeout) {
      char secs[32];
      snprintf(secs, sizeof secs, "%g", failure_phase == "connect" ? connect_timeout : total_timeout);
      failure_message = std::string("Request to ") + url + " timed out after " + secs + " seconds (" +
                        failure_phase + " timeout): " + detail;
    }
  } else if (c != CURLE_OK && local_code != CURLE_OK) {
    code = local_code;
  } else if (c == CURLE_OK) {
    headers_done = true;
  }
  notify();
  if (orphan) delete this;  // finished in the background: its connection went back to the pool
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
  failure = f;
  failure_phase = phase;
  failure_message = std::move(message);
  notify();
  if (orphan) delete this;
}

// The response object is gone but the stream had announced its end (OpenAI's [DONE], Anthropic's
// message_stop): let curl read the little that is left, discarding it, so the connection can be
// reused; bounded in bytes and in time. Anything else abandoned mid-body is stopped at once.
bool Transfer::finish_in_background() {
  if (!end_sentinel_seen || done || !headers_done || failure != Failure::None || !in_multi) return false;
  orphan = true;
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
  if (!t->finish_in_background()) delete t;
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
  if (easy) curl_easy_cleanup(easy);
  if (header_list) curl_slist_free_all(header_list);
  if (prev_live)
    prev_live->next_live = next_live;
  else if (live_head == this)
    live_head = next_live;
  if (next_live) next_live->prev_live = prev_live;
  if (live_count) live_count--;
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
  live_count++;

  CURL* e = t->easy = curl_easy_init();
  curl_easy_setopt(e, CURLOPT_PRIVATE, static_cast<reactor::TransferSink*>(t));
  curl_easy_setopt(e, CURLOPT_URL, t->request_url.empty() ? t->url.c_str() : t->request_url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are Loom's: see client.cc
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, on_prereq);
  curl_easy_setopt(e, CURLOPT_PREREQDATA, t);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  // A proxy's answer to CONNECT is not the response: only the origin's head reaches on_header.
  curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  // Waiting for a connection that may multiplex only pays off where HTTP/2 is possible: over TLS
  // (ALPN tells at the handshake) or when asked for. On plain http it would serialise HTTP/1.1 requests.
  if (t->url.rfind("https:", 0) == 0 || o.http_version == "2" || o.http_version == "2-prior-knowledge") {
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    t->may_multiplex = true;
  }
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(reactor::seconds_to_ms(o.connect_timeout)));
  long v = CURL_HTTP_VERSION_2TLS;
  if (o.http_version == "1.1")
    v = CURL_HTTP_VERSION_1_1;
  else if (o.http_version == "2")
    v = CURL_HTTP_VERSION_2_0;
  else if (o.http_version == "2-prior-knowledge")
    v = CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, v);
  if (v == CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE &&
      curl_version_info(CURLVERSION_NOW)->version_num < 0x080000) {
    // libcurl before 8.0.0 layers HTTP/2 twice on a reused prior-knowledge connection, and every request
    // but the first fails with "Error in the HTTP2 framing layer" (curl issue 10634): one connection each.
    curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    t->may_multiplex = false;
  }
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, o.verify ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, o.verify ? 2L : 0L);
  if (!o.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, o.ca_file.c_str());
  if (!o.client_cert.empty()) curl_easy_setopt(e, CURLOPT_SSLCERT, o.client_cert.c_str());
  if (!o.client_key.empty()) curl_easy_setopt(e, CURLOPT_SSLKEY, o.client_key.c_str());
  if (!o.proxy.empty()) {
    curl_easy_setopt(e, CURLOPT_PROXY, o.proxy.c_str());
    curl_easy_setopt(e, CURLOPT_PROXYTYPE, (long)CURLPROXY_HTTP);
    if (o.proxy.rfind("socks5", 0) == 0)
      curl_easy_setopt(e, CURLOPT_PROXYTYPE, (long)CURLPROXY_SOCKS5_HOSTNAME);
    else if (o.proxy.rfind("https", 0) == 0)
      curl_easy_setopt(e, CURLOPT_PROXYTYPE, (long)CURLPROXY_HTTPS);
  } else {
    curl_easy_setopt(e, CURLOPT_PROXY, "");  // never from the environment (FPM clears it anyway)
  }
  if (t->method == "HEAD") {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else if (t->method != "GET" || !t->req_body.empty()) {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, t->method.c_str());
  }
  if (!t->req_body.empty() || t->method == "POST" || t->method == "PUT" || t->method == "PATCH") {
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->req_body.size()));
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->req_body.data());
  }
  for (auto& h : o.headers) {
    std::string line = h.first + ": " + h.second;
    if (h.second.empty()) line = h.first + ";";  // curl's way to send an empty header
    t->header_list = curl_slist_append(t->header_list, line.c_str());
  }
  t->header_list = curl_slist_append(t->header_list, "Expect:");
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->header_list);
  t->deny_private = o.deny_private_networks;
  t->max_bytes = o.max_response_bytes;
  t->max_event_bytes = o.max_event_bytes;
  t->idle_timeout = o.idle_timeout;
  t->connect_timeout = o.connect_timeout;
  t->total_timeout = o.total_timeout;
  t->host_limit = o.max_connections_per_host;
  if (!slot_admit(t)) return true;  // queued: pump_slots() adds it when its client has a slot free
  CURLMcode rc = transfer_add(t);
  if (rc != CURLM_OK) {
    slot_release(t);
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
    if (t->orphan) delete t;
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
