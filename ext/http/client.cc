// Loom\Http\Client: options, URL building, request() with Loom's own redirects and retries.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "http/http.h"
#include "object.h"

extern "C" {
#include "ext/json/php_json.h"
#include "zend_smart_str.h"
}

namespace loom::http {

zend_class_entry* ce_client;
static zend_object_handlers client_handlers;

struct Client {
  Options* opts;
  uint64_t scope;  // whose max_connections_per_host a transfer counts against (never reused)
  zend_object std;
};
static thread_local uint64_t next_client_scope = 1;
static Client* client_from(zend_object* o) {
  return reinterpret_cast<Client*>(reinterpret_cast<char*>(o) - XtOffsetOf(Client, std));
}

Options::Options(const Options& o)
    : base_uri(o.base_uri),
      headers(o.headers),
      body(o.body),
      has_body(o.has_body),
      connect_timeout(o.connect_timeout),
      idle_timeout(o.idle_timeout),
      total_timeout(o.total_timeout),
      max_connections_per_host(o.max_connections_per_host),
      http_version(o.http_version),
      verify(o.verify),
      ca_file(o.ca_file),
      client_cert(o.client_cert),
      client_key(o.client_key),
      proxy(o.proxy),
      max_redirects(o.max_redirects),
      max_response_bytes(o.max_response_bytes),
      max_event_bytes(o.max_event_bytes),
      deny_private_networks(o.deny_private_networks),
      retry_max(o.retry_max),
      retry_statuses(o.retry_statuses),
      retry_delay(o.retry_delay),
      retry_max_delay(o.retry_max_delay),
      retry_set(o.retry_set) {
  ZVAL_UNDEF(&query);
  if (Z_TYPE(o.query) != IS_UNDEF) ZVAL_COPY(&query, &o.query);
}

void throw_invalid(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  zend_string* msg = zend_vstrpprintf(0, fmt, ap);
  va_end(ap);
  zend_throw_exception(ce_invalid_argument, ZSTR_VAL(msg), 0);
  zend_string_release(msg);
}

zend_object* transport_exception(zend_class_entry* ce, const std::string& msg, const std::string& phase,
                                 const std::string& url, long curl_code) {
  zend_object* ex = make_exception(ce, nullptr, "%s", msg.c_str());
  zend_update_property_stringl(ce_transport, ex, "phase", 5, phase.data(), phase.size());
  zend_update_property_stringl(ce_transport, ex, "url", 3, url.data(), url.size());
  zend_update_property_long(ce_transport, ex, "curlCode", 8, curl_code);
  return ex;
}

namespace {

// Every value read out of an options array (client or request options, headers, a header's list,
// timeout, retry and its statuses, a body iterable) comes through here, dereferenced: an array filled
// by `foreach ($opts as &$v)` or built with `$opts['x'] = &$y` holds PHP references, which must read as
// the values they point to at every depth. fn(name, value): name is the string key, or null for an
// integer key (and for a Traversable's non-string keys); value is never a reference. Stops when fn
// returns false; false then (or when iterating threw).
template <typename Fn>
bool for_each_option(zval* container, Fn fn) {
  return for_each_iterable(container, [&](zval* key, zval* value) -> bool {
    ZVAL_DEREF(value);
    return fn(Z_TYPE_P(key) == IS_STRING ? Z_STR_P(key) : nullptr, value);
  });
}
template <typename Fn>
bool for_each_option(HashTable* ht, Fn fn) {
  zval container;
  ZVAL_ARR(&container, ht);  // borrowed for the walk: no reference taken or released
  return for_each_option(&container, fn);
}

bool has_crlf_nul(const char* p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i] == '\r' || p[i] == '\n' || p[i] == '\0') return true;
  return false;
}

bool is_token(const char* p, size_t n) {
  if (!n) return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (c <= 32 || c >= 127 || strchr("()<>@,;:\\\"/[]?={}", c)) return false;
  }
  return true;
}

// What was given, for messages: the number itself when a number was out of range, else its type.
std::string given(zval* v) {
  char buf[64];
  if (Z_TYPE_P(v) == IS_LONG)
    snprintf(buf, sizeof buf, ZEND_LONG_FMT, Z_LVAL_P(v));
  else if (Z_TYPE_P(v) == IS_DOUBLE)
    snprintf(buf, sizeof buf, "%.15g", Z_DVAL_P(v));
  else
    return zend_zval_type_name(v);
  return buf;
}

