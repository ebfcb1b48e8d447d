// Native tests of the relay's Zend-free core: the registration frame, the request head nginx sends
// (picohttpparser), one-time tokens and SSE re-serialisation. TAP output like sse_test.cc.
// native-test-sources: ext/relay/relay_core.cc
// native-test-pkg: libh2o
// native-test-flags: -DLOOM_HAVE_PICOHTTPPARSER
#include <cstdio>
#include <string>
#include <unordered_set>
#include <vector>

#include "relay/relay_core.h"

using namespace loom::relay;

namespace {

int g_check_failures = 0;

#define CHECK(cond)                                                                     \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      ++g_check_failures;                                                               \
      std::fprintf(stderr, "#   %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                                   \
  } while (0)

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

struct TestCase {
  const char* name;
  void (*fn)();
};

const TestCase kTests[] = {
    {"registration_round_trip_and_every_prefix_is_incomplete",
     registration_round_trip_and_every_prefix_is_incomplete},
    {"registration_refuses_bad_frames", registration_refuses_bad_frames},
    {"classify_tells_registrations_from_http", classify_tells_registrations_from_http},
    {"request_head_gives_token_and_binding", request_head_gives_token_and_binding},
    {"tokens_are_random_hex_and_distinct", tokens_are_random_hex_and_distinct},
    {"token_is_single_use", token_is_single_use},
    {"token_expires", token_expires},
    {"token_is_bound_and_a_wrong_binding_burns_it", token_is_bound_and_a_wrong_binding_burns_it},
    {"sse_event_serialisation", sse_event_serialisation},
};

}  // namespace

int main() {
  int failed = 0, n = 0;
  const int total = static_cast<int>(sizeof kTests / sizeof kTests[0]);
  std::printf("1..%d\n", total);
  for (const TestCase& t : kTests) {
    ++n;
    g_check_failures = 0;
    t.fn();
    if (g_check_failures == 0) {
      std::printf("ok %d - %s\n", n, t.name);
    } else {
      ++failed;
      std::printf("not ok %d - %s\n", n, t.name);
    }
    std::fflush(stdout);
  }
  std::printf("# relay: %d/%d passed\n", total - failed, total);
  return failed == 0 ? 0 : 1;
}
