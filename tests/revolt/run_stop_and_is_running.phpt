--TEST--
Revolt: run() returns when stopped (after the current tick) or out of work; stop() twice is fine; isRunning() is true inside callbacks only; run() in a fiber or inside run() is refused
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
var_dump(EventLoop::getDriver()->isRunning());
EventLoop::defer(function () {
    var_dump(EventLoop::getDriver()->isRunning());
    EventLoop::getDriver()->stop();
    EventLoop::getDriver()->stop();
    EventLoop::defer(function () { echo "next run\n"; }); // created in this tick: runs in the next run()
});
EventLoop::defer(function () { echo "same tick still runs\n"; });
EventLoop::run();
echo "stopped\n";
var_dump(EventLoop::getDriver()->isRunning());
EventLoop::run();
$f = new Fiber(function () { try { EventLoop::run(); } catch (Error $e) { echo $e->getMessage(), "\n"; } });
$f->start();
EventLoop::defer(function () { try { EventLoop::run(); } catch (Error $e) { echo "nested: ", $e->getMessage(), "\n"; } });
EventLoop::run();
loom_revolt_baseline();
?>
--EXPECTF--
bool(false)
bool(true)
same tick still runs
stopped
bool(false)
next run
Can't call Loom\Revolt\Driver::run() within a fiber (i.e., outside of {main})
nested: The event loop is already running
baseline: ok
