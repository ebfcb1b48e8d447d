--TEST--
Revolt: deferred callbacks run before timers and streams of the same tick, in the order they were enabled
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
fwrite($b, 'x');
EventLoop::delay(0, function () { echo "delay 0\n"; });
$w = EventLoop::onReadable($a, function ($id) { echo "readable\n"; EventLoop::cancel($id); });
$d1 = EventLoop::defer(function () { echo "defer 1\n"; });
$d2 = EventLoop::defer(function () { echo "defer 2\n"; });
$d3 = EventLoop::defer(function () { echo "defer 3\n"; });
EventLoop::disable($d1);
EventLoop::enable($d1);   // enabled again after d2 and d3: runs after them
EventLoop::run();
loom_revolt_baseline();
?>
--EXPECTF--
defer 2
defer 3
defer 1
delay 0
readable
baseline: ok
