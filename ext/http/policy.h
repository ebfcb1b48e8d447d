// Retry and redirect policy of Client::request(): what to do after one attempt. [no Zend, no I/O]
// client.cc runs the attempts; these functions only decide, so they are tested natively
// (tests/native/policy_test.cc) with every header and status combination.
#ifndef LOOM_HTTP_POLICY_H
#define LOOM_HTTP_POLICY_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loom::http::policy {

// The `retry` option (API.md). enabled: the option was given (null turns it off).
struct RetryPolicy {
  bool enabled = false;
  int max = 0;                 // retries after the first attempt
  std::vector<long> statuses;  // statuses retried before the caller sees the response
  double delay = 0.5;          // seconds before the first retry; doubles each time
  double max_delay = 60;       // no wait is longer than this, Retry-After included
};

// What one attempt gave, as far as the policy cares. Header values are null when absent.
struct Attempt {
  bool failed_before_head = false;  // it ended (failed) before a response head arrived
  bool transport_failure = false;   // that failure is a plain transport error (not a timeout, limit...)
  std::string_view phase;           // the failure's phase: resolve, connect, tls, send, headers, body
  long status = 0;                  // the final response's status, when a head arrived
  const char* location = nullptr;
  const char* retry_after = nullptr;     // Retry-After: seconds or an HTTP date
  const char* retry_after_ms = nullptr;  // retry-after-ms (OpenAI, Azure): milliseconds
};

// How far the request got: retries done and redirects followed so far.
struct Progress {
  int retries = 0;
  int redirects = 0;
};

// An HTTP date in seconds since the epoch (<= 0 when it is not one), and the current time. client.cc
// passes curl_getdate() and time(); tests pass fixed ones.
struct Clock {
  int64_t (*parse_http_date)(const char* text);
  int64_t now;
};

enum class Step : uint8_t {
  Deliver,           // hand the response to the caller
  Fail,              // throw the attempt's failure
  Retry,             // wait `delay` seconds, then send the same request again
  Redirect,          // resolve `location` against the URL and plan_redirect() it
  TooManyRedirects,  // a redirect past max_redirects: a TransportException, phase "redirect"
};

struct Decision {
  Step step;
  double delay = 0;  // for Retry
};

// The next step after an attempt. max_redirects 0: redirects are not followed (the 3xx is delivered).
Decision decide(const Attempt& a, const RetryPolicy& retry, long max_redirects, const Progress& done,
                const Clock& clock);

// Seconds to wait before retry number done.retries + 1: retry-after-ms, else Retry-After (seconds or
// an HTTP date), else exponential backoff from retry.delay; never above retry.max_delay. Headers are
// only looked at for status retries (a failed attempt has none).
double retry_delay(const Attempt& a, const RetryPolicy& retry, int retries_done, const Clock& clock);

// What following a redirect does to the request, once its target URL is resolved.
struct RedirectPlan {
  bool refused_downgrade = false;  // https to http: refused (phase "redirect")
  bool drop_credentials = false;   // another origin: credential headers are not sent there
  bool becomes_get = false;        // 303, or 301/302 after a POST: GET without body or Content-Type
};
RedirectPlan plan_redirect(std::string_view from_url, std::string_view to_url, std::string_view from_origin,
                           std::string_view to_origin, long status, std::string_view method);

// Headers that carry credentials (case-insensitive): dropped on a cross-origin redirect.
bool is_credential_header(std::string_view name);

}  // namespace loom::http::policy

#endif
