// native-test-sources: ext/http/policy.cc
//
// Standalone tests for Client::request()'s retry and redirect policy (ext/http/policy.{h,cc}).
// No framework: prints TAP-like "ok N - name" / "not ok N - name" lines and exits non-zero if anything
// failed. Built and run by tests/native/run.sh. Times are fixed: the HTTP-date parser is a stand-in.

#include "http/policy.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "native_test.h"

using namespace loom::http::policy;

namespace {

bool near(double a, double b) { return std::fabs(a - b) < 1e-9; }

constexpr int64_t kNow = 1700000000;  // 2023-11-14T22:13:20Z

// Knows one date (kNow + 30 s) and one in the past (kNow - 100 s); anything else is not a date.
int64_t fake_http_date(const char* text) {
  if (!strcmp(text, "Tue, 14 Nov 2023 22:13:50 GMT")) return kNow + 30;
  if (!strcmp(text, "Tue, 14 Nov 2023 22:11:40 GMT")) return kNow - 100;
  return -1;
}

const Clock kClock{fake_http_date, kNow};

RetryPolicy retry_on(int max = 2) {
  RetryPolicy r;
  r.enabled = true;
  r.max = max;
  r.statuses = {429, 500, 502, 503, 504};
  r.delay = 0.5;
  r.max_delay = 60;
  return r;
}

Attempt failed(const char* phase, bool transport = true) {
  Attempt a;
  a.failed_before_head = true;
  a.transport_failure = transport;
  a.phase = phase;
  return a;
}

Attempt response(long status) {
  Attempt a;
  a.status = status;
  return a;
}

Decision decide_now(const Attempt& a, const RetryPolicy& r, long max_redirects = 10, int retries = 0,
                    int redirects = 0) {
  Progress p;
  p.retries = retries;
  p.redirects = redirects;
  return decide(a, r, max_redirects, p, kClock);
}

// --- failures before a response head

void failure_without_retry_option_fails() {
  CHECK(decide_now(failed("connect"), RetryPolicy{}).step == Step::Fail);
}

void failure_in_connect_headers_or_send_is_retried() {
  for (const char* phase : {"connect", "headers", "send"}) {
    Decision d = decide_now(failed(phase), retry_on());
    CHECK(d.step == Step::Retry);
    CHECK(near(d.delay, 0.5));
  }
}

void failure_in_resolve_tls_or_body_is_not_retried() {
  for (const char* phase : {"resolve", "tls", "body"})
    CHECK(decide_now(failed(phase), retry_on()).step == Step::Fail);
}

void timeouts_and_limits_are_not_retried() {
  // Only plain transport errors are: a timeout or a size limit would just happen again.
  CHECK(decide_now(failed("connect", /*transport=*/false), retry_on()).step == Step::Fail);
}

void failure_retried_max_times_then_fails() {
  RetryPolicy r = retry_on(2);
  CHECK(decide_now(failed("connect"), r, 10, 0).step == Step::Retry);
  CHECK(decide_now(failed("connect"), r, 10, 1).step == Step::Retry);
  CHECK(decide_now(failed("connect"), r, 10, 2).step == Step::Fail);
}

void retry_max_zero_never_retries() {
  CHECK(decide_now(failed("connect"), retry_on(0)).step == Step::Fail);
  CHECK(decide_now(response(503), retry_on(0)).step == Step::Deliver);
}

void failed_attempt_ignores_retry_after() {
  Attempt a = failed("headers");
  a.retry_after = "7";
  a.retry_after_ms = "9000";
  CHECK(near(decide_now(a, retry_on(), 10, 1).delay, 1.0));  // backoff only
}

// --- statuses

void listed_status_is_retried_others_delivered() {
  CHECK(decide_now(response(503), retry_on()).step == Step::Retry);
  CHECK(decide_now(response(429), retry_on()).step == Step::Retry);
  CHECK(decide_now(response(404), retry_on()).step == Step::Deliver);
  CHECK(decide_now(response(200), retry_on()).step == Step::Deliver);
  CHECK(decide_now(response(503), RetryPolicy{}).step == Step::Deliver);  // no retry option
}

void custom_status_list_replaces_the_default() {
  RetryPolicy r = retry_on();
  r.statuses = {418};
  CHECK(decide_now(response(418), r).step == Step::Retry);
  CHECK(decide_now(response(503), r).step == Step::Deliver);
}

void status_retried_max_times_then_delivered() {
  RetryPolicy r = retry_on(1);
  CHECK(decide_now(response(500), r, 10, 0).step == Step::Retry);
  CHECK(decide_now(response(500), r, 10, 1).step == Step::Deliver);
}

// --- delays

void backoff_doubles_from_delay_and_is_capped() {
  RetryPolicy r = retry_on(10);
  r.delay = 0.25;
  r.max_delay = 1.5;
  CHECK(near(retry_delay(response(503), r, 0, kClock), 0.25));
  CHECK(near(retry_delay(response(503), r, 1, kClock), 0.5));
  CHECK(near(retry_delay(response(503), r, 2, kClock), 1.0));
  CHECK(near(retry_delay(response(503), r, 3, kClock), 1.5));
  CHECK(near(retry_delay(response(503), r, 9, kClock), 1.5));
}

void retry_after_ms_wins_over_retry_after() {
  Attempt a = response(429);
  a.retry_after_ms = "250";
  a.retry_after = "7";
  CHECK(near(retry_delay(a, retry_on(), 0, kClock), 0.25));
}

void retry_after_ms_zero_or_junk_means_backoff() {
  // Present but not positive: backoff, and Retry-After is not consulted.
  Attempt a = response(429);
  a.retry_after_ms = "0";
  a.retry_after = "7";
  CHECK(near(retry_delay(a, retry_on(), 1, kClock), 1.0));
  a.retry_after_ms = "soon";
  CHECK(near(retry_delay(a, retry_on(), 1, kClock), 1.0));
}

void retry_after_seconds() {
  Attempt a = response(503);
  a.retry_after = "3";
  CHECK(near(retry_delay(a, retry_on(), 0, kClock), 3.0));
  a.retry_after = "0";
  CHECK(near(retry_delay(a, retry_on(), 2, kClock), 0.0));
  a.retry_after = "1.5";
  CHECK(near(retry_delay(a, retry_on(), 0, kClock), 1.5));
}

void retry_after_http_date() {
  Attempt a = response(503);
  a.retry_after = "Tue, 14 Nov 2023 22:13:50 GMT";
  CHECK(near(retry_delay(a, retry_on(), 0, kClock), 30.0));
  a.retry_after = "Tue, 14 Nov 2023 22:11:40 GMT";  // already past: no wait
  CHECK(near(retry_delay(a, retry_on(), 3, kClock), 0.0));
}

void retry_after_unparseable_or_negative_means_backoff() {
  Attempt a = response(503);
  a.retry_after = "whenever";
  CHECK(near(retry_delay(a, retry_on(), 1, kClock), 1.0));
  a.retry_after = "-5";
  CHECK(near(retry_delay(a, retry_on(), 2, kClock), 2.0));
}

void retry_after_is_capped_by_max_delay() {
  Attempt a = response(503);
  a.retry_after = "120";
  CHECK(near(retry_delay(a, retry_on(), 0, kClock), 60.0));
  a.retry_after = nullptr;
  a.retry_after_ms = "90000";
  CHECK(near(retry_delay(a, retry_on(), 0, kClock), 60.0));
}

void decision_carries_the_delay() {
  Attempt a = response(429);
  a.retry_after = "2";
  Decision d = decide_now(a, retry_on());
  CHECK(d.step == Step::Retry);
  CHECK(near(d.delay, 2.0));
}

// --- redirects

void redirect_statuses_with_location_are_followed() {
  for (long s : {301L, 302L, 303L, 307L, 308L}) {
    Attempt a = response(s);
    a.location = "/next";
    CHECK(decide_now(a, RetryPolicy{}).step == Step::Redirect);
  }
}

void other_statuses_or_no_location_are_delivered() {
  for (long s : {300L, 304L, 305L, 200L}) {
    Attempt a = response(s);
    a.location = "/next";
    CHECK(decide_now(a, RetryPolicy{}).step == Step::Deliver);
  }
  CHECK(decide_now(response(302), RetryPolicy{}).step == Step::Deliver);
}

void max_redirects_zero_delivers_the_redirect() {
  Attempt a = response(302);
  a.location = "/next";
  CHECK(decide_now(a, RetryPolicy{}, 0).step == Step::Deliver);
}

void redirects_past_the_limit_are_refused() {
  Attempt a = response(302);
  a.location = "/next";
  CHECK(decide_now(a, RetryPolicy{}, 3, 0, 2).step == Step::Redirect);
  CHECK(decide_now(a, RetryPolicy{}, 3, 0, 3).step == Step::TooManyRedirects);
}

void status_retry_comes_before_redirect() {
  RetryPolicy r = retry_on();
  r.statuses = {307};
  Attempt a = response(307);
  a.location = "/next";
  CHECK(decide_now(a, r).step == Step::Retry);
  CHECK(decide_now(a, r, 10, 2).step == Step::Redirect);  // retries used up
}

void https_to_http_is_refused_other_ways_allowed() {
  CHECK(
      plan_redirect("https://a/", "http://a/", "https://a:443", "http://a:80", 302, "GET").refused_downgrade);
  CHECK(!plan_redirect("http://a/", "https://a/", "http://a:80", "https://a:443", 302, "GET")
             .refused_downgrade);
  CHECK(!plan_redirect("https://a/", "https://b/", "https://a:443", "https://b:443", 302, "GET")
             .refused_downgrade);
}

void cross_origin_drops_credentials_same_origin_keeps_them() {
  CHECK(plan_redirect("http://a/x", "http://b/y", "http://a:80", "http://b:80", 302, "GET").drop_credentials);
  CHECK(plan_redirect("http://a/x", "http://a:81/y", "http://a:80", "http://a:81", 302, "GET")
            .drop_credentials);
  CHECK(
      !plan_redirect("http://a/x", "http://a/y", "http://a:80", "http://a:80", 302, "GET").drop_credentials);
}

void method_change_follows_rfc9110() {
  auto get = [](long status, const char* method) {
    return plan_redirect("http://a/", "http://a/b", "o", "o", status, method).becomes_get;
  };
  CHECK(get(303, "POST"));
  CHECK(get(303, "PUT"));
  CHECK(get(303, "GET"));
  CHECK(get(301, "POST"));
  CHECK(get(302, "POST"));
  CHECK(!get(301, "PUT"));
  CHECK(!get(302, "DELETE"));
  CHECK(!get(307, "POST"));
  CHECK(!get(308, "POST"));
}

void credential_headers_case_insensitive() {
  for (const char* h : {"Authorization", "cookie", "Proxy-Authorization", "X-API-Key", "api-key"})
    CHECK(is_credential_header(h));
  for (const char* h : {"Accept", "Authorization-Extra", "x-api", "", "Cookie2"})
    CHECK(!is_credential_header(h));
}

// A whole request as client.cc runs it: two 503s then a redirect then a 200.
void request_loop_counts_retries_and_redirects() {
  RetryPolicy r = retry_on(2);
  Progress p;
  Attempt a503 = response(503);
  Attempt a302 = response(302);
  a302.location = "/moved";
  Attempt seq[] = {a503, a503, a302, response(200)};
  Step want[] = {Step::Retry, Step::Retry, Step::Redirect, Step::Deliver};
  for (int i = 0; i < 4; i++) {
    Decision d = decide(seq[i], r, 10, p, kClock);
    CHECK(d.step == want[i]);
    if (d.step == Step::Retry) p.retries++;
    if (d.step == Step::Redirect) p.redirects++;
  }
  CHECK(p.retries == 2);
  CHECK(p.redirects == 1);
  CHECK(decide(a503, r, 10, p, kClock).step == Step::Deliver);  // retries used up: the 503 is the answer
}

#define T NATIVE_TEST
const TestCase kTests[] = {
    T(failure_without_retry_option_fails),
    T(failure_in_connect_headers_or_send_is_retried),
    T(failure_in_resolve_tls_or_body_is_not_retried),
    T(timeouts_and_limits_are_not_retried),
    T(failure_retried_max_times_then_fails),
    T(retry_max_zero_never_retries),
    T(failed_attempt_ignores_retry_after),
    T(listed_status_is_retried_others_delivered),
    T(custom_status_list_replaces_the_default),
    T(status_retried_max_times_then_delivered),
    T(backoff_doubles_from_delay_and_is_capped),
    T(retry_after_ms_wins_over_retry_after),
    T(retry_after_ms_zero_or_junk_means_backoff),
    T(retry_after_seconds),
    T(retry_after_http_date),
    T(retry_after_unparseable_or_negative_means_backoff),
    T(retry_after_is_capped_by_max_delay),
    T(decision_carries_the_delay),
    T(redirect_statuses_with_location_are_followed),
    T(other_statuses_or_no_location_are_delivered),
    T(max_redirects_zero_delivers_the_redirect),
    T(redirects_past_the_limit_are_refused),
    T(status_retry_comes_before_redirect),
    T(https_to_http_is_refused_other_ways_allowed),
    T(cross_origin_drops_credentials_same_origin_keeps_them),
    T(method_change_follows_rfc9110),
    T(credential_headers_case_insensitive),
    T(request_loop_counts_retries_and_redirects),
};
#undef T

}  // namespace

int main() { return run_tests("policy", kTests); }
