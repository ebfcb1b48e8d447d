// Loom\Http: Client, Response, Event and their iterators over one curl transfer each.
#ifndef LOOM_HTTP_H
#define LOOM_HTTP_H

#include <curl/curl.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "reactor/curl_multi.h"
#include "reactor/reactor.h"
#include "scheduler/api.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
}
#include "sse/sse_parser.h"

namespace loom::http {

extern zend_class_entry* ce_client;
extern zend_class_entry* ce_response;
extern zend_class_entry* ce_event;
extern zend_class_entry* ce_chunk_iterator;
extern zend_class_entry* ce_event_iterator;
extern zend_class_entry* ce_response_stream;
extern zend_class_entry* ce_invalid_argument;
extern zend_class_entry* ce_transport;
extern zend_class_entry* ce_timeout;
extern zend_class_entry* ce_too_large;
extern zend_class_entry* ce_incomplete;
extern zend_class_entry* ce_unexpected_type;

// Every option of API.md, parsed once. Requests copy the client's and apply their own on top.
struct Options {
  std::string base_uri;
  std::vector<std::pair<std::string, std::string>> headers;  // name as given => value
  zval query;                                                // array or UNDEF
  std::string body;
  bool has_body = false;
  double connect_timeout = 10, idle_timeout = 120, total_timeout = 0;
  long max_connections_per_host = 0;
  std::string http_version;  // "", "1.1", "2", "2-prior-knowledge"
  bool verify = true;
  std::string ca_file, client_cert, client_key, proxy;
  long max_redirects = 10;
  size_t max_response_bytes = 0;
  size_t max_event_bytes = 1 << 20;
  bool deny_private_networks = false;
  int retry_max = 0;
  std::vector<long> retry_statuses;
  double retry_delay = 0.5, retry_max_delay = 60;
  bool retry_set = false;

  Options() { ZVAL_UNDEF(&query); }
  Options(const Options& o);
  Options& operator=(const Options&) = delete;
  ~Options() { zval_ptr_dtor(&query); }
};

// Parses an options array on top of `into`. is_request allows the per-request keys. Throws
// Loom\Http\InvalidArgumentException and returns false on an unknown key or a wrong type.
bool parse_options(HashTable* ht, Options& into, bool is_request);

struct StreamGroup;
struct Response;

enum class Failure : uint8_t { None, Transport, Timeout, TooLarge, Cancelled, Incomplete };

// One request on the wire: its easy handle, what arrived, and who waits for more.
struct Transfer final : reactor::TransferSink {
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  std::string url;          // as requested, credentials removed (for messages)
  std::string request_url;  // what curl fetches: user:password in it becomes Basic auth
  std::string method;
  std::string req_body;
  long status = 0;
  std::string status_line;
  std::vector<std::pair<std::string, std::string>> headers;   // lower-case name => value, in order
  std::vector<std::pair<std::string, std::string>> trailers;  // the same, from the trailer section
  std::string reason;
  bool headers_done = false;
  bool done = false;  // curl finished or we stopped it
  bool in_multi = false;
  bool paused = false;
  bool connected = false;  // curl's pre-request hook ran: connected (TLS included), about to send
  CURLcode code = CURLE_OK;
  CURLcode local_code = CURLE_OK;  // the code to report when Loom itself rejected the response
  Failure failure = Failure::None;
  std::string failure_phase;
  std::string failure_message;
  std::string buf;      // body bytes not yet handed to PHP
  size_t received = 0;  // decoded body bytes so far
  size_t max_bytes = 0;
  size_t max_event_bytes = 1 << 20;
  double idle_timeout = 0;
  double connect_timeout = 0, total_timeout = 0;  // to name the timeout that fired
  reactor::TimerId idle_timer;
  uint64_t last_activity_ms = 0;  // loop clock of the last header line or body chunk
  WaitQueue readers{};            // readers waiting for headers, bytes or the end
  uint32_t body_readers = 0;      // body()/chunks()/events() calls waiting for bytes right now
  StreamGroup* group = nullptr;   // the Client::stream() that reads this body until it reports the end
  size_t group_slot = 0;          // index in group->members
  bool group_flagged = false;     // in group->ready
  Response* owner = nullptr;
  bool end_sentinel_seen = false;  // events() yielded [DONE] / message_stop: the rest is a formality
  bool orphan = false;  // its Response is gone; finishing in the background (see finish_in_background)
  char errbuf[CURL_ERROR_SIZE] = {0};
  Transfer* prev_live = nullptr;
  Transfer* next_live = nullptr;

