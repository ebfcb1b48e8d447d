--TEST--
Revolt: with no error handler, an exception from a callback stops the loop and comes out of run() (and of a {main} suspension) as UncaughtThrowable
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$e1 = new RuntimeException('boom');
EventLoop::defer(fn() => throw $e1);
EventLoop::defer(function () { echo "the second defer runs when the loop runs again\n"; });
try {
    EventLoop::run();
} catch (Revolt\EventLoop\UncaughtThrowable $e) {
    echo get_class($e), ", previous is the thrown one: ", var_export($e->getPrevious() === $e1, true), "\n";
}
EventLoop::setErrorHandler(fn($e) => throw new LogicException('handler rethrows'));
EventLoop::delay(0, fn() => throw new RuntimeException('second'));
$s = EventLoop::getSuspension();
try {
    $s->suspend();
} catch (Revolt\EventLoop\UncaughtThrowable $e) {
    echo "suspend(): ", get_class($e->getPrevious()), ": ", $e->getPrevious()->getMessage(), "\n";
}
?>
--EXPECTF--
Revolt\EventLoop\UncaughtThrowable, previous is the thrown one: true
the second defer runs when the loop runs again
suspend(): LogicException: handler rethrows
