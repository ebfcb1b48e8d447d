// Every PHP 8.1-8.4 difference Loom depends on lives here, nowhere else.
#ifndef LOOM_COMPAT_H
#define LOOM_COMPAT_H

#include "php_loom.h"

#if PHP_VERSION_ID < 80100
#error "Loom needs PHP 8.1 or newer (Fibers)"
#endif

// zend_observer_error_cb: 8.1+ receives the message as zend_string.
#define LOOM_ERROR_OBSERVER_ARGS \
  int type, zend_string *error_filename, uint32_t error_lineno, zend_string *message

// ZEND_RAW_FENTRY grew two arguments (frameless function infos, doc comment) in 8.4.
#if PHP_VERSION_ID >= 80400
#define LOOM_RAW_FENTRY(name, fn, arginfo) ZEND_RAW_FENTRY(name, fn, arginfo, 0, NULL, NULL)
#else
#define LOOM_RAW_FENTRY(name, fn, arginfo) ZEND_RAW_FENTRY(name, fn, arginfo, 0)
#endif

// exit() is an opcode up to 8.3 (a user opcode handler sees it before it unwinds); 8.4 made it a
// function. There Loom still sees exit() inside a task through the unwind_exit it raises.
#if PHP_VERSION_ID < 80400
#define LOOM_HAVE_EXIT_OPCODE 1
#endif

// zend_object_iterator_funcs::valid returns zend_result from 8.4 on (UPGRADING.INTERNALS 8.4), int before.
#if PHP_VERSION_ID >= 80400
typedef zend_result loom_iterator_valid_t;
#else
typedef int loom_iterator_valid_t;
#endif

// gen_stub.php's arginfo marks #[\SensitiveParameter]s with C that passes zend_hash_str_find_ptr()'s
// void* where a zend_function* is expected: fine in C, an error in C++. In Loom's C++ the lookup
// returns a value that converts to the pointer type it is used as (a cast keeps working).
namespace loom {
struct FoundPtr {
  void *ptr;
  template <typename T>
  operator T *() const {
    return static_cast<T *>(ptr);
  }
};
}  // namespace loom
#define zend_hash_str_find_ptr(ht, str, len) (::loom::FoundPtr{(zend_hash_str_find_ptr)(ht, str, len)})

// 8.4 also checks VM interrupts right after an internal call returns, passing zend_interrupt_function the
// internal call's frame, still on top of the stack (php-src#14627). No fiber may switch there; the
// preemption hook asks again at the VM's next check in the user code below instead.
#if PHP_VERSION_ID >= 80400
#define LOOM_INTERRUPT_AFTER_INTERNAL_CALL 1
#endif

// Fiber switches inside destructors are allowed from 8.4 on; the engine tells us through
// zend_fiber_switch_blocked() on every version, so no version branch is needed for it.

#endif
