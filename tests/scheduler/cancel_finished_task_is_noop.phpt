--TEST--
Scheduler: cancelling a task that already finished changes nothing
--FILE--
<?php
$t = Loom\spawn(fn() => 'done');
var_dump($t->await());
$t->cancel();
$t->cancel(new Exception('late'));
var_dump($t->isFinished(), $t->await());
?>
--EXPECT--
string(4) "done"
bool(true)
string(4) "done"
