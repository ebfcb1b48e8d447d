// Native tests of the relay's Zend-free core: the registration frame, the request head nginx sends
// (Loom's own parser), one-time tokens and SSE re-serialisation. TAP output like sse_test.cc.
// native-test-sources: ext/relay/relay_core.cc
#include <cstdio>
#include <string>
#include <unordered_set>
#include <vector>

#include "native_test.h"
#include "relay/relay_core.h"

using namespace loom::relay;

namespace {

void registration_round_trip_and_every_prefix_is_incomplete() {
  std::string payload("a:4:{i:0;s:3:\"GET\";}\0\n\r binary", 31);
  std::string frame = registration_frame("rid 127.0.0.1:5000", payload);
  for (size_t i = 0; i < frame.size(); i++) {
    Registration r;
    CHECK(parse_registration(std::string_view(frame).substr(0, i), r) == Parse::Incomplete);
  }
  Registration r;
  CHECK(parse_registration(frame + "trailing", r) == Parse::Done);
  CHECK(r.bind == "rid 127.0.0.1:5000");
  CHECK(r.payload == payload);
  CHECK(r.consumed == frame.size());
}

void registration_refuses_bad_frames() {
  auto refused = [](std::string f) {
    Registration r;
    return parse_registration(f, r) == Parse::Error;
  };
  CHECK(refused("LOOM-RELAY/1 REGISTER x 3\nabc"));
  CHECK(refused("LOOM-RELAY/1 REGISTER 3 01\nabc"));    // leading zero
  CHECK(refused("LOOM-RELAY/1 REGISTER 3\nabc"));       // one number
  CHECK(refused("LOOM-RELAY/1 REGISTER 0 3\nabc"));     // empty binding
  CHECK(refused("LOOM-RELAY/1 REGISTER 513 1\n"));      // binding over kMaxBind
  CHECK(refused("LOOM-RELAY/1 REGISTER 3 8388609\n"));  // payload over kMaxPayload
  CHECK(refused("LOOM-RELAY/1 REGISTER 99999999999999999999 1\n"));
  CHECK(refused(registration_frame(std::string("a\rb"), "x")));
  CHECK(refused(registration_frame(std::string("a\nb"), "x")));
  CHECK(refused(registration_frame(std::string("a\0b", 3), "x")));
  CHECK(refused("LOOM-RELAY/1 REGISTER " + std::string(40, '1')));  // no end of line in sight
}

void classify_tells_registrations_from_http() {
  CHECK(classify("") == Kind::Unknown);
  CHECK(classify("LOOM-REL") == Kind::Unknown);
  CHECK(classify("LOOM-RELAY/1 REGISTER 1 1\nab") == Kind::Registration);
  CHECK(classify("GET / HTTP/1.1\r\n") == Kind::Http);
  CHECK(classify("LOOM-RELAX") == Kind::Http);
}

void request_head_gives_token_and_binding() {
  std::string head =
      "GET /loom-relay/0123456789abcdef0123456789abcdef HTTP/1.1\r\nHost: x\r\n"
      "X-Loom-Bind: abc 127.0.0.1:4000\r\nConnection: close\r\n\r\n";
  for (size_t i = 0; i < head.size(); i++) {
    RequestHead h;
    CHECK(parse_request_head(std::string_view(head).substr(0, i), h) == Parse::Incomplete);
  }
  RequestHead h;
  CHECK(parse_request_head(head, h) == Parse::Done);
  CHECK(h.method == "GET");
  CHECK(h.token == "0123456789abcdef0123456789abcdef");
  CHECK(h.bind == "abc 127.0.0.1:4000");
  CHECK(h.consumed == head.size());

  RequestHead q;
  CHECK(parse_request_head("GET /r/0123456789abcdef0123456789abcdef?x=1 HTTP/1.0\r\nx-loom-bind: b\r\n\r\n",
                           q) == Parse::Done);
  CHECK(q.token == "0123456789abcdef0123456789abcdef");
  CHECK(q.bind == "b");

  RequestHead bad_token;
  CHECK(parse_request_head("GET /loom-relay/0123456789ABCDEF0123456789abcdef HTTP/1.1\r\n\r\n", bad_token) ==
        Parse::Done);
  CHECK(bad_token.token.empty());  // upper case: not a token

  RequestHead two;
  CHECK(parse_request_head("GET /t HTTP/1.1\r\nX-Loom-Bind: a\r\nX-Loom-Bind: b\r\n\r\n", two) ==
        Parse::Done);
  CHECK(two.bind.empty());  // ambiguous binding matches nothing

  RequestHead garbage;
  CHECK(parse_request_head("GET\x01 / HTTP/1.1\r\n\r\n", garbage) == Parse::Error);
  RequestHead huge;
  CHECK(parse_request_head("GET / HTTP/1.1\r\nX: " + std::string(kMaxHead, 'a'), huge) == Parse::Error);
}

Parse head_of(std::string_view s, RequestHead& h) { return parse_request_head(s, h); }
Parse head_of(std::string_view s) {
  RequestHead h;
  return parse_request_head(s, h);
}

// What nginx sends for a proxied EventSource request (proxy_http_version 1.1).
const std::string kNginxHead =
    "GET /loom-relay/0123456789abcdef0123456789abcdef?last=3 HTTP/1.1\r\n"
    "X-Loom-Bind: 5f1c2a 203.0.113.7:51234\r\n"
    "Host: chat.example\r\n"
    "Connection: close\r\n"
    "user-agent: Mozilla/5.0 (X11; Linux x86_64) \xc3\xa9t\xc3\xa9\r\n"
    "Accept: text/event-stream\r\n"
    "Cache-Control: \tno-cache \t\r\n"
    "Empty:\r\n"
    "\r\n";

void request_head_complete_fields_in_order() {
  RequestHead h;
  std::string buf = kNginxHead + "BODY-NOT-READ";
  CHECK(head_of(buf, h) == Parse::Done);
  CHECK(h.consumed == kNginxHead.size());
  CHECK(h.method == "GET");
  CHECK(h.path == "/loom-relay/0123456789abcdef0123456789abcdef?last=3");
  CHECK(h.minor_version == 1);
  CHECK(h.fields.size() == 7);
  if (h.fields.size() == 7) {
    CHECK(h.fields[0].name == "x-loom-bind" && h.fields[0].value == "5f1c2a 203.0.113.7:51234");
    CHECK(h.fields[1].name == "host" && h.fields[1].value == "chat.example");
    CHECK(h.fields[3].value == "Mozilla/5.0 (X11; Linux x86_64) \xc3\xa9t\xc3\xa9");  // obs-text kept
    CHECK(h.fields[5].name == "cache-control" && h.fields[5].value == "no-cache");    // OWS trimmed
    CHECK(h.fields[6].name == "empty" && h.fields[6].value.empty());
  }
  CHECK(h.bind == "5f1c2a 203.0.113.7:51234");
  CHECK(h.token == "0123456789abcdef0123456789abcdef");

  RequestHead v0;
  CHECK(head_of("HEAD /loom-relay-status HTTP/1.0\r\n\r\n", v0) == Parse::Done);
  CHECK(v0.method == "HEAD" && v0.path == "/loom-relay-status" && v0.minor_version == 0);
  CHECK(v0.fields.empty() && v0.bind.empty() && v0.token.empty());
  CHECK(v0.consumed == std::string_view("HEAD /loom-relay-status HTTP/1.0\r\n\r\n").size());

  RequestHead odd;  // any token is a method and any visible bytes a target; the relay decides what to serve
  CHECK(head_of("M-SEARCH * HTTP/1.9\r\n\r\n", odd) == Parse::Done);
  CHECK(odd.method == "M-SEARCH" && odd.path == "*" && odd.minor_version == 9);
}

void request_head_split_at_every_offset() {
  // Every prefix is Incomplete, and feeding the head in two pieces at any offset gives the same result.
  for (size_t i = 0; i < kNginxHead.size(); i++) {
    RequestHead h;
    h.method = "untouched";
    CHECK(head_of(std::string_view(kNginxHead).substr(0, i), h) == Parse::Incomplete);
    CHECK(h.method == "untouched" && h.fields.empty());
    std::string joined = kNginxHead.substr(0, i);
    joined += kNginxHead.substr(i);
    RequestHead whole;
    CHECK(head_of(joined, whole) == Parse::Done);
    CHECK(whole.consumed == kNginxHead.size() && whole.fields.size() == 7);
  }
  // Byte by byte with a HeadProgress, as the relay feeds it: the same answers, and the same head at the end.
  HeadProgress progress;
  for (size_t i = 0; i < kNginxHead.size(); i++) {
    RequestHead h;
    CHECK(parse_request_head(std::string_view(kNginxHead).substr(0, i), h, &progress) == Parse::Incomplete);
    CHECK(progress.line <= i);
  }
  CHECK(progress.fields == 7);  // the empty line was the only one left
  RequestHead fed;
  CHECK(parse_request_head(kNginxHead, fed, &progress) == Parse::Done);
  CHECK(fed.consumed == kNginxHead.size() && fed.fields.size() == 7 && fed.method == "GET");
  CHECK(fed.bind == "5f1c2a 203.0.113.7:51234" && fed.token == "0123456789abcdef0123456789abcdef");
  // A bad byte is refused as soon as it arrives, without waiting for the end of the head.
  std::string bad = "GET /a HTTP/1.1\r\nHost: x\r\nBad Name: y";
  size_t space = bad.find("Bad ") + 3;
  CHECK(head_of(std::string_view(bad).substr(0, space)) == Parse::Incomplete);  // "...Bad"
  CHECK(head_of(std::string_view(bad).substr(0, space + 1)) == Parse::Error);   // "...Bad "
  HeadProgress bad_progress;
  for (size_t i = 0; i < space; i++) {
    RequestHead h;
    CHECK(parse_request_head(std::string_view(bad).substr(0, i), h, &bad_progress) == Parse::Incomplete);
  }
  RequestHead h;
  CHECK(parse_request_head(std::string_view(bad).substr(0, space + 1), h, &bad_progress) == Parse::Error);
  // The field limit counts the fields before the progress point too.
  std::string many = "GET / HTTP/1.1\r\n";
  for (size_t i = 0; i <= kMaxHeaderFields; i++) many += "F: v\r\n";
  HeadProgress many_progress;
  Parse last = Parse::Incomplete;
  for (size_t i = 0; i < many.size() && last == Parse::Incomplete; i++)
    last = parse_request_head(std::string_view(many).substr(0, i + 1), h, &many_progress);
  CHECK(last == Parse::Error);
}

void request_head_size_bound() {
  std::string start = "GET / HTTP/1.1\r\nX: ";
  std::string end = "\r\n\r\n";
  std::string exact = start + std::string(kMaxHead - start.size() - end.size(), 'a') + end;
  CHECK(exact.size() == kMaxHead);
  RequestHead h;
  CHECK(head_of(exact, h) == Parse::Done);
  CHECK(h.consumed == kMaxHead);
  std::string over = start + std::string(kMaxHead - start.size() - end.size() + 1, 'a') + end;
  CHECK(head_of(over) == Parse::Error);
  // Incomplete while under the bound, an error once the bound is reached without an end of head.
  std::string open = start + std::string(kMaxHead - start.size() - 1, 'a');
  CHECK(head_of(open) == Parse::Incomplete);
  CHECK(head_of(open + "a") == Parse::Error);
  CHECK(head_of(open + "a" + end) == Parse::Error);
  CHECK(head_of("GET /" + std::string(kMaxHead, 'p')) == Parse::Error);  // a target that never ends

  std::string many = "GET / HTTP/1.1\r\n";
  for (size_t i = 0; i < kMaxHeaderFields; i++) many += "F: v\r\n";
  CHECK(head_of(many + "\r\n") == Parse::Done);
  CHECK(head_of(many + "F: v\r\n\r\n") == Parse::Error);  // one field too many
}

void request_head_refuses_bad_lines() {
  const char* bad[] = {
      " GET / HTTP/1.1\r\n\r\n",                 // leading space
      "\r\nGET / HTTP/1.1\r\n\r\n",              // empty line before the request line
      "GET  / HTTP/1.1\r\n\r\n",                 // two spaces
      "GET / HTTP/1.1 \r\n\r\n",                 // space after the version
      "GET\t/ HTTP/1.1\r\n\r\n",                 // tab as separator
      "GE(T / HTTP/1.1\r\n\r\n",                 // not a token
      "GET\x01 / HTTP/1.1\r\n\r\n",              // control byte in the method
      "GET /a\x7f HTTP/1.1\r\n\r\n",             // DEL in the target
      "GET / HTTP/2.0\r\n\r\n",                  // not HTTP/1.x
      "GET / HTTP/1.x\r\n\r\n",                  // no minor digit
      "GET / HTTP/1.10\r\n\r\n",                 // two digits
      "GET / http/1.1\r\n\r\n",                  // lower-case protocol name
      "GET /\r\n\r\n",                           // HTTP/0.9 form
      "GET / HTTP/1.1\n\n",                      // bare LF ends the request line
      "GET / HTTP/1.1\r\r\n\r\n",                // bare CR
      "GET / HTTP/1.1\r\nHost: x\n\r\n",         // bare LF ends a field line
      "GET / HTTP/1.1\r\nHost: x\r\n\n",         // bare LF as the empty line
      "GET / HTTP/1.1\r\nHost: x\r\n\rX",        // CR not followed by LF
      "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n",    // CR inside a value
      "GET / HTTP/1.1\r\nHost : x\r\n\r\n",      // space before the colon
      "GET / HTTP/1.1\r\n: x\r\n\r\n",           // empty name
      "GET / HTTP/1.1\r\nHost x\r\n\r\n",        // no colon
      "GET / HTTP/1.1\r\nHo(st: x\r\n\r\n",      // not a token
      "GET / HTTP/1.1\r\nHost: a\x01z\r\n\r\n",  // control byte in a value
      "GET / HTTP/1.1\r\nHost: a\x7fz\r\n\r\n",  // DEL in a value
  };
  for (const char* b : bad) {
    RequestHead h;
    h.method = "untouched";
    Parse p = head_of(b, h);
    if (p != Parse::Error) std::fprintf(stderr, "#   accepted: %s\n", b);
    CHECK(p == Parse::Error);
    CHECK(h.method == "untouched");
  }
  // NUL anywhere: in the target, a name, a value.
  CHECK(head_of(std::string("GET /a\0b HTTP/1.1\r\n\r\n", 21)) == Parse::Error);
  CHECK(head_of(std::string("GET / HTTP/1.1\r\nHo\0st: x\r\n\r\n", 28)) == Parse::Error);
  CHECK(head_of(std::string("GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n", 29)) == Parse::Error);
  CHECK(head_of(std::string("GET / HTTP/1.1\r\nHost: ab\r\n\0", 27)) == Parse::Error);
}

void request_head_refuses_obs_fold() {
  CHECK(head_of("GET / HTTP/1.1\r\nX-Loom-Bind: a\r\n b\r\n\r\n") == Parse::Error);
  CHECK(head_of("GET / HTTP/1.1\r\nX-Loom-Bind: a\r\n\tb\r\n\r\n") == Parse::Error);
  CHECK(head_of("GET / HTTP/1.1\r\n Host: x\r\n\r\n") == Parse::Error);  // whitespace before the first field
  // refused as soon as the continuation line's first byte arrives
  CHECK(head_of("GET / HTTP/1.1\r\nX-Loom-Bind: a\r\n") == Parse::Incomplete);
  CHECK(head_of("GET / HTTP/1.1\r\nX-Loom-Bind: a\r\n ") == Parse::Error);
}

void request_head_duplicates_and_lower_case_lookup() {
  RequestHead h;
  CHECK(head_of("GET /t HTTP/1.1\r\nACCEPT: a\r\nX-LOOM-BIND: b 1\r\naccept: c\r\n\r\n", h) == Parse::Done);
  CHECK(h.fields.size() == 3);
  CHECK(h.field_count("accept") == 2);
  CHECK(h.field("accept") == nullptr);  // sent twice: no single value
  CHECK(h.field_count("x-loom-bind") == 1);
  CHECK(h.field("x-loom-bind") && *h.field("x-loom-bind") == "b 1");
  CHECK(h.bind == "b 1");                    // matched whatever the case it was sent in
  CHECK(h.field("X-Loom-Bind") == nullptr);  // the lookup takes a lower-case name
  CHECK(h.field("missing") == nullptr && h.field_count("missing") == 0);

  RequestHead two;
  CHECK(head_of("GET /t HTTP/1.1\r\nX-Loom-Bind: a\r\nx-loom-bind: a\r\n\r\n", two) == Parse::Done);
  CHECK(two.field_count("x-loom-bind") == 2);
  CHECK(two.bind.empty());  // even the same value twice is ambiguous: matches nothing
}

void tokens_are_random_hex_and_distinct() {
  std::unordered_set<std::string> seen;
  for (int i = 0; i < 1000; i++) {
    std::string t = new_token();
    CHECK(token_shaped(t));
    CHECK(seen.insert(t).second);
  }
}

void token_is_single_use() {
  TokenTable t;
  std::string tok = t.issue(7, "bind", 1000, 5000);
  uint64_t id = 0;
  CHECK(t.claim(tok, "bind", 1001, &id) == Claim::Ok);
  CHECK(id == 7);
  CHECK(t.claim(tok, "bind", 1002, &id) == Claim::Unknown);
  CHECK(t.size() == 0);
}

void token_expires() {
  TokenTable t;
  std::string tok = t.issue(1, "b", 1000, 500);
  uint64_t id = 0;
  CHECK(t.claim(tok, "b", 1500, &id) == Claim::Expired);
  std::string tok2 = t.issue(2, "b", 1000, 500);
  std::string tok3 = t.issue(3, "b", 1400, 500);
  std::vector<uint64_t> dropped;
  CHECK(t.expire(
            1500, [](uint64_t i, void* d) { static_cast<std::vector<uint64_t>*>(d)->push_back(i); },
            &dropped) == 1);
  CHECK(dropped.size() == 1 && dropped[0] == 2);
  CHECK(t.claim(tok2, "b", 1500, &id) == Claim::Unknown);
  CHECK(t.claim(tok3, "b", 1899, &id) == Claim::Ok);
  CHECK(t.expired_count() == 2);
}

void token_is_bound_and_a_wrong_binding_burns_it() {
  TokenTable t;
  std::string tok = t.issue(1, "req-a 127.0.0.1:1", 0, 5000);
  uint64_t id = 0;
  CHECK(t.claim(tok, "req-b 127.0.0.1:1", 1, &id) == Claim::WrongBinding);
  CHECK(t.claim(tok, "req-a 127.0.0.1:1", 2, &id) == Claim::Unknown);
  std::string tok2 = t.issue(2, "x", 0, 5000);
  CHECK(t.claim(tok2, "", 1, &id) == Claim::WrongBinding);
  CHECK(t.refused_count() == 3);
}

void sse_event_serialisation() {
  CHECK(sse_event("message", "hello", "", -1) == "data: hello\n\n");
  CHECK(sse_event("", "a\nb\n", "", -1) == "data: a\ndata: b\ndata: \n\n");
  CHECK(sse_event("error", "{}", "7", 1500) == "event: error\nid: 7\nretry: 1500\ndata: {}\n\n");
  CHECK(sse_event("message", "", "", -1) == "data: \n\n");
}

const TestCase kTests[] = {
    {"registration_round_trip_and_every_prefix_is_incomplete",
     registration_round_trip_and_every_prefix_is_incomplete},
    {"registration_refuses_bad_frames", registration_refuses_bad_frames},
    {"classify_tells_registrations_from_http", classify_tells_registrations_from_http},
    {"request_head_gives_token_and_binding", request_head_gives_token_and_binding},
    {"request_head_complete_fields_in_order", request_head_complete_fields_in_order},
    {"request_head_split_at_every_offset", request_head_split_at_every_offset},
    {"request_head_size_bound", request_head_size_bound},
    {"request_head_refuses_bad_lines", request_head_refuses_bad_lines},
    {"request_head_refuses_obs_fold", request_head_refuses_obs_fold},
    {"request_head_duplicates_and_lower_case_lookup", request_head_duplicates_and_lower_case_lookup},
    {"tokens_are_random_hex_and_distinct", tokens_are_random_hex_and_distinct},
    {"token_is_single_use", token_is_single_use},
    {"token_expires", token_expires},
    {"token_is_bound_and_a_wrong_binding_burns_it", token_is_bound_and_a_wrong_binding_burns_it},
    {"sse_event_serialisation", sse_event_serialisation},
};

}  // namespace

int main() { return run_tests("relay", kTests); }
