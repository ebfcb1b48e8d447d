--TEST--
Revolt: a cancelled callback (an active timer or a stream watcher) releases its closure at once, and many cancelled long timers do not pile up
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
$driver = loom_revolt_load();
use Revolt\EventLoop;

$captured = new stdClass();
$ref = WeakReference::create($captured);
$timer = EventLoop::delay(30, function () use ($captured) {});
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$watcher = EventLoop::onReadable($a, function () use ($captured) {});
unset($captured);
Loom\sleep(0.01);   // the loop runs a tick: both are active now
EventLoop::cancel($timer);
EventLoop::cancel($watcher);
var_dump($ref->get());

// Request timeouts that never fire: 20 rounds of 200 long timers, each cancelled once active.
for ($round = 0; $round < 20; $round++) {
    $ids = [];
    for ($i = 0; $i < 200; $i++) $ids[] = EventLoop::delay(30, function () {});
    Loom\sleep(0.001);
    foreach ($ids as $id) EventLoop::cancel($id);
}
EventLoop::run();
$heap = (new ReflectionProperty($driver, 'timers'))->getValue($driver);
echo count($heap) <= 512 ? "stale timer entries bounded\n" : count($heap) . " entries left\n";
loom_revolt_baseline();
?>
--EXPECT--
NULL
stale timer entries bounded
baseline: ok
