--TEST--
Revolt: a callback that suspended and throws after the loop ran out of work still stops the loop's next run with UncaughtThrowable (thrown into the waiting {main} suspension)
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
EventLoop::defer(function () {
    Loom\sleep(0.01);          // the loop has nothing referenced meanwhile and ends
    throw new RuntimeException('thrown after resuming');
});
try {
    EventLoop::getSuspension()->suspend();
} catch (Revolt\EventLoop\UncaughtThrowable $e) {
    echo get_class($e), ': ', $e->getPrevious()->getMessage(), "\n";
}
loom_revolt_baseline();
?>
--EXPECT--
Revolt\EventLoop\UncaughtThrowable: thrown after resuming
baseline: ok
