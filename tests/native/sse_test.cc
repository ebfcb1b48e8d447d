// native-test-sources: ext/sse/sse_parser.cc
//
// Standalone tests for loom::sse::Parser (ext/sse/sse_parser.{h,cc}).
// No framework: prints TAP-like "ok N - name" / "not ok N - name" lines and
// exits non-zero if anything failed. Built and run by tests/native/run.sh.
//
// Test names follow the web-platform-tests eventsource format-* cases where
// one matches; all inputs are written here from the WHATWG spec rules.
//
// Set LOOM_NATIVE_SLOW=1 (run.sh does so under valgrind) to relax the
// wall-clock limits of the performance tests; their size-based checks stay.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "native_test.h"
#include "sse/sse_parser.h"

using loom::sse::Event;
using loom::sse::Parser;
using loom::sse::Status;

namespace {

std::string escape(std::string_view s) {
  std::string r;
  for (unsigned char c : s) {
    if (c == '\n') {
      r += "\\n";
    } else if (c == '\r') {
      r += "\\r";
    } else if (c == '\\') {
      r += "\\\\";
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      r += buf;
    } else {
      r += static_cast<char>(c);
    }
  }
  return r;
}

std::string describe(const std::vector<Event>& evs) {
  std::string r = "[";
  for (const Event& e : evs) {
    r += "{type=\"" + escape(e.type) + "\" data=\"" + escape(e.data) + "\" id=\"" + escape(e.id) +
         "\" retry=" + std::to_string(e.retry) + "} ";
  }
  return r + "]";
}

Event ev(std::string data, std::string type = "message", std::string id = "", int64_t retry = -1) {
  Event e;
  e.type = std::move(type);
  e.data = std::move(data);
  e.id = std::move(id);
  e.retry = retry;
  return e;
}

// Everything observable about parsing one stream.
struct Result {
  std::vector<Event> events;
  Status status = Status::Ok;
  bool clean = false;
  std::string last_id;
  int64_t reconnection = -1;

