// The Iterator methods of Loom\Http's iterator classes (ChunkIterator, EventIterator, ResponseStream).
// Each class is a struct T with `zval current`, `bool started` and `zend_object std`, and a table of
// its operations; its ZEND_METHODs (written out in its file, so grep finds them) call these.
// rewind() starts the iteration once, valid()/current()/key() read, next() advances.
#ifndef LOOM_HTTP_ITERATOR_H
#define LOOM_HTTP_ITERATOR_H

#include "compat.h"
#include "object.h"
#include "php_loom.h"

extern "C" {
#include "zend_interfaces.h"
}

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

// foreach (and yield from, iterator_to_array) over these classes: an engine iterator that calls the
// same operations directly, instead of the engine calling the PHP methods valid(), current(), key()
// and next() (a method call each, several per element: a measurable share of an event's cost).
// The state stays in the object, so mixing foreach with direct method calls behaves as before.
template <typename T>
struct EngineIterator {
  zend_object_iterator it;
  const IteratorOps<T>* ops;
};

template <typename T>
inline T* engine_iterator_target(zend_object_iterator* iter) {
  return object_from<T>(Z_OBJ(iter->data));
}

template <typename T>
inline const IteratorOps<T>& engine_iterator_ops(zend_object_iterator* iter) {
  return *reinterpret_cast<EngineIterator<T>*>(iter)->ops;
}

template <typename T>
void engine_iterator_dtor(zend_object_iterator* iter) {
  zval_ptr_dtor(&iter->data);
}

template <typename T>
loom_iterator_valid_t engine_iterator_valid(zend_object_iterator* iter) {
  T* it = engine_iterator_target<T>(iter);
  if (!iterator_started(it, engine_iterator_ops<T>(iter))) return FAILURE;
  return Z_TYPE(it->current) != IS_UNDEF ? SUCCESS : FAILURE;
}

template <typename T>
zval* engine_iterator_current(zend_object_iterator* iter) {
  T* it = engine_iterator_target<T>(iter);
  return Z_TYPE(it->current) != IS_UNDEF ? &it->current : &EG(uninitialized_zval);
}

template <typename T>
void engine_iterator_key(zend_object_iterator* iter, zval* key) {
  T* it = engine_iterator_target<T>(iter);
  if (!iterator_started(it, engine_iterator_ops<T>(iter))) return;
  engine_iterator_ops<T>(iter).key(it, key);
}

template <typename T>
void engine_iterator_next(zend_object_iterator* iter) {
  T* it = engine_iterator_target<T>(iter);
  const IteratorOps<T>& ops = engine_iterator_ops<T>(iter);
  if (!iterator_started(it, ops)) return;
  ops.step(it);
  ops.advance(it);
}

template <typename T>
void engine_iterator_rewind(zend_object_iterator* iter) {
  iterator_started(engine_iterator_target<T>(iter), engine_iterator_ops<T>(iter));
}

template <typename T>
HashTable* engine_iterator_gc(zend_object_iterator* iter, zval** table, int* n) {
  *table = &iter->data;
  *n = 1;
  return nullptr;
}

template <typename T>
inline const zend_object_iterator_funcs engine_iterator_funcs = {
    engine_iterator_dtor<T>,
    engine_iterator_valid<T>,
    engine_iterator_current<T>,
    engine_iterator_key<T>,
    engine_iterator_next<T>,
    engine_iterator_rewind<T>,
    nullptr,
    engine_iterator_gc<T>,
};

// The class's get_iterator: `ops` is the class's table (a static with the program's lifetime).
template <typename T>
zend_object_iterator* engine_iterator_new(zval* object, int by_ref, const IteratorOps<T>* ops) {
  if (by_ref) {
    zend_throw_error(nullptr, "An iterator cannot be used with foreach by reference");
    return nullptr;
  }
  auto* ei = static_cast<EngineIterator<T>*>(emalloc(sizeof(EngineIterator<T>)));
  zend_iterator_init(&ei->it);
  ZVAL_OBJ_COPY(&ei->it.data, Z_OBJ_P(object));
  ei->it.funcs = &engine_iterator_funcs<T>;
  ei->ops = ops;
  return &ei->it;
}

// The class cannot be instantiated from PHP: its objects come from the methods that return them.
inline void iterator_refuse_construct(const char* class_name) {
  zend_throw_error(nullptr, "%s cannot be constructed directly", class_name);
}

}  // namespace loom::http

#endif
