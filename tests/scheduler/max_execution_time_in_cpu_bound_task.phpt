--TEST--
Scheduler: a CPU-bound task that exceeds max_execution_time gets the normal fatal error, not the hard-timeout exit
--INI--
max_execution_time=1
--FILE--
<?php
register_shutdown_function(function () { echo "shutdown function ran\n"; });
Loom\spawn(function () { Loom\sleep(10); });
Loom\spawn(function () { $x = 0; while (true) { $x++; } });
Loom\sleep(20);
?>
--EXPECTF--
Fatal error: Maximum execution time of 1 second exceeded in %s on line %d
shutdown function ran
