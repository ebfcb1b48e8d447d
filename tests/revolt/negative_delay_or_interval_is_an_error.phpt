--TEST--
Revolt: delay() and repeat() with a negative time throw Error and register nothing; 0 is allowed
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
foreach (['delay', 'repeat'] as $method) {
    try {
        EventLoop::$method(-0.001, function () {});
        echo "$method: accepted\n";
    } catch (Error $e) {
        echo "$method: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
var_dump(EventLoop::getIdentifiers());
EventLoop::delay(0, function () { echo "delay(0) ran\n"; });
EventLoop::repeat(0, function ($id) { echo "repeat(0) ran\n"; EventLoop::cancel($id); });
EventLoop::run();
loom_revolt_baseline();
?>
--EXPECT--
delay: Error: Delay must be greater than or equal to zero
repeat: Error: Interval must be greater than or equal to zero
array(0) {
}
delay(0) ran
repeat(0) ran
baseline: ok