bool number_of(zval* v, double* out) {
  if (Z_TYPE_P(v) == IS_LONG)
    *out = (double)Z_LVAL_P(v);
  else if (Z_TYPE_P(v) == IS_DOUBLE)
    *out = Z_DVAL_P(v);
  else
    return false;
  return std::isfinite(*out) && *out >= 0;
}

bool string_of(zval* v, const char* key, std::string& out, bool nullable = true) {
  if (Z_TYPE_P(v) == IS_NULL && nullable) {
    out.clear();
    return true;
  }
  if (Z_TYPE_P(v) != IS_STRING) {
    throw_invalid("Option \"%s\" must be a string%s, %s given", key, nullable ? " or null" : "",
                  zend_zval_type_name(v));
    return false;
  }
  if (has_crlf_nul(Z_STRVAL_P(v), Z_STRLEN_P(v))) {
    throw_invalid("Option \"%s\" must not contain CR, LF or NUL characters", key);
    return false;
  }
  out.assign(Z_STRVAL_P(v), Z_STRLEN_P(v));
  return true;
}

bool set_header(Options& o, zend_string* name, zval* value) {
  if (!is_token(ZSTR_VAL(name), ZSTR_LEN(name))) {
    throw_invalid("Header name \"%s\" is not a valid HTTP token (no spaces, colons, CR, LF or NUL)",
                  ZSTR_VAL(name));
    return false;
  }
  std::string v;
  auto add_one = [&](zval* one) -> bool {
    if (Z_TYPE_P(one) != IS_STRING && Z_TYPE_P(one) != IS_LONG && Z_TYPE_P(one) != IS_DOUBLE) {
      throw_invalid("Header \"%s\" must be a string or a list of strings, %s given", ZSTR_VAL(name),
                    zend_zval_type_name(one));
      return false;
    }
    zend_string* s = zval_get_string(one);
    bool bad = has_crlf_nul(ZSTR_VAL(s), ZSTR_LEN(s));
    if (!bad) {
      if (!v.empty()) v += ", ";
      v.append(ZSTR_VAL(s), ZSTR_LEN(s));
    }
    zend_string_release(s);
    if (bad) {
      throw_invalid("Header \"%s\" must not contain CR, LF or NUL characters", ZSTR_VAL(name));
      return false;
    }
    return true;
  };
  if (Z_TYPE_P(value) == IS_ARRAY) {
    if (!for_each_option(value, [&](zend_string*, zval* one) { return add_one(one); })) return false;
  } else if (!add_one(value)) {
    return false;
  }
  // The request's own value wins per name (case-insensitive).
  for (auto it = o.headers.begin(); it != o.headers.end();) {
    if (strcasecmp(it->first.c_str(), ZSTR_VAL(name)) == 0)
      it = o.headers.erase(it);
    else
      ++it;
  }
  o.headers.emplace_back(std::string(ZSTR_VAL(name), ZSTR_LEN(name)), v);
  return true;
}

bool parse_timeout(zval* v, Options& o) {
  double d;
  if (number_of(v, &d)) {
    o.total_timeout = d;
    return true;
  }
  if (Z_TYPE_P(v) != IS_ARRAY) {
    throw_invalid(
        "Option \"timeout\" must be a finite number of seconds >= 0 or an array of connect/idle/total, %s "
        "given",
        given(v).c_str());
    return false;
  }
  return for_each_option(v, [&](zend_string* k, zval* x) -> bool {
    double* slot = nullptr;
    if (k && zend_string_equals_literal(k, "connect"))
      slot = &o.connect_timeout;
    else if (k && zend_string_equals_literal(k, "idle"))
      slot = &o.idle_timeout;
    else if (k && zend_string_equals_literal(k, "total"))
      slot = &o.total_timeout;
    if (!slot) {
      throw_invalid("Unknown timeout \"%s\"; expected connect, idle or total", k ? ZSTR_VAL(k) : "(int)");
      return false;
    }
    if (!number_of(x, slot)) {
      throw_invalid("Timeout \"%s\" must be a finite number of seconds >= 0, %s given", ZSTR_VAL(k),
                    given(x).c_str());
      return false;
    }
    return true;
  });
}

