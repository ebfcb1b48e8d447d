--TEST--
Scheduler: a task cancelled before it ever ran does not run its body
--FILE--
<?php
$t = Loom\spawn(function () { echo "body ran\n"; });
$t->cancel();
var_dump($t->isFinished());
try { $t->await(); } catch (Loom\CancelledException $e) { echo "cancelled\n"; }
Loom\sleep(0.01);
?>
--EXPECT--
bool(true)
cancelled
