--TEST--
Revolt: a callback may suspend (Loom\sleep, an AMPHP await): later callbacks run meanwhile in a new callback fiber
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$toFirst = new Loom\Channel(1);
$done = new Loom\Channel(2);
$second = null;
EventLoop::defer(function () use ($toFirst, $done) {
    echo "first suspends in a Loom channel\n";
    $got = $toFirst->receive();
    echo "first got: $got\n";
    $done->send(1);
});
EventLoop::defer(function () use (&$second, $done) {
    echo "second runs meanwhile and suspends in a Revolt suspension\n";
    $second = EventLoop::getSuspension();
    $got = $second->suspend();
    echo "second got: $got\n";
    $done->send(2);
});
EventLoop::defer(function () use (&$second, $toFirst) {
    echo "third runs and resumes both\n";
    $second->resume('resumed by third');
    $toFirst->send('sent by third');
});
$done->receive();
$done->receive();
loom_revolt_baseline();
?>
--EXPECTF--
first suspends in a Loom channel
second runs meanwhile and suspends in a Revolt suspension
third runs and resumes both
second got: resumed by third
first got: sent by third
baseline: ok
