--TEST--
Scheduler: Loom\atomic() runs its callable with preemption off for the calling task (nested calls too; outside a task it just calls it), while the same spinning code outside atomic() is interleaved with another task
--INI--
loom.preempt_ms=1
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
// Spins until the other task has made progress (proof of interleaving) or $seconds of spinning passed.
function spin_until_other_moves(array &$progress, string $me, string $other, float $seconds): string {
    $seen = $progress[$other];
    $t = hrtime(true);
    while ($progress[$other] === $seen && hrtime(true) - $t < $seconds * 1e9) {
        $progress[$me]++;
    }
    return $progress[$other] === $seen ? 'alone' : 'interleaved';
}
$progress = ['a' => 0, 'b' => 0];
$b = Loom\spawn(function () use (&$progress) {
    $t = hrtime(true);
    while (hrtime(true) - $t < 60e9 && $progress['b'] < 1e12) { $progress['b']++; if ($progress['a'] < 0) break; }
});
$a = Loom\spawn(function () use (&$progress) {
    $inside = Loom\atomic(fn() => Loom\atomic(fn($x) => $x . spin_until_other_moves($progress, 'a', 'b', 2), 'nested atomic: '));
    // Up to 20 s: valgrind without --fair-sched=yes can keep the ticker thread off the CPU for seconds
    // while this thread spins.
    $outside = 'outside atomic: ' . spin_until_other_moves($progress, 'a', 'b', 20);
    $progress['a'] = -1;   // stop b
    return [$inside, $outside];
});
echo implode("\n", $a->await()), "\n";
$b->await();
echo Loom\atomic(fn(int $x, int $y) => "top level: " . ($x + $y), 2, y: 3), "\n";
loom_assert_baseline();
?>
--EXPECT--
nested atomic: alone
outside atomic: interleaved
top level: 5
baseline: ok
