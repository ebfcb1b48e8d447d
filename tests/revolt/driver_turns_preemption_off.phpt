--TEST--
Revolt: constructing Loom's driver turns Loom's preemption off for the rest of the request (AMPHP code assumes it runs uninterrupted between suspensions)
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--INI--
loom.preempt_ms=10
--FILE--
<?php
require __DIR__ . '/revolt.inc';
var_dump(ini_get('loom.preempt_ms'));
loom_revolt_load();
var_dump(ini_get('loom.preempt_ms'));
// A spinning task beside an AMPHP timer: never moved aside now.
$spin = Loom\spawn(function () { $t = hrtime(true); while (hrtime(true) - $t < 50e6); });
$amp = Amp\async(fn() => Amp\delay(0.001));
$spin->await();
$amp->await();
var_dump(Loom\stats()['preemptions']);
?>
--EXPECT--
string(2) "10"
string(1) "0"
int(0)
