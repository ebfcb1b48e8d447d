--TEST--
Regress: a timer that falls due while a task runs long wakes its waiter promptly, not at the next unrelated event
--FILE--
<?php
$t0 = hrtime(true);
$t = Loom\spawn(function () {
    $end = hrtime(true) + 60e6;          // run 60 ms without yielding
    while (hrtime(true) < $end) {}
    try { Loom\sleep(30); } catch (Loom\CancelledException $e) { return 'cancelled'; }
    return 'slept 30 s (wrong)';
});
Loom\sleep(0.01);                         // due long before the task yields
$ms = (hrtime(true) - $t0) / 1e6;
var_dump($ms < 10000);                   // not after the task's 30 s sleep
$t->cancel();
var_dump($t->await());
?>
--EXPECT--
bool(true)
string(9) "cancelled"
