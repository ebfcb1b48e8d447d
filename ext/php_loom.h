// Loom: module entry, globals and ini shared by every Zend-facing file.
#ifndef PHP_LOOM_H
#define PHP_LOOM_H

extern "C" {
#include "php.h"
#include "php_ini.h"
#include "zend_exceptions.h"
#include "zend_fibers.h"
#include "zend_interfaces.h"
}

#define PHP_LOOM_VERSION "0.1.0"

extern zend_module_entry loom_module_entry;
#define phpext_loom_ptr &loom_module_entry

namespace loom {
struct Scheduler;
}

ZEND_BEGIN_MODULE_GLOBALS(loom)
  zend_long shutdown_mode;     // 0: drain, 1: cancel (ini loom.shutdown)
  double shutdown_timeout;     // seconds the end-of-script drain may take (ini loom.shutdown_timeout)
  bool keep_connections;       // keep idle connections for the worker's next request (ini)
  zend_long preempt_ms;        // task time slice before preemption; 0: off (ini loom.preempt_ms)
  bool preempt_vendor;         // preempt inside code from a vendor/ directory too (ini loom.preempt_vendor)
  loom::Scheduler* scheduler;  // request-scoped, created on first use
ZEND_END_MODULE_GLOBALS(loom)

ZEND_EXTERN_MODULE_GLOBALS(loom)
#define LOOM_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(loom, v)

#if defined(ZTS) && defined(COMPILE_DL_LOOM)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
