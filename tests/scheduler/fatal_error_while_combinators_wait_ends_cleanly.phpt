--TEST--
Scheduler: a fatal error in one task while top-level code waits in all() and another task waits in map() ends cleanly (message once, shutdown functions run, valgrind-clean)
--INI--
error_reporting=E_ALL & ~E_DEPRECATED
--FILE--
<?php
register_shutdown_function(function () { echo "shutdown function ran\n"; });
$tasks = [];
for ($i = 0; $i < 3; $i++) $tasks[] = Loom\spawn(fn() => Loom\sleep(10));
$tasks[] = Loom\spawn(fn() => Loom\map([1, 2, 3], fn($x) => Loom\sleep(10), 2));
$tasks[] = Loom\spawn(function () { Loom\sleep(0.01); trigger_error('fatal inside a task', E_USER_ERROR); });
Loom\all($tasks);
?>
--EXPECTF--
Fatal error: fatal inside a task in %s on line %d
shutdown function ran
