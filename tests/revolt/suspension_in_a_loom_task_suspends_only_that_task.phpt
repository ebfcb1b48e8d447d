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
$s = null;
$a = Loom\spawn(function () use (&$order, &$s) {
    $s = EventLoop::getSuspension();
    $order[] = 'a suspends';
    $order[] = $s->suspend();
});
$b = Loom\spawn(function () use (&$order, &$s) {
    loom_wait_until(function () use (&$s, &$order) { return $s !== null && in_array('a suspends', $order, true); }, 'a suspended');
    $order[] = 'b runs while a is suspended';
    EventLoop::delay(0.01, fn() => $s->resume('a resumed'));
});
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
