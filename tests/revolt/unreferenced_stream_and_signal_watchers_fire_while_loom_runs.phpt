--TEST--
Revolt: unreferenced onReadable(), onWritable() and onSignal() callbacks fire while Loom tasks keep the scheduler running, and keep nothing alive
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); if (!function_exists('posix_kill')) die('skip posix'); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
stream_set_blocking($a, false);
$seen = [];
EventLoop::unreference(EventLoop::onReadable($a, function ($id, $a) use (&$seen) {
    $seen['read'] = fread($a, 10);
    EventLoop::cancel($id);
}));
EventLoop::unreference(EventLoop::onWritable($b, function ($id) use (&$seen) {
    $seen['writable'] = true;
    EventLoop::cancel($id);
}));
EventLoop::unreference(EventLoop::onSignal(SIGUSR1, function ($id, $signo) use (&$seen) {
    $seen['signal'] = $signo;
    EventLoop::cancel($id);
}));
EventLoop::run();   // nothing referenced: returns at once
echo "after run(): ", json_encode($seen), "\n";
$writer = Loom\spawn(function () use ($b) {
    Loom\sleep(0.01);
    fwrite($b, 'ping');
    posix_kill(getmypid(), SIGUSR1);
});
loom_wait_until(function () use (&$seen) { return count($seen) === 3; }, 'the three watchers');
ksort($seen);
echo json_encode($seen), "\n";
$writer->await();
loom_revolt_baseline();
?>
--EXPECT--
after run(): []
{"read":"ping","signal":10,"writable":true}
baseline: ok
