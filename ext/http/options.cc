// Client and request options (API.md): one table, one row per option. A row says the option's name,
// whether a Client may set it or only a request, how a value is checked and stored in Options, and how
// the stored value is applied to a transfer. Adding an option is adding a row (and its Options field).
#include <cmath>
#include <cstring>

#include "http/http.h"
#include "object.h"

extern "C" {
#include "ext/json/php_json.h"
#include "zend_smart_str.h"
}

namespace loom::http {

void throw_invalid(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  zend_string* msg = zend_vstrpprintf(0, fmt, ap);
  va_end(ap);
  zend_throw_exception(ce_invalid_argument, ZSTR_VAL(msg), 0);
  zend_string_release(msg);
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

bool bool_of(zval* v, const char* key, bool& out) {
  if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) {
    throw_invalid("Option \"%s\" must be a bool, %s given", key, zend_zval_type_name(v));
    return false;
  }
  out = Z_TYPE_P(v) == IS_TRUE;
  return true;
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

// ---------------------------------------------------------------------------------------------------
// Parsers: check a value and store it. One per kind of value; the generic ones take their field.

using Parser = bool (*)(zval* v, const char* key, Options& o);

template <std::string Options::*Field>
bool parse_string(zval* v, const char* key, Options& o) {
  return string_of(v, key, o.*Field);
}

template <bool Options::*Field>
bool parse_bool(zval* v, const char* key, Options& o) {
  return bool_of(v, key, o.*Field);
}

template <long Options::*Field>
bool parse_count(zval* v, const char* key, Options& o) {
  return long_of(v, key, o.*Field);
}

template <size_t Options::*Field>
bool parse_byte_count(zval* v, const char* key, Options& o) {
  long n = 0;
  bool ok = long_of(v, key, n);
  o.*Field = (size_t)n;
  return ok;
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

bool parse_headers(zval* v, const char*, Options& o) {
  if (Z_TYPE_P(v) != IS_ARRAY) {
    throw_invalid("Option \"headers\" must be an array of name => value, %s given", zend_zval_type_name(v));
    return false;
  }
  return for_each_option(v, [&](zend_string* hn, zval* hv) -> bool {
    if (!hn) {
      throw_invalid("Option \"headers\" must be keyed by header name (\"Name\" => \"value\")");
      return false;
    }
    return set_header(o, hn, hv);
  });
}

// Encoded once, here, as http_build_query($query, '', '&', PHP_QUERY_RFC3986) would.
bool parse_query(zval* v, const char*, Options& o) {
  if (Z_TYPE_P(v) != IS_ARRAY) {
    throw_invalid("Option \"query\" must be an array, %s given", zend_zval_type_name(v));
    return false;
  }
  o.query.clear();
  if (!zend_hash_num_elements(Z_ARRVAL_P(v))) return true;
  zval fn, ret, args[4];
  ZVAL_STRING(&fn, "http_build_query");
  ZVAL_COPY(&args[0], v);
  ZVAL_STRING(&args[1], "");
  ZVAL_STRING(&args[2], "&");
  ZVAL_LONG(&args[3], 2 /* PHP_QUERY_RFC3986 */);
  ZVAL_UNDEF(&ret);
  call_user_function(nullptr, nullptr, &fn, &ret, 4, args);
  if (Z_TYPE(ret) == IS_STRING) o.query.assign(Z_STRVAL(ret), Z_STRLEN(ret));
  zval_ptr_dtor(&fn);
  zval_ptr_dtor(&ret);
  for (auto& a : args) zval_ptr_dtor(&a);
  return true;
}

bool parse_body(zval* v, const char*, Options& o) {
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

bool parse_json(zval* v, const char*, Options& o) {
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
  o.body.assign(buf.s ? ZSTR_VAL(buf.s) : "", buf.s ? ZSTR_LEN(buf.s) : 0);
  smart_str_free(&buf);
  bool has_ct = false;
  for (auto& h : o.headers)
    if (strcasecmp(h.first.c_str(), "content-type") == 0) has_ct = true;
  if (!has_ct) o.headers.emplace_back("Content-Type", "application/json");
  return true;
}

bool parse_timeout(zval* v, const char*, Options& o) {
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

bool parse_http_version(zval* v, const char* key, Options& o) {
  std::string hv;
  if (!string_of(v, key, hv)) return false;
  if (!hv.empty() && hv != "1.1" && hv != "2" && hv != "2-prior-knowledge") {
    throw_invalid(
        "Option \"http_version\" must be null, \"1.1\", \"2\" or \"2-prior-knowledge\", \"%s\" given",
        hv.c_str());
    return false;
  }
  o.http_version = hv;
  return true;
}

bool parse_proxy(zval* v, const char* key, Options& o) {
  if (!string_of(v, key, o.proxy)) return false;
  if (!o.proxy.empty() && o.proxy.rfind("http://", 0) != 0 && o.proxy.rfind("https://", 0) != 0 &&
      o.proxy.rfind("socks5://", 0) != 0 && o.proxy.rfind("socks5h://", 0) != 0) {
    throw_invalid("Option \"proxy\" must be an http://, https:// or socks5:// URL");
    return false;
  }
  return true;
}

bool parse_retry(zval* v, const char*, Options& o) {
  policy::RetryPolicy& r = o.retry;
  if (Z_TYPE_P(v) == IS_NULL) {
    r.enabled = false;
    r.max = 0;
    return true;
  }
  if (Z_TYPE_P(v) != IS_ARRAY) {
    throw_invalid("Option \"retry\" must be an array or null, %s given", zend_zval_type_name(v));
    return false;
  }
  r.enabled = true;
  r.max = 2;
  r.statuses = {429, 500, 502, 503, 504};
  return for_each_option(v, [&](zend_string* k, zval* x) -> bool {
    if (k && zend_string_equals_literal(k, "max")) {
      if (Z_TYPE_P(x) != IS_LONG || Z_LVAL_P(x) < 0) {
        throw_invalid("Retry \"max\" must be an int >= 0, %s given",
                      Z_TYPE_P(x) == IS_LONG ? given(x).c_str() : zend_zval_type_name(x));
        return false;
      }
      r.max = (int)Z_LVAL_P(x);
    } else if (k && zend_string_equals_literal(k, "statuses")) {
      if (Z_TYPE_P(x) != IS_ARRAY) {
        throw_invalid("Retry \"statuses\" must be a list of ints");
        return false;
      }
      r.statuses.clear();
      if (!for_each_option(x, [&](zend_string*, zval* s) -> bool {
            if (Z_TYPE_P(s) != IS_LONG) {
              throw_invalid("Retry \"statuses\" must be a list of ints");
              return false;
            }
            r.statuses.push_back((long)Z_LVAL_P(s));
            return true;
          }))
        return false;
    } else if (k && zend_string_equals_literal(k, "delay")) {
      if (!number_of(x, &r.delay)) {
        throw_invalid("Retry \"delay\" must be a finite number of seconds >= 0, %s given", given(x).c_str());
        return false;
      }
    } else if (k && zend_string_equals_literal(k, "max_delay")) {
      if (!number_of(x, &r.max_delay)) {
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

// ---------------------------------------------------------------------------------------------------
// Appliers: put a stored value on a transfer about to start (its easy handle and its own limits).
// Options with no applier are used by the request loop itself (client.cc): base_uri, query, body,
// json, max_redirects, retry.

using Applier = void (*)(const Options& o, Transfer* t, CURL* e);

void apply_headers(const Options& o, Transfer* t, CURL* e) {
  for (auto& h : o.headers) {
    std::string line = h.first + ": " + h.second;
    if (h.second.empty()) line = h.first + ";";  // curl's way to send an empty header
    t->header_list = curl_slist_append(t->header_list, line.c_str());
  }
  t->header_list = curl_slist_append(t->header_list, "Expect:");
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->header_list);
}

void apply_timeout(const Options& o, Transfer* t, CURL* e) {
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(reactor::seconds_to_ms(o.connect_timeout)));
  t->idle_timeout = o.idle_timeout;
  t->connect_timeout = o.connect_timeout;
  t->total_timeout = o.total_timeout;  // CURLOPT_TIMEOUT_MS is set when it enters the multi (queue time)
}

void apply_max_connections_per_host(const Options& o, Transfer* t, CURL*) {
  t->host_limit = o.max_connections_per_host;
}

void apply_http_version(const Options& o, Transfer* t, CURL* e) {
  // Waiting for a connection that may multiplex only pays off where HTTP/2 is possible: over TLS
  // (ALPN tells at the handshake) or when asked for. On plain http it would serialise HTTP/1.1 requests.
  if (t->url.rfind("https:", 0) == 0 || o.http_version == "2" || o.http_version == "2-prior-knowledge") {
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    t->may_multiplex = true;
  }
  long v = CURL_HTTP_VERSION_2TLS;
  if (o.http_version == "1.1")
    v = CURL_HTTP_VERSION_1_1;
  else if (o.http_version == "2")
    v = CURL_HTTP_VERSION_2_0;
  else if (o.http_version == "2-prior-knowledge")
    v = CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, v);
  if (v == CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE &&
      curl_version_info(CURLVERSION_NOW)->version_num < 0x080000) {
    // libcurl before 8.0.0 layers HTTP/2 twice on a reused prior-knowledge connection, and every request
    // but the first fails with "Error in the HTTP2 framing layer" (curl issue 10634): one connection each.
    curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    t->may_multiplex = false;
  }
}

void apply_verify(const Options& o, Transfer*, CURL* e) {
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, o.verify ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, o.verify ? 2L : 0L);
}

void apply_ca_file(const Options& o, Transfer*, CURL* e) {
  if (!o.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, o.ca_file.c_str());
}

void apply_client_cert(const Options& o, Transfer*, CURL* e) {
  if (!o.client_cert.empty()) curl_easy_setopt(e, CURLOPT_SSLCERT, o.client_cert.c_str());
}

void apply_client_key(const Options& o, Transfer*, CURL* e) {
  if (!o.client_key.empty()) curl_easy_setopt(e, CURLOPT_SSLKEY, o.client_key.c_str());
}

void apply_proxy(const Options& o, Transfer*, CURL* e) {
  if (o.proxy.empty()) {
    curl_easy_setopt(e, CURLOPT_PROXY, "");  // never from the environment (FPM clears it anyway)
    return;
  }
  curl_easy_setopt(e, CURLOPT_PROXY, o.proxy.c_str());
  curl_easy_setopt(e, CURLOPT_PROXYTYPE, (long)CURLPROXY_HTTP);
  if (o.proxy.rfind("socks5", 0) == 0)
    curl_easy_setopt(e, CURLOPT_PROXYTYPE, (long)CURLPROXY_SOCKS5_HOSTNAME);
  else if (o.proxy.rfind("https", 0) == 0)
    curl_easy_setopt(e, CURLOPT_PROXYTYPE, (long)CURLPROXY_HTTPS);
}

void apply_deny_private_networks(const Options& o, Transfer* t, CURL*) {
  t->deny_private = o.deny_private_networks;
}
void apply_max_response_bytes(const Options& o, Transfer* t, CURL*) { t->max_bytes = o.max_response_bytes; }
void apply_max_event_bytes(const Options& o, Transfer* t, CURL*) { t->max_event_bytes = o.max_event_bytes; }

// ---------------------------------------------------------------------------------------------------
// The table

enum class Scope : uint8_t {
  Any,      // a Client's option, also accepted per request (the request's wins)
  Request,  // only per request
};

struct OptionSpec {
  const char* name;
  Scope scope;
  Parser parse;   // checks the value (Loom\Http\InvalidArgumentException) and stores it in Options
  Applier apply;  // puts it on a transfer; null: the request loop uses it
};

const OptionSpec kOptions[] = {
    {"base_uri", Scope::Any, parse_string<&Options::base_uri>, nullptr},
    {"headers", Scope::Any, parse_headers, apply_headers},
    {"query", Scope::Request, parse_query, nullptr},
    {"body", Scope::Request, parse_body, nullptr},
    {"json", Scope::Request, parse_json, nullptr},
    {"timeout", Scope::Any, parse_timeout, apply_timeout},
    {"max_connections_per_host", Scope::Any, parse_count<&Options::max_connections_per_host>,
     apply_max_connections_per_host},
    {"http_version", Scope::Any, parse_http_version, apply_http_version},
    {"verify", Scope::Any, parse_bool<&Options::verify>, apply_verify},
    {"deny_private_networks", Scope::Any, parse_bool<&Options::deny_private_networks>,
     apply_deny_private_networks},
    {"ca_file", Scope::Any, parse_string<&Options::ca_file>, apply_ca_file},
    {"client_cert", Scope::Any, parse_string<&Options::client_cert>, apply_client_cert},
    {"client_key", Scope::Any, parse_string<&Options::client_key>, apply_client_key},
    {"proxy", Scope::Any, parse_proxy, apply_proxy},
    {"max_redirects", Scope::Any, parse_count<&Options::max_redirects>, nullptr},
    {"max_response_bytes", Scope::Any, parse_byte_count<&Options::max_response_bytes>,
     apply_max_response_bytes},
    {"max_event_bytes", Scope::Any, parse_byte_count<&Options::max_event_bytes>, apply_max_event_bytes},
    {"retry", Scope::Any, parse_retry, nullptr},
};

const OptionSpec* find_option(zend_string* key) {
  for (const OptionSpec& s : kOptions)
    if (strcmp(ZSTR_VAL(key), s.name) == 0) return &s;
  return nullptr;
}

}  // namespace

bool parse_options(HashTable* ht, Options& o, bool is_request) {
  return for_each_option(ht, [&](zend_string* key, zval* v) -> bool {
    if (!key) {
      throw_invalid("Options must be keyed by name; got an integer key");
      return false;
    }
    const OptionSpec* spec = find_option(key);
    if (!spec || (spec->scope == Scope::Request && !is_request)) {
      throw_invalid("Unknown option \"%s\"%s", ZSTR_VAL(key),
                    spec ? " for a Client (it is a per-request option)" : "");
      return false;
    }
    return spec->parse(v, spec->name, o);
  });
}

void apply_options(const Options& o, Transfer* t) {
  for (const OptionSpec& s : kOptions)
    if (s.apply) s.apply(o, t, t->easy);
}

}  // namespace loom::http
