// Small helpers every Loom class uses: structs that end in `zend_object std`, their handlers, and
// the callable check of API calls that take a callback.
#ifndef LOOM_OBJECT_H
#define LOOM_OBJECT_H

#include <cstring>

#include "php_loom.h"

namespace loom {

// Handlers of class T, a C++ struct that ends in `zend_object std`: its own free_obj and get_gc (null
// keeps the standard one), and no cloning (Loom's objects stand for live work).
template <typename T>
inline void init_handlers(zend_object_handlers* h, zend_object_free_obj_t free_obj,
                          zend_object_get_gc_t get_gc) {
  memcpy(h, zend_get_std_object_handlers(), sizeof(*h));
  h->offset = static_cast<int>(XtOffsetOf(T, std));
  h->free_obj = free_obj;
  if (get_gc) h->get_gc = get_gc;
  h->clone_obj = nullptr;
}

// The struct T that ends in `zend_object std`, from its zend_object: every class's *_from_obj() is this.
template <typename T>
inline T* object_from(zend_object* o) {
  return reinterpret_cast<T*>(reinterpret_cast<char*>(o) - XtOffsetOf(T, std));
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

// Calls fn(key, value) for each element of an array or Traversable, in order, as foreach would (a
// Traversable without keys gives null keys); stops when fn returns false. Returns false when fn
// refused an element or an exception is pending.
template <typename Fn>
inline bool for_each_iterable(zval* iterable, Fn fn) {
  if (Z_TYPE_P(iterable) == IS_ARRAY) {
    zend_ulong idx;
    zend_string* skey;
    zval* val;
    ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(iterable), idx, skey, val) {
      zval key;
      if (skey)
        ZVAL_STR(&key, skey);
      else
        ZVAL_LONG(&key, idx);
      if (!fn(&key, val)) return false;
    }
    ZEND_HASH_FOREACH_END();
    return true;
  }
  zend_object_iterator* it = Z_OBJCE_P(iterable)->get_iterator(Z_OBJCE_P(iterable), iterable, 0);
  if (!it || EG(exception)) return false;
  bool ok = true;
  if (it->funcs->rewind) it->funcs->rewind(it);
  while (ok && !EG(exception) && it->funcs->valid(it) == SUCCESS) {
    zval* val = it->funcs->get_current_data(it);
    if (EG(exception)) break;
    zval key;
    if (it->funcs->get_current_key)
      it->funcs->get_current_key(it, &key);
    else
      ZVAL_NULL(&key);
    if (EG(exception)) break;
    ok = fn(&key, val);
    zval_ptr_dtor(&key);
    if (ok) it->funcs->move_forward(it);
  }
  zend_iterator_dtor(it);
  return ok && !EG(exception);
}

// Stores value (adding a reference) under an int or string key; any other key appends, as the
// combinators keep their input's keys.
inline void array_set_by_key(HashTable* ht, zval* key, zval* value) {
  Z_TRY_ADDREF_P(value);
  if (Z_TYPE_P(key) == IS_LONG)
    zend_hash_index_update(ht, Z_LVAL_P(key), value);
  else if (Z_TYPE_P(key) == IS_STRING)
    zend_symtable_update(ht, Z_STR_P(key), value);
  else
    zend_hash_next_index_insert(ht, value);
}

}  // namespace loom

#endif
