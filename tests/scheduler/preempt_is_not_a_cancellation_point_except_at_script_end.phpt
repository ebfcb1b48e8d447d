--TEST--
Scheduler: cancellation still arrives where a task waits, not at a preemption point (a cancelled spinner keeps spinning through further preemptions and gets CancelledException at its next suspension); only at script end with loom.shutdown=cancel does it reach a task that never suspends, whose finally block then runs
--INI--
loom.shutdown=cancel
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$stop = false;
$t = Loom\spawn(function () use (&$stop) {
    $x = 0;
    while (!$stop) $x++;                       // never suspends
    echo "the loop ran to its end\n";
    try {
        Loom\sleep(1);
        return 'slept (wrong)';
    } catch (Loom\CancelledException $e) {
        return 'cancelled at its next suspension';
    }
});
Loom\spawn(function () use ($t, &$stop) {
    while (Loom\stats()['preemptions'] < 2) Loom\sleep(0.001);
    $t->cancel();
    $seen = Loom\stats()['preemptions'];
    while (Loom\stats()['preemptions'] < $seen + 2) Loom\sleep(0.001);   // preempted again, still running
    $stop = true;
})->await();
echo $t->await(), "\n";
loom_assert_baseline();
Loom\spawn(function () { try { while (true); } finally { echo "left-over spinner cancelled at script end\n"; } });
Loom\sleep(0);   // it starts, spins, is preempted
echo "script ends\n";
?>
--EXPECT--
the loop ran to its end
cancelled at its next suspension
baseline: ok
script ends
left-over spinner cancelled at script end
