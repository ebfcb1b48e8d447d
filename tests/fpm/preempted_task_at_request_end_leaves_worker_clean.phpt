--TEST--
FPM: a page whose CPU-bound task is being preempted when the request ends (by exit(), by max_execution_time, or by a page that just returns with loom.shutdown=cancel) leaves the worker clean: the same worker serves the next pages correctly, with preemption still working there
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 1, 'php_admin' => ['loom.preempt_ms' => 5]]);
loom_fpm_page($fpm, 'spin.php', <<<'PAGE'
<?php
ini_set('loom.shutdown', 'cancel');
if ($_GET['end'] === 'timeout') set_time_limit(1);
Loom\spawn(function () { $x = 0; while (true) $x++; });       // never suspends
// Waits on an event: the spinner has been preempted at least once.
Loom\spawn(function () { while (Loom\stats()['preemptions'] === 0) Loom\sleep(0.001); })->await();
echo "preempted\n";
if ($_GET['end'] === 'exit') exit(0);
if ($_GET['end'] === 'timeout') { Loom\sleep(30); }            // the spinner keeps running until the limit
PAGE);
loom_fpm_page($fpm, 'check.php', <<<'PAGE'
<?php
$entry = Loom\stats();
$ticks = 0;
$t = Loom\spawn(function () use (&$ticks) { while ($ticks < 3) { Loom\sleep(0.005); $ticks++; } });
$s = Loom\spawn(function () use (&$ticks) { $d = hrtime(true) + 10e9; while ($ticks < 3 && hrtime(true) < $d); });
$t->await(); $s->await();
echo json_encode(['pid' => getmypid(), 'tasks' => $entry['tasks'], 'waiting' => $entry['waiting'],
    'timers' => $entry['timers'], 'preemptions_on_entry' => $entry['preemptions'], 'ticks' => $ticks]);
PAGE);
$first = json_decode(loom_fpm_request($fpm, 'check.php')['body'], true);
foreach (['exit', 'timeout', 'return'] as $end) {
    $r = loom_fpm_request($fpm, 'spin.php', ['query' => ['end' => $end], 'timeout' => 30]);
    echo "$end: ended ", $r['ended'] ? 'yes' : 'no', ', body ', json_encode(trim($r['body'])),
        str_contains($r['stderr'] . $r['body'], 'Maximum execution time') ? ', time limit reported' : '', "\n";
    $c = json_decode(loom_fpm_request($fpm, 'check.php')['body'], true);
    echo "  next page: same worker ", $c['pid'] === $first['pid'] ? 'yes' : 'no',
        ", on entry tasks={$c['tasks']} waiting={$c['waiting']} timers={$c['timers']} preemptions={$c['preemptions_on_entry']}",
        ", spinner beside a ticker preempted again: ", $c['ticks'] === 3 ? 'yes' : 'no', "\n";
}
echo 'crash lines in the FPM log: ', count(loom_fpm_log_crashes($fpm)), "\n";
loom_fpm_stop($fpm);
?>
--EXPECT--
exit: ended yes, body "preempted"
  next page: same worker yes, on entry tasks=0 waiting=0 timers=0 preemptions=0, spinner beside a ticker preempted again: yes
timeout: ended yes, body "preempted", time limit reported
  next page: same worker yes, on entry tasks=0 waiting=0 timers=0 preemptions=0, spinner beside a ticker preempted again: yes
return: ended yes, body "preempted"
  next page: same worker yes, on entry tasks=0 waiting=0 timers=0 preemptions=0, spinner beside a ticker preempted again: yes
crash lines in the FPM log: 0
