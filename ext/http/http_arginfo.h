/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: fe34142a4ed3afb68ef38faed447ebb1b01bfdfc */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Loom_Http_Client___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Loom_Http_Client_request, 0, 2, Loom\\Http\\Response, 0)
	ZEND_ARG_TYPE_INFO(0, method, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, url, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Loom_Http_Client_stream, 0, 1, Loom\\Http\\ResponseStream, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, responses, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Loom_Http_Response___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Http_Response_status, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Http_Response_headers, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Http_Response_header, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Loom_Http_Response_trailers arginfo_class_Loom_Http_Response_headers

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Http_Response_body, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Http_Response_json, 0, 0, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Loom_Http_Response_chunks, 0, 0, Loom\\Http\\ChunkIterator, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Loom_Http_Response_events, 0, 0, Loom\\Http\\EventIterator, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Http_Response_cancel, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Loom_Http_Response_url arginfo_class_Loom_Http_Response_body

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Loom_Http_Event___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, type, IS_STRING, 0, "\"message\"")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, id, IS_STRING, 0, "\"\"")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, retry, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Loom_Http_Event_json arginfo_class_Loom_Http_Response_json

#define arginfo_class_Loom_Http_ChunkIterator___construct arginfo_class_Loom_Http_Response___construct

#define arginfo_class_Loom_Http_ChunkIterator_current arginfo_class_Loom_Http_Response_json

#define arginfo_class_Loom_Http_ChunkIterator_key arginfo_class_Loom_Http_Response_json

#define arginfo_class_Loom_Http_ChunkIterator_next arginfo_class_Loom_Http_Response_cancel

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Http_ChunkIterator_valid, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Loom_Http_ChunkIterator_rewind arginfo_class_Loom_Http_Response_cancel

#define arginfo_class_Loom_Http_EventIterator___construct arginfo_class_Loom_Http_Response___construct

#define arginfo_class_Loom_Http_EventIterator_current arginfo_class_Loom_Http_Response_json

#define arginfo_class_Loom_Http_EventIterator_key arginfo_class_Loom_Http_Response_json

#define arginfo_class_Loom_Http_EventIterator_next arginfo_class_Loom_Http_Response_cancel

#define arginfo_class_Loom_Http_EventIterator_valid arginfo_class_Loom_Http_ChunkIterator_valid

#define arginfo_class_Loom_Http_EventIterator_rewind arginfo_class_Loom_Http_Response_cancel

#define arginfo_class_Loom_Http_ResponseStream___construct arginfo_class_Loom_Http_Response___construct

#define arginfo_class_Loom_Http_ResponseStream_current arginfo_class_Loom_Http_Response_json

#define arginfo_class_Loom_Http_ResponseStream_key arginfo_class_Loom_Http_Response_json

#define arginfo_class_Loom_Http_ResponseStream_next arginfo_class_Loom_Http_Response_cancel

#define arginfo_class_Loom_Http_ResponseStream_valid arginfo_class_Loom_Http_ChunkIterator_valid

#define arginfo_class_Loom_Http_ResponseStream_rewind arginfo_class_Loom_Http_Response_cancel

#define arginfo_class_Loom_Http_TransportException_getPhase arginfo_class_Loom_Http_Response_body

#define arginfo_class_Loom_Http_TransportException_getUrl arginfo_class_Loom_Http_Response_body

#define arginfo_class_Loom_Http_TransportException_getCurlCode arginfo_class_Loom_Http_Response_status


