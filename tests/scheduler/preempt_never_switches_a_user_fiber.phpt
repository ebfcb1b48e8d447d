--TEST--
Scheduler: a user Fiber spinning inside a task is never switched away from behind its back (preemption applies to Loom tasks only), while the task itself, spinning outside the fiber, is preempted
--INI--
loom.preempt_ms=1
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$ticks = 0;
$stop = false;
$other = Loom\spawn(function () use (&$ticks, &$stop) {
    while (!$stop) { $ticks++; Loom\sleep(0); }
});
$t = Loom\spawn(function () use (&$ticks) {
    Loom\sleep(0);
    $f = new Fiber(function () use (&$ticks) {
        $before = $ticks;
        $t = hrtime(true);
        while (hrtime(true) - $t < 50e6);   // fifty slices of spinning inside the user fiber
        return $ticks === $before ? 'fiber ran alone' : 'fiber was switched away';
    });
    $f->start();
    $inFiber = $f->getReturn();
    $before = $ticks;
    $t = hrtime(true);
    while ($ticks === $before && hrtime(true) - $t < 20e9);   // the task itself shares the process
    return [$inFiber, $ticks === $before ? 'task never preempted' : 'task preempted'];
});
echo implode("\n", $t->await()), "\n";
$stop = true;
$other->await();
loom_assert_baseline();
?>
--EXPECT--
fiber ran alone
task preempted
baseline: ok
