/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: d9879061fd637b09f45e826b3467ecd817bf1c41 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_Relay_handoff, 0, 2, IS_NEVER, 0)
	ZEND_ARG_TYPE_INFO(0, method, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, url, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, relay, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_Relay_serve, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, socket, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()


ZEND_FUNCTION(Loom_Relay_handoff);
ZEND_FUNCTION(Loom_Relay_serve);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("Loom\\Relay", handoff, Loom_Relay_handoff, arginfo_Loom_Relay_handoff)
	ZEND_NS_FALIAS("Loom\\Relay", serve, Loom_Relay_serve, arginfo_Loom_Relay_serve)
	ZEND_FE_END
};
