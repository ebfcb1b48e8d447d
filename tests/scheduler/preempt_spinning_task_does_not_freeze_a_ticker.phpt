--TEST--
Scheduler: with default settings a task spinning without ever suspending is preempted, so a 20 ms ticker task keeps ticking while it spins (the spinner stops once it saw three ticks); stats() counts the preemptions
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
    // Never suspends. Without preemption the ticker never runs and this gives up after 20 s.
    $deadline = hrtime(true) + 20e9;
    $x = 0;
    while ($ticks < 3 && hrtime(true) < $deadline) $x++;
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
