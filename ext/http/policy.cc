// Retry and redirect decisions of Client::request() (see policy.h). [no Zend, no I/O]
#include "http/policy.h"

#include <strings.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace loom::http::policy {

namespace {

bool is_redirect_status(long s) { return s == 301 || s == 302 || s == 303 || s == 307 || s == 308; }

// Failures that happened before the server can have acted on the request: sending it again is safe.
bool retryable_phase(std::string_view phase) {
  return phase == "connect" || phase == "headers" || phase == "send";
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

double retry_delay(const Attempt& a, const RetryPolicy& retry, int retries_done, const Clock& clock) {
  double d = retry.delay * std::pow(2.0, retries_done);
  if (!a.failed_before_head) {
    if (a.retry_after_ms) {
      double v = strtod(a.retry_after_ms, nullptr);
      if (v > 0) d = v / 1000.0;
    } else if (a.retry_after) {
      char* end = nullptr;
      double v = strtod(a.retry_after, &end);
      if (end != a.retry_after && v >= 0) {
        d = v;
      } else {
        int64_t when = clock.parse_http_date ? clock.parse_http_date(a.retry_after) : 0;
        if (when > 0) d = std::max(0.0, static_cast<double>(when - clock.now));
      }
    }
  }
  return std::min(d, retry.max_delay);
}

Decision decide(const Attempt& a, const RetryPolicy& retry, long max_redirects, const Progress& done,
                const Clock& clock) {
  bool may_retry = retry.enabled && done.retries < retry.max;
  if (a.failed_before_head) {
    if (may_retry && a.transport_failure && retryable_phase(a.phase))
      return {Step::Retry, retry_delay(a, retry, done.retries, clock)};
    return {Step::Fail};
  }
  if (may_retry && std::find(retry.statuses.begin(), retry.statuses.end(), a.status) != retry.statuses.end())
    return {Step::Retry, retry_delay(a, retry, done.retries, clock)};
  if (!a.location || !is_redirect_status(a.status) || max_redirects == 0) return {Step::Deliver};
  if (done.redirects >= max_redirects) return {Step::TooManyRedirects};
  return {Step::Redirect};
}

RedirectPlan plan_redirect(std::string_view from_url, std::string_view to_url, std::string_view from_origin,
                           std::string_view to_origin, long status, std::string_view method) {
  RedirectPlan p;
  p.refused_downgrade = starts_with(from_url, "https:") && starts_with(to_url, "http:");
  p.drop_credentials = from_origin != to_origin;  // credentials are for the origin they were given to
  p.becomes_get = status == 303 || ((status == 301 || status == 302) && method == "POST");
  return p;
}

bool is_credential_header(std::string_view name) {
  static constexpr std::string_view names[] = {"authorization", "cookie", "proxy-authorization", "x-api-key",
                                               "api-key"};
  for (std::string_view n : names)
    if (name.size() == n.size() && strncasecmp(name.data(), n.data(), n.size()) == 0) return true;
  return false;
}

}  // namespace loom::http::policy
