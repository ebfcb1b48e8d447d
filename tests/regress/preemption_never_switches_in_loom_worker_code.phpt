--TEST--
Regress: preemption never switches a task out while Loom's worker code runs (between tasks, or after a task's body returned), so no task is left on a dead worker as "suspended by Fiber::suspend() outside Loom"
--INI--
loom.preempt_ms=1
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';

// 1. Tasks whose callable is an internal function: no task code of theirs is ever on the stack, only
// the worker's frame. PHP still delivers the VM interrupt the ticker raises during usleep() as the call
// returns to the worker; it must not preempt there (before the fix every one of them was "preempted").
$before = Loom\stats()['preemptions'];
$sleepers = [];
for ($i = 0; $i < 4; $i++) {
    $sleepers[] = Loom\spawn('usleep', 30000);
}
foreach ($sleepers as $t) {
    var_dump($t->await());
}
echo 'preempted in worker code: ', Loom\stats()['preemptions'] - $before, "\n";

// 2. Many hand-overs of pooled workers from task to task, with CPU work, yields, spawns and awaits in
// between, preempt_ms=1: every task completes with its exact result and nothing deadlocks.
function burn(int $n): int
{
    $x = 0;
    for ($i = 0; $i < $n; $i++) {
        $x = ($x * 31 + $i) % 1000003;
    }
    return $x;
}

$n = loom_scale(1500, 150);
$rounds = loom_scale(4, 2);
$total = 0;
$deadlocks = 0;
for ($r = 0; $r < $rounds; $r++) {
    $tasks = [];
    for ($i = 0; $i < $n; $i++) {
        $tasks[] = Loom\spawn(function () use ($i) {
            burn(300);
            $sub = Loom\spawn(function () use ($i) {
                burn(200);
                return $i;
            });
            Loom\sleep(0);
            $inner = Loom\spawn('usleep', 0);
            $inner->await();
            return $sub->await() + 1;
        });
    }
    foreach ($tasks as $t) {
        try {
            $total += $t->await();
        } catch (Loom\DeadlockException $e) {
            $deadlocks++;
            echo $e->getMessage(), "\n";
        }
    }
}
$want = $rounds * ($n * ($n - 1) / 2 + $n);
echo $total === $want ? 'all results exact' : "sum $total, want $want", "\n";
echo "deadlocks: $deadlocks\n";
loom_assert_baseline();
?>
--EXPECT--
NULL
NULL
NULL
NULL
preempted in worker code: 0
all results exact
deadlocks: 0
baseline: ok
