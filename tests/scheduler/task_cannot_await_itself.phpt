--TEST--
Scheduler: a task awaiting itself gets a clear Loom\Exception instead of a deadlock
--FILE--
<?php
$t = Loom\spawn(function () use (&$t) {
    try { $t->await(); } catch (Loom\Exception $e) { return $e->getMessage(); }
});
var_dump($t->await());
?>
--EXPECT--
string(27) "Task #1 cannot await itself"