ZEND_METHOD(Loom_Http_Client, __construct);
ZEND_METHOD(Loom_Http_Client, request);
ZEND_METHOD(Loom_Http_Client, stream);
ZEND_METHOD(Loom_Http_Response, __construct);
ZEND_METHOD(Loom_Http_Response, status);
ZEND_METHOD(Loom_Http_Response, headers);
ZEND_METHOD(Loom_Http_Response, header);
ZEND_METHOD(Loom_Http_Response, trailers);
ZEND_METHOD(Loom_Http_Response, body);
ZEND_METHOD(Loom_Http_Response, json);
ZEND_METHOD(Loom_Http_Response, chunks);
ZEND_METHOD(Loom_Http_Response, events);
ZEND_METHOD(Loom_Http_Response, cancel);
ZEND_METHOD(Loom_Http_Response, url);
ZEND_METHOD(Loom_Http_Event, __construct);
ZEND_METHOD(Loom_Http_Event, json);
ZEND_METHOD(Loom_Http_ChunkIterator, __construct);
ZEND_METHOD(Loom_Http_ChunkIterator, current);
ZEND_METHOD(Loom_Http_ChunkIterator, key);
ZEND_METHOD(Loom_Http_ChunkIterator, next);
ZEND_METHOD(Loom_Http_ChunkIterator, valid);
ZEND_METHOD(Loom_Http_ChunkIterator, rewind);
ZEND_METHOD(Loom_Http_EventIterator, __construct);
ZEND_METHOD(Loom_Http_EventIterator, current);
ZEND_METHOD(Loom_Http_EventIterator, key);
ZEND_METHOD(Loom_Http_EventIterator, next);
ZEND_METHOD(Loom_Http_EventIterator, valid);
ZEND_METHOD(Loom_Http_EventIterator, rewind);
ZEND_METHOD(Loom_Http_ResponseStream, __construct);
ZEND_METHOD(Loom_Http_ResponseStream, current);
ZEND_METHOD(Loom_Http_ResponseStream, key);
ZEND_METHOD(Loom_Http_ResponseStream, next);
ZEND_METHOD(Loom_Http_ResponseStream, valid);
ZEND_METHOD(Loom_Http_ResponseStream, rewind);
ZEND_METHOD(Loom_Http_TransportException, getPhase);
ZEND_METHOD(Loom_Http_TransportException, getUrl);
ZEND_METHOD(Loom_Http_TransportException, getCurlCode);


