// Tokens, the registration frame and the HTTP request head of the relay. [no Zend]
#include "relay/relay_core.h"

#include <sys/random.h>

#include <algorithm>

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

namespace {

// tchar (RFC 9110 section 5.6.2): the bytes of a method or a field name.
bool is_tchar(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c != 0 && std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// Visible bytes, obs-text included: what a request target and the words of a field value are made of.
bool is_visible(unsigned char c) { return c > 0x20 && c != 0x7f; }

bool is_ows(unsigned char c) { return c == ' ' || c == '\t'; }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads one head from the start of a buffer; every method returns false at a byte that cannot belong to a
// valid head (bad_ set) or at the end of the buffer (bad_ clear: more bytes may complete it).
class HeadReader {
 public:
  explicit HeadReader(std::string_view b) : b_(b) {}

  // From the start, or (from.line > 0) only checking the lines from a field line already reached, storing
  // nothing in h. On Incomplete, *at is where the unfinished line starts.
  Parse read(RequestHead& h, HeadProgress from, HeadProgress* at) {
    bool store = from.line == 0;
    size_t count = from.fields;
    if (store) {
      std::string_view method, target;
      if (!word(is_tchar, ' ', method) || !word(is_visible, ' ', target) || !literal("HTTP/1."))
        return stop();
      if (!more()) return stop();
      if (b_[pos_] < '0' || b_[pos_] > '9') return fail();
      h.minor_version = b_[pos_++] - '0';
      if (!crlf()) return stop();
      h.method.assign(method);
      h.path.assign(target);
    } else {
      pos_ = from.line;
    }
    while (true) {
      *at = HeadProgress{pos_, count};
      if (!more()) return stop();
      if (b_[pos_] == '\r') {
        if (!crlf()) return stop();
        h.consumed = pos_;
        return Parse::Done;
      }
      if (count == kMaxHeaderFields) return fail();
      std::string_view name;
      if (!word(is_tchar, ':', name)) return stop();  // also refuses a line starting with SP/HTAB
      while (more() && is_ows(static_cast<unsigned char>(b_[pos_]))) pos_++;
      size_t start = pos_, end = pos_;  // end: just past the last visible byte
      while (more()) {
        unsigned char c = static_cast<unsigned char>(b_[pos_]);
        if (is_visible(c)) {
          end = ++pos_;
        } else if (is_ows(c)) {
          pos_++;
        } else {
          break;
        }
      }
      if (!crlf()) return stop();
      count++;
      if (!store) continue;
      HeaderField f;
      f.name.resize(name.size());
      for (size_t i = 0; i < name.size(); i++) f.name[i] = ascii_lower(name[i]);
      f.value.assign(b_.substr(start, end - start));
      h.fields.push_back(std::move(f));
    }
  }

 private:
  bool more() const { return pos_ < b_.size(); }
  Parse fail() {
    bad_ = true;
    return Parse::Error;
  }
  Parse stop() const { return bad_ ? Parse::Error : Parse::Incomplete; }

  // One or more bytes of class `ok`, then `end` (consumed, not part of the word).
  bool word(bool (*ok)(unsigned char), char end, std::string_view& out) {
    size_t start = pos_;
    while (more() && ok(static_cast<unsigned char>(b_[pos_]))) pos_++;
    if (!more()) return false;
    if (pos_ == start || b_[pos_] != end) {
      bad_ = true;
      return false;
    }
    out = b_.substr(start, pos_ - start);
    pos_++;
    return true;
  }

  bool literal(std::string_view lit) {
    for (char c : lit) {
      if (!more()) return false;
      if (b_[pos_] != c) {
        bad_ = true;
        return false;
      }
      pos_++;
    }
    return true;
  }

  bool crlf() { return literal("\r\n"); }

  std::string_view b_;
  size_t pos_ = 0;
  bool bad_ = false;
};

}  // namespace

const std::string* RequestHead::field(std::string_view lower_name) const {
  const std::string* found = nullptr;
  for (const HeaderField& f : fields) {
    if (f.name != lower_name) continue;
    if (found) return nullptr;
    found = &f.value;
  }
  return found;
}

size_t RequestHead::field_count(std::string_view lower_name) const {
  size_t n = 0;
  for (const HeaderField& f : fields) n += f.name == lower_name;
  return n;
}

Parse parse_request_head(std::string_view buf, RequestHead& out, HeadProgress* progress) {
  // Only the first kMaxHead bytes are read: a head not complete within them is too large.
  std::string_view b = buf.substr(0, kMaxHead);
  HeadProgress from, at;
  if (progress && progress->line > 0 && progress->line < b.size()) from = *progress;
  RequestHead h;
  Parse p = HeadReader(b).read(h, from, &at);
  if (p == Parse::Incomplete) {
    if (progress) *progress = at;
    return buf.size() >= kMaxHead ? Parse::Error : Parse::Incomplete;
  }
  if (p == Parse::Error) return p;
  if (from.line > 0) {  // the lines before from.line were checked by earlier calls: now store them all
    p = HeadReader(b).read(h, HeadProgress{}, &at);
    if (p != Parse::Done) return Parse::Error;  // not the buffer the progress was for
  }
  const std::string* bind = h.field("x-loom-bind");
  h.bind = bind ? *bind : std::string();  // absent, or sent twice (ambiguous): matches nothing
  std::string_view path = h.path;
  path = path.substr(0, path.find('?'));
  size_t slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  h.token = token_shaped(last) ? std::string(last) : std::string();
  out = std::move(h);
  return Parse::Done;
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