bool parse_retry(zval* v, Options& o) {
  if (Z_TYPE_P(v) == IS_NULL) {
    o.retry_set = false;
    o.retry_max = 0;
    return true;
  }
  if (Z_TYPE_P(v) != IS_ARRAY) {
    throw_invalid("Option \"retry\" must be an array or null, %s given", zend_zval_type_name(v));
    return false;
  }
  o.retry_set = true;
  o.retry_max = 2;
  o.retry_statuses = {429, 500, 502, 503, 504};
  return for_each_option(v, [&](zend_string* k, zval* x) -> bool {
    if (k && zend_string_equals_literal(k, "max")) {
      if (Z_TYPE_P(x) != IS_LONG || Z_LVAL_P(x) < 0) {
        throw_invalid("Retry \"max\" must be an int >= 0, %s given",
                      Z_TYPE_P(x) == IS_LONG ? given(x).c_str() : zend_zval_type_name(x));
        return false;
      }
      o.retry_max = (int)Z_LVAL_P(x);
    } else if (k && zend_string_equals_literal(k, "statuses")) {
      if (Z_TYPE_P(x) != IS_ARRAY) {
        throw_invalid("Retry \"statuses\" must be a list of ints");
        return false;
      }
      o.retry_statuses.clear();
      if (!for_each_option(x, [&](zend_string*, zval* s) -> bool {
            if (Z_TYPE_P(s) != IS_LONG) {
              throw_invalid("Retry \"statuses\" must be a list of ints");
              return false;
            }
            o.retry_statuses.push_back((long)Z_LVAL_P(s));
            return true;
          }))
        return false;
    } else if (k && zend_string_equals_literal(k, "delay")) {
      if (!number_of(x, &o.retry_delay)) {
        throw_invalid("Retry \"delay\" must be a finite number of seconds >= 0, %s given", given(x).c_str());
        return false;
      }
    } else if (k && zend_string_equals_literal(k, "max_delay")) {
      if (!number_of(x, &o.retry_max_delay)) {
        throw_invalid("Retry \"max_delay\" must be a finite number of seconds >= 0, %s given",
                      given(x).c_str());
        return false;
      }
    } else {
      throw_invalid("Unknown retry key \"%s\"; expected max, statuses, delay or max_delay",
                    k ? ZSTR_VAL(k) : "(int)");
      return false;
    }
    return true;
  });
}

bool long_of(zval* v, const char* key, long& out) {
  if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 0) {
    throw_invalid("Option \"%s\" must be an int >= 0, %s given", key,
                  Z_TYPE_P(v) == IS_LONG ? given(v).c_str() : zend_zval_type_name(v));
    return false;
  }
  out = (long)Z_LVAL_P(v);
  return true;
}

bool body_of(zval* v, Options& o) {
  o.has_body = true;
  o.body.clear();
  if (Z_TYPE_P(v) == IS_STRING) {
    o.body.assign(Z_STRVAL_P(v), Z_STRLEN_P(v));
    return true;
  }
  if (Z_TYPE_P(v) == IS_RESOURCE) {
    php_stream* stream;
    php_stream_from_zval_no_verify(stream, v);
    if (!stream) {
      throw_invalid("Option \"body\" must be a string, a stream resource or an iterable of strings");
      return false;
    }
    // Request bodies are read whole before sending (LLM requests are small); see README.
    zend_string* all = php_stream_copy_to_mem(stream, PHP_STREAM_COPY_ALL, 0);
    if (all) {
      o.body.assign(ZSTR_VAL(all), ZSTR_LEN(all));
      zend_string_release(all);
    }
    return true;
  }
  if (Z_TYPE_P(v) == IS_ARRAY ||
      (Z_TYPE_P(v) == IS_OBJECT && instanceof_function(Z_OBJCE_P(v), zend_ce_traversable))) {
    return for_each_option(v, [&](zend_string*, zval* chunk) -> bool {
      if (Z_TYPE_P(chunk) != IS_STRING) {
        throw_invalid("Option \"body\" iterable must yield strings, %s given", zend_zval_type_name(chunk));
        return false;
      }
      o.body.append(Z_STRVAL_P(chunk), Z_STRLEN_P(chunk));
      return true;
    });
  }
  throw_invalid("Option \"body\" must be a string, a stream resource or an iterable of strings, %s given",
                zend_zval_type_name(v));
  return false;
}

}  // namespace

