/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 81c25431f8da794ba2986ab8112b5bdf0db93873 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Internal_Poller_watchStream, 0, 3, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, stream, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, events, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Internal_Poller_watchSignal, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, signal, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Internal_Poller_unwatch, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Internal_Poller_wait, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, timeout, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, referenced, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Internal_Poller_wakeup, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Loom_Internal_Poller_pause arginfo_class_Loom_Internal_Poller_wakeup

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Internal_Poller_count, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Loom_Internal_Poller, watchStream);
ZEND_METHOD(Loom_Internal_Poller, watchSignal);
ZEND_METHOD(Loom_Internal_Poller, unwatch);
ZEND_METHOD(Loom_Internal_Poller, wait);
ZEND_METHOD(Loom_Internal_Poller, wakeup);
ZEND_METHOD(Loom_Internal_Poller, pause);
ZEND_METHOD(Loom_Internal_Poller, count);


static const zend_function_entry class_Loom_Internal_Poller_methods[] = {
	ZEND_ME(Loom_Internal_Poller, watchStream, arginfo_class_Loom_Internal_Poller_watchStream, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Internal_Poller, watchSignal, arginfo_class_Loom_Internal_Poller_watchSignal, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Internal_Poller, unwatch, arginfo_class_Loom_Internal_Poller_unwatch, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Internal_Poller, wait, arginfo_class_Loom_Internal_Poller_wait, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Internal_Poller, wakeup, arginfo_class_Loom_Internal_Poller_wakeup, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Internal_Poller, pause, arginfo_class_Loom_Internal_Poller_pause, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Internal_Poller, count, arginfo_class_Loom_Internal_Poller_count, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Loom_Internal_Poller(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom\\Internal", "Poller", class_Loom_Internal_Poller_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_READABLE_value;
	ZVAL_LONG(&const_READABLE_value, 1);
	zend_string *const_READABLE_name = zend_string_init_interned("READABLE", sizeof("READABLE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_READABLE_name, &const_READABLE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_READABLE_name);

	zval const_WRITABLE_value;
	ZVAL_LONG(&const_WRITABLE_value, 2);
	zend_string *const_WRITABLE_name = zend_string_init_interned("WRITABLE", sizeof("WRITABLE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_WRITABLE_name, &const_WRITABLE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_WRITABLE_name);

	zval const_SIGNAL_value;
	ZVAL_LONG(&const_SIGNAL_value, 4);
	zend_string *const_SIGNAL_name = zend_string_init_interned("SIGNAL", sizeof("SIGNAL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SIGNAL_name, &const_SIGNAL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SIGNAL_name);

	return class_entry;
}
