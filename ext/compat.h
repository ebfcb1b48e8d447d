// Every PHP 8.1-8.4 difference Loom depends on lives here, nowhere else.
#ifndef LOOM_COMPAT_H
#define LOOM_COMPAT_H

#include "php_loom.h"

#if PHP_VERSION_ID < 80100
#error "Loom needs PHP 8.1 or newer (Fibers)"
#endif

// zend_observer_error_cb: 8.1+ receives the message as zend_string.
#define LOOM_ERROR_OBSERVER_ARGS int type, zend_string *error_filename, uint32_t error_lineno, zend_string *message

// Fiber switches inside destructors are allowed from 8.4 on; the engine tells us through
// zend_fiber_switch_blocked() on every version, so no version branch is needed for it.


#endif
