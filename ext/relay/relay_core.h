// The relay's Zend-free core: one-time tokens, the registration frame an FPM page sends, and the HTTP
// request head nginx sends (parsed here, with no outside parser). [no Zend]
//
// Contract:
//  - A token is 32 lower-case hex characters (128 random bits from getrandom()). It is valid once, for
//    `ttl_ms` after it was issued, and only for a request that presents the same binding string the page
//    registered (nginx's "$request_id $remote_addr:$remote_port" for the browser's request). Any attempt to
//    use it - right or wrong binding - consumes it, so a token never serves two requests.
//  - Registration frame (the FPM page -> relay, over the unix socket):
//      "LOOM-RELAY/1 REGISTER <bind-bytes> <payload-bytes>\n" <bind> <payload>
//    answered by "OK <token>\n" or "ERR <reason>\n". The binding is at most kMaxBind bytes and free of
//    CR, LF and NUL; the payload (opaque here) at most kMaxPayload bytes.
//  - Anything else on the socket must be an HTTP/1.x request head (nginx's proxied request), at most
//    kMaxHead bytes and kMaxHeaderFields fields. The parser is strict (RFC 9112 section 2-5):
//      request-line = token SP request-target SP "HTTP/1." DIGIT CRLF
//      field-line   = token ":" OWS field-value OWS CRLF, then an empty CRLF line ends the head.
//    Lines end in CRLF only (a bare CR or LF is refused), the target is visible bytes (0x21-0x7E and
//    0x80-0xFF), a value is visible bytes, SP and HTAB (no other control byte: NUL, DEL...), a line that
//    starts with SP/HTAB (obs-fold, or whitespace before the first field) is refused, and so is
//    whitespace between a field name and its colon. Field names are stored lower-cased.
//    Every prefix of a valid head is Incomplete; a byte that can start no valid head is an Error at
//    once, as is a head that is not complete within kMaxHead bytes.
#ifndef LOOM_RELAY_CORE_H
#define LOOM_RELAY_CORE_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace loom::relay {

constexpr size_t kMaxBind = 512;
constexpr size_t kMaxPayload = 8 << 20;
constexpr size_t kMaxHead = 16 << 10;
constexpr size_t kMaxHeaderFields = 100;
constexpr size_t kTokenLength = 32;
constexpr std::string_view kRegisterMagic = "LOOM-RELAY/1 REGISTER ";

enum class Parse : uint8_t { Incomplete, Done, Error };

// What the first bytes of a connection are: a registration, an HTTP request, or not known yet.
enum class Kind : uint8_t { Unknown, Registration, Http };
Kind classify(std::string_view buf);

struct Registration {
  std::string bind;
  std::string payload;
  size_t consumed = 0;  // bytes of the frame
  std::string error;    // why it was refused (Parse::Error)
};
Parse parse_registration(std::string_view buf, Registration& out);
// The frame for a registration (what handoff() sends).
std::string registration_frame(std::string_view bind, std::string_view payload);

struct HeaderField {
  std::string name;   // lower-cased
  std::string value;  // without the OWS around it
};

struct RequestHead {
  std::string method;
  std::string path;                 // the request target, as sent
  int minor_version = 1;            // HTTP/1.<minor_version>
  std::vector<HeaderField> fields;  // in the order received, duplicates kept
  std::string bind;                 // the X-Loom-Bind header ("" when absent or sent more than once)
  std::string token;                // the last path segment when it has the shape of a token, else ""
  size_t consumed = 0;              // bytes of the head, its final empty line included

  // The value of the field named `lower_name` (given in lower case) when it was sent exactly once;
  // nullptr when absent or repeated.
  const std::string* field(std::string_view lower_name) const;
  size_t field_count(std::string_view lower_name) const;
};
// How far an Incomplete parse got: the start of the first unfinished field line (0: still in the request
// line) and the number of fields before it.
struct HeadProgress {
  size_t line = 0;
  size_t fields = 0;
};
// Parses the head at the start of `buf`. On Done `out` holds it (bytes after out.consumed are not looked
// at); on Incomplete or Error `out` is left as it was. With `progress` (zero-initialised for a new
// connection, then passed again with the same buffer grown), an Incomplete call records how far the head
// was checked and the next call checks only from there: bytes arriving one at a time cost O(head * longest
// line) instead of O(head^2); the whole head is read once more when it completes.
Parse parse_request_head(std::string_view buf, RequestHead& out, HeadProgress* progress = nullptr);

// True for 32 lower-case hex characters.
bool token_shaped(std::string_view s);
// 32 hex characters from getrandom(); "" if the kernel gave no randomness.
std::string new_token();

enum class Claim : uint8_t { Ok, Unknown, Expired, WrongBinding };
const char* claim_name(Claim c);

// Issued tokens and what each stands for (an id chosen by the caller).
class TokenTable {
 public:
  // A fresh token for `id`, or "" when no randomness was available.
  std::string issue(uint64_t id, std::string bind, uint64_t now_ms, uint64_t ttl_ms);
  // Consumes the token (whatever the outcome); on Ok stores its id in *id.
  Claim claim(std::string_view token, std::string_view bind, uint64_t now_ms, uint64_t* id);
  // Drops every token expired at now_ms; their ids are passed to drop(id, data).
  size_t expire(uint64_t now_ms, void (*drop)(uint64_t id, void* data), void* data);
  size_t size() const { return tokens_.size(); }
  uint64_t expired_count() const { return expired_; }
  uint64_t refused_count() const { return refused_; }
  // Ids of the entries, to release them when the table goes away.
  template <class F>
  void each(F f) const {
    for (auto& [k, v] : tokens_) f(v.id);
  }
  void clear() { tokens_.clear(); }

 private:
  struct Entry {
    uint64_t id;
    std::string bind;
    uint64_t expires_ms;
  };
  std::unordered_map<std::string, Entry> tokens_;
  uint64_t expired_ = 0;
  uint64_t refused_ = 0;
};

// Constant-time comparison of two strings of equal length (false when lengths differ).
bool same_secret(std::string_view a, std::string_view b);

// Serialises one SSE event (fields as given; data split on LF into data: lines).
std::string sse_event(std::string_view type, std::string_view data, std::string_view id, long retry);

}  // namespace loom::relay

#endif
