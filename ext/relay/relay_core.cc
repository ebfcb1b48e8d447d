// Tokens, the registration frame and the HTTP request head of the relay. [no Zend]
#include "relay/relay_core.h"

#include <sys/random.h>

#include <cstring>

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#ifdef LOOM_HAVE_PICOHTTPPARSER
// picohttpparser's interface, as libh2o exports it (libh2o-dev ships the library, not this header).
extern "C" {
struct phr_header {
  const char* name;
  size_t name_len;
  const char* value;
  size_t value_len;
};
int phr_parse_request(const char* buf, size_t len, const char** method, size_t* method_len, const char** path,
                      size_t* path_len, int* minor_version, struct phr_header* headers, size_t* num_headers,
                      size_t last_len);
}
#endif

namespace loom::relay {

Kind classify(std::string_view buf) {
  size_t n = std::min(buf.size(), kRegisterMagic.size());
  if (buf.substr(0, n) == kRegisterMagic.substr(0, n))
    return n == kRegisterMagic.size() ? Kind::Registration : Kind::Unknown;
  return Kind::Http;
}

namespace {

// Reads a decimal number ending at `end`; false on no digits, a leading zero or overflow past max.
bool read_size(std::string_view s, size_t& pos, char end, size_t max, size_t& out) {
  size_t start = pos, v = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    v = v * 10 + static_cast<size_t>(s[pos] - '0');
    if (v > max) return false;
    pos++;
  }
  if (pos == start || pos - start > 1 + 10 || (s[start] == '0' && pos - start > 1)) return false;
  if (pos >= s.size() || s[pos] != end) return false;
  pos++;
  out = v;
  return true;
}

}  // namespace

Parse parse_registration(std::string_view buf, Registration& out) {
  if (buf.size() < kRegisterMagic.size()) return Parse::Incomplete;
  if (buf.substr(0, kRegisterMagic.size()) != kRegisterMagic) {
    out.error = "not a registration";
    return Parse::Error;
  }
  size_t nl = buf.find('\n', kRegisterMagic.size());
  if (nl == std::string_view::npos) {
    if (buf.size() > kRegisterMagic.size() + 24) {
      out.error = "bad frame line";
      return Parse::Error;
    }
    return Parse::Incomplete;
  }
  size_t pos = kRegisterMagic.size(), bind_len = 0, payload_len = 0;
  std::string_view line = buf.substr(0, nl + 1);
  if (!read_size(line, pos, ' ', kMaxBind, bind_len) ||
      !read_size(line, pos, '\n', kMaxPayload, payload_len)) {
    out.error = "bad frame line (or binding/payload over its limit)";
    return Parse::Error;
  }
  size_t total = nl + 1 + bind_len + payload_len;
  if (buf.size() < total) return Parse::Incomplete;
  std::string_view bind = buf.substr(nl + 1, bind_len);
  if (bind.empty() || bind.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    out.error = "bad binding";
    return Parse::Error;
  }
  out.bind.assign(bind);
  out.payload.assign(buf.substr(nl + 1 + bind_len, payload_len));
  out.consumed = total;
  return Parse::Done;
}

std::string registration_frame(std::string_view bind, std::string_view payload) {
  std::string f(kRegisterMagic);
  f += std::to_string(bind.size());
  f += ' ';
  f += std::to_string(payload.size());
  f += '\n';
  f += bind;
  f += payload;
  return f;
}

bool have_http_parser() {
#ifdef LOOM_HAVE_PICOHTTPPARSER
  return true;
#else
  return false;
#endif
}

