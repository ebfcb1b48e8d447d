--TEST--
Revolt: the driver's loop task, ended and restarted on Loom's pooled worker fiber many times while preemption slices are short, always runs (regression: a preemption right after a parked worker was resumed lost its next task)
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
// The driver turns preemption off; a user may turn it back on (1 ms slices make the races likely).
ini_set('loom.preempt_ms', '1');
// Each round: the loop task starts (on the parked worker), runs 2,000 microtasks that spin a little, resumes
// {main}, and ends once nothing is left.
$rounds = loom_scale(20, 4);
for ($round = 0; $round < $rounds; $round++) {
    $s = EventLoop::getSuspension();
    $n = 0;
    for ($i = 0; $i < 2000; $i++) {
        EventLoop::queue(function () use (&$n, $s) {
            $x = 0;
            for ($j = 0; $j < 50; $j++) $x += $j;
            if (++$n === 2000) $s->resume($n);
        });
    }
    if ($s->suspend() !== 2000) echo "round $round: wrong count\n";
}
echo $round === $rounds ? "all rounds ran\n" : "stopped at round $round\n";
loom_revolt_baseline();
?>
--EXPECT--
all rounds ran
baseline: ok
