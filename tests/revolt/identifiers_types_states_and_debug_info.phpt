--TEST--
Revolt: getIdentifiers(), getType(), isEnabled(), isReferenced() and __debugInfo() describe the registered callbacks
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$ids = [
    EventLoop::defer(fn() => null),
    EventLoop::delay(1, fn() => null),
    EventLoop::repeat(1, fn() => null),
    EventLoop::onReadable($a, fn() => null),
    EventLoop::onWritable($b, fn() => null),
];
EventLoop::disable($ids[1]);
EventLoop::unreference($ids[2]);
var_dump(EventLoop::getIdentifiers() === $ids);
foreach ($ids as $id) {
    echo EventLoop::getType($id)->name, ' ', var_export(EventLoop::isEnabled($id), true), ' ', var_export(EventLoop::isReferenced($id), true), "\n";
}
$info = EventLoop::getDriver()->__debugInfo();
echo count($info['callbacks']), " callbacks, running: ", var_export($info['running'], true), "\n";
foreach ($ids as $id) EventLoop::cancel($id);
var_dump(EventLoop::getIdentifiers());
EventLoop::run();
loom_revolt_baseline();
?>
--EXPECTF--
bool(true)
Defer true true
Delay false true
Repeat true false
Readable true true
Writable true true
5 callbacks, running: false
array(0) {
}
baseline: ok
