--TEST--
Revolt: the error handler receives what callbacks and microtasks throw, and the loop goes on; a non-null return is an InvalidCallbackError
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
var_dump(EventLoop::getErrorHandler());
$h = function (Throwable $e) { echo "handler: ", get_class($e), ": ", $e->getMessage(), "\n"; };
EventLoop::setErrorHandler($h);
var_dump(EventLoop::getErrorHandler() === $h);
EventLoop::defer(fn() => throw new RuntimeException('from defer'));
EventLoop::queue(fn() => throw new LogicException('from microtask'));
EventLoop::delay(0, fn() => 42);
EventLoop::delay(0.01, function () { echo "still running\n"; });
EventLoop::run();
EventLoop::setErrorHandler(null);
var_dump(EventLoop::getErrorHandler());
loom_revolt_baseline();
?>
--EXPECTF--
NULL
bool(true)
handler: LogicException: from microtask
handler: RuntimeException: from defer
handler: Revolt\EventLoop\InvalidCallbackError: Non-null return value received from callback {closure%S} defined in %s
still running
NULL
baseline: ok
