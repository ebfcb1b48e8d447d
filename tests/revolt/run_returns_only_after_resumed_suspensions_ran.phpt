--TEST--
Revolt: a resumed Suspension is work, as Revolt's queued resume is: run() returns only after the resumed fiber (or suspended callback) ran, even with no callback left
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
// A plain Fiber waiting in a suspension, resumed from {main}: the next run() runs it.
$fiber = new Fiber(function () {
    $s = EventLoop::getSuspension();
    $GLOBALS['resume'] = fn($v) => $s->resume($v);
    echo "fiber got: ", $s->suspend(), "\n";
});
$fiber->start();
($GLOBALS['resume'])('value');
EventLoop::run();
echo "run() returned, fiber done: ", var_export($fiber->isTerminated(), true), "\n";
// A callback suspended in a suspension that the last referenced callback resumes.
EventLoop::defer(function () {
    $s = EventLoop::getSuspension();
    EventLoop::delay(0.01, fn() => $s->resume('late'));
    echo "callback got: ", $s->suspend(), "\n";
});
EventLoop::run();
echo "run() returned\n";
loom_revolt_baseline();
?>
--EXPECT--
fiber got: value
run() returned, fiber done: true
callback got: late
run() returned
baseline: ok
