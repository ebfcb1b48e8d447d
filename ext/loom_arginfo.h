/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: d24034bbb0c6d46541fddaeb7c9ce23b8503add1 */

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_Loom_spawn, 0, 1, Loom\\Task, 0)
	ZEND_ARG_TYPE_INFO(0, fn, IS_CALLABLE, 0)
	ZEND_ARG_VARIADIC_TYPE_INFO(0, args, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_sleep, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, seconds, IS_DOUBLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_timeout, 0, 2, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, seconds, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO(0, fn, IS_CALLABLE, 0)
	ZEND_ARG_VARIADIC_TYPE_INFO(0, args, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_all, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, tasks, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_race, 0, 1, IS_MIXED, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, tasks, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

#define arginfo_Loom_any arginfo_Loom_race

#define arginfo_Loom_settle arginfo_Loom_all

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_map, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, items, Traversable, MAY_BE_ARRAY, NULL)
	ZEND_ARG_TYPE_INFO(0, fn, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO(0, concurrency, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_stats, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_atomic, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, fn, IS_CALLABLE, 0)
	ZEND_ARG_VARIADIC_TYPE_INFO(0, args, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Loom_onUnhandled, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, handler, IS_CALLABLE, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Loom_Task___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Task_await, 0, 0, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Task_cancel, 0, 0, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, reason, Throwable, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Task_isFinished, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Task_id, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Loom_Channel___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, capacity, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Channel_send, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Loom_Channel_receive arginfo_class_Loom_Task_await

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Loom_Channel_close, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Loom_Channel_isClosed arginfo_class_Loom_Task_isFinished

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Loom_Channel_getIterator, 0, 0, Iterator, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Loom_CompositeException_getErrors arginfo_Loom_stats


ZEND_FUNCTION(Loom_spawn);
ZEND_FUNCTION(Loom_sleep);
ZEND_FUNCTION(Loom_timeout);
ZEND_FUNCTION(Loom_all);
ZEND_FUNCTION(Loom_race);
ZEND_FUNCTION(Loom_any);
ZEND_FUNCTION(Loom_settle);
ZEND_FUNCTION(Loom_map);
ZEND_FUNCTION(Loom_stats);
ZEND_FUNCTION(Loom_atomic);
ZEND_FUNCTION(Loom_onUnhandled);
ZEND_METHOD(Loom_Task, __construct);
ZEND_METHOD(Loom_Task, await);
ZEND_METHOD(Loom_Task, cancel);
ZEND_METHOD(Loom_Task, isFinished);
ZEND_METHOD(Loom_Task, id);
ZEND_METHOD(Loom_Channel, __construct);
ZEND_METHOD(Loom_Channel, send);
ZEND_METHOD(Loom_Channel, receive);
ZEND_METHOD(Loom_Channel, close);
ZEND_METHOD(Loom_Channel, isClosed);
ZEND_METHOD(Loom_Channel, getIterator);
ZEND_METHOD(Loom_CompositeException, getErrors);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("Loom", spawn, Loom_spawn, arginfo_Loom_spawn)
	ZEND_NS_FALIAS("Loom", sleep, Loom_sleep, arginfo_Loom_sleep)
	ZEND_NS_FALIAS("Loom", timeout, Loom_timeout, arginfo_Loom_timeout)
	ZEND_NS_FALIAS("Loom", all, Loom_all, arginfo_Loom_all)
	ZEND_NS_FALIAS("Loom", race, Loom_race, arginfo_Loom_race)
	ZEND_NS_FALIAS("Loom", any, Loom_any, arginfo_Loom_any)
	ZEND_NS_FALIAS("Loom", settle, Loom_settle, arginfo_Loom_settle)
	ZEND_NS_FALIAS("Loom", map, Loom_map, arginfo_Loom_map)
	ZEND_NS_FALIAS("Loom", stats, Loom_stats, arginfo_Loom_stats)
	ZEND_NS_FALIAS("Loom", atomic, Loom_atomic, arginfo_Loom_atomic)
	ZEND_NS_FALIAS("Loom", onUnhandled, Loom_onUnhandled, arginfo_Loom_onUnhandled)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Task_methods[] = {
	ZEND_ME(Loom_Task, __construct, arginfo_class_Loom_Task___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Loom_Task, await, arginfo_class_Loom_Task_await, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Task, cancel, arginfo_class_Loom_Task_cancel, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Task, isFinished, arginfo_class_Loom_Task_isFinished, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Task, id, arginfo_class_Loom_Task_id, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Channel_methods[] = {
	ZEND_ME(Loom_Channel, __construct, arginfo_class_Loom_Channel___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Channel, send, arginfo_class_Loom_Channel_send, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Channel, receive, arginfo_class_Loom_Channel_receive, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Channel, close, arginfo_class_Loom_Channel_close, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Channel, isClosed, arginfo_class_Loom_Channel_isClosed, ZEND_ACC_PUBLIC)
	ZEND_ME(Loom_Channel, getIterator, arginfo_class_Loom_Channel_getIterator, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Loom_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Loom_CancelledException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Loom_TimeoutException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Loom_DeadlockException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Loom_ChannelClosedException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Loom_CompositeException_methods[] = {
	ZEND_ME(Loom_CompositeException, getErrors, arginfo_class_Loom_CompositeException_getErrors, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Loom_Task(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom", "Task", class_Loom_Task_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Loom_Channel(zend_class_entry *class_entry_IteratorAggregate)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom", "Channel", class_Loom_Channel_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_IteratorAggregate);

	return class_entry;
}

static zend_class_entry *register_class_Loom_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom", "Exception", class_Loom_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	return class_entry;
}

static zend_class_entry *register_class_Loom_CancelledException(zend_class_entry *class_entry_Loom_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom", "CancelledException", class_Loom_CancelledException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Loom_TimeoutException(zend_class_entry *class_entry_Loom_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom", "TimeoutException", class_Loom_TimeoutException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Loom_DeadlockException(zend_class_entry *class_entry_Loom_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom", "DeadlockException", class_Loom_DeadlockException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Loom_ChannelClosedException(zend_class_entry *class_entry_Loom_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom", "ChannelClosedException", class_Loom_ChannelClosedException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Loom_CompositeException(zend_class_entry *class_entry_Loom_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Loom", "CompositeException", class_Loom_CompositeException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Loom_Exception);

	zval property_errors_default_value;
	ZVAL_EMPTY_ARRAY(&property_errors_default_value);
	zend_string *property_errors_name = zend_string_init("errors", sizeof("errors") - 1, 1);
	zend_declare_typed_property(class_entry, property_errors_name, &property_errors_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_errors_name);

	return class_entry;
}
