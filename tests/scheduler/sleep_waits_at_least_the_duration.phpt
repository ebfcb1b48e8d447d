--TEST--
Scheduler: sleep() in top-level code runs ready tasks while it waits and returns after the duration
--FILE--
<?php
$ran = false;
Loom\spawn(function () use (&$ran) { $ran = true; });
$t0 = hrtime(true);
Loom\sleep(0.03);
$ms = (hrtime(true) - $t0) / 1e6;
var_dump($ran, $ms >= 29);
?>
--EXPECT--
bool(true)
bool(true)
