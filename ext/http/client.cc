// Loom\Http\Client: URL building and request(), which runs attempts, Loom's own redirects and retries
// as policy.h decides. Options are parsed in options.cc.
#include <cstring>
#include <ctime>

#include "http/http.h"
#include "object.h"

namespace loom::http {

zend_class_entry* ce_client;
static zend_object_handlers client_handlers;

struct Client {
  Options* opts;
  uint64_t scope;  // whose max_connections_per_host a transfer counts against (never reused)
  zend_object std;
};

namespace {
thread_local uint64_t next_client_scope = 1;  // process state: scopes are never reused, across requests too
}  // namespace

static Client* client_from_obj(zend_object* o) { return object_from<Client>(o); }

zend_object* transport_exception(zend_class_entry* ce, const std::string& msg, const std::string& phase,
                                 const std::string& url, long curl_code) {
  zend_object* ex = make_exception(ce, nullptr, "%s", msg.c_str());
  zend_update_property_stringl(ce_transport, ex, "phase", 5, phase.data(), phase.size());
  zend_update_property_stringl(ce_transport, ex, "url", 3, url.data(), url.size());
  zend_update_property_long(ce_transport, ex, "curlCode", 8, curl_code);
  return ex;
}

// ---------------------------------------------------------------------------------------------------
// URLs

namespace {

// A URL as text for messages, without any user:password@ (it may not even parse).
std::string without_userinfo(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  if (end == std::string::npos) end = url.size();
  size_t at = url.rfind('@', end - 1);
  if (at == std::string::npos || at < start || end == start) return url;
  return url.substr(0, start) + url.substr(at + 1);
}

bool build_url_uncached(const std::string& base, const std::string& url, const std::string& query,
                        std::string& out, std::string& origin, std::string& error);

// A fan-out sends the same URL many times, and curl's URL API costs ~40,000 instructions per request
// here (parsing, and printf-style formatting for each part read back): the last successful result of
// build_url() and of redact() is kept (both are pure functions of their arguments), for the request.
struct UrlMemo {
  std::string base, url, query, out, origin;  // build_url
  std::string redact_in, redact_out;          // redact
  bool built = false, redacted = false;
};
thread_local UrlMemo* url_memo = nullptr;  // freed at request end

UrlMemo& memo() {
  if (!url_memo) url_memo = new UrlMemo();
  return *url_memo;
}

// Resolves `url` against base (RFC 3986 via curl's URL API), appends `query` (encoded), and checks the
// scheme. Fills `out` (full URL) and `origin` (scheme://host:port), or `error` (the message of a
// Loom\Http\InvalidArgumentException) and returns false. Calls no PHP.
bool build_url(const std::string& base, const std::string& url, const std::string& query, std::string& out,
               std::string& origin, std::string& error) {
  UrlMemo& m = memo();
  if (m.built && m.url == url && m.base == base && m.query == query) {
    out = m.out;
    origin = m.origin;
    return true;
  }
  if (!build_url_uncached(base, url, query, out, origin, error)) return false;
  m.base = base;
  m.url = url;
  m.query = query;
  m.out = out;
  m.origin = origin;
  m.built = true;
  return true;
}

bool build_url_uncached(const std::string& base, const std::string& url, const std::string& query,
                        std::string& out, std::string& origin, std::string& error) {
  if (has_crlf_nul(url.data(), url.size())) {
    error = "URL must not contain CR, LF or NUL characters";
    return false;
  }
  CURLU* h = curl_url();
  CURLUcode rc = CURLUE_OK;
  if (!base.empty()) {
    rc = curl_url_set(h, CURLUPART_URL, base.c_str(), 0);
    if (rc != CURLUE_OK) {
      curl_url_cleanup(h);
      error = "Invalid base_uri \"" + without_userinfo(base) + "\": " + curl_url_strerror(rc);
      return false;
    }
  }
  // RFC 3986 5.2.2: an empty reference or a lone fragment is the base itself (curl's URL API would drop
  // the base's last segment and query).
  bool same_document = !base.empty() && (url.empty() || url[0] == '#');
  rc = curl_url_set(h, CURLUPART_URL,
                    same_document ? (base.substr(0, base.find('#')) + url).c_str() : url.c_str(),
                    CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    curl_url_cleanup(h);
    error = "Invalid URL \"" + without_userinfo(url) + "\": " + curl_url_strerror(rc);
    return false;
  }
  char* scheme = nullptr;
  curl_url_get(h, CURLUPART_SCHEME, &scheme, 0);
  bool ok_scheme = scheme && (!strcmp(scheme, "http") || !strcmp(scheme, "https"));
  if (!ok_scheme) {
    char* resolved = nullptr;
    curl_url_get(h, CURLUPART_URL, &resolved, 0);
    error = std::string("Unsupported URL scheme \"") + (scheme ? scheme : "") + "\" in \"" +
            without_userinfo(resolved ? resolved : url) + "\": only http and https are allowed";
    curl_free(resolved);
    curl_free(scheme);
    curl_url_cleanup(h);
    return false;
  }
  char* full = nullptr;
  char* host = nullptr;
  char* port = nullptr;
  curl_url_get(h, CURLUPART_URL, &full, 0);
  curl_url_get(h, CURLUPART_HOST, &host, 0);
  curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
  out = full ? full : "";
  if (!query.empty()) {
    // Spliced into the URL text: curl 7.88 lower-cases the %XX of a query part set on its own
    // (CURLUPART_QUERY), which breaks signatures computed over the query.
    size_t hash = out.find('#');
    std::string fragment = hash == std::string::npos ? "" : out.substr(hash);
    out.resize(out.size() - fragment.size());
    out += (out.find('?') == std::string::npos ? "?" : (out.back() == '?' || out.back() == '&' ? "" : "&"));
    out += query + fragment;
  }
  origin = std::string(scheme) + "://" + (host ? host : "") + ":" + (port ? port : "");
  curl_free(full);
  curl_free(host);
  curl_free(port);
  curl_free(scheme);
  curl_url_cleanup(h);
  if (!host || origin.find("://:") != std::string::npos) {
    error = "Invalid URL \"" + without_userinfo(url) + "\": no host";
    return false;
  }
  return true;
}

// The URL without user:password, for messages.
std::string redact(const std::string& url) {
  UrlMemo& m = memo();
  if (m.redacted && m.redact_in == url) return m.redact_out;
  CURLU* h = curl_url();
  std::string r = url;
  if (curl_url_set(h, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    curl_url_set(h, CURLUPART_USER, nullptr, 0);
    curl_url_set(h, CURLUPART_PASSWORD, nullptr, 0);
    char* s = nullptr;
    if (curl_url_get(h, CURLUPART_URL, &s, 0) == CURLUE_OK && s) r = s;
    curl_free(s);
  }
  curl_url_cleanup(h);
  m.redact_in = url;
  m.redact_out = r;
  m.redacted = true;
  return r;
}

const char* header_value(Transfer* t, const char* name) {
  for (auto& h : t->headers)
    if (h.first == name) return h.second.c_str();
  return nullptr;
}

bool headers_or_done(Transfer* t) { return t->headers_done; }

int64_t parse_http_date(const char* text) { return curl_getdate(text, nullptr); }

// What an attempt gave, for the policy.
policy::Attempt attempt_of(Transfer* t) {
  policy::Attempt a;
  a.failed_before_head = t->done && t->failure != Failure::None && !t->headers_done;
  if (a.failed_before_head) {
    a.transport_failure = t->failure == Failure::Transport;
    a.phase = t->failure_phase;
    return a;
  }
  a.status = t->status;
  a.location = header_value(t, "location");
  a.retry_after = header_value(t, "retry-after");
  a.retry_after_ms = header_value(t, "retry-after-ms");
  return a;
}

void remove_headers(Options& o, bool (*match)(std::string_view name)) {
  for (auto it = o.headers.begin(); it != o.headers.end();) {
    if (match(it->first))
      it = o.headers.erase(it);
    else
      ++it;
  }
}

bool is_content_type(std::string_view name) {
  return name.size() == 12 && strncasecmp(name.data(), "content-type", 12) == 0;
}

// ---------------------------------------------------------------------------------------------------
// Requests in flight

// One Client::request() call: everything its attempts share lives here, on the heap, so that the
// frames that wait (which can be longjmp'd over by a bailout in another task) hold only pointers and
// ints. A request is listed from its start to its end; a bailout leaves it listed, and
// requests_rshutdown() frees it at request end.
struct Request {
  Options opts;
  uint64_t scope = 0;
  std::string method, url, origin, body;
  std::string next_url, next_origin;  // a redirect's target
  std::string message;                // an error message being built
  policy::Progress progress;
  Request* prev = nullptr;
  Request* next = nullptr;
};

thread_local Request* requests_head = nullptr;  // per request: emptied by requests_rshutdown()

Request* request_new(const Options& client_opts, uint64_t scope) {
  auto* rq = new Request();
  rq->opts = client_opts;
  rq->scope = scope;
  rq->next = requests_head;
  if (requests_head) requests_head->prev = rq;
  requests_head = rq;
  return rq;
}

void request_free(Request* rq) {
  if (rq->prev)
    rq->prev->next = rq->next;
  else
    requests_head = rq->next;
  if (rq->next) rq->next->prev = rq->prev;
  delete rq;
}

// The first URL and the method. False with a Loom\Http\InvalidArgumentException pending.
bool request_prepare(Request* rq, zend_string* method, zend_string* url) {
  rq->method.assign(ZSTR_VAL(method), ZSTR_LEN(method));
  rq->next_url.assign(ZSTR_VAL(url), ZSTR_LEN(url));
  bool resolved = false;
  auto resolve = [rq, &resolved] {  // curl's URL parser goes deep: see run_on_side_stack()
    resolved = build_url(rq->opts.base_uri, rq->next_url, rq->opts.query, rq->url, rq->origin, rq->message);
  };
  run_on_side_stack(resolve);
  if (!resolved) {
    throw_invalid("%s", rq->message.c_str());
    return false;
  }
  if (!is_token(rq->method.data(), rq->method.size())) {
    throw_invalid("Invalid HTTP method \"%s\"", rq->method.c_str());
    return false;
  }
  for (auto& c : rq->method) c = (char)toupper((unsigned char)c);
  rq->body = rq->opts.body;
  return true;
}

void throw_transport(const std::string& message, Transfer* t, long curl_code) {
  zval ex;
  ZVAL_OBJ(&ex, transport_exception(ce_transport, message, "redirect", t->url, curl_code));
  zend_throw_exception_object(&ex);
}

// Sends one attempt and waits for its head (or its failure). The Response in *resp owns the transfer.
// Null with an exception pending when it could not start or the wait failed.
Transfer* attempt(Request* rq, zval* resp) {
  object_init_ex(resp, ce_response);
  Response* r = response_from_obj(Z_OBJ_P(resp));
  Transfer* t = new Transfer();
  r->t = t;
  t->owner = r;
  auto redacted = [t, rq] { t->url = redact(rq->url); };
  run_on_side_stack(redacted);
  t->request_url = rq->url;
  t->method = rq->method;
  t->req_body = rq->body;
  t->slot_key = std::to_string(rq->scope) + " " + rq->origin;
  if (!transfer_start(t, rq->opts) || !transfer_wait(t, headers_or_done, "Loom\\Http\\Client::request"))
    return nullptr;
  return t;
}

// Resolves a redirect's Location into rq->next_url and applies what following it changes (policy.h).
// False with an exception pending when the redirect is refused.
bool prepare_redirect(Request* rq, Transfer* t) {
  bool resolved = false;
  auto resolve = [rq, t, &resolved] {
    resolved = build_url(rq->url, header_value(t, "location"), std::string(), rq->next_url, rq->next_origin,
                         rq->message);
  };
  run_on_side_stack(resolve);
  if (!resolved) {
    // Refused target (scheme, malformed): a redirect-phase transport error, not a caller mistake.
    rq->message = "Refused redirect from " + t->url + ": " + rq->message;
    throw_transport(rq->message, t, CURLE_UNSUPPORTED_PROTOCOL);
    return false;
  }
  policy::RedirectPlan plan =
      policy::plan_redirect(rq->url, rq->next_url, rq->origin, rq->next_origin, t->status, rq->method);
  if (plan.refused_downgrade) {
    rq->message =
        "Refused redirect from " + t->url + " to " + redact(rq->next_url) + ": https to http downgrade";
    throw_transport(rq->message, t, CURLE_UNSUPPORTED_PROTOCOL);
    return false;
  }
  if (plan.drop_credentials) remove_headers(rq->opts, policy::is_credential_header);
  if (plan.becomes_get) {
    rq->method = "GET";
    rq->body.clear();
    remove_headers(rq->opts, is_content_type);
  }
  rq->url.swap(rq->next_url);
  rq->origin.swap(rq->next_origin);
  return true;
}

// The request loop: attempt, then as the policy says: deliver, fail, retry or follow a redirect.
// Leaves the Response in return_value once its head arrived. Locals: pointers and ints only.
void run_request(Request* rq, zval* return_value) {
  for (;;) {
    zval resp;
    Transfer* t = attempt(rq, &resp);
    if (!t) {
      zval_ptr_dtor(&resp);
      return;
    }
    policy::Clock clock{parse_http_date, static_cast<int64_t>(time(nullptr))};
    policy::Decision d =
        policy::decide(attempt_of(t), rq->opts.retry, rq->opts.max_redirects, rq->progress, clock);
    switch (d.step) {
      case policy::Step::Deliver:
        ZVAL_COPY_VALUE(return_value, &resp);
        return;
      case policy::Step::Fail:
        throw_failure(t);
        zval_ptr_dtor(&resp);
        return;
      case policy::Step::Retry:
        rq->progress.retries++;
        zval_ptr_dtor(&resp);
        if (!check_can_suspend("Loom\\Http\\Client::request") || !sleep_for(d.delay, "retry delay")) return;
        continue;
      case policy::Step::TooManyRedirects:
        rq->message = "Too many redirects (max_redirects=" + std::to_string(rq->opts.max_redirects) +
                      ") following " + t->url;
        throw_transport(rq->message, t, CURLE_TOO_MANY_REDIRECTS);
        zval_ptr_dtor(&resp);
        return;
      case policy::Step::Redirect:
        rq->progress.redirects++;
        if (!prepare_redirect(rq, t)) {
          zval_ptr_dtor(&resp);
          return;
        }
        zval_ptr_dtor(&resp);
        continue;
    }
  }
}

}  // namespace

void requests_rshutdown() {
  while (requests_head) request_free(requests_head);
  delete url_memo;
  url_memo = nullptr;
}

static zend_object* client_create(zend_class_entry* ce) {
  Client* c = object_alloc<Client>(ce, &client_handlers);
  c->scope = next_client_scope++;
  return &c->std;
}

static void client_free(zend_object* o) {
  Client* c = client_from_obj(o);
  delete c->opts;
  zend_object_std_dtor(o);
}

void client_class_init() {
  ce_client->create_object = client_create;
  init_handlers<Client>(&client_handlers, client_free, nullptr);  // holds no zvals
}

}  // namespace loom::http

using namespace loom::http;

ZEND_METHOD(Loom_Http_Client, __construct) {
  HashTable* options = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(options)
  ZEND_PARSE_PARAMETERS_END();
  Client* c = client_from_obj(Z_OBJ_P(ZEND_THIS));
  auto* o = new Options();
  if (options && !parse_options(options, *o, false)) {
    delete o;
    RETURN_THROWS();
  }
  delete c->opts;
  c->opts = o;
}

ZEND_METHOD(Loom_Http_Client, request) {
  zend_string* method;
  zend_string* url;
  HashTable* options = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, 3)
  Z_PARAM_STR(method)
  Z_PARAM_STR(url)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(options)
  ZEND_PARSE_PARAMETERS_END();
  // request() always waits for the response headers: where it cannot suspend (a destructor, GC, a
  // fiber being destroyed) it is refused here, before its options are read (a stream or generator
  // body would be consumed) and before anything is sent.
  if (!loom::check_can_suspend("Loom\\Http\\Client::request")) RETURN_THROWS();
  Client* c = client_from_obj(Z_OBJ_P(ZEND_THIS));
  if (!c->opts) c->opts = new Options();
  Request* rq = request_new(*c->opts, c->scope);
  if ((options && !parse_options(options, rq->opts, true)) || !request_prepare(rq, method, url)) {
    request_free(rq);
    RETURN_THROWS();
  }
  run_request(rq, return_value);
  request_free(rq);
}
