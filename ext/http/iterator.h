// The Iterator methods of Loom\Http's iterator classes (ChunkIterator, EventIterator, ResponseStream).
// Each class is a struct T with `zval current`, `bool started` and `zend_object std`, and a table of
// its operations; its ZEND_METHODs (written out in its file, so grep finds them) call these.
// rewind() starts the iteration once, valid()/current()/key() read, next() advances.
#ifndef LOOM_HTTP_ITERATOR_H
#define LOOM_HTTP_ITERATOR_H

#include "object.h"
#include "php_loom.h"

namespace loom::http {

template <typename T>
struct IteratorOps {
  bool (*first)(T* it);           // checks made when iteration starts; false: an exception is pending
  void (*advance)(T* it);         // to the next element; `current` stays UNDEF at the end
  void (*key)(T* it, zval* out);  // the key of the current element
  void (*step)(T* it);            // bookkeeping of next() before it advances (a counter)
};

template <typename T>
inline bool iterator_started(T* it, const IteratorOps<T>& ops) {
  if (!it->started) {
    it->started = true;
    if (!ops.first(it)) return false;
    ops.advance(it);
  }
  return !EG(exception);
}

template <typename T>
inline void iterator_rewind(zval* self, const IteratorOps<T>& ops) {
  iterator_started(object_from<T>(Z_OBJ_P(self)), ops);
}

template <typename T>
inline void iterator_valid(zval* self, const IteratorOps<T>& ops, zval* return_value) {
  T* it = object_from<T>(Z_OBJ_P(self));
  if (!iterator_started(it, ops)) return;  // exception pending
  RETVAL_BOOL(Z_TYPE(it->current) != IS_UNDEF);
}

template <typename T>
inline void iterator_current(zval* self, const IteratorOps<T>& ops, zval* return_value) {
  T* it = object_from<T>(Z_OBJ_P(self));
  if (!iterator_started(it, ops)) return;
  if (Z_TYPE(it->current) == IS_UNDEF) {
    RETVAL_NULL();
    return;
  }
  RETVAL_COPY(&it->current);
}

template <typename T>
inline void iterator_key(zval* self, const IteratorOps<T>& ops, zval* return_value) {
  T* it = object_from<T>(Z_OBJ_P(self));
  if (!iterator_started(it, ops)) return;
  ops.key(it, return_value);
}

template <typename T>
inline void iterator_next(zval* self, const IteratorOps<T>& ops) {
  T* it = object_from<T>(Z_OBJ_P(self));
  if (!iterator_started(it, ops)) return;
  ops.step(it);
  ops.advance(it);
}

// The class cannot be instantiated from PHP: its objects come from the methods that return them.
inline void iterator_refuse_construct(const char* class_name) {
  zend_throw_error(nullptr, "%s cannot be constructed directly", class_name);
}

}  // namespace loom::http

#endif