Parse parse_request_head(std::string_view buf, RequestHead& out) {
#ifndef LOOM_HAVE_PICOHTTPPARSER
  (void)buf;
  (void)out;
  return Parse::Error;
#else
  const char *method, *path;
  size_t method_len, path_len, num_headers = 64;
  int minor;
  phr_header headers[64];
  int r = phr_parse_request(buf.data(), buf.size(), &method, &method_len, &path, &path_len, &minor, headers,
                            &num_headers, 0);
  if (r == -2) return buf.size() > kMaxHead ? Parse::Error : Parse::Incomplete;
  if (r < 0 || static_cast<size_t>(r) > kMaxHead) return Parse::Error;
  out.method.assign(method, method_len);
  out.path.assign(path, path_len);
  out.bind.clear();
  int binds = 0;
  for (size_t i = 0; i < num_headers; i++) {
    std::string_view name(headers[i].name ? headers[i].name : "", headers[i].name ? headers[i].name_len : 0);
    if (name.size() == 11 && strncasecmp(name.data(), "x-loom-bind", 11) == 0) {
      out.bind.assign(headers[i].value, headers[i].value_len);
      binds++;
    }
  }
  if (binds > 1) out.bind.clear();  // ambiguous: matches nothing
  std::string_view p = out.path;
  size_t q = p.find('?');
  if (q != std::string_view::npos) p = p.substr(0, q);
  size_t slash = p.rfind('/');
  std::string_view last = slash == std::string_view::npos ? p : p.substr(slash + 1);
  out.token = token_shaped(last) ? std::string(last) : std::string();
  out.consumed = static_cast<size_t>(r);
  return Parse::Done;
#endif
}

bool token_shaped(std::string_view s) {
  if (s.size() != kTokenLength) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string new_token() {
  unsigned char raw[kTokenLength / 2];
  size_t got = 0;
  while (got < sizeof raw) {
    ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
    if (n <= 0) return {};
    got += static_cast<size_t>(n);
  }
  static const char hex[] = "0123456789abcdef";
  std::string t(kTokenLength, '0');
  for (size_t i = 0; i < sizeof raw; i++) {
    t[2 * i] = hex[raw[i] >> 4];
    t[2 * i + 1] = hex[raw[i] & 15];
  }
  return t;
}

const char* claim_name(Claim c) {
  switch (c) {
    case Claim::Ok:
      return "ok";
    case Claim::Unknown:
      return "unknown or already used";
    case Claim::Expired:
      return "expired";
    case Claim::WrongBinding:
      return "bound to another request";
  }
  return "?";
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); i++) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string TokenTable::issue(uint64_t id, std::string bind, uint64_t now_ms, uint64_t ttl_ms) {
  for (int attempt = 0; attempt < 4; attempt++) {
    std::string t = new_token();
    if (t.empty()) return t;
    if (tokens_.count(t)) continue;  // 2^-128; never reuse a live one all the same
    tokens_.emplace(t, Entry{id, std::move(bind), now_ms + ttl_ms});
    return t;
  }
  return {};
}

Claim TokenTable::claim(std::string_view token, std::string_view bind, uint64_t now_ms, uint64_t* id) {
  auto it = tokens_.find(std::string(token));
  if (it == tokens_.end()) {
    refused_++;
    return Claim::Unknown;
  }
  Entry e = std::move(it->second);
  tokens_.erase(it);
  *id = e.id;
  if (now_ms >= e.expires_ms) {
    refused_++;
    expired_++;
    return Claim::Expired;
  }
  if (!same_secret(e.bind, bind)) {
    refused_++;
    return Claim::WrongBinding;
  }
  return Claim::Ok;
}

size_t TokenTable::expire(uint64_t now_ms, void (*drop)(uint64_t, void*), void* data) {
  size_t n = 0;
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    if (now_ms >= it->second.expires_ms) {
      if (drop) drop(it->second.id, data);
      it = tokens_.erase(it);
      n++;
      expired_++;
    } else {
      ++it;
    }
  }
  return n;
}

std::string sse_event(std::string_view type, std::string_view data, std::string_view id, long retry) {
  std::string out;
  if (!type.empty() && type != "message") {
    out += "event: ";
    out += type;
    out += '\n';
  }
  if (!id.empty()) {
    out += "id: ";
    out += id;
    out += '\n';
  }
  if (retry >= 0) {
    out += "retry: ";
    out += std::to_string(retry);
    out += '\n';
  }
  size_t start = 0;
  while (true) {
    size_t nl = data.find('\n', start);
    out += "data: ";
    out += data.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    out += '\n';
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  out += '\n';
  return out;
}

}  // namespace loom::relay
