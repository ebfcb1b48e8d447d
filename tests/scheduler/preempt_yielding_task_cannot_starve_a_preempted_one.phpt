--TEST--
Scheduler: a task that keeps yielding with Loom\sleep(0) cannot starve a preempted task: each round of the run queue gives one preempted task a turn, so a spinner that waits for 100 of the yielder's rounds sees them and finishes while the yielder still runs
--INI--
loom.preempt_ms=2
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$yields = 0;
$spinnerDone = false;
$yielder = Loom\spawn(function () use (&$yields, &$spinnerDone) {
    $deadline = hrtime(true) + 20e9;
    while (!$spinnerDone && hrtime(true) < $deadline) {
        $yields++;
        Loom\sleep(0);
    }
    return $spinnerDone ? 'yielder saw the spinner finish' : 'spinner starved for 20 s';
});
$spinner = Loom\spawn(function () use (&$yields, &$spinnerDone) {
    $deadline = hrtime(true) + 20e9;
    while ($yields < 100 && hrtime(true) < $deadline);   // never suspends
    $spinnerDone = true;
    return $yields >= 100 ? 'spinner saw 100 yields' : 'yielder starved';
});
echo $spinner->await(), "\n", $yielder->await(), "\n";
loom_assert_baseline();
?>
--EXPECT--
spinner saw 100 yields
yielder saw the spinner finish
baseline: ok
