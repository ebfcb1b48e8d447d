--TEST--
Revolt: a {main} suspension nothing can resume throws Revolt's 'Event loop terminated without resuming' Error, with Loom's DeadlockException as previous
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
EventLoop::unreference(EventLoop::delay(10, fn() => null));
try {
    EventLoop::getSuspension()->suspend();
} catch (Error $e) {
    echo get_class($e), ": ", substr($e->getMessage(), 0, 61), "\n";
    echo get_class($e->getPrevious()), "\n";
}
echo "end\n";
?>
--EXPECTF--
Error: Event loop terminated without resuming the current suspension
Loom\DeadlockException
end
