// The one place C++ calls into code that may bail out (fatal error, exit, memory_limit, time limit).
// A bailout longjmps over C++ frames: destructors do not run. Callers keep only trivially destructible
// locals, pass a cleanup that restores Loom's own state, and the bailout is re-raised from here.
#ifndef LOOM_ENGINE_GUARD_H
#define LOOM_ENGINE_GUARD_H

#include "php_loom.h"

namespace loom {

// Runs fn(arg) inside zend_try. On bailout runs on_bailout(arg) and re-raises the bailout.
template <typename Fn, typename Cleanup>
inline void guarded_call(Fn fn, Cleanup on_bailout) {
  zend_try { fn(); }
  zend_catch {
    on_bailout();
    zend_bailout();
  }
  zend_end_try();
}

// Runs fn() inside zend_try and keeps a bailout from going further (returns false then). Only for code
// that runs where no frame above would catch one (RSHUTDOWN).
template <typename Fn>
inline bool contained_call(Fn fn) {
  bool ok = true;
  zend_try { fn(); }
  zend_catch { ok = false; }
  zend_end_try();
  return ok;
}

}  // namespace loom

#endif
