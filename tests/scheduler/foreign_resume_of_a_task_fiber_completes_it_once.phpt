--TEST--
Scheduler: a task suspended by Fiber::suspend() and resumed by the code holding its fiber continues, gets the resume value and completes exactly once
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
// The pattern of a Revolt/AMPHP suspension: keep the current fiber, suspend, be resumed with a value.
$parked = null;
$t = Loom\spawn(function () use (&$parked) {
    $parked = Fiber::getCurrent();
    $v = Fiber::suspend('from task');
    echo "task resumed with $v\n";
    Loom\sleep(0);               // and it can still wait in Loom afterwards
    return "done:$v";
});
// Let it start and park (wait for the event: a slow first slice may be preempted before it parks).
loom_wait_until(function () use (&$parked) { return $parked !== null && $parked->isSuspended(); }, 'the task to park');
var_dump($parked instanceof Fiber, $parked->isSuspended(), Loom\stats()['tasks']);
$parked->resume('hello');
$parked = null;
var_dump($t->await());
var_dump(Loom\stats()['tasks']);
// Innocent tasks afterwards run normally on the pool.
$rs = Loom\all([Loom\spawn(fn() => 1), Loom\spawn(fn() => 2), Loom\spawn(fn() => 3)]);
var_dump(array_sum($rs));
loom_assert_baseline();
?>
--EXPECT--
bool(true)
bool(true)
int(1)
task resumed with hello
string(10) "done:hello"
int(0)
int(6)
baseline: ok
