--TEST--
Scheduler: beside four CPU-bound tasks that never suspend, a task sleeping 20 ms at a time wakes within a few slices of its timer (p90 lateness under 8 slices of loom.preempt_ms=10), because preempted tasks take turns behind woken ones
--SKIPIF--
<?php if (getenv('LOOM_TEST_SCALE') === 'valgrind') die('skip a wall-clock bound; valgrind slows every slice by 20-50x'); ?>
--INI--
loom.preempt_ms=10
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$stop = false;
$spinners = [];
for ($i = 0; $i < 4; $i++) $spinners[] = Loom\spawn(function () use (&$stop) { $x = 0; while (!$stop) $x++; });
$late = Loom\spawn(function () use (&$stop) {
    $late = [];
    for ($i = 0; $i < 30; $i++) {
        $due = hrtime(true) + 20e6;
        Loom\sleep(0.02);
        $late[] = (hrtime(true) - $due) / 1e6;
    }
    $stop = true;
    return $late;
})->await();
foreach ($spinners as $s) $s->await();
sort($late);
$p90 = $late[(int)round(0.9 * (count($late) - 1))];
echo 'p90 lateness under 8 slices (80 ms): ', $p90 < 80 ? 'yes' : sprintf('NO (%.1f ms)', $p90), "\n";
loom_assert_baseline();
?>
--EXPECT--
p90 lateness under 8 slices (80 ms): yes
baseline: ok
