// Loom: incremental text/event-stream parser. See sse_parser.h.
//
// Invalid UTF-8 is passed through byte for byte (no U+FFFD replacement).

#include "sse/sse_parser.h"

#include <cstring>
#include <limits>

namespace loom::sse {

namespace {

// Buffers that grew beyond this are released after use instead of being kept
// for the next line/event, so one huge event does not pin memory for the rest
// of a long-lived stream (there may be thousands of them).
constexpr size_t kRetainCapacity = 64 * 1024;

constexpr unsigned char kBom[3] = {0xEF, 0xBB, 0xBF};

inline const char* find_byte(const char* p, const char* end, char c) {
  const void* hit = std::memchr(p, c, static_cast<size_t>(end - p));
  return hit != nullptr ? static_cast<const char*>(hit) : end;
}

inline void release(std::string& s) { std::string().swap(s); }

inline void clear_keep_small(std::string& s) {
  if (s.capacity() > kRetainCapacity) {
    release(s);
  } else {
    s.clear();
  }
}

inline bool name_is(const char* name, size_t len, const char (&lit)[3]) {
  return len == 2 && std::memcmp(name, lit, 2) == 0;
}
inline bool name_is(const char* name, size_t len, const char (&lit)[5]) {
  return len == 4 && std::memcmp(name, lit, 4) == 0;
}
inline bool name_is(const char* name, size_t len, const char (&lit)[6]) {
  return len == 5 && std::memcmp(name, lit, 5) == 0;
}

// Parses a retry value: non-empty, ASCII digits only. Saturates at INT64_MAX.
inline bool parse_retry(const char* v, size_t len, int64_t* out) {
  if (len == 0) return false;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t value = 0;
  for (size_t i = 0; i < len; ++i) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    if (c < '0' || c > '9') return false;
    const int64_t d = c - '0';
    value = (value > (kMax - d) / 10) ? kMax : value * 10 + d;
  }
  *out = value;
  return true;
}

}  // namespace

Parser::Parser(size_t max_event_bytes) : max_(max_event_bytes) {}

const std::string& Parser::last_event_id() const { return last_id_; }

int64_t Parser::reconnection_time() const { return reconnection_; }

void Parser::set_last_event_id(std::string_view id) {
  last_id_.assign(id.data(), id.size());
  id_buf_ = last_id_;
  id_changed_ = false;
}

size_t Parser::buffered_bytes() const {
  return line_.capacity() + data_.capacity() + type_.capacity() + id_buf_.capacity() + last_id_.capacity();
}

Status Parser::feed(const char* data, size_t len, std::vector<Event>& out) {
  if (error_) return Status::TooLarge;
  if (len == 0) return Status::Ok;
  const char* p = data;
  const char* const end = data + len;

  // Leading BOM, possibly split across feeds. Bytes matching a BOM prefix are
  // held back (as bom_matched_) until we know whether the BOM is complete.
  if (!bom_done_) {
    while (p < end && bom_matched_ < 3 && static_cast<unsigned char>(*p) == kBom[bom_matched_]) {
      ++bom_matched_;
      ++p;
    }
    if (bom_matched_ < 3) {
      if (p == end) return Status::Ok;  // still a possible BOM prefix
      // Not a BOM: the held-back bytes are ordinary content of the first line
      // (none of them is CR or LF).
      line_.append(reinterpret_cast<const char*>(kBom), bom_matched_);
    }
    bom_done_ = true;
    if (p == end) return Status::Ok;
  }

  // The previous feed ended with CR: an LF right here completes that CRLF.
  if (pending_cr_) {
    pending_cr_ = false;
    if (*p == '\n') ++p;
  }

  // Next CR / LF positions are cached so every byte is scanned at most once
  // per feed, however many lines the chunk holds.
  const char* cr = find_byte(p, end, '\r');
  const char* lf = find_byte(p, end, '\n');
  while (p < end) {
    if (cr < p) cr = find_byte(p, end, '\r');
    if (lf < p) lf = find_byte(p, end, '\n');
    const char* const eol = cr < lf ? cr : lf;
    const size_t n = static_cast<size_t>(eol - p);

    if (eol == end) {
      // Incomplete line: keep it for the next feed (amortised O(1) append,
      // so a long line arriving in tiny pieces costs O(total length)).
      if (line_too_long(line_.size() + n)) {
        fail();
        return Status::TooLarge;
      }
      line_.append(p, n);
      return Status::Ok;
    }

    if (line_.empty()) {
      if (line_too_long(n)) {
        fail();
        return Status::TooLarge;
      }
      process_line(p, n, out);
    } else {
      if (line_too_long(line_.size() + n)) {
        fail();
        return Status::TooLarge;
      }
      line_.append(p, n);
      process_line(line_.data(), line_.size(), out);
      if (!error_) clear_keep_small(line_);
    }
    if (error_) return Status::TooLarge;

    p = eol + 1;
    if (*eol == '\r') {
      if (p == end) {
        pending_cr_ = true;
      } else if (*p == '\n') {
        ++p;
      }
    }
  }
  return Status::Ok;
}

