// Small helpers every Loom class uses: structs that end in `zend_object std`, their handlers, and
// the callable check of API calls that take a callback.
#ifndef LOOM_OBJECT_H
#define LOOM_OBJECT_H

#include <cstring>

#include "php_loom.h"

namespace loom {

// Handlers of a class whose C++ struct ends in `zend_object std` at `offset`: its own free_obj and
// get_gc (null keeps the standard one), and no cloning (Loom's objects stand for live work).
inline void init_handlers(zend_object_handlers* h, size_t offset, zend_object_free_obj_t free_obj,
                          zend_object_get_gc_t get_gc) {
  memcpy(h, zend_get_std_object_handlers(), sizeof(*h));
  h->offset = static_cast<int>(offset);
  h->free_obj = free_obj;
  if (get_gc) h->get_gc = get_gc;
  h->clone_obj = nullptr;
}

// Allocates T (zeroed up to `std`) and initialises its zend_object; T must be trivially constructible.
template <typename T>
inline T* object_alloc(zend_class_entry* ce, const zend_object_handlers* handlers) {
  auto* o = static_cast<T*>(zend_object_alloc(sizeof(T), ce));
  memset(o, 0, XtOffsetOf(T, std));
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = handlers;
  return o;
}

// TypeError in PHP's own form unless v is callable ("...: Argument #N ($fn) must be a valid callback").
inline bool require_callable(zval* v, uint32_t arg) {
  if (zend_is_callable(v, 0, nullptr)) return true;
  zend_argument_type_error(arg, "must be a valid callback, %s given", zend_zval_type_name(v));
  return false;
}

}  // namespace loom

#endif
