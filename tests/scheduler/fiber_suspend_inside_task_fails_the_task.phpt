--TEST--
Scheduler: a task that suspends its own fiber with Fiber::suspend() fails with a clear error instead of hanging
--FILE--
<?php
$t = Loom\spawn(function () { Fiber::suspend(); });
try { $t->await(); } catch (Loom\Exception $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
Task #1 suspended its fiber with Fiber::suspend() outside Loom; Loom cannot resume it
