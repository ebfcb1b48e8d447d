--TEST--
Scheduler: a task whose loop spends nearly all its time inside internal calls (md5() of 1 MiB) is preempted too, so a 20 ms ticker task keeps ticking beside it (PHP 8.4 checks interrupts right after each internal call, where no fiber may switch: Loom takes the next check in the loop instead of dropping the slice)
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$ticks = 0;
$spinnerDone = false;
$ticker = Loom\spawn(function () use (&$ticks, &$spinnerDone) {
    $during = 0;
    while ($ticks < 3) {
        Loom\sleep(0.02);
        $ticks++;
        if (!$spinnerDone) $during++;
    }
    return "ticks while the spinner spun: $during";
});
$spinner = Loom\spawn(function () use (&$ticks, &$spinnerDone) {
    // Never suspends; almost all of its time is spent in md5(). Without preemption the ticker never runs
    // and this gives up after 20 s.
    $s = str_repeat('x', 1 << 20);
    $deadline = hrtime(true) + 20e9;
    while ($ticks < 3 && hrtime(true) < $deadline) md5($s);
    $spinnerDone = true;
    return $ticks >= 3 ? 'spinner saw the ticks' : 'spinner gave up: never preempted';
});
echo $spinner->await(), "\n", $ticker->await(), "\n";
echo 'preempted: ', Loom\stats()['preemptions'] > 0 ? 'yes' : 'no', "\n";
loom_assert_baseline();
?>
--EXPECT--
spinner saw the ticks
ticks while the spinner spun: 3
preempted: yes
baseline: ok
