--TEST--
Revolt: disable() takes effect at once (a defer disabled by an earlier one of the same tick does not run); enable() brings it back
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$d2 = null;
EventLoop::defer(function () use (&$d2) { echo "defer 1 disables defer 2\n"; EventLoop::disable($d2); });
$d2 = EventLoop::defer(function () { echo "defer 2\n"; });
$t = EventLoop::delay(0.01, function () { echo "timer\n"; });
EventLoop::disable($t);
var_dump(EventLoop::isEnabled($t));
EventLoop::run();
echo "loop ended\n";
var_dump(EventLoop::isEnabled($d2));
EventLoop::enable($d2);
EventLoop::enable($t);
var_dump(EventLoop::isEnabled($t));
EventLoop::run();
loom_revolt_baseline();
?>
--EXPECTF--
bool(false)
defer 1 disables defer 2
loop ended
bool(false)
bool(true)
defer 2
timer
baseline: ok
