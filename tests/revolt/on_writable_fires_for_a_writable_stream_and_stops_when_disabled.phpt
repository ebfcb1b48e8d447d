--TEST--
Revolt: onWritable() fires while the stream is writable, once per tick, and not after disable()
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$n = 0;
$id = EventLoop::onWritable($a, function ($id, $stream) use (&$n, $a) {
    var_dump($stream === $a);
    if (++$n === 3) EventLoop::disable($id);
});
EventLoop::run();
echo "fired $n times\n";
EventLoop::cancel($id);
loom_revolt_baseline();
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
fired 3 times
baseline: ok
