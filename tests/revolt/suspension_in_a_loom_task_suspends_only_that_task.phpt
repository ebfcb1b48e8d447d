--TEST--
Revolt: getSuspension() in a Loom task suspends that task only; other tasks and the loop run; Loom's deadlock detection sees a suspension nothing resumes
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$order = [];
$a = Loom\spawn(function () use (&$order) {
    $s = EventLoop::getSuspension();
    EventLoop::delay(0.02, fn() => $s->resume('a resumed'));
    $order[] = 'a suspends';
    $order[] = $s->suspend();
});
$b = Loom\spawn(function () use (&$order) { $order[] = 'b runs while a is suspended'; });
Loom\all([$a, $b]);
echo implode("\n", $order), "\n";
$c = Loom\spawn(fn() => EventLoop::getSuspension()->suspend());
try {
    $c->await();
} catch (Loom\DeadlockException $e) {
    echo "DeadlockException\n";
}
$c->cancel();   // the deadlock reached its awaiter ({main}); the task itself still waits until cancelled
try { $c->await(); } catch (Loom\CancelledException $e) { echo "cancelled\n"; }
loom_revolt_baseline();
?>
--EXPECTF--
a suspends
b runs while a is suspended
a resumed
DeadlockException
cancelled
baseline: ok
