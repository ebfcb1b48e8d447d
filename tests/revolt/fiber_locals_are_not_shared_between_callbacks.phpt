--TEST--
Revolt: a FiberLocal set by one callback is not seen by the next callback, which reuses the callback fiber; a callback that suspended keeps its own
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
use Revolt\EventLoop\FiberLocal;
$local = new FiberLocal(fn() => 'initial');
EventLoop::defer(function () use ($local) {
    echo "first sees: ", $local->get(), "\n";
    $local->set('first');
});
EventLoop::delay(0.001, function () use ($local) {
    echo "second sees: ", $local->get(), "\n";
    $local->set('second');
    $s = EventLoop::getSuspension();
    EventLoop::delay(0.01, fn() => $s->resume());
    $s->suspend();                            // this callback keeps its fiber (and its local)
    echo "second after suspending sees: ", $local->get(), "\n";
});
EventLoop::delay(0.005, function () use ($local) {
    echo "third sees: ", $local->get(), "\n";
    $local->set('third');
});
EventLoop::run();
echo "main sees: ", $local->get(), "\n";
loom_revolt_baseline();
?>
--EXPECT--
first sees: initial
second sees: initial
third sees: initial
second after suspending sees: second
main sees: initial
baseline: ok
