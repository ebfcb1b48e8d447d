--TEST--
Revolt: queue() microtasks run in order, before the next callback, also when queued by a callback
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
EventLoop::defer(function () {
    echo "defer 1\n";
    EventLoop::queue(function ($x) { echo "micro from defer $x\n"; }, 'a');
    EventLoop::queue(function () { echo "micro from defer b\n"; });
});
EventLoop::defer(function () { echo "defer 2\n"; });
EventLoop::queue(function () { echo "micro 1\n"; });
EventLoop::queue(function () { echo "micro 2\n"; });
EventLoop::run();
loom_revolt_baseline();
?>
--EXPECTF--
micro 1
micro 2
defer 1
micro from defer a
micro from defer b
defer 2
baseline: ok