bool parse_options(HashTable* ht, Options& o, bool is_request) {
  return for_each_option(ht, [&](zend_string* key, zval* v) -> bool {
    if (!key) {
      throw_invalid("Options must be keyed by name; got an integer key");
      return false;
    }
    const char* k = ZSTR_VAL(key);
    bool ok = true;
    if (!strcmp(k, "base_uri")) {
      ok = string_of(v, k, o.base_uri);
    } else if (!strcmp(k, "headers")) {
      if (Z_TYPE_P(v) != IS_ARRAY) {
        throw_invalid("Option \"headers\" must be an array of name => value, %s given",
                      zend_zval_type_name(v));
        return false;
      }
      ok = for_each_option(v, [&](zend_string* hn, zval* hv) -> bool {
        if (!hn) {
          throw_invalid("Option \"headers\" must be keyed by header name (\"Name\" => \"value\")");
          return false;
        }
        return set_header(o, hn, hv);
      });
    } else if (!strcmp(k, "query") && is_request) {
      if (Z_TYPE_P(v) != IS_ARRAY) {
        throw_invalid("Option \"query\" must be an array, %s given", zend_zval_type_name(v));
        return false;
      }
      zval_ptr_dtor(&o.query);
      ZVAL_COPY(&o.query, v);
    } else if (!strcmp(k, "body") && is_request) {
      ok = body_of(v, o);
    } else if (!strcmp(k, "json") && is_request) {
      smart_str buf = {0};
      // php_json_encode() reports most failures (NAN, INF, bad UTF-8, recursion) only in JSON_G(error_code).
      if (php_json_encode(&buf, v, PHP_JSON_UNESCAPED_SLASHES | PHP_JSON_UNESCAPED_UNICODE) == FAILURE ||
          JSON_G(error_code) != PHP_JSON_ERROR_NONE || EG(exception)) {
        smart_str_free(&buf);
        if (!EG(exception)) {
          throw_invalid("Option \"json\" could not be encoded as JSON (json_last_error() %d)",
                        (int)JSON_G(error_code));
        }
        JSON_G(error_code) = PHP_JSON_ERROR_NONE;
        return false;
      }
      smart_str_0(&buf);
      o.has_body = true;
      o.body.assign(buf.s ? ZSTR_VAL(buf.s) : "", buf.s ? ZSTR_LEN(buf.s) : 0);
      smart_str_free(&buf);
      bool has_ct = false;
      for (auto& h : o.headers)
        if (strcasecmp(h.first.c_str(), "content-type") == 0) has_ct = true;
      if (!has_ct) o.headers.emplace_back("Content-Type", "application/json");
    } else if (!strcmp(k, "timeout")) {
      ok = parse_timeout(v, o);
    } else if (!strcmp(k, "max_connections_per_host")) {
      ok = long_of(v, k, o.max_connections_per_host);
    } else if (!strcmp(k, "http_version")) {
      std::string hv;
      ok = string_of(v, k, hv);
      if (ok && !hv.empty() && hv != "1.1" && hv != "2" && hv != "2-prior-knowledge") {
        throw_invalid(
            "Option \"http_version\" must be null, \"1.1\", \"2\" or \"2-prior-knowledge\", \"%s\" given",
            hv.c_str());
        return false;
      }
      o.http_version = hv;
    } else if (!strcmp(k, "verify")) {
      if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) {
        throw_invalid("Option \"verify\" must be a bool, %s given", zend_zval_type_name(v));
        return false;
      }
      o.verify = Z_TYPE_P(v) == IS_TRUE;
    } else if (!strcmp(k, "deny_private_networks")) {
      if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) {
        throw_invalid("Option \"deny_private_networks\" must be a bool, %s given", zend_zval_type_name(v));
        return false;
      }
      o.deny_private_networks = Z_TYPE_P(v) == IS_TRUE;
    } else if (!strcmp(k, "ca_file")) {
      ok = string_of(v, k, o.ca_file);
    } else if (!strcmp(k, "client_cert")) {
      ok = string_of(v, k, o.client_cert);
    } else if (!strcmp(k, "client_key")) {
      ok = string_of(v, k, o.client_key);
    } else if (!strcmp(k, "proxy")) {
      ok = string_of(v, k, o.proxy);
      if (ok && !o.proxy.empty() && o.proxy.rfind("http://", 0) != 0 && o.proxy.rfind("https://", 0) != 0 &&
          o.proxy.rfind("socks5://", 0) != 0 && o.proxy.rfind("socks5h://", 0) != 0) {
        throw_invalid("Option \"proxy\" must be an http://, https:// or socks5:// URL");
        return false;
      }
    } else if (!strcmp(k, "max_redirects")) {
      ok = long_of(v, k, o.max_redirects);
    } else if (!strcmp(k, "max_response_bytes")) {
      long n = 0;
      ok = long_of(v, k, n);
      o.max_response_bytes = (size_t)n;
    } else if (!strcmp(k, "max_event_bytes")) {
      long n = 0;
      ok = long_of(v, k, n);
      o.max_event_bytes = (size_t)n;
    } else if (!strcmp(k, "retry")) {
      ok = parse_retry(v, o);
    } else {
      throw_invalid("Unknown option \"%s\"%s", k,
                    (!is_request && (!strcmp(k, "query") || !strcmp(k, "body") || !strcmp(k, "json")))
                        ? " for a Client (it is a per-request option)"
                        : "");
      return false;
    }
    return ok;
  });
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