static const zend_function_entry class_Loom_Http_Client_methods[] = {
	ZEND_ME(Loom_Http_Client, __construct, arginfo_class_Loom_Http_Client___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Client, request, arginfo_class_Loom_Http_Client_request, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Client, stream, arginfo_class_Loom_Http_Client_stream, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_Response_methods[] = {
	ZEND_ME(Loom_Http_Response, __construct, arginfo_class_Loom_Http_Response___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Loom_Http_Response, status, arginfo_class_Loom_Http_Response_status, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Response, headers, arginfo_class_Loom_Http_Response_headers, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Response, header, arginfo_class_Loom_Http_Response_header, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Response, trailers, arginfo_class_Loom_Http_Response_trailers, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Response, body, arginfo_class_Loom_Http_Response_body, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Response, json, arginfo_class_Loom_Http_Response_json, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Response, chunks, arginfo_class_Loom_Http_Response_chunks, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Response, events, arginfo_class_Loom_Http_Response_events, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Response, cancel, arginfo_class_Loom_Http_Response_cancel, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Response, url, arginfo_class_Loom_Http_Response_url, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_Event_methods[] = {
	ZEND_ME(Loom_Http_Event, __construct, arginfo_class_Loom_Http_Event___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_Event, json, arginfo_class_Loom_Http_Event_json, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_ChunkIterator_methods[] = {
	ZEND_ME(Loom_Http_ChunkIterator, __construct, arginfo_class_Loom_Http_ChunkIterator___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Loom_Http_ChunkIterator, current, arginfo_class_Loom_Http_ChunkIterator_current, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_ChunkIterator, key, arginfo_class_Loom_Http_ChunkIterator_key, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_ChunkIterator, next, arginfo_class_Loom_Http_ChunkIterator_next, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_ChunkIterator, valid, arginfo_class_Loom_Http_ChunkIterator_valid, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_ChunkIterator, rewind, arginfo_class_Loom_Http_ChunkIterator_rewind, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_EventIterator_methods[] = {
	ZEND_ME(Loom_Http_EventIterator, __construct, arginfo_class_Loom_Http_EventIterator___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Loom_Http_EventIterator, current, arginfo_class_Loom_Http_EventIterator_current, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_EventIterator, key, arginfo_class_Loom_Http_EventIterator_key, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_EventIterator, next, arginfo_class_Loom_Http_EventIterator_next, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_EventIterator, valid, arginfo_class_Loom_Http_EventIterator_valid, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_EventIterator, rewind, arginfo_class_Loom_Http_EventIterator_rewind, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_ResponseStream_methods[] = {
	ZEND_ME(Loom_Http_ResponseStream, __construct, arginfo_class_Loom_Http_ResponseStream___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Loom_Http_ResponseStream, current, arginfo_class_Loom_Http_ResponseStream_current, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_ResponseStream, key, arginfo_class_Loom_Http_ResponseStream_key, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_ResponseStream, next, arginfo_class_Loom_Http_ResponseStream_next, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_ResponseStream, valid, arginfo_class_Loom_Http_ResponseStream_valid, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_ResponseStream, rewind, arginfo_class_Loom_Http_ResponseStream_rewind, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_InvalidArgumentException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_TransportException_methods[] = {
	ZEND_ME(Loom_Http_TransportException, getPhase, arginfo_class_Loom_Http_TransportException_getPhase, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_TransportException, getUrl, arginfo_class_Loom_Http_TransportException_getUrl, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Http_TransportException, getCurlCode, arginfo_class_Loom_Http_TransportException_getCurlCode, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_TimeoutException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_ResponseTooLargeException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_IncompleteStreamException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Http_UnexpectedContentTypeException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_Loom_Http_Client(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "Client", class_Loom_Http_Client_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
#if (PHP_VERSION_ID >= 80200)


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "request", sizeof("request") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "request", sizeof("request") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_Response(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "Response", class_Loom_Http_Response_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_Event(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "Event", class_Loom_Http_Event_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_type_default_value;
	ZVAL_UNDEF(&property_type_default_value);
	zend_string *property_type_name = zend_string_init("type", sizeof("type") - 1, 1);
	zend_declare_typed_property(class_entry, property_type_name, &property_type_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_type_name);

	zval property_data_default_value;
	ZVAL_UNDEF(&property_data_default_value);
	zend_string *property_data_name = zend_string_init("data", sizeof("data") - 1, 1);
	zend_declare_typed_property(class_entry, property_data_name, &property_data_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_data_name);

	zval property_id_default_value;
	ZVAL_UNDEF(&property_id_default_value);
	zend_string *property_id_name = zend_string_init("id", sizeof("id") - 1, 1);
	zend_declare_typed_property(class_entry, property_id_name, &property_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_id_name);

	zval property_retry_default_value;
	ZVAL_UNDEF(&property_retry_default_value);
	zend_string *property_retry_name = zend_string_init("retry", sizeof("retry") - 1, 1);
	zend_declare_typed_property(class_entry, property_retry_name, &property_retry_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_retry_name);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_ChunkIterator(zend_class_entry *class_entry_Iterator)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "ChunkIterator", class_Loom_Http_ChunkIterator_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_Iterator);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_EventIterator(zend_class_entry *class_entry_Iterator)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "EventIterator", class_Loom_Http_EventIterator_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_Iterator);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_ResponseStream(zend_class_entry *class_entry_Iterator)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "ResponseStream", class_Loom_Http_ResponseStream_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_Iterator);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_InvalidArgumentException(zend_class_entry *class_entry_InvalidArgumentException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "InvalidArgumentException", class_Loom_Http_InvalidArgumentException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InvalidArgumentException);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_TransportException(zend_class_entry *class_entry_Loom_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "TransportException", class_Loom_Http_TransportException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Exception);

	zval property_phase_default_value;
	ZVAL_EMPTY_STRING(&property_phase_default_value);
	zend_string *property_phase_name = zend_string_init("phase", sizeof("phase") - 1, 1);
	zend_declare_typed_property(class_entry, property_phase_name, &property_phase_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_phase_name);

	zval property_url_default_value;
	ZVAL_EMPTY_STRING(&property_url_default_value);
	zend_string *property_url_name = zend_string_init("url", sizeof("url") - 1, 1);
	zend_declare_typed_property(class_entry, property_url_name, &property_url_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_url_name);

	zval property_curlCode_default_value;
	ZVAL_LONG(&property_curlCode_default_value, 0);
	zend_string *property_curlCode_name = zend_string_init("curlCode", sizeof("curlCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_curlCode_name, &property_curlCode_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_curlCode_name);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_TimeoutException(zend_class_entry *class_entry_Loom_Http_TransportException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "TimeoutException", class_Loom_Http_TimeoutException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Http_TransportException);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_ResponseTooLargeException(zend_class_entry *class_entry_Loom_Http_TransportException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "ResponseTooLargeException", class_Loom_Http_ResponseTooLargeException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Http_TransportException);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_IncompleteStreamException(zend_class_entry *class_entry_Loom_Http_TransportException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "IncompleteStreamException", class_Loom_Http_IncompleteStreamException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Http_TransportException);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Http_UnexpectedContentTypeException(zend_class_entry *class_entry_Loom_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Http", "UnexpectedContentTypeException", class_Loom_Http_UnexpectedContentTypeException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Exception);

	return class_entry;
}
