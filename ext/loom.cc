// Loom: module entry, ini, request lifecycle and phpinfo(). The PHP-facing functions live next to
// the parts they expose (scheduler/, http/).
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <curl/curl.h>
#include <uv.h>

#include "compat.h"
#include "hook/curl_hook.h"
#include "http/http.h"
#include "io/io.h"
#include "php_loom.h"
#include "reactor/reactor.h"
#include "relay/relay.h"
#include "scheduler/api.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "ext/standard/info.h"
}

#include "loom_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(loom)

static ZEND_INI_MH(OnUpdateShutdownMode) {
  if (zend_string_equals_literal(new_value, "drain")) {
    LOOM_G(shutdown_mode) = 0;
  } else if (zend_string_equals_literal(new_value, "cancel")) {
    LOOM_G(shutdown_mode) = 1;
  } else {
    php_error_docref(nullptr, E_WARNING, "loom.shutdown must be \"drain\" or \"cancel\", \"%s\" given",
                     ZSTR_VAL(new_value));
    return FAILURE;
  }
  return SUCCESS;
}

static ZEND_INI_MH(OnUpdateNonNegativeDouble) {
  double v = zend_strtod(ZSTR_VAL(new_value), nullptr);
  if (!(v >= 0)) {
    php_error_docref(nullptr, E_WARNING, "%s must be a number >= 0, \"%s\" given", ZSTR_VAL(entry->name),
                     ZSTR_VAL(new_value));
    return FAILURE;
  }
  return OnUpdateReal(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

static ZEND_INI_MH(OnUpdateNonNegativeLong) {
  char* end = nullptr;
  long long v = strtoll(ZSTR_VAL(new_value), &end, 10);
  if (ZSTR_LEN(new_value) == 0 || *end != '\0' || v < 0) {
    php_error_docref(nullptr, E_WARNING, "%s must be a whole number >= 0, \"%s\" given",
                     ZSTR_VAL(entry->name), ZSTR_VAL(new_value));
    return FAILURE;
  }
  return OnUpdateLong(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

PHP_INI_BEGIN()
  PHP_INI_ENTRY("loom.shutdown", "drain", PHP_INI_ALL, OnUpdateShutdownMode)
  STD_PHP_INI_ENTRY("loom.shutdown_timeout", "30", PHP_INI_ALL, OnUpdateNonNegativeDouble, shutdown_timeout,
                    zend_loom_globals, loom_globals)
  STD_PHP_INI_BOOLEAN("loom.keep_connections", "1", PHP_INI_ALL, OnUpdateBool, keep_connections,
                      zend_loom_globals, loom_globals)
  STD_PHP_INI_ENTRY("loom.preempt_ms", "10", PHP_INI_ALL, OnUpdateNonNegativeLong, preempt_ms,
                    zend_loom_globals, loom_globals)
  STD_PHP_INI_BOOLEAN("loom.preempt_vendor", "0", PHP_INI_ALL, OnUpdateBool, preempt_vendor,
                      zend_loom_globals, loom_globals)
  PHP_INI_ENTRY("loom.hook_curl", "1", PHP_INI_SYSTEM, nullptr)
  PHP_INI_ENTRY("loom.relay_socket", "/run/loom/relay.sock", PHP_INI_ALL, nullptr)
PHP_INI_END()

static PHP_GINIT_FUNCTION(loom) {
#if defined(COMPILE_DL_LOOM) && defined(ZTS)
  ZEND_TSRMLS_CACHE_UPDATE();
#endif
  memset(loom_globals, 0, sizeof(*loom_globals));
}

static PHP_MINIT_FUNCTION(loom) {
  REGISTER_INI_ENTRIES();
  loom::ce_task = register_class_Loom_Task();
  loom::ce_channel = register_class_Loom_Channel(zend_ce_aggregate);
  loom::ce_exception = register_class_Loom_Exception(spl_ce_RuntimeException);
  loom::ce_cancelled = register_class_Loom_CancelledException(loom::ce_exception);
  loom::ce_timeout = register_class_Loom_TimeoutException(loom::ce_exception);
  loom::ce_deadlock = register_class_Loom_DeadlockException(loom::ce_exception);
  loom::ce_channel_closed = register_class_Loom_ChannelClosedException(loom::ce_exception);
  loom::ce_composite = register_class_Loom_CompositeException(loom::ce_exception);
  loom::scheduler_module_startup();
  loom::http::http_minit();
  loom::io::io_minit();
  loom::hook::curl_hook_minit();
  loom::suspend_veto = loom::hook::curl_hook_suspend_veto;
  loom::relay::relay_minit();
  return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(loom) {
  loom::hook::curl_hook_mshutdown();
  loom::relay::relay_mshutdown();
  loom::scheduler_module_shutdown();
  UNREGISTER_INI_ENTRIES();
  return SUCCESS;
}

static PHP_RINIT_FUNCTION(loom) {
#if defined(COMPILE_DL_LOOM) && defined(ZTS)
  ZEND_TSRMLS_CACHE_UPDATE();
#endif
  loom::scheduler_request_startup();
  return SUCCESS;
}

static PHP_RSHUTDOWN_FUNCTION(loom) {
  loom::scheduler_request_shutdown();
  loom::hook::curl_hook_rshutdown();  // after the late drain (which may run curl_exec) and the waiters' end
  loom::http::requests_rshutdown();
  loom::http::transfers_rshutdown();
  // What this request stopped (and, without keep-alive across requests, every idle connection) is
  // closed now; libuv frees the poll handles in their close callbacks on this last turn.
  if (!LOOM_G(keep_connections) && loom::reactor::CurlMulti::exists())
    loom::reactor::CurlMulti::instance().drop_connections();
  if (loom::reactor::Reactor::exists()) loom::reactor::Reactor::instance().run_once(false);
  loom::side_stack_rshutdown();
  return SUCCESS;
}

// Live counts, so tests can assert that everything returns to baseline: each module reports its own.
ZEND_FUNCTION(Loom_stats) {
  ZEND_PARSE_PARAMETERS_NONE();
  loom::SchedulerCounts sc = loom::scheduler_counts();
  bool r = loom::reactor::Reactor::exists();
  size_t timers = r ? loom::reactor::Reactor::instance().timer_count() : 0;
  size_t handles = r ? loom::reactor::Reactor::instance().handle_count() : 0;
  array_init(return_value);
  add_assoc_long(return_value, "tasks", static_cast<zend_long>(sc.tasks));
  add_assoc_long(return_value, "timers", static_cast<zend_long>(timers));
  add_assoc_long(return_value, "uv_handles", static_cast<zend_long>(handles));
  add_assoc_long(return_value, "curl_handles",
                 static_cast<zend_long>(loom::http::live_transfers() + loom::hook::curl_hook_transfers()));
  add_assoc_long(return_value, "sockets", static_cast<zend_long>(loom::http::open_sockets()));
  add_assoc_long(return_value, "waiting", static_cast<zend_long>(sc.waiting));
  add_assoc_long(return_value, "preemptions", static_cast<zend_long>(sc.preemptions));
  add_assoc_long(return_value, "parked_stacks", static_cast<zend_long>(sc.parked_stacks));
}

static PHP_MINFO_FUNCTION(loom) {
  php_info_print_table_start();
  php_info_print_table_row(2, "Loom support", "enabled");
  php_info_print_table_row(2, "Version", PHP_LOOM_VERSION);
  php_info_print_table_row(2, "libuv version", uv_version_string());
  php_info_print_table_row(2, "libcurl version", curl_version_info(CURLVERSION_NOW)->version);
  loom::hook::curl_hook_minfo();
  php_info_print_table_end();
  DISPLAY_INI_ENTRIES();
}

// ext/curl is optional; when both are loaded it starts first (its functions exist when the hook looks).
static const zend_module_dep loom_deps[] = {ZEND_MOD_REQUIRED("spl") ZEND_MOD_OPTIONAL("curl") ZEND_MOD_END};

zend_module_entry loom_module_entry = {
    STANDARD_MODULE_HEADER_EX,
    nullptr,
    loom_deps,
    "loom",
    ext_functions,
    PHP_MINIT(loom),
    PHP_MSHUTDOWN(loom),
    PHP_RINIT(loom),
    PHP_RSHUTDOWN(loom),
    PHP_MINFO(loom),
    PHP_LOOM_VERSION,
    PHP_MODULE_GLOBALS(loom),
    PHP_GINIT(loom),
    nullptr,
    nullptr,
    STANDARD_MODULE_PROPERTIES_EX,
};

#ifdef COMPILE_DL_LOOM
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
extern "C" {
ZEND_GET_MODULE(loom)
}
#endif