// Resolves `url` against base (RFC 3986 via curl's URL API), applies `query`, and checks the scheme.
// Fills `out` (full URL) and `origin` (scheme://host:port). False with an exception pending.
bool build_url(const std::string& base, const std::string& url, zval* query, std::string& out,
               std::string& origin) {
  if (has_crlf_nul(url.data(), url.size())) {
    throw_invalid("URL must not contain CR, LF or NUL characters");
    return false;
  }
  CURLU* h = curl_url();
  CURLUcode rc = CURLUE_OK;
  if (!base.empty()) {
    rc = curl_url_set(h, CURLUPART_URL, base.c_str(), 0);
    if (rc != CURLUE_OK) {
      curl_url_cleanup(h);
      throw_invalid("Invalid base_uri \"%s\": %s", without_userinfo(base).c_str(), curl_url_strerror(rc));
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
    throw_invalid("Invalid URL \"%s\": %s", without_userinfo(url).c_str(), curl_url_strerror(rc));
    return false;
  }
  char* scheme = nullptr;
  curl_url_get(h, CURLUPART_SCHEME, &scheme, 0);
  bool ok_scheme = scheme && (!strcmp(scheme, "http") || !strcmp(scheme, "https"));
  if (!ok_scheme) {
    char* resolved = nullptr;
    curl_url_get(h, CURLUPART_URL, &resolved, 0);
    throw_invalid("Unsupported URL scheme \"%s\" in \"%s\": only http and https are allowed",
                  scheme ? scheme : "", without_userinfo(resolved ? resolved : url).c_str());
    curl_free(resolved);
    curl_free(scheme);
    curl_url_cleanup(h);
    return false;
  }
  std::string extra_query;
  if (query && Z_TYPE_P(query) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL_P(query))) {
    zval fn, ret, args[4];
    ZVAL_STRING(&fn, "http_build_query");
    ZVAL_COPY(&args[0], query);
    ZVAL_STRING(&args[1], "");
    ZVAL_STRING(&args[2], "&");
    ZVAL_LONG(&args[3], 2 /* PHP_QUERY_RFC3986 */);
    ZVAL_UNDEF(&ret);
    call_user_function(nullptr, nullptr, &fn, &ret, 4, args);
    if (Z_TYPE(ret) == IS_STRING) extra_query.assign(Z_STRVAL(ret), Z_STRLEN(ret));
    zval_ptr_dtor(&fn);
    zval_ptr_dtor(&ret);
    for (auto& a : args) zval_ptr_dtor(&a);
  }
  char* full = nullptr;
  char* host = nullptr;
  char* port = nullptr;
  curl_url_get(h, CURLUPART_URL, &full, 0);
  curl_url_get(h, CURLUPART_HOST, &host, 0);
  curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
  out = full ? full : "";
  if (!extra_query.empty()) {
    // Spliced into the URL text: curl 7.88 lower-cases the %XX of a query part set on its own
    // (CURLUPART_QUERY), which breaks signatures computed over the query.
    size_t hash = out.find('#');
    std::string fragment = hash == std::string::npos ? "" : out.substr(hash);
    out.resize(out.size() - fragment.size());
    out += (out.find('?') == std::string::npos ? "?" : (out.back() == '?' || out.back() == '&' ? "" : "&"));
    out += extra_query + fragment;
  }
  origin = std::string(scheme) + "://" + (host ? host : "") + ":" + (port ? port : "");
  curl_free(full);
  curl_free(host);
  curl_free(port);
  curl_free(scheme);
  curl_url_cleanup(h);
  if (!host || origin.find("://:") != std::string::npos) {
    throw_invalid("Invalid URL \"%s\": no host", without_userinfo(url).c_str());
    return false;
  }
  return true;
}

