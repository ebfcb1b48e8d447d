--TEST--
Scheduler: loom.preempt_ms=0 turns preemption off: a spinning task runs to its end before any other task, and stats()['preemptions'] stays 0
--INI--
loom.preempt_ms=0
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$log = [];
$a = Loom\spawn(function () use (&$log) {
    $log[] = 'a starts';
    $t = hrtime(true);
    while (hrtime(true) - $t < 100e6);   // 100 ms of CPU, ten default slices
    $log[] = 'a ends';
});
$b = Loom\spawn(function () use (&$log) { $log[] = 'b runs'; });
$a->await();
$b->await();
echo implode("\n", $log), "\n";
var_dump(Loom\stats()['preemptions']);
loom_assert_baseline();
?>
--EXPECT--
a starts
a ends
b runs
int(0)
baseline: ok
