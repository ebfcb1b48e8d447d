// Loom\Http\Event: one server-sent event as PHP sees it (the parser is Zend-free, in sse/).
#include "http/http.h"

extern "C" {
#include "ext/json/php_json.h"
}

namespace loom::http {

zend_class_entry* ce_event;

void json_decode_into(zval* out, const char* p, size_t n) {
  php_json_decode_ex(out, p, n, PHP_JSON_OBJECT_AS_ARRAY | PHP_JSON_THROW_ON_ERROR,
                     PHP_JSON_PARSER_DEFAULT_DEPTH);
}

void create_event(zval* out, const sse::Event& e) {
  object_init_ex(out, ce_event);
  zend_object* o = Z_OBJ_P(out);
  // The usual type and id are the engine's interned "message" and "": no allocation per event.
  if (e.type == "message")
    ZVAL_INTERNED_STR(OBJ_PROP_NUM(o, 0), ZSTR_KNOWN(ZEND_STR_MESSAGE));
  else
    ZVAL_STRINGL_FAST(OBJ_PROP_NUM(o, 0), e.type.data(), e.type.size());
  ZVAL_STRINGL_FAST(OBJ_PROP_NUM(o, 1), e.data.data(), e.data.size());
  ZVAL_STRINGL_FAST(OBJ_PROP_NUM(o, 2), e.id.data(), e.id.size());
  if (e.retry >= 0)
    ZVAL_LONG(OBJ_PROP_NUM(o, 3), e.retry);
  else
    ZVAL_NULL(OBJ_PROP_NUM(o, 3));
}

}  // namespace loom::http

using namespace loom::http;

ZEND_METHOD(Loom_Http_Event, __construct) {
  zend_string *data, *type = nullptr, *id = nullptr;
  zend_long retry = 0;
  bool retry_null = true;
  ZEND_PARSE_PARAMETERS_START(1, 4)
  Z_PARAM_STR(data)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR(type)
  Z_PARAM_STR(id)
  Z_PARAM_LONG_OR_NULL(retry, retry_null)
  ZEND_PARSE_PARAMETERS_END();
  zend_object* o = Z_OBJ_P(ZEND_THIS);
  if (Z_TYPE_P(OBJ_PROP_NUM(o, 1)) != IS_UNDEF) {
    zend_throw_error(nullptr, "Loom\\Http\\Event is already constructed");
    RETURN_THROWS();
  }
  if (type)
    ZVAL_STR_COPY(OBJ_PROP_NUM(o, 0), type);
  else
    ZVAL_STRING(OBJ_PROP_NUM(o, 0), "message");
  ZVAL_STR_COPY(OBJ_PROP_NUM(o, 1), data);
  if (id)
    ZVAL_STR_COPY(OBJ_PROP_NUM(o, 2), id);
  else
    ZVAL_EMPTY_STRING(OBJ_PROP_NUM(o, 2));
  if (retry_null)
    ZVAL_NULL(OBJ_PROP_NUM(o, 3));
  else
    ZVAL_LONG(OBJ_PROP_NUM(o, 3), retry);
}

ZEND_METHOD(Loom_Http_Event, json) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval* data = OBJ_PROP_NUM(Z_OBJ_P(ZEND_THIS), 1);
  if (Z_TYPE_P(data) != IS_STRING) RETURN_NULL();
  json_decode_into(return_value, Z_STRVAL_P(data), Z_STRLEN_P(data));
}