// The URL without user:password, for messages.
std::string redact(const std::string& url) {
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
  return r;
}

const char* header_value(Transfer* t, const char* name) {
  for (auto& h : t->headers)
    if (h.first == name) return h.second.c_str();
  return nullptr;
}

bool headers_or_done(Transfer* t) { return t->headers_done; }

// Seconds to wait before a retry: Retry-After (ms or seconds or HTTP date) if present, else backoff.
double retry_delay(Transfer* t, const Options& o, int attempt) {
  double d = o.retry_delay * std::pow(2.0, attempt);
  if (t) {
    if (const char* ms = header_value(t, "retry-after-ms")) {
      double v = strtod(ms, nullptr);
      if (v > 0) d = v / 1000.0;
    } else if (const char* ra = header_value(t, "retry-after")) {
      char* end = nullptr;
      double v = strtod(ra, &end);
      if (end != ra && v >= 0)
        d = v;
      else {
        time_t when = curl_getdate(ra, nullptr);
        if (when > 0) d = std::max(0.0, (double)(when - time(nullptr)));
      }
    }
  }
  return std::min(d, o.retry_max_delay);
}

bool sleep_seconds(double s) {
  if (!check_can_suspend("Loom\\Http\\Client::request")) return false;
  return sleep_for(s, "retry delay");
}

bool is_sensitive(const std::string& name) {
  static const char* names[] = {"authorization", "cookie", "proxy-authorization", "x-api-key", "api-key"};
  for (const char* n : names)
    if (strcasecmp(name.c_str(), n) == 0) return true;
  return false;
}

}  // namespace

