--TEST--
Revolt: constructing Loom's driver leaves preemption on: a Loom task spinning without suspending is preempted, so an Amp\async() fiber waiting in Amp\delay() finishes while it spins (the spinner stops once it saw that)
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--INI--
loom.preempt_ms=10
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
echo 'loom.preempt_ms with the driver: ', ini_get('loom.preempt_ms'), "\n";
$ampDone = false;
$amp = Amp\async(function () use (&$ampDone) {
    Amp\delay(0.02);
    $ampDone = true;
    return 'amp fiber done';
});
$spin = Loom\spawn(function () use (&$ampDone) {
    // Never suspends. Without preemption the AMPHP fiber never runs and this gives up after 30 s.
    $deadline = hrtime(true) + 30e9;
    $x = 0;
    while (!$ampDone && hrtime(true) < $deadline) $x++;
    return $ampDone ? 'spinner saw the amp fiber finish' : 'spinner gave up: never preempted';
});
echo $spin->await(), "\n", $amp->await(), "\n";
echo 'preempted: ', Loom\stats()['preemptions'] > 0 ? 'yes' : 'no', "\n";
?>
--EXPECT--
loom.preempt_ms with the driver: 10
spinner saw the amp fiber finish
amp fiber done
preempted: yes
