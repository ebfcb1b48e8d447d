// The wire part of a request: curl's callbacks record the head, the body bytes and the failure, and
// the outcome is classified once curl is done. [no Zend] What PHP sees of it is in transfer.cc.
#include "http/wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace loom::http {

namespace {

constexpr size_t kHighWater = 1 << 20;  // pause curl when this much is buffered and unread
constexpr size_t kMaxHeaderBytes = 64 << 10;

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
bool content_length_agrees(Wire* t, const std::string& value) {
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
void fail_headers_too_large(Wire* t) {
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
  auto* t = static_cast<Wire*>(ud);
  size_t len = size * n;
  t->on_activity();  // header lines are data too: the idle timeout measures silence, not time to the body
  if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
    // A new response (1xx, or the final one): start over.
    t->headers.clear();
    t->multiplexed = len >= 6 && (memcmp(p, "HTTP/2", 6) == 0 || memcmp(p, "HTTP/3", 6) == 0);
    const char* sp = static_cast<const char*>(memchr(p, ' ', len));
    t->status = sp ? strtol(sp + 1, nullptr, 10) : 0;
    return len;
  }
  if (len <= 2 && (len == 0 || p[0] == '\r' || p[0] == '\n')) {
    if (!t->headers_done && (t->status >= 200 || t->status == 101)) {
      t->headers_done = true;
      if (t->multiplexed) t->on_multiplexed();
      t->on_news();
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
  auto* t = static_cast<Wire*>(ud);
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
  auto* t = static_cast<Wire*>(ud);
  size_t len = size * n;
  if (t->max_bytes && t->received + len > t->max_bytes) {
    // Counted here, on decoded bytes: CURLOPT_MAXFILESIZE misses running and compressed transfers.
    t->failure = Failure::TooLarge;
    t->failure_phase = "body";
    t->failure_message = "Response body from " + t->url + " exceeds max_response_bytes (" +
                         std::to_string(t->max_bytes) + " bytes)";
    return 0;
  }
  if (t->discarding) {  // nobody reads it any more: count and drop
    t->received += len;
    t->on_activity();
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
  t->on_activity();
  t->on_news();
  return len;
}

}  // namespace

namespace {
bool private_v4(uint32_t ip) {  // host byte order
  uint8_t a = ip >> 24, b = (ip >> 16) & 0xff;
  return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (b & 0xf0) == 16) ||
         (a == 192 && b == 168) || (a == 100 && (b & 0xc0) == 64) || a >= 224;
}
}  // namespace

// F7: checked on the resolved address of every connect (so DNS answers and redirects are covered).
bool Wire::allow_address(const struct sockaddr* a) {
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

bool Wire::allow_ip_text(const char* ip) {
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

uint64_t Wire::idle_ms() const { return reactor::seconds_to_ms(idle_timeout); }

void Wire::setup_easy() {
  CURL* e = easy = curl_easy_init();
  curl_easy_setopt(e, CURLOPT_PRIVATE, static_cast<reactor::TransferSink*>(this));
  curl_easy_setopt(e, CURLOPT_URL, request_url.empty() ? url.c_str() : request_url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are Loom's: see client.cc
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, on_prereq);
  curl_easy_setopt(e, CURLOPT_PREREQDATA, this);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  // A proxy's answer to CONNECT is not the response: only the origin's head reaches on_header.
  curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  if (method == "HEAD") {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else if (method != "GET" || !req_body.empty()) {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  if (!req_body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req_body.size()));
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, req_body.data());
  }
}

void Wire::record_result(CURLcode c) {
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
}

void Wire::fail(Failure f, const char* phase, std::string message) {
  failure = f;
  failure_phase = phase;
  failure_message = std::move(message);
}

Wire::~Wire() {
  if (easy) curl_easy_cleanup(easy);
  if (header_list) curl_slist_free_all(header_list);
}

}  // namespace loom::http