  bool operator==(const Result&) const = default;
};

std::string describe(const Result& r) {
  return describe(r.events) + (r.status == Status::Ok ? " Ok" : " TooLarge") +
         (r.clean ? " clean" : " unclean") + " last_id=\"" + escape(r.last_id) +
         "\" reconnection=" + std::to_string(r.reconnection);
}

// Feeds `s` cut at the (sorted, in-range) offsets in `cuts`.
Result parse_cuts(std::string_view s, const std::vector<size_t>& cuts, size_t max = 1 << 20) {
  Parser p(max);
  Result r;
  size_t pos = 0;
  auto feed = [&](size_t to) {
    Status st = p.feed(s.data() + pos, to - pos, r.events);
    if (st != Status::Ok) r.status = st;
    pos = to;
  };
  for (size_t c : cuts) feed(c);
  feed(s.size());
  r.clean = p.finish();
  r.last_id = p.last_event_id();
  r.reconnection = p.reconnection_time();
  return r;
}

Result parse_whole(std::string_view s, size_t max = 1 << 20) { return parse_cuts(s, {}, max); }

Result parse_bytewise(std::string_view s, size_t max = 1 << 20) {
  std::vector<size_t> cuts;
  for (size_t i = 1; i < s.size(); ++i) cuts.push_back(i);
  return parse_cuts(s, cuts, max);
}

// Random cut points; the mix of chunk sizes varies with the generator state.
std::vector<size_t> random_cuts(size_t n, std::mt19937_64& rng) {
  std::vector<size_t> cuts;
  if (n < 2) return cuts;
  const size_t max_chunk = std::uniform_int_distribution<size_t>(1, 64)(rng) == 1 ? n : 1 + rng() % 24;
  size_t pos = 0;
  while (true) {
    pos += 1 + rng() % max_chunk;
    if (pos >= n) break;
    cuts.push_back(pos);
  }
  return cuts;
}

bool same(const Result& got, const Result& want, const char* how) {
  if (got == want) return true;
  std::fprintf(stderr, "#   %s:\n#     got  %s\n#     want %s\n", how, describe(got).c_str(),
               describe(want).c_str());
  return false;
}

// Parses `input` whole, one byte at a time and with random splits; every way
// must give `want` events and the `clean` result of finish().
void expect(std::string_view input, const std::vector<Event>& want, bool clean = true) {
  const Result whole = parse_whole(input);
  if (whole.events != want || whole.clean != clean || whole.status != Status::Ok) {
    ++g_check_failures;
    std::fprintf(stderr, "#   input \"%s\"\n#     got  %s\n#     want %s %s\n", escape(input).c_str(),
                 describe(whole).c_str(), describe(want).c_str(), clean ? "clean" : "unclean");
    return;
  }
  if (!same(parse_bytewise(input), whole, "bytewise")) ++g_check_failures;
  std::mt19937_64 rng(input.size());
  for (int i = 0; i < 20; ++i) {
    if (!same(parse_cuts(input, random_cuts(input.size(), rng)), whole, "random cuts")) {
      ++g_check_failures;
      break;
    }
  }
}

bool slow_mode() {
  const char* v = std::getenv("LOOM_NATIVE_SLOW");
  return v != nullptr && *v != '\0' && *v != '0';
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

using namespace std::string_literals;

// ---------------------------------------------------------------------------
// format-* cases

void format_bom() {
  expect(
      "\xEF\xBB\xBF"
      "data: 1\n\ndata: 2\n\n",
      {ev("1"), ev("2")});
  expect("\xEF\xBB\xBF", {});
  expect(
      "\xEF\xBB\xBF\n"
      "data: x\n\n",
      {ev("x")});
}

void format_bom_2() {
  // Only one BOM is stripped: the second is part of the first field name.
  expect(
      "\xEF\xBB\xBF\xEF\xBB\xBF"
      "data: 1\n\ndata: 2\n\n",
      {ev("2")});
  // A BOM after the first line is never stripped.
  expect(
      "data: 1\n\n\xEF\xBB\xBF"
      "data: 2\n\n",
      {ev("1")});
}

void bom_partial_prefix() {
  // Bytes that merely start like a BOM are ordinary field-name bytes.
  expect(
      "\xEF\xBB"
      "data: 1\n\ndata: 2\n\n",
      {ev("2")});
  expect(
      "\xEF"
      "data: 1\n\ndata: 2\n\n",
      {ev("2")});
  expect(
      "\xEF\n"
      "data: 2\n\n",
      {ev("2")});
  expect("\xEF\xBB", {}, /*clean=*/false);  // stream ended inside a line
  expect(
      "\xEF\xBB\xBE"
      "data: 1\n\n",
      {}, true);
}

void format_comments() {
  expect(":comment\ndata: 1\n: another one\ndata: 2\n:\n\n:x\r\n:\r\n", {ev("1\n2")});
  expect(": only comments\n\n:\n\n", {});
  expect(":data: 1\n\n", {});
}

void format_data_before_final_empty_line() {
  expect("data: 1\n\ndata: 2\n", {ev("1")}, false);
  expect("data: 1\n\ndata: 2", {ev("1")}, false);
  expect("data: 1\r\n\r\ndata: 2\r\n", {ev("1")}, false);
}

void format_field_data() {
  expect("data:\n\ndata\ndata\n\ndata:test\n\n", {ev(""), ev("\n"), ev("test")});
  expect("data: a\ndata: b\ndata: c\n\n", {ev("a\nb\nc")});
  expect("data: a\ndata:\n\n", {ev("a\n")});
}

void format_field_event() {
  expect("event: test\ndata: x\n\ndata: y\n\n", {ev("x", "test"), ev("y")});
  expect("event:a\nevent: b\ndata: x\n\n", {ev("x", "b")});
  expect("data: x\nevent: after\n\n", {ev("x", "after")});
}

void format_field_event_empty() {
  expect("event: \ndata: x\n\nevent\ndata: y\n\nevent:\ndata: z\n\n", {ev("x"), ev("y"), ev("z")});
  expect("event: t\nevent:\ndata: x\n\n", {ev("x")});
}

void format_field_id() {
  expect("id: 1\ndata: a\n\nid: \ndata: b\n\nid: 7\n\nid\ndata: c\n\n",
         {ev("a", "message", "1"), ev("b"), ev("c")});
  const Result r = parse_whole("id: 1\ndata: a\n\n");
  CHECK(r.last_id == "1");
  CHECK(parse_whole("id: 1\n\nid\n\n").last_id.empty());
}

void format_field_id_2() {
  // The ID persists across events and an id-only block commits it.
  expect(
      "id: 1\ndata: a\n\ndata: b\n\nid: 2\n\ndata: c\n\ndata: d\nid: 3\n\n",
      {ev("a", "message", "1"), ev("b", "message", "1"), ev("c", "message", "2"), ev("d", "message", "3")});
  CHECK(parse_whole("id: 1\n\nid: 2\n\n").last_id == "2");
  CHECK(parse_whole("id:  x y \n\n").last_id == " x y ");
}

void format_field_id_null() {
  expect("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\nid: \0\ndata: c\n\n"s,
         {ev("a", "message", "1"), ev("b", "message", "1"), ev("c", "message", "1")});
  CHECK(parse_whole("id: 5\n\nid: \0\n\n"s).last_id == "5");
}

void format_field_parsing() {
  const std::string in =
      "data:a\r"
      "data:  b\n"
      "Data: c\n"
      "DATA: d\n"
      "data : e\n"
      " data: f\n"
      "data\0: g\r\n"s
      "data:h:i\n"
      "data\n"
      "da ta: j\n"
      "data:\tk\n\n";
  expect(in, {ev("a\n b\nh:i\n\n\tk")});
  expect("event:x:y\ndata\n\n", {ev("", "x:y")});
}

void format_field_retry() {
  expect("retry: 1000\ndata: x\n\nretry:2000\n\ndata: y\n\n", {ev("x", "message", "", 1000), ev("y")});
  const Result r = parse_whole("retry: 1000\ndata: x\n\nretry:2000\n\ndata: y\n\n");
  CHECK(r.reconnection == 2000);
  CHECK(parse_whole("data: x\n\n").reconnection == -1);
  CHECK(parse_whole("retry: 0\n\n").reconnection == 0);
  // Applied immediately, even without a blank line.
  CHECK(parse_whole("retry: 42\n").reconnection == 42);
  expect("data: a\nretry: 5\nretry: 6\n\n", {ev("a", "message", "", 6)});
}

void format_field_retry_bogus() {
  const std::string in =
      "retry: 500\n\n"
      "retry: 10a\ndata: x\n\n"
      "retry: -5\n\n"
      "retry: 1.5\n\n"
      "retry:  100\n\n"
      "retry: +1\n\n"
      "retry: 1 \n\n"
      "retry: 1e3\n\n"
      "retry: \xD9\xA1\n\n"  // ARABIC-INDIC DIGIT ONE is not an ASCII digit
      "data: y\n\n";
  expect(in, {ev("x"), ev("y")});
  CHECK(parse_whole(in).reconnection == 500);
}

void format_field_retry_empty() {
  const std::string in = "retry: 700\n\nretry\ndata: x\n\nretry:\n\nretry: \n\n";
  expect(in, {ev("x")});
  CHECK(parse_whole(in).reconnection == 700);
}

void retry_overflow_saturates() {
  const Result r = parse_whole("retry: 99999999999999999999999999\ndata: x\n\n");
  CHECK(r.reconnection == std::numeric_limits<int64_t>::max());
  CHECK(r.events.size() == 1 && r.events[0].retry == std::numeric_limits<int64_t>::max());
  CHECK(parse_whole("retry: 9223372036854775807\n").reconnection == std::numeric_limits<int64_t>::max());
  CHECK(parse_whole("retry: 9223372036854775806\n").reconnection == 9223372036854775806LL);
  CHECK(parse_whole("retry: 0000000000000000000000000000012\n").reconnection == 12);
}

void format_field_unknown() {
  expect("data: a\nfoo: bar\nevent2: x\ndata: b\nretry2: 1\nunknown\n\n", {ev("a\nb")});
  expect("foo: bar\n\n", {});
  // Unknown fields alone do not make the end of stream unclean.
  expect("data: a\n\nfoo: bar\n", {ev("a")}, true);
}

void format_leading_space() {
  expect("data:\x20x\n\ndata:x\n\ndata:\x20\x20x\n\ndata:\x20\n\ndata:x\x20\n\n",
         {ev("x"), ev("x"), ev(" x"), ev(""), ev("x ")});
  expect("event:\x20\x20t\ndata: 1\n\n", {ev("1", " t")});
}

void format_newlines() {
  expect("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\rdata: e\n\n", {ev("a\nb\nc"), ev("d"), ev("e")});
  // LF CR is two line breaks, CR CR LF is two.
  expect("data: a\n\rdata: b\r\r\n", {ev("a"), ev("b")});
}

void format_null_character() {
  expect("data: \0\n\n"s, {ev("\0"s)});
  expect("data: a\0b\nevent: t\0\n\n"s, {ev("a\0b"s, "t\0"s)});
}

void format_utf_8() {
  const std::string text = "\xD0\x9F\xD1\x80\xD0\xB8 \xE2\x98\x83 \xF0\x9F\x98\x80 caf\xC3\xA9";
  expect("data: " + text + "\n\nevent: \xC3\xBCml\nid: \xE2\x82\xAC\ndata: x\n\n",
         {ev(text), ev("x", "\xC3\xBCml", "\xE2\x82\xAC")});
}

void invalid_utf8_passthrough() {
  // Invalid UTF-8 is passed through unchanged (no U+FFFD replacement).
  const std::string bad = "\xFF\xFE\xC3 \xE2\x82 \xED\xA0\x80 \xC0\xAF";
  expect("data: " + bad + "\n\nevent: " + bad + "\ndata: y\n\n", {ev(bad), ev("y", bad)});
}

// ---------------------------------------------------------------------------
// line endings and chunk boundaries

std::string with_endings(std::string_view lf_text, int mode, std::mt19937_64& rng) {
  static const char* const kEnds[] = {"\n", "\r\n", "\r"};
  std::string r;
  for (char c : lf_text) {
    if (c != '\n') {
      r += c;
    } else if (mode < 3) {
      r += kEnds[mode];
    } else {
      // Mixed: a lone CR directly followed by a lone LF would be one CRLF
      // break, so after a CR ending (a blank line follows) use CRLF or CR.
      const bool after_cr = !r.empty() && r.back() == '\r';
      r += kEnds[after_cr ? 1 + rng() % 2 : rng() % 3];
    }
  }
  return r;
}

void line_endings_equivalent() {
  const std::string streams[] = {
      "data: a\ndata: b\n\nevent: e\nid: 1\ndata: c\n\n: comment\nretry: 10\ndata\n\n",
      "\xEF\xBB\xBF"
      "data: x\n\n\n\ndata: y\n\n",
      "data: 1\n\ndata: 2\n",
      "\n\n\nid\n\ndata:\n\n",
  };
  std::mt19937_64 rng(7);
  for (const std::string& s : streams) {
    const Result want = parse_whole(s);
    for (int mode = 0; mode < 8; ++mode) {
      const std::string t = with_endings(s, mode < 3 ? mode : 3, rng);
      if (!same(parse_whole(t), want, ("endings mode " + std::to_string(mode)).c_str())) ++g_check_failures;
      if (!same(parse_bytewise(t), want, "endings bytewise")) ++g_check_failures;
    }
  }
}

void cr_lf_split_across_feeds() {
  {
    Parser p;
    std::vector<Event> out;
    CHECK(p.feed("data: a\r", 8, out) == Status::Ok);
    CHECK(p.feed("\ndata: b\r", 9, out) == Status::Ok);
    CHECK(out.empty());
    CHECK(p.feed("", 0, out) == Status::Ok);  // an empty feed keeps the pending CR
    CHECK(p.feed("\n\r", 2, out) == Status::Ok);
    CHECK(out.size() == 1 && out[0].data == "a\nb");  // "\r\n" + "\r" = blank line
    CHECK(p.feed("\n", 1, out) == Status::Ok);        // LF completes that CR: not another blank
    CHECK(p.feed("data: c\r", 8, out) == Status::Ok);
    CHECK(p.feed("\r", 1, out) == Status::Ok);  // CR CR: line end + blank line
    CHECK(out.size() == 2 && out[1].data == "c");
    CHECK(p.finish());
  }
  {
    // CR LF split must not produce an extra blank line (which would dispatch
    // a single-line event early).
    const Result r = parse_cuts("data: a\r\ndata: b\r\n\r\n", {8, 17, 19});
    CHECK(r.events.size() == 1 && r.events[0].data == "a\nb");
    CHECK(r.clean);
  }
  {
    // A trailing lone CR terminates the line at end of stream.
    Parser p;
    std::vector<Event> out;
    p.feed("data: a\r\r", 9, out);
    CHECK(out.size() == 1);
    CHECK(p.finish());
  }
}

// ---------------------------------------------------------------------------
// re-chunking of realistic streams

std::string openai_stream() {
  const char* const tokens[] = {"Hel",
                                "lo",
                                ",",
                                " w\\u00f6rld",
                                " caf\xC3\xA9",
                                " \xE6\x97\xA5\xE6\x9C\xAC",
                                " \xF0\x9F\x98\x80",
                                "\\n",
                                " \\\"quoted\\\"",
                                "!"};
  std::string s;
  s += "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
       "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
       "\"finish_reason\":null}]}\n\n";
  int n = 0;
  for (const char* t : tokens) {
    s += "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
         "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
    s += t;
    s += "\"},\"finish_reason\":null}]}\n\n";
    if (++n % 4 == 0) s += ": keep-alive\n\n";
  }
  s += "data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
       "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":10,\"total_tokens\":19}}\n\n";
  s += "data: [DONE]\n\n";
  return s;
}

std::string anthropic_stream(bool crlf) {
  std::string s;
  auto evt = [&](const std::string& name, const std::string& json) {
    s += "event: " + name + "\ndata: " + json + "\n\n";
  };
  evt("message_start",
      "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
      "\"content\":[],\"model\":\"m\",\"stop_reason\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":"
      "1}}}");
  evt("content_block_start",
      "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
  evt("ping", "{\"type\": \"ping\"}");
  const char* const pieces[] = {"Hello", "! \xE2\x98\x83", " How", " can I", " help?", " \xC3\xA9t\xC3\xA9"};
  int n = 0;
  for (const char* t : pieces) {
    evt("content_block_delta",
        std::string("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                    "\"text_delta\",\"text\":\"") +
            t + "\"}}");
    if (++n == 3) evt("ping", "{\"type\": \"ping\"}");
  }
  evt("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
  evt("message_delta",
      "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
      "\"usage\":{\"output_tokens\":15}}");
  evt("message_stop", "{\"type\":\"message_stop\"}");
  if (!crlf) return s;
  std::string r;
  for (char c : s) {
    if (c == '\n') r += '\r';
    r += c;
  }
  return r;
}

// Deliberately awkward but valid stream: BOM, CR-only endings, multi-line
// data, ids, retry, comments, NULs and a split-prone UTF-8 payload.
std::string awkward_stream() {
  return "\xEF\xBB\xBF:hello\rretry: 3000\rid: 1\revent: a\rdata: x\r\r"
         "data: line1\r\ndata: line2\ndata:\r\n\r\n"
         "id\ndata: \xF0\x9F\x98\x80\0z\n\n"
         ": keep\r\nevent: b\ndata:  spaced\nid: 2\n\n"
         "data: [DONE]\n\n"s;
}

void check_rechunk(const std::string& s, uint64_t seed, int rounds) {
  const Result want = parse_whole(s);
  CHECK(want.status == Status::Ok);
  CHECK(want.clean);
  std::mt19937_64 rng(seed);
  for (int i = 0; i < rounds; ++i) {
    if (!same(parse_cuts(s, random_cuts(s.size(), rng)), want, "random re-chunking")) {
      ++g_check_failures;
      return;
    }
  }
}

void rechunk_openai_random() {
  const std::string s = openai_stream();
  const Result whole = parse_whole(s);
  CHECK(whole.events.size() == 13);
  CHECK(!whole.events.empty() && whole.events.back().data == "[DONE]");
  for (const Event& e : whole.events) CHECK(e.type == "message");
  for (uint64_t seed = 1; seed <= 8; ++seed) check_rechunk(s, seed, 40);
}

void rechunk_anthropic_random() {
  for (bool crlf : {false, true}) {
    const std::string s = anthropic_stream(crlf);
    const Result whole = parse_whole(s);
    CHECK(whole.events.size() == 13);
    int pings = 0;
    for (const Event& e : whole.events) pings += e.type == "ping";
    CHECK(pings == 2);
    CHECK(!whole.events.empty() && whole.events.back().type == "message_stop");
    CHECK(whole.events.size() > 3 && whole.events[3].data.find("text_delta") != std::string::npos);
    for (uint64_t seed = 11; seed <= 18; ++seed) check_rechunk(s, seed, 40);
  }
}

void rechunk_awkward_random() {
  const std::string s = awkward_stream();
  const Result whole = parse_whole(s);
  const std::vector<Event> want = {ev("x", "a", "1", 3000), ev("line1\nline2\n", "message", "1"),
                                   ev("\xF0\x9F\x98\x80\0z"s), ev(" spaced", "b", "2"),
                                   ev("[DONE]", "message", "2")};
  if (whole.events != want) {
    ++g_check_failures;
    std::fprintf(stderr, "#   got  %s\n#   want %s\n", describe(whole.events).c_str(),
                 describe(want).c_str());
  }
  for (uint64_t seed = 21; seed <= 28; ++seed) check_rechunk(s, seed, 40);
}

void rechunk_every_offset() {
  for (const std::string& s : {openai_stream(), anthropic_stream(true), awkward_stream()}) {
    const Result want = parse_whole(s);
    for (size_t i = 0; i <= s.size(); ++i) {
      if (!same(parse_cuts(s, {i}), want, ("single split at " + std::to_string(i)).c_str())) {
        ++g_check_failures;
        break;
      }
    }
  }
  // Every pair of cut points in a short stream (three chunks).
  const std::string s =
      "\xEF\xBB\xBF"
      "data: a\r\nid: 1\r\revent: \xC3\xA9\ndata\r\n\r\n"s;
  const Result want = parse_whole(s);
  for (size_t i = 0; i <= s.size(); ++i) {
    for (size_t j = i; j <= s.size(); ++j) {
      if (!same(parse_cuts(s, {i, j}), want, "two splits")) {
        ++g_check_failures;
        return;
      }
    }
  }
}

void rechunk_one_byte() {
  for (const std::string& s :
       {openai_stream(), anthropic_stream(false), anthropic_stream(true), awkward_stream()}) {
    if (!same(parse_bytewise(s), parse_whole(s), "one byte at a time")) ++g_check_failures;
  }
}

// ---------------------------------------------------------------------------
// end of stream

void eof_partial_event_discarded() {
  expect("data: a\n\ndata: b", {ev("a")}, false);
  expect("data: a\n\ndata: b\n", {ev("a")}, false);
  expect("data: a\n\nevent: x\n", {ev("a")}, false);
  expect("retry: 5\n", {}, false);
  expect(": partial comment", {}, false);
  expect(": complete comment\n", {}, true);
  expect("", {}, true);
  expect("data: a\n\n", {ev("a")}, true);
  expect("data: a\r", {}, false);
  // An id: line without a following blank line is not committed.
  const Result r = parse_whole("id: 1\n\nid: 2\n");
  CHECK(!r.clean);
  CHECK(r.last_id == "1");
}

void finish_then_reuse() {
  Parser p;
  std::vector<Event> out;
  const std::string a =
      "\xEF\xBB\xBF"
      "id: 7\ndata: a\n\nid: 8\ndata: partial";
  p.feed(a.data(), a.size(), out);
  CHECK(!p.finish());
  CHECK(p.last_event_id() == "7");
  // A new stream (reconnection): BOM stripped again, buffers empty, the id
  // buffer restarts from the committed last event ID.
  const std::string b =
      "\xEF\xBB\xBF"
      "data: b\n\n";
  CHECK(p.feed(b.data(), b.size(), out) == Status::Ok);
  CHECK(p.finish());
  CHECK(out.size() == 2);
  CHECK(out.size() == 2 && out[1] == ev("b", "message", "7"));
  // feed() appends: existing elements are kept.
  CHECK(out.size() == 2 && out[0] == ev("a", "message", "7"));
}

void dispatch_without_data_resets_type() {
  expect("event: foo\n\ndata: x\n\n", {ev("x")});
  expect("event: foo\nretry: 1\n\ndata: x\n\n", {ev("x")});
}

void set_last_event_id_seeds() {
  Parser p;
  p.set_last_event_id("resume-42");
  std::vector<Event> out;
  const std::string s = "data: a\n\nid\ndata: b\n\n";
  p.feed(s.data(), s.size(), out);
  CHECK(out.size() == 2 && out[0].id == "resume-42" && out[1].id.empty());
  CHECK(p.last_event_id().empty());
}

// ---------------------------------------------------------------------------
// limits

void too_large_100mb_line() {
  const size_t kMax = 1 << 20;
  const size_t kPiece = 64 * 1024;
  const std::string piece(kPiece, 'x');
  Parser p(kMax);
  std::vector<Event> out;
  const std::string head = "data: ok\n\ndata: ";
  CHECK(p.feed(head.data(), head.size(), out) == Status::Ok);
  size_t fed = head.size();
  size_t peak = 0;
  int feeds = 0;
  Status st = Status::Ok;
  const size_t total = 100u * 1000 * 1000;
  while (fed < total) {
    st = p.feed(piece.data(), piece.size(), out);
    ++feeds;
    fed += piece.size();
    if (st != Status::Ok) break;
    if (p.buffered_bytes() > peak) peak = p.buffered_bytes();
  }
  CHECK(st == Status::TooLarge);
  // Detected as soon as the line outgrows the limit, not at 100 MB.
  CHECK(static_cast<size_t>(feeds) <= kMax / kPiece + 1);
  CHECK(peak <= 2 * kMax + 4096);
  CHECK(p.buffered_bytes() < 4096);  // buffers released in the error state
  CHECK(out.size() == 1 && out[0].data == "ok");
  CHECK(p.status() == Status::TooLarge);
  // The error state is sticky.
  CHECK(p.feed("\n\ndata: x\n\n", 11, out) == Status::TooLarge);
  CHECK(out.size() == 1);
  CHECK(!p.finish());
  CHECK(p.feed("data: x\n\n", 9, out) == Status::TooLarge);
  // reset() leaves it.
  p.reset();
  CHECK(p.status() == Status::Ok);
  CHECK(p.feed("data: y\n\n", 9, out) == Status::Ok);
  CHECK(out.size() == 2 && out.back().data == "y");
}

void too_large_comment_line() {
  // The line limit applies to every line, even comments and unknown fields.
  Parser p(100);
  std::vector<Event> out;
  const std::string line = ":" + std::string(100, 'c') + "\n";
  CHECK(p.feed(line.data(), line.size(), out) == Status::TooLarge);
  Parser q(100);
  const std::string ok = ":" + std::string(99, 'c') + "\ndata: a\n\n";
  CHECK(q.feed(ok.data(), ok.size(), out) == Status::Ok);
  CHECK(out.size() == 1);
}

void too_large_multiline_event() {
  // No single line is over the limit, but the event's data is.
  const size_t kMax = 1000;
  std::string s;
  for (int i = 0; i < 11; ++i) s += "data: " + std::string(99, 'a' + i) + "\n";
  s += "\n";
  for (int mode = 0; mode < 3; ++mode) {
    Result r;
    if (mode == 0) r = parse_whole(s, kMax);
    if (mode == 1) r = parse_bytewise(s, kMax);
    if (mode == 2) r = parse_cuts(s, {7, 300, 301, 900}, kMax);
    CHECK(r.status == Status::TooLarge);
    CHECK(r.events.empty());
    CHECK(!r.clean);
  }
  // Events before the oversized one are still delivered.
  const Result r = parse_whole("data: first\n\n" + s + "data: never\n\n", kMax);
  CHECK(r.status == Status::TooLarge);
  CHECK(r.events.size() == 1 && r.events[0].data == "first");
}

void exactly_at_limit() {
  const size_t kMax = 4096;
  // A line of exactly kMax bytes (terminator excluded) is fine ...
  const std::string line = "data:" + std::string(kMax - 5, 'z');
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    const std::string s = line + eol + eol;
    Result r = parse_whole(s, kMax);
    CHECK(r.status == Status::Ok && r.events.size() == 1 && r.events[0].data.size() == kMax - 5);
    CHECK(parse_bytewise(s, kMax) == r);
    CHECK(parse_cuts(s, {kMax, kMax + 1}, kMax) == r);
  }
  // ... one more byte is not, whether or not the line ever ends.
  CHECK(parse_whole(line + "z\n\n", kMax).status == Status::TooLarge);
  CHECK(parse_whole(line + "z", kMax).status == Status::TooLarge);
  CHECK(parse_whole(line, kMax).status == Status::Ok);
  // Event data of exactly kMax bytes (three lines joined by two "\n").
  const size_t part = (kMax - 2) / 3;
  const size_t last = kMax - 2 - 2 * part;
  const std::string ev_ok = "data:" + std::string(part, 'a') + "\ndata:" + std::string(part, 'b') +
                            "\ndata:" + std::string(last, 'c') + "\n\n";
  Result r = parse_whole(ev_ok, kMax);
  CHECK(r.status == Status::Ok && r.events.size() == 1 && r.events[0].data.size() == kMax);
  const std::string ev_over = "data:" + std::string(part, 'a') + "\ndata:" + std::string(part, 'b') +
                              "\ndata:" + std::string(last + 1, 'c') + "\n\n";
  CHECK(parse_whole(ev_over, kMax).status == Status::TooLarge);
  // With 0 (unlimited) the same inputs are fine.
  CHECK(parse_whole(ev_over, 0).status == Status::Ok);
  CHECK(parse_whole(line + "zzzz\n\n", 0).events.size() == 1);
}

// ---------------------------------------------------------------------------
// performance (no quadratic behaviour)

void long_line_bytewise_linear() {
  const size_t kLen = 1 << 20;
  std::string s = "data: ";
  s.append(kLen, 'q');
  s += "\n\n";
  Parser p(2 << 20);
  std::vector<Event> out;
  const auto t0 = std::chrono::steady_clock::now();
  bool ok = true;
  for (size_t i = 0; i < s.size(); ++i) ok &= p.feed(&s[i], 1, out) == Status::Ok;
  const double secs = seconds_since(t0);
  std::fprintf(stderr, "#   1 MiB line in 1-byte feeds: %.3f s\n", secs);
  CHECK(ok);
  CHECK(out.size() == 1 && out[0].data.size() == kLen);
  CHECK(secs < (slow_mode() ? 30.0 : 0.5));
}

void many_lines_one_feed_linear() {
  // Many LF-terminated lines and a single CR at the very end: a scanner that
  // re-searched for CR on every line would be quadratic here.
  std::string s;
  for (int i = 0; i < 200000; ++i) s += "data: t\n\n";
  s += "data: end\r\r";
  Parser p;
  std::vector<Event> out;
  out.reserve(200001);
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(p.feed(s.data(), s.size(), out) == Status::Ok);
  const double secs = seconds_since(t0);
  std::fprintf(stderr, "#   200k events in one feed: %.3f s\n", secs);
  CHECK(out.size() == 200001 && out.back().data == "end");
  CHECK(secs < (slow_mode() ? 60.0 : 0.5));
}

const TestCase kTests[] = {
    {"format-bom", format_bom},
    {"format-bom-2", format_bom_2},
    {"bom-partial-prefix", bom_partial_prefix},
    {"format-comments", format_comments},
    {"format-data-before-final-empty-line", format_data_before_final_empty_line},
    {"format-field-data", format_field_data},
    {"format-field-event", format_field_event},
    {"format-field-event-empty", format_field_event_empty},
    {"format-field-id", format_field_id},
    {"format-field-id-2", format_field_id_2},
    {"format-field-id-null", format_field_id_null},
    {"format-field-parsing", format_field_parsing},
    {"format-field-retry", format_field_retry},
    {"format-field-retry-bogus", format_field_retry_bogus},
    {"format-field-retry-empty", format_field_retry_empty},
    {"retry-overflow-saturates", retry_overflow_saturates},
    {"format-field-unknown", format_field_unknown},
    {"format-leading-space", format_leading_space},
    {"format-newlines", format_newlines},
    {"format-null-character", format_null_character},
    {"format-utf-8", format_utf_8},
    {"invalid-utf-8-passthrough", invalid_utf8_passthrough},
    {"line-endings-lf-crlf-cr-mixed-equivalent", line_endings_equivalent},
    {"cr-at-chunk-end-lf-at-next-start", cr_lf_split_across_feeds},
    {"rechunk-openai-random", rechunk_openai_random},
    {"rechunk-anthropic-random", rechunk_anthropic_random},
    {"rechunk-awkward-random", rechunk_awkward_random},
    {"rechunk-every-offset", rechunk_every_offset},
    {"rechunk-one-byte", rechunk_one_byte},
    {"eof-partial-event-discarded", eof_partial_event_discarded},
    {"finish-then-reuse", finish_then_reuse},
    {"dispatch-without-data-resets-type", dispatch_without_data_resets_type},
    {"set-last-event-id", set_last_event_id_seeds},
    {"too-large-100mb-line-64k-feeds", too_large_100mb_line},
    {"too-large-comment-line", too_large_comment_line},
    {"too-large-multiline-event", too_large_multiline_event},
    {"exactly-at-limit", exactly_at_limit},
    {"long-line-1mib-bytewise-linear", long_line_bytewise_linear},
    {"many-lines-one-feed-linear", many_lines_one_feed_linear},
};

}  // namespace

int main() { return run_tests("sse", kTests); }