  // max_connections_per_host, counted by Loom per client and origin (see "Connection limits" in
  // transfer.cc): libcurl's own limit is one setting for the whole process-wide multi handle.
  enum class Slot : uint8_t { None, Waiting, Connection, Stream };
  std::string slot_key;        // "<client scope> <origin>"; set before transfer_start
  long host_limit = 0;         // this transfer's limit (0: none; it still counts for others)
  bool may_multiplex = false;  // curl may put it on a shared HTTP/2 connection (PIPEWAIT)
  bool multiplexed = false;    // its response came over HTTP/2
  Slot slot = Slot::None;
  uint64_t queued_ms = 0;        // loop clock when it started waiting for a slot
  reactor::TimerId queue_timer;  // its total timeout while it waits for a slot

  int socket_errno = 0;  // socket() failed while connecting (EMFILE...): named in the message
  void on_done(CURLcode c) override;
  void on_forked() override;
  void on_socket_failed(int err) override { socket_errno = err; }
  bool allow_address(const struct sockaddr* a) override;
  bool allow_ip_text(const char* ip);
  bool deny_private = false;   // deny_private_networks: refuse loopback/private/link-local peers
  std::string denied_address;  // the last address refused for that reason
  int poll_errno = 0;          // the socket's error when curl was told of a POLLERR (ECONNRESET...)
  void on_socket_error(int err) override { poll_errno = err; }
  void notify();
  void arm_idle();
  uint64_t idle_ms() const;
  void stop(Failure f, const char* phase, std::string message);  // ends it early (timeout, cancel, limit)
  bool finish_in_background();
  ~Transfer() override;
};

// Ends the Response's hold on its transfer (the Response is being freed): it leaves its stream group,
// loses its owner, and is deleted or left to finish in the background.
void transfer_release(Transfer* t);
// Starts the transfer: adds it to the multi, or, when its client's max_connections_per_host for that
// origin is in use, queues it until a slot frees. False with an exception pending on failure.
bool transfer_start(Transfer* t, const Options& o);
// Waits until pred(t) holds or the transfer is done. False with an exception pending on failure.
// `api` is the public call that waits ("Loom\Http\Client::request"): errors and deadlock reports
// name it.
bool transfer_wait(Transfer* t, bool (*pred)(Transfer*), const char* api);
// Throws the transfer's failure as the right exception class.
void throw_failure(Transfer* t);
// Takes the unconsumed body bytes out of the buffer (unpausing curl when it was held back).
void take_body(Transfer* t, std::string& out);
// Drops the unconsumed body bytes (they were copied out), unpausing curl the same way.
void discard_body(Transfer* t);
// Releases everything still in flight at request end.
void transfers_rshutdown();
// For Loom\stats(): transfers in progress, and sockets open (idle kept-alive ones included).
size_t live_transfers();
size_t open_sockets();

// Every native pointer between Loom's HTTP objects, and who clears it (in whichever order PHP frees
// them, GC included):
//   Response -> Transfer (owns, 1:1) and Transfer::owner back: response_free() clears both, then
//     transfer_release() deletes the transfer or orphans it (finish_in_background()).
//   StreamGroup -> Transfer (observes: members, ready) and Transfer::group back: group_leave() clears
//     both from the transfer's side (end reported, transfer released or deleted, request end),
//     group_dissolve() from the group's side (its ResponseStream freed). Nothing reaches a transfer
//     through a Response object while freeing, because that object may already be freed.
//   Waiter -> Transfer (source) while a reader waits, and Transfer::readers back: the scheduler unhooks
//     it (the source's detach); a deleted transfer abandons any left.
//   ResponseStream, ChunkIterator and EventIterator hold their Response objects as counted zvals
//     (reported by get_gc), never a Transfer. Client holds only its Options: transfers copy them.
struct Response {
  Transfer* t;
  zend_object std;
};
inline Response* response_from(zend_object* o) {
  return reinterpret_cast<Response*>(reinterpret_cast<char*>(o) - XtOffsetOf(Response, std));
}

// A Client::stream() iteration. Its members are the transfers whose end it has not reported yet; a
// transfer is a member of at most one group, and while it is, the stream is its body's only reader.
// Members flag themselves in `ready` (once each) when they have news.
struct StreamGroup {
  std::vector<Transfer*> members;
  std::deque<Transfer*> ready;
  Waiter* waiter = nullptr;  // the task iterating it, while it waits
};
void group_join(StreamGroup* g, Transfer* t);
void group_leave(Transfer* t);        // no-op when it is in no group
void group_dissolve(StreamGroup* g);  // every member leaves

zend_object* transport_exception(zend_class_entry* ce, const std::string& msg, const std::string& phase,
                                 const std::string& url, long curl_code);
void throw_invalid(const char* fmt, ...);
void create_event(zval* out, const sse::Event& e);

void http_minit();
void client_class_init();
void response_class_init();

}  // namespace loom::http

#endif
