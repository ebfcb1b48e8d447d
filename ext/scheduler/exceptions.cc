// Loom's exception classes (declared in loom.stub.php) and CompositeException::getErrors().
#include "scheduler/internal.h"

namespace loom {
zend_class_entry* ce_exception;
zend_class_entry* ce_cancelled;
zend_class_entry* ce_timeout;
zend_class_entry* ce_deadlock;
zend_class_entry* ce_channel_closed;
zend_class_entry* ce_composite;
}  // namespace loom

ZEND_METHOD(Loom_CompositeException, getErrors) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval rv;
  zval* errors =
      zend_read_property(loom::ce_composite, Z_OBJ_P(ZEND_THIS), "errors", sizeof("errors") - 1, 1, &rv);
  RETURN_COPY_DEREF(errors);
}
