--TEST--
Scheduler: a plain Fiber started in a task that waits in Loom and later throws is reported as a warning naming the fiber; the exception never comes out of an unrelated await
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$gate = new Loom\Channel(1);
$bystander = Loom\spawn(function () use ($gate) { return 'bystander got ' . $gate->receive(); });
$task = Loom\spawn(function () use ($gate) {
    $fiber = new Fiber(function () use ($gate) {
        Loom\sleep(0);           // parks in Loom: the task goes on; Loom resumes this fiber later
        $gate->send('its value');  // buffered: wakes the bystander, then this fiber throws
        throw new RuntimeException('from a plain fiber');
    });
    $fiber->start();
    return 'task done';
});
var_dump($task->await());
try {
    var_dump($bystander->await());
} catch (Throwable $e) {
    echo "bystander await threw (wrong): ", $e->getMessage(), "\n";
}
// Started at the top level, the same holds for the top-level code waiting meanwhile.
$fiber = new Fiber(function () { Loom\sleep(0); throw new LogicException('from a top-level fiber'); });
$fiber->start();
try {
    Loom\sleep(0.01);
    echo "top-level sleep returned\n";
} catch (Throwable $e) {
    echo "top-level sleep threw (wrong): ", $e->getMessage(), "\n";
}
var_dump($fiber->isTerminated());
loom_assert_baseline();
?>
--EXPECTF--
string(9) "task done"

Warning: Loom: the Fiber running {closure%S}() defined at %suser_fiber_exception_after_loom_resume_reaches_no_waiter.php:6 threw after Loom resumed it, and no code can catch it there: RuntimeException: from a plain fiber in %suser_fiber_exception_after_loom_resume_reaches_no_waiter.php on line 9
string(23) "bystander got its value"

Warning: Loom: the Fiber running {closure%S}() defined at %s:21 threw after Loom resumed it, and no code can catch it there: LogicException: from a top-level fiber in %s on line 21
top-level sleep returned
bool(true)
baseline: ok