// The request loop: attempt, follow redirects, retry. Returns a Response once headers arrived.
static void do_request(Options& o, uint64_t scope, std::string method, const std::string& url_in,
                       zval* return_value) {
  std::string url, origin;
  if (!build_url(o.base_uri, url_in, &o.query, url, origin)) return;
  if (!is_token(method.data(), method.size())) {
    throw_invalid("Invalid HTTP method \"%s\"", method.c_str());
    return;
  }
  for (auto& c : method) c = (char)toupper((unsigned char)c);
  int redirects = 0, attempt = 0;
  std::string body = o.body;
  for (;;) {
    zval resp;
    object_init_ex(&resp, ce_response);
    Response* r = response_from(Z_OBJ(resp));
    Transfer* t = new Transfer();
    r->t = t;
    t->owner = r;
    t->url = redact(url);
    t->request_url = url;
    t->method = method;
    t->req_body = body;
    t->slot_key = std::to_string(scope) + " " + origin;
    if (!transfer_start(t, o) || !transfer_wait(t, headers_or_done, "Loom\\Http\\Client::request")) {
      zval_ptr_dtor(&resp);
      return;
    }
    if (t->done && t->failure != Failure::None && !t->headers_done) {
      bool retryable =
          o.retry_set && attempt < o.retry_max && t->failure == Failure::Transport &&
          (t->failure_phase == "connect" || t->failure_phase == "headers" || t->failure_phase == "send");
      if (!retryable) {
        throw_failure(t);
        zval_ptr_dtor(&resp);
        return;
      }
      double d = retry_delay(nullptr, o, attempt++);
      zval_ptr_dtor(&resp);
      if (!sleep_seconds(d)) return;
      continue;
    }
    long status = t->status;
    // Retries on statuses (429/5xx by default) before the caller sees the response.
    if (o.retry_set && attempt < o.retry_max &&
        std::find(o.retry_statuses.begin(), o.retry_statuses.end(), status) != o.retry_statuses.end()) {
      double d = retry_delay(t, o, attempt++);
      zval_ptr_dtor(&resp);
      if (!sleep_seconds(d)) return;
      continue;
    }
    const char* location = header_value(t, "location");
    bool redirect =
        location && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308);
    if (!redirect || o.max_redirects == 0) {
      ZVAL_COPY_VALUE(return_value, &resp);
      return;
    }
    if (redirects >= o.max_redirects) {
      zval ex;
      ZVAL_OBJ(&ex, transport_exception(ce_transport,
                                        "Too many redirects (max_redirects=" +
                                            std::to_string(o.max_redirects) + ") following " + t->url,
                                        "redirect", t->url, CURLE_TOO_MANY_REDIRECTS));
      zval_ptr_dtor(&resp);
      zend_throw_exception_object(&ex);
      return;
    }
    redirects++;
    std::string next, next_origin, loc = location;
    if (!build_url(url, loc, nullptr, next, next_origin)) {
      // Refused target (scheme, malformed): a redirect-phase transport error, not a caller mistake.
      zend_object* inner = EG(exception);
      zval msg_rv;
      zval* msg = zend_read_property(zend_ce_exception, inner, "message", 7, 1, &msg_rv);
      std::string m =
          "Refused redirect from " + t->url + ": " + (Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : "");
      zend_clear_exception();
      zval ex;
      ZVAL_OBJ(&ex, transport_exception(ce_transport, m, "redirect", t->url, CURLE_UNSUPPORTED_PROTOCOL));
      zval_ptr_dtor(&resp);
      zend_throw_exception_object(&ex);
      return;
    }
    if (url.rfind("https:", 0) == 0 && next.rfind("http:", 0) == 0) {
      zval ex;
      ZVAL_OBJ(&ex, transport_exception(ce_transport,
                                        "Refused redirect from " + t->url + " to " + redact(next) +
                                            ": https to http downgrade",
                                        "redirect", t->url, CURLE_UNSUPPORTED_PROTOCOL));
      zval_ptr_dtor(&resp);
      zend_throw_exception_object(&ex);
      return;
    }
    if (next_origin != origin) {
      // Credentials are for the origin they were given to.
      for (auto it = o.headers.begin(); it != o.headers.end();) {
        if (is_sensitive(it->first))
          it = o.headers.erase(it);
        else
          ++it;
      }
    }
    if (status == 303 || ((status == 301 || status == 302) && method == "POST")) {
      method = "GET";
      body.clear();
      for (auto it = o.headers.begin(); it != o.headers.end();) {
        if (strcasecmp(it->first.c_str(), "content-type") == 0)
          it = o.headers.erase(it);
        else
          ++it;
      }
    }
    url = next;
    origin = next_origin;
    zval_ptr_dtor(&resp);
  }
}

static zend_object* client_create(zend_class_entry* ce) {
  Client* c = object_alloc<Client>(ce, &client_handlers);
  c->scope = next_client_scope++;
  return &c->std;
}

static void client_free(zend_object* o) {
  Client* c = client_from(o);
  delete c->opts;
  zend_object_std_dtor(o);
}

static HashTable* client_get_gc(zend_object* o, zval** table, int* n) {
  Client* c = client_from(o);
  if (c->opts && Z_TYPE(c->opts->query) != IS_UNDEF) {
    *table = &c->opts->query;
    *n = 1;
  } else {
    *table = nullptr;
    *n = 0;
  }
  return zend_std_get_properties(o);
}

void client_class_init() {
  ce_client->create_object = client_create;
  init_handlers(&client_handlers, XtOffsetOf(Client, std), client_free, client_get_gc);
}

}  // namespace loom::http

using namespace loom::http;

ZEND_METHOD(Loom_Http_Client, __construct) {
  HashTable* options = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(options)
  ZEND_PARSE_PARAMETERS_END();
  Client* c = client_from(Z_OBJ_P(ZEND_THIS));
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
  Client* c = client_from(Z_OBJ_P(ZEND_THIS));
  if (!c->opts) c->opts = new Options();
  // Known limit: a bailout (fatal error elsewhere) while this request waits skips these C++
  // destructors; the few heap bytes of URL strings are lost for that process. PHP values are not.
  Options* o = new Options(*c->opts);
  if (options && !parse_options(options, *o, true)) {
    delete o;
    RETURN_THROWS();
  }
  std::string m(ZSTR_VAL(method), ZSTR_LEN(method));
  std::string u(ZSTR_VAL(url), ZSTR_LEN(url));
  do_request(*o, c->scope, m, u, return_value);
  delete o;
}
