--TEST--
Scheduler: the preemption ticker thread sleeps while no task runs: once parked, during a 300 ms wait at top level with no task running it is not woken once (its voluntary context switches in /proc do not change)
--SKIPIF--
<?php if (!is_dir('/proc/self/task')) die('skip needs Linux /proc'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
function other_threads(): array {
    $out = [];
    foreach (scandir('/proc/self/task') as $tid) {
        if ($tid === '.' || $tid === '..' || (int)$tid === getmypid()) continue;
        $status = @file_get_contents("/proc/self/task/$tid/status");
        if ($status !== false && preg_match('/^voluntary_ctxt_switches:\s+(\d+)/m', $status, $m)) $out[$tid] = (int)$m[1];
    }
    return $out;
}
echo 'threads before any task: ', count(other_threads()), "\n";
Loom\spawn(function () { $t = hrtime(true); while (hrtime(true) - $t < 30e6); })->await();  // starts the ticker
// The ticker's last timed wait (one 10 ms slice) ends with one wake-up after which it parks: wait until
// its count has not moved for three 50 ms looks in a row.
$before = other_threads();
for ($same = 0, $i = 0; $same < 3 && $i < 100; $i++) {
    Loom\sleep(0.05);
    $now = other_threads();
    $same = $now === $before ? $same + 1 : 0;
    $before = $now;
}
echo 'ticker threads after a task ran: ', count($before), "\n";
Loom\sleep(0.3);                  // the loop blocks in epoll; no task runs
$after = other_threads();
echo 'ticker wake-ups while idle: ', array_sum($after) - array_sum($before), "\n";
loom_assert_baseline();
?>
--EXPECT--
threads before any task: 0
ticker threads after a task ran: 1
ticker wake-ups while idle: 0
baseline: ok
