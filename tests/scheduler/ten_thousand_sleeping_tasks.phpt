--TEST--
Scheduler: 10,000 tasks with random 0-50 ms sleeps all complete, in about the longest sleep, and counts return to baseline
--INI--
memory_limit=-1
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$n = loom_scale(10000, 300);
mt_srand(42);
$m0 = memory_get_usage();
$t0 = hrtime(true);
$tasks = [];
for ($i = 0; $i < $n; $i++) {
    $tasks[] = Loom\spawn(function ($ms) { Loom\sleep($ms / 1000); return 1; }, mt_rand(0, 50));
}
$peakTasks = Loom\stats()['tasks'];
$sum = array_sum(Loom\all($tasks));
$ms = (hrtime(true) - $t0) / 1e6;
unset($tasks);
var_dump($sum === $n, $peakTasks === $n);
printf("%d tasks: %.0f ms wall, peak %.1f MiB PHP memory (%.1f KiB per task)\n", $n, $ms,
    memory_get_peak_usage() / 1048576, (memory_get_peak_usage() - $m0) / $n / 1024);
loom_assert_baseline();
// What stays is the pool of idle worker fibers (at most 64, ~21 KiB each: under 2 MiB), not the tasks.
$left = memory_get_usage() - $m0;
var_dump($left < 2 * 1024 * 1024);
printf("%.1f KiB left after the tasks finished\n", $left / 1024);
?>
--EXPECTF--
bool(true)
bool(true)
%d tasks: %d ms wall, peak %f MiB PHP memory (%f KiB per task)
baseline: ok
bool(true)
%f KiB left after the tasks finished