void Parser::process_line(const char* line, size_t len, std::vector<Event>& out) {
  if (len == 0) {
    dispatch(out);
    return;
  }
  if (line[0] == ':') return;  // comment

  const char* value;
  size_t value_len;
  size_t name_len;
  if (const void* colon = std::memchr(line, ':', len); colon != nullptr) {
    name_len = static_cast<size_t>(static_cast<const char*>(colon) - line);
    value = line + name_len + 1;
    value_len = len - name_len - 1;
    if (value_len != 0 && *value == ' ') {
      ++value;
      --value_len;
    }
  } else {
    name_len = len;
    value = line + len;
    value_len = 0;
  }

  if (name_is(line, name_len, "data")) {
    block_dirty_ = true;
    // data_ already holds the previous values each followed by "\n", so the
    // event's dispatched data would be data_.size() + value_len bytes.
    if (max_ != 0 && data_.size() + value_len > max_) {
      fail();
      return;
    }
    data_.append(value, value_len);
    data_.push_back('\n');
  } else if (name_is(line, name_len, "event")) {
    block_dirty_ = true;
    type_.assign(value, value_len);
  } else if (name_is(line, name_len, "id")) {
    block_dirty_ = true;
    if (std::memchr(value, '\0', value_len) == nullptr) {
      id_buf_.assign(value, value_len);
      id_changed_ = true;
    }
  } else if (name_is(line, name_len, "retry")) {
    block_dirty_ = true;
    int64_t v;
    if (parse_retry(value, value_len, &v)) {
      block_retry_ = v;
      reconnection_ = v;
    }
  }
  // Any other field name (including case variants and names with a leading
  // BOM or space) is ignored.
}

void Parser::dispatch(std::vector<Event>& out) {
  if (id_changed_) {
    last_id_ = id_buf_;
    id_changed_ = false;
  }
  const int64_t retry = block_retry_;
  block_retry_ = -1;
  block_dirty_ = false;
  if (data_.empty()) {
    type_.clear();
    return;
  }
  Event& ev = out.emplace_back();
  if (type_.empty()) {
    ev.type.assign("message", 7);
  } else {
    ev.type = type_;
  }
  ev.data.assign(data_.data(), data_.size() - 1);  // drop the final "\n"
  ev.id = last_id_;
  ev.retry = retry;
  clear_keep_small(data_);
  clear_keep_small(type_);
}

void Parser::clear_stream_state() {
  clear_keep_small(line_);
  clear_keep_small(data_);
  clear_keep_small(type_);
  if (id_changed_) {
    id_buf_ = last_id_;  // an id: line never followed by a blank line is dropped
    id_changed_ = false;
  }
  block_retry_ = -1;
  bom_matched_ = 0;
  bom_done_ = false;
  pending_cr_ = false;
  block_dirty_ = false;
}

void Parser::fail() {
  error_ = true;
  release(line_);
  release(data_);
  release(type_);
  block_retry_ = -1;
  block_dirty_ = false;
  pending_cr_ = false;
}

bool Parser::finish() {
  const bool partial_bom = !bom_done_ && bom_matched_ != 0;
  const bool clean = !error_ && line_.empty() && !partial_bom && !block_dirty_;
  clear_stream_state();
  return clean;
}

void Parser::reset() {
  error_ = false;
  clear_stream_state();
}

}  // namespace loom::sse
