// native-test-sources: ext/reactor/reactor.cc ext/reactor/fd_watch.cc ext/reactor/curl_multi.cc
// native-test-pkg: libuv libcurl
//
// Standalone tests for the Zend-free reactor parts the curl hook builds on: FdWatch (shared polls,
// readiness recorded and taken later, stale watches after an fd number is reused, POLLERR with the
// socket's error), the repeating Timer, and an owned CurlMulti whose libuv callbacks only record
// readiness while curl runs (callbacks included) inside drive(). Prints TAP-like lines; exits non-zero
// on failure. Every test ends with no poll left open and the loop's handles closed.

#include "reactor/reactor.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include "native_test.h"
#include "reactor/curl_multi.h"
#include "reactor/fd_watch.h"

using namespace loom::reactor;

namespace {

// Whatever a test closed is freed in libuv's close callbacks: give them a turn, then nothing may be left.
void nothing_left_open() {
  for (int i = 0; i < 3; i++) Reactor::instance().run_once(false);
  CHECK(FdWatch::open_polls() == 0);
  CHECK(Reactor::instance().handle_count() == 0);
}

uv_loop_t* loop() { return Reactor::instance().loop(); }

struct Counter {
  int calls = 0;
};
void count(void* data) { static_cast<Counter*>(data)->calls++; }

// Runs the loop until cond() or about 2 s passed (a failing test must not hang).
template <typename F>
bool spin_until(F cond) {
  for (int i = 0; i < 200 && !cond(); i++) {
    Timer* t = Timer::open(loop(), nullptr, nullptr);
    t->start(10);
    Reactor::instance().run_once(true);
    t->close();
  }
  Reactor::instance().run_once(false);
  return cond();
}

void fd_watch_records_readiness_and_wakes_its_owner() {
  int sv[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == 0);
  Counter c;
  FdWatch* w = FdWatch::open(loop(), sv[0], count, &c);
  CHECK(w != nullptr);
  w->set_events(kReadable);
  Reactor::instance().run_once(false);
  CHECK(c.calls == 0);  // nothing to read yet
  CHECK(write(sv[1], "x", 1) == 1);
  CHECK(spin_until([&] { return c.calls > 0; }));
  CHECK(w->take_ready() == kReadable);
  CHECK(w->take_ready() == 0);  // taken
  w->set_events(kWritable);
  CHECK(spin_until([&] { return c.calls > 1; }));
  CHECK(w->take_ready() & kWritable);
  w->close();
  close(sv[0]);
  close(sv[1]);
}

void two_watches_of_one_socket_share_one_poll() {
  int sv[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == 0);
  Counter a, b;
  FdWatch* wa = FdWatch::open(loop(), sv[0], count, &a);
  FdWatch* wb = FdWatch::open(loop(), sv[0], count, &b);
  CHECK(FdWatch::open_polls() == 1);
  wa->set_events(kReadable);
  wb->set_events(kReadable);
  CHECK(write(sv[1], "y", 1) == 1);
  CHECK(spin_until([&] { return a.calls > 0 && b.calls > 0; }));
  CHECK(wa->take_ready() == kReadable && wb->take_ready() == kReadable);
  wa->close();  // the other keeps watching
  CHECK(FdWatch::open_polls() == 1);
  int before = b.calls;
  CHECK(spin_until([&] { return b.calls > before; }));  // still readable (not read)
  wb->close();
  CHECK(FdWatch::open_polls() == 0);
  close(sv[0]);
  close(sv[1]);
}

// A weak watch still fires, but keeps the loop alive only while a strong watch shares its poll.
void weak_watch_fires_without_keeping_the_loop_alive() {
  int sv[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == 0);
  Counter a, b;
  FdWatch* wa = FdWatch::open(loop(), sv[0], count, &a);
  wa->set_events(kReadable);
  CHECK(Reactor::instance().alive());
  wa->set_weak(true);
  CHECK(!Reactor::instance().alive());
  FdWatch* wb = FdWatch::open(loop(), sv[0], count, &b);  // strong: the shared poll is referenced again
  wb->set_events(kReadable);
  CHECK(Reactor::instance().alive());
  wb->close();
  CHECK(!Reactor::instance().alive());
  CHECK(write(sv[1], "z", 1) == 1);
  CHECK(spin_until([&] { return a.calls > 0; }));
  CHECK(wa->take_ready() == kReadable);
  wa->set_weak(false);
  CHECK(Reactor::instance().alive());
  wa->close();
  close(sv[0]);
  close(sv[1]);
}

// A notify function that closes its own watch and another one of the same fd, in the middle of the
// poll callback: the callback must not touch either afterwards.
struct Closer {
  FdWatch* self;
  FdWatch* other;
  int calls;
};
void close_both(void* data) {
  auto* c = static_cast<Closer*>(data);
  c->calls++;
  if (c->other) c->other->close();
  c->self->close();
  c->self = c->other = nullptr;
}

void watches_closed_inside_a_notify_are_safe() {
  int sv[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == 0);
  Closer c1{}, c2{};
  FdWatch* w1 = FdWatch::open(loop(), sv[0], close_both, &c1);
  FdWatch* w2 = FdWatch::open(loop(), sv[0], close_both, &c2);
  c1.self = w1;
  c1.other = w2;
  c2.self = w2;
  c2.other = w1;
  w1->set_events(kReadable);
  w2->set_events(kReadable);
  CHECK(write(sv[1], "z", 1) == 1);
  CHECK(spin_until([&] { return c1.calls + c2.calls > 0; }));
  CHECK(c1.calls + c2.calls == 1);  // the first notify closed both: the second was never called
  close(sv[0]);
  close(sv[1]);
}

void reused_fd_number_makes_the_old_watch_stale() {
  int sv[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == 0);
  Counter old_c, new_c;
  FdWatch* old_w = FdWatch::open(loop(), sv[0], count, &old_c);
  old_w->set_events(kReadable);
  int num = sv[0];
  close(sv[0]);  // closed behind the watch's back (as curl does with a losing connect attempt)
  close(sv[1]);
  int sv2[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv2) == 0);
  int fresh = sv2[0] == num ? sv2[0] : sv2[1] == num ? sv2[1] : -1;
  CHECK(fresh == num);  // the lowest free number came back
  int peer = fresh == sv2[0] ? sv2[1] : sv2[0];
  FdWatch* new_w = FdWatch::open(loop(), fresh, count, &new_c);
  CHECK(old_w->stale());
  CHECK(!new_w->stale());
  new_w->set_events(kReadable);
  old_w->close();  // touches nothing: the new watch keeps its poll
  CHECK(write(peer, "q", 1) == 1);
  CHECK(spin_until([&] { return new_c.calls > 0; }));
  CHECK(old_c.calls == 0);
  new_w->close();
  close(sv2[0]);
  close(sv2[1]);
}

