--TEST--
Scheduler: loom.shutdown_timeout bounds the end-of-script drain; what is left is cancelled with finally run
--INI--
loom.shutdown_timeout=0.1
--FILE--
<?php
Loom\spawn(function () {
    try { Loom\sleep(30); } finally { echo "finally of the slow task\n"; }
});
echo "script end\n";
?>
--EXPECTF--
script end

Warning: Loom: 1 task(s) still running after loom.shutdown_timeout=0.1 s at script end; cancelling them in %s on line %d
finally of the slow task
