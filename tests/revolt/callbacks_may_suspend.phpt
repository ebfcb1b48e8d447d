--TEST--
Revolt: a callback may suspend (Loom\sleep, an AMPHP await): later callbacks run meanwhile in a new callback fiber
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
EventLoop::defer(function () {
    echo "first suspends\n";
    Loom\sleep(0.03);
    echo "first resumed\n";
});
EventLoop::defer(function () {
    echo "second runs meanwhile\n";
    Amp\delay(0.01);
    echo "second resumed\n";
});
EventLoop::defer(function () { echo "third runs\n"; });
Loom\sleep(0.1);
loom_revolt_baseline();
?>
--EXPECTF--
first suspends
second runs meanwhile
third runs
second resumed
first resumed
baseline: ok
