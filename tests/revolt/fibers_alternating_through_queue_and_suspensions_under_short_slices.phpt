--TEST--
Revolt: two AMPHP fibers alternating through queue() and their suspensions 20,000 times (5 rounds) never strand a microtask, also with 1 ms preemption slices (the loop's decision to end is never interleaved with a fiber Loom resumed)
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
// The driver turns preemption off; a user may turn it back on (1 ms slices make the races likely).
ini_set('loom.preempt_ms', '1');
$k = loom_scale(20000, 2000);
$turns = 0;
$f = function () use ($k, &$turns): void {
    for ($i = 0; $i < $k; $i++) {
        $s = EventLoop::getSuspension();
        EventLoop::queue($s->resume(...));
        $s->suspend();
        $turns++;
    }
};
$rounds = loom_scale(5, 1);
for ($r = 0; $r < $rounds; $r++) {
    Amp\Future\await([Amp\async($f), Amp\async($f)]);
}
echo $turns === 2 * $k * $rounds ? "every turn ran\n" : "turns: $turns\n";
loom_revolt_baseline();
?>
--EXPECT--
every turn ran
baseline: ok
