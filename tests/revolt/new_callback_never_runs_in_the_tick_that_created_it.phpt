--TEST--
Revolt: a callback created or enabled during a tick runs in a later tick, never in the one that created it
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$tick = 0;
EventLoop::repeat(0, function ($id) use (&$tick) { $tick++; if ($tick === 4) EventLoop::cancel($id); });
EventLoop::defer(function () use (&$tick) {
    $created = $tick;
    echo "defer runs in tick $created\n";
    EventLoop::defer(function () use ($created, &$tick) {
        echo $tick > $created ? "inner defer ran in a later tick\n" : "inner defer ran in the same tick\n";
    });
    EventLoop::delay(0, function () use ($created, &$tick) {
        echo $tick > $created ? "delay(0) ran in a later tick\n" : "delay(0) ran in the same tick\n";
    });
});
EventLoop::run();
loom_revolt_baseline();
?>
--EXPECTF--
defer runs in tick 0
inner defer ran in a later tick
delay(0) ran in a later tick
baseline: ok