void poll_error_reaches_the_watch_with_the_socket_error() {
  // A connect to a loopback port nobody listens on fails: POLLERR with ECONNREFUSED.
  int l = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  CHECK(bind(l, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  CHECK(getsockname(l, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  close(l);
  int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int rc = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  CHECK(rc == 0 || errno == EINPROGRESS || errno == ECONNREFUSED);
  Counter c;
  FdWatch* w = FdWatch::open(loop(), s, count, &c);
  w->set_events(kReadable | kWritable);
  CHECK(spin_until([&] { return c.calls > 0; }));
  int r = w->take_ready();
  CHECK((r & kFdError) || (r & (kReadable | kWritable)));
  if (r & kFdError) CHECK(w->error() == ECONNREFUSED);
  w->close();
  close(s);
}

void repeating_timer_fires_until_stopped() {
  Counter c;
  Timer* t = Timer::open(loop(), count, &c);
  t->start(5, 5);
  CHECK(t->active());
  while (c.calls < 3) Reactor::instance().run_once(true);
  CHECK(t->take_fired() == 3);
  CHECK(t->take_fired() == 0);
  t->stop();
  CHECK(!t->active());
  t->close();
}

// A one-request HTTP server on a thread: answers with "hello" and a keep-alive connection it then closes.
struct MiniServer {
  int listen_fd = -1;
  int port = 0;
  std::thread th;
  void start() {
    listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    bind(listen_fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(listen_fd, 4);
    getsockname(listen_fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    th = std::thread([this] {
      int c = accept(listen_fd, nullptr, nullptr);
      if (c < 0) return;
      char buf[2048];
      std::string req;
      while (req.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = read(c, buf, sizeof buf);
        if (n <= 0) break;
        req.append(buf, static_cast<size_t>(n));
      }
      usleep(50 * 1000);  // the client must wait (and be woken) for the response
      const char* resp = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
      ssize_t w = write(c, resp, strlen(resp));
      (void)w;
      close(c);
    });
  }
  void stop() {
    th.join();
    close(listen_fd);
  }
};

struct Owner {
  int notified = 0;
  bool in_drive = false;
  bool callback_outside_drive = false;
  std::string body;
  bool done = false;
  CURLcode code = CURLE_OK;
};
void owner_notify(void* data) { static_cast<Owner*>(data)->notified++; }
size_t owner_write(char* p, size_t sz, size_t n, void* data) {
  auto* o = static_cast<Owner*>(data);
  if (!o->in_drive) o->callback_outside_drive = true;
  o->body.append(p, sz * n);
  return sz * n;
}
void owner_done(void* ctx, CURL*, CURLcode code) {
  auto* o = static_cast<Owner*>(ctx);
  o->done = true;
  o->code = code;
}

void owned_multi_runs_curl_only_inside_drive() {
  MiniServer srv;
  srv.start();
  Owner o;
  CurlMulti* m = CurlMulti::create_owned(owner_notify, &o);
  CURL* e = curl_easy_init();
  std::string url = "http://127.0.0.1:" + std::to_string(srv.port) + "/";
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, owner_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &o);
  CHECK(m->add_foreign(e) == CURLM_OK);
  CHECK(m->transfers() == 1);
  bool kick = true;
  for (int i = 0; i < 400 && !o.done; i++) {
    o.in_drive = true;
    m->drive(kick, owner_done, &o);
    o.in_drive = false;
    kick = false;
    if (o.done) break;
    if (!m->has_events()) Reactor::instance().run_once(true);  // libuv only records and notifies
  }
  CHECK(o.done);
  CHECK(o.code == CURLE_OK);
  CHECK(o.body == "hello");
  CHECK(o.notified > 0);
  CHECK(!o.callback_outside_drive);
  m->remove_foreign(e);
  CHECK(m->transfers() == 0);
  curl_easy_cleanup(e);
  m->destroy();
  srv.stop();
}

void owned_multi_destroyed_with_a_transfer_in_flight_is_clean() {
  MiniServer srv;
  srv.start();
  Owner o;
  CurlMulti* m = CurlMulti::create_owned(owner_notify, &o);
  CURL* e = curl_easy_init();
  std::string url = "http://127.0.0.1:" + std::to_string(srv.port) + "/";
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, owner_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &o);
  CHECK(m->add_foreign(e) == CURLM_OK);
  o.in_drive = true;
  m->drive(true, owner_done, &o);  // connects; the server answers later
  for (int i = 0; i < 5; i++) {
    Reactor::instance().run_once(false);
    m->drive(false, owner_done, &o);
  }
  o.in_drive = false;
  m->destroy();  // removes the easy handle, closes its socket and watches
  curl_easy_cleanup(e);
  srv.stop();
}

const TestCase kTests[] = {
    NATIVE_TEST(fd_watch_records_readiness_and_wakes_its_owner),
    NATIVE_TEST(two_watches_of_one_socket_share_one_poll),
    NATIVE_TEST(weak_watch_fires_without_keeping_the_loop_alive),
    NATIVE_TEST(watches_closed_inside_a_notify_are_safe),
    NATIVE_TEST(reused_fd_number_makes_the_old_watch_stale),
    NATIVE_TEST(poll_error_reaches_the_watch_with_the_socket_error),
    NATIVE_TEST(repeating_timer_fires_until_stopped),
    NATIVE_TEST(owned_multi_runs_curl_only_inside_drive),
    NATIVE_TEST(owned_multi_destroyed_with_a_transfer_in_flight_is_clean),
};

}  // namespace

int main() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int rc = run_tests("reactor", kTests, nothing_left_open);
  curl_global_cleanup();
  return rc;
}
