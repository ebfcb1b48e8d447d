--TEST--
Revolt: onSignal() calls back with the signal number when the process gets it
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); if (!function_exists('posix_kill')) die('skip posix'); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$id = EventLoop::onSignal(SIGUSR1, function ($id, $signo) {
    echo "signal $signo\n";
    EventLoop::cancel($id);
});
EventLoop::defer(function () { posix_kill(getmypid(), SIGUSR1); });
EventLoop::run();
var_dump(EventLoop::getIdentifiers());
loom_revolt_baseline();
?>
--EXPECTF--
signal 10
array(0) {
}
baseline: ok
