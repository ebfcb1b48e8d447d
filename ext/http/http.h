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
#include "http/policy.h"
#include "http/wire.h"
#include "object.h"
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

// Every option of API.md, parsed once (options.cc holds the table: how each is checked, stored and
// applied). Plain values only, so a copy is always whole: requests copy the client's and apply their
// own on top.
struct Options {
  std::string base_uri;
  std::vector<std::pair<std::string, std::string>> headers;  // name as given => value
  std::string query;                                         // (request) encoded, RFC 3986
  std::string body;
  double connect_timeout = 10, idle_timeout = 120, total_timeout = 0;
  long max_connections_per_host = 0;
  std::string http_version;  // "", "1.1", "2", "2-prior-knowledge"
  bool verify = true;
  std::string ca_file, client_cert, client_key, proxy;
  long max_redirects = 10;
  size_t max_response_bytes = 0;
  size_t max_event_bytes = 1 << 20;
  bool deny_private_networks = false;
  policy::RetryPolicy retry;
};

// Parses an options array on top of `into`. is_request allows the per-request keys. Throws
// Loom\Http\InvalidArgumentException and returns false on an unknown key or a wrong type.
bool parse_options(HashTable* ht, Options& into, bool is_request);
// Puts the options on a transfer about to start (its easy handle, its limits and timeouts).
struct Transfer;
void apply_options(const Options& o, Transfer* t);

struct StreamGroup;
struct Response;

// Who owns a Transfer: the one state that decides when it is deleted (only retire() in transfer.cc
// deletes one).
enum class Ownership : uint8_t {
  Response,    // its Response object (owner); transfer_release() hands it on when that object is freed
  Background,  // nobody: it finishes reading in the background (finish_in_background()) and is retired
               // when curl is done with it, or at request end
};

// One request in flight: its wire part (wire.h: curl handle, head, buffered body, failure) and the
// part PHP sees: the readers waiting for it, the stream group reading it, its owner.
struct Transfer final : Wire {
  WaitQueue readers{};           // readers waiting for headers, bytes or the end
  uint32_t body_readers = 0;     // body()/chunks()/events() calls waiting for bytes right now
  StreamGroup* group = nullptr;  // the Client::stream() that reads this body until it reports the end
  size_t group_slot = 0;         // index in group->members
  bool group_flagged = false;    // in group->ready
  Ownership ownership = Ownership::Response;
  Response* owner = nullptr;       // while ownership is Response
  bool end_sentinel_seen = false;  // events() yielded [DONE] / message_stop: the rest is a formality
  Transfer* prev_live = nullptr;
  Transfer* next_live = nullptr;

  // max_connections_per_host, counted by Loom per client and origin (see "Connection limits" in
  // transfer.cc): libcurl's own limit is one setting for the whole process-wide multi handle.
  enum class Slot : uint8_t { None, Waiting, Connection, Stream };
  std::string slot_key;        // "<client scope> <origin>"; set before transfer_start
  long host_limit = 0;         // this transfer's limit (0: none; it still counts for others)
  bool may_multiplex = false;  // curl may put it on a shared HTTP/2 connection (PIPEWAIT)
  Slot slot = Slot::None;
  uint64_t queued_ms = 0;        // loop clock when it started waiting for a slot
  reactor::TimerId queue_timer;  // its total timeout while it waits for a slot

  void on_done(CURLcode c) override;
  void on_forked() override;
  void on_activity() override { arm_idle(); }
  void on_news() override { notify(); }
  void on_multiplexed() override;
  void notify();
  void arm_idle();
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
// Frees what requests interrupted by a bailout left (client.cc).
void requests_rshutdown();
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
inline Response* response_from_obj(zend_object* o) { return object_from<Response>(o); }

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
bool has_crlf_nul(const char* p, size_t n);
bool is_token(const char* p, size_t n);  // an HTTP token (RFC 9110 5.6.2): method and field names
void create_event(zval* out, const sse::Event& e);
// json_decode($json, true) with JSON_THROW_ON_ERROR (Response::json(), Event::json()).
void json_decode_into(zval* out, const char* p, size_t n);

void http_minit();
void client_class_init();
void response_class_init();
void stream_class_init();

}  // namespace loom::http

#endif
