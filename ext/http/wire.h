// One request on the wire: its curl easy handle, the response head as it arrives, the body bytes not
// yet read, and the failure, if any. [no Zend] Filled by curl's callbacks (wire.cc); what waits for it
// and who owns it are the Transfer's (http.h, transfer.cc).
#ifndef LOOM_HTTP_WIRE_H
#define LOOM_HTTP_WIRE_H

#include <curl/curl.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "reactor/curl_multi.h"
#include "reactor/reactor.h"

namespace loom::http {

enum class Failure : uint8_t { None, Transport, Timeout, TooLarge, Cancelled, Incomplete };

struct Wire : reactor::TransferSink {
  // The request
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  std::string url;          // as requested, credentials removed (for messages)
  std::string request_url;  // what curl fetches: user:password in it becomes Basic auth
  std::string method;
  std::string req_body;

  // The response head (the final one: a 1xx is replaced), and trailers after the body
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;   // lower-case name => value, in order
  std::vector<std::pair<std::string, std::string>> trailers;  // the same, from the trailer section
  bool headers_done = false;
  bool multiplexed = false;  // the response came over HTTP/2

  // The body
  std::string buf;          // body bytes not yet handed to PHP
  size_t received = 0;      // decoded body bytes so far
  bool paused = false;      // curl is held back: the buffer reached its high-water mark
  bool discarding = false;  // nobody reads the body any more: count it and drop it

  // Progress and the outcome
  bool done = false;  // curl finished or Loom stopped it
  bool in_multi = false;
  bool connected = false;  // curl's pre-request hook ran: connected (TLS included), about to send
  CURLcode code = CURLE_OK;
  CURLcode local_code = CURLE_OK;  // the code to report when Loom itself rejected the response
  Failure failure = Failure::None;
  std::string failure_phase;  // resolve, connect, tls, send, headers, body (API.md)
  std::string failure_message;
  char errbuf[CURL_ERROR_SIZE] = {0};
  int socket_errno = 0;        // socket() failed while connecting (EMFILE...): named in the message
  int poll_errno = 0;          // the socket's error when curl was told of a POLLERR (ECONNRESET...)
  std::string denied_address;  // the last address refused by deny_private_networks

  // Limits, from the options
  size_t max_bytes = 0;
  size_t max_event_bytes = 1 << 20;
  double idle_timeout = 0;
  double connect_timeout = 0, total_timeout = 0;  // to name the timeout that fired
  bool deny_private = false;  // deny_private_networks: refuse loopback/private/link-local peers
  reactor::TimerId idle_timer;
  uint64_t last_activity_ms = 0;  // loop clock of the last header line or body chunk

  // Creates the easy handle with Loom's fixed settings, the callbacks of wire.cc, the method and body
  // (the options are applied afterwards: apply_options()).
  void setup_easy();
  // After curl finished with `c`: the failure's kind, phase and message, if it failed.
  void record_result(CURLcode c);
  // Records a failure Loom decided on (timeout, cancellation, a limit).
  void fail(Failure f, const char* phase, std::string message);
  uint64_t idle_ms() const;

  // What the callbacks tell the part that waits (they run inside curl: no PHP, no fiber switch).
  virtual void on_activity() = 0;     // a header line or body bytes arrived (the idle clock restarts)
  virtual void on_news() = 0;         // the head completed, or body bytes were buffered
  virtual void on_multiplexed() = 0;  // the head said HTTP/2: the connection is shared

  // reactor::TransferSink
  void on_socket_failed(int err) override { socket_errno = err; }
  bool allow_address(const struct sockaddr* a) override;
  void on_socket_error(int err) override { poll_errno = err; }
  bool allow_ip_text(const char* ip);

  ~Wire() override;
};

}  // namespace loom::http

#endif
