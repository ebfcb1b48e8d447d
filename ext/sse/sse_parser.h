// Loom: incremental parser for the WHATWG "text/event-stream" format
// (HTML Living Standard, Server-sent events, "Parsing an event stream" and
// "Interpreting an event stream").
//
// This header and its implementation are deliberately free of any PHP/Zend
// dependency so they can be unit-tested, fuzzed and run under valgrind on
// their own. Nothing here throws (beyond std::bad_alloc from the standard
// library on memory exhaustion).
//
// Byte handling: the stream is treated as UTF-8 but is NOT decoded or
// validated. Bytes are passed through unchanged, so invalid UTF-8 never
// crashes the parser and ends up verbatim in Event::type / data / id (no
// U+FFFD replacement is performed; callers that need well-formed UTF-8 must
// validate themselves). Because CR, LF, ':' and ' ' are ASCII and can never
// appear inside a multi-byte UTF-8 sequence, splitting on bytes is exact for
// valid UTF-8 and well defined for invalid input.

#ifndef LOOM_EXT_SSE_SSE_PARSER_H_
#define LOOM_EXT_SSE_SSE_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loom::sse {

struct Event {
  std::string type;    // "message" when no event: field (or an empty one)
  std::string data;    // data lines joined with "\n", final "\n" removed
  std::string id;      // the last event ID in force at dispatch ("" before any id: line)
  int64_t retry = -1;  // this event's own retry: field value (digits only), -1 when none in this event block

  bool operator==(const Event&) const = default;  // addition (handy for tests)
};

enum class Status { Ok, TooLarge };

class Parser {
 public:
  // max_event_bytes bounds both
  //   * the length of any single line (excluding its line terminator), and
  //   * the length of one event's data as it would be dispatched (the data
  //     field values joined by "\n", i.e. Event::data.size()).
  // 0 means unlimited. A line or an event whose size is exactly the limit is
  // accepted; one byte more yields Status::TooLarge.
  explicit Parser(size_t max_event_bytes = 1 << 20);

  // Feeds raw bytes as they arrive; any split is allowed (inside a CRLF pair,
  // inside a UTF-8 sequence, inside the leading BOM). Dispatched events are
  // appended to `out` (existing elements are left alone).
  //
  // Returns Status::TooLarge as soon as a line or event is known to exceed
  // the limit, without waiting for the end of the line. Events dispatched
  // earlier in the same call are still appended to `out`. The parser then
  // stays in the error state (every further feed() returns TooLarge and
  // finish() returns false) and its buffers are released; reset() leaves it.
  Status feed(const char* data, size_t len, std::vector<Event>& out);

  // Call at end of stream. Returns true when the stream ended cleanly: no
  // partial line (including a partial leading BOM) and no pending,
  // undispatched event fields (a data/event/id/retry field seen after the
  // last blank line). Returns false when it ended inside an event — that
  // partial event is discarded, as the spec requires — or when the parser is
  // in the TooLarge error state.
  //
  // Afterwards the parser is ready for a new stream (e.g. a reconnection):
  // the per-stream state (partial line, BOM detection, pending CR, data and
  // event type buffers, uncommitted id) is cleared, while last_event_id() and
  // reconnection_time() are kept, and the next stream's last event ID buffer
  // starts from last_event_id() (as browsers do on reconnection). The
  // TooLarge error state is kept too (use reset()).
  bool finish();

  // The last event ID string of the event source: the id buffer as it was at
  // the most recent blank line (a blank line commits it even when no event is
  // dispatched). An id: line not yet followed by a blank line does not count.
  const std::string& last_event_id() const;

  // Last valid retry value seen (applied immediately, as the spec says), -1
  // if none. Values too large for int64_t saturate at INT64_MAX.
  int64_t reconnection_time() const;

  // --- additions -----------------------------------------------------------

  // Current status (TooLarge once the error state has been entered).
  Status status() const { return error_ ? Status::TooLarge : Status::Ok; }

  // Leaves the error state and clears all per-stream state, like finish(),
  // but without reporting anything. last_event_id() and reconnection_time()
  // are kept (they are what a reconnection needs).
  void reset();

  // Bytes currently held in internal buffers (capacity, not size); intended
  // for memory accounting across many concurrent streams.
  size_t buffered_bytes() const;

  size_t max_event_bytes() const { return max_; }

  // Seeds the last event ID (e.g. a persisted Last-Event-ID when resuming a
  // stream in a new parser). Sets both the committed string and the buffer.
  void set_last_event_id(std::string_view id);

 private:
  void process_line(const char* line, size_t len, std::vector<Event>& out);
  void dispatch(std::vector<Event>& out);
  void clear_stream_state();
  void fail();
  bool line_too_long(size_t len) const { return max_ != 0 && len > max_; }

  size_t max_;
  std::string line_;     // partial line carried over between feed() calls
  std::string data_;     // data buffer (each value followed by "\n")
  std::string type_;     // event type buffer
  std::string id_buf_;   // last event ID buffer
  std::string last_id_;  // committed last event ID string
  int64_t block_retry_ = -1;
  int64_t reconnection_ = -1;
  uint8_t bom_matched_ = 0;   // leading BOM bytes matched so far (0..3)
  bool bom_done_ = false;     // BOM detection finished for this stream
  bool pending_cr_ = false;   // last chunk ended in CR: swallow a leading LF
  bool block_dirty_ = false;  // a known field was seen since the last blank line
  bool id_changed_ = false;   // id_buf_ may differ from last_id_
  bool error_ = false;
};

}  // namespace loom::sse

#endif  // LOOM_EXT_SSE_SSE_PARSER_H_
