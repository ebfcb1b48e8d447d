--TEST--
Scheduler: await returns the value the task's callable returned
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$t = Loom\spawn(fn() => ['answer' => 42]);
var_dump($t->isFinished());
var_dump($t->await());
var_dump($t->isFinished());
var_dump($t->await() === $t->await());
loom_assert_baseline();
?>
--EXPECT--
bool(false)
array(1) {
  ["answer"]=>
  int(42)
}
bool(true)
bool(true)
baseline: ok
