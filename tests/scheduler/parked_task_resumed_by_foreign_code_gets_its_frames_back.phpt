--TEST--
Scheduler: a task whose stack is parked in a long sleep and that another task resumes through its Fiber object gets its frames back and sees Loom's "resumed by other code" exception
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$fiberOfA = null;
$a = Loom\spawn(function () use (&$fiberOfA): string {
    $fiberOfA = Fiber::getCurrent();
    return loom_dive(10, 1, function (): string {
        try {
            Loom\sleep(600);
            return 'slept (wrong)';
        } catch (Loom\Exception $e) {
            return get_class($e) . ': ' . $e->getMessage();
        }
    });
});
loom_wait_until(fn() => Loom\stats()['parked_stacks'] === 1, 'task A parked in its sleep');
echo "A parked: ", Loom\stats()['parked_stacks'], "\n";
$b = Loom\spawn(function () use (&$fiberOfA): string {
    $fiberOfA->resume();  // not Loom's to do: A wakes on its own frames and is told so
    return 'B resumed A';
});
echo $b->await(), "\n";
echo $a->await(), "\n";
echo "frames changed: ", loom_frames_changed(), "\n";
unset($fiberOfA);
loom_assert_baseline();
?>
--EXPECT--
A parked: 1
B resumed A
Loom\Exception: A fiber waiting in Loom (sleep) was resumed by other code; only Loom may resume a fiber it suspended
frames changed: 0
baseline: ok
