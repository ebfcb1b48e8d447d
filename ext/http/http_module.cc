// Registers Loom\Http's classes (from http.stub.php) and the TransportException getters.
#include "http/http.h"

extern "C" {
#include "zend_attributes.h"
}

#include "compat.h"  // the arginfo needs its zend_hash_str_find_ptr() for C++
#include "http_arginfo.h"

namespace loom::http {

zend_class_entry* ce_invalid_argument;
zend_class_entry* ce_transport;
zend_class_entry* ce_timeout;
zend_class_entry* ce_too_large;
zend_class_entry* ce_incomplete;
zend_class_entry* ce_unexpected_type;

size_t open_sockets() { return reactor::CurlMulti::exists() ? reactor::CurlMulti::instance().sockets() : 0; }

void http_minit() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  ce_client = register_class_Loom_Http_Client();
  ce_response = register_class_Loom_Http_Response();
  ce_event = register_class_Loom_Http_Event();
  ce_chunk_iterator = register_class_Loom_Http_ChunkIterator(zend_ce_iterator);
  ce_event_iterator = register_class_Loom_Http_EventIterator(zend_ce_iterator);
  ce_response_stream = register_class_Loom_Http_ResponseStream(zend_ce_iterator);
  ce_invalid_argument = register_class_Loom_Http_InvalidArgumentException(spl_ce_InvalidArgumentException);
  ce_transport = register_class_Loom_Http_TransportException(loom::ce_exception);
  ce_timeout = register_class_Loom_Http_TimeoutException(ce_transport);
  ce_too_large = register_class_Loom_Http_ResponseTooLargeException(ce_transport);
  ce_incomplete = register_class_Loom_Http_IncompleteStreamException(ce_transport);
  ce_unexpected_type = register_class_Loom_Http_UnexpectedContentTypeException(loom::ce_exception);
  client_class_init();
  response_class_init();
  stream_class_init();
}

}  // namespace loom::http

using namespace loom::http;

static void read_prop(INTERNAL_FUNCTION_PARAMETERS, const char* name, size_t len) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval rv;
  zval* v = zend_read_property(ce_transport, Z_OBJ_P(ZEND_THIS), name, len, 1, &rv);
  RETURN_COPY_DEREF(v);
}

ZEND_METHOD(Loom_Http_TransportException, getPhase) {
  read_prop(INTERNAL_FUNCTION_PARAM_PASSTHRU, "phase", 5);
}
ZEND_METHOD(Loom_Http_TransportException, getUrl) { read_prop(INTERNAL_FUNCTION_PARAM_PASSTHRU, "url", 3); }
ZEND_METHOD(Loom_Http_TransportException, getCurlCode) {
  read_prop(INTERNAL_FUNCTION_PARAM_PASSTHRU, "curlCode", 8);
}
