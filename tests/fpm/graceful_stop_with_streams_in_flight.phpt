--TEST--
FPM: a graceful stop (SIGQUIT to the master) while pages stream: the pages finish, then the workers and the master exit cleanly
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 2, 'process_control_timeout' => '10s']);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'fanout.php', LOOM_FPM_FANOUT_PAGE);
$workers = loom_fpm_workers($fpm);
// Five streams of 20 tokens 50 ms apart per page (about 1 s); the stop is asked for 0.3 s in.
$query = ['url' => $up['url'], 'k' => 5, 'tokens' => 20, 'interval_ms' => 50, 'ttft_ms' => 10];
$signalled = false;
$results = loom_fpm_requests($fpm, array_fill(0, 2, ['script' => 'fanout.php', 'query' => $query, 'timeout' => 15]), 0,
    function (float $t) use ($fpm, &$signalled) {
        if (!$signalled && $t >= 0.3) {
            loom_fpm_signal($fpm, SIGQUIT);
            $signalled = true;
        }
    });
foreach ($results as $i => $r) {
    $p = json_decode($r['body'], true);
    echo "page in flight $i: ", $r['ended'] && ($p['tokens'] ?? 0) === 100 && !$p['errors'] ? 'finished, all 100 tokens'
        : 'NOT finished: ' . json_encode([$r['status'], $r['error'], substr($r['body'], 0, 300)]), "\n";
}
$deadline = microtime(true) + 5;
while (($status = proc_get_status($fpm['proc']))['running'] && microtime(true) < $deadline) {
    usleep(20000);
}
echo "master exited: ", $status['running'] ? 'NO' : "yes, code {$status['exitcode']}", "\n";
echo "workers gone: ", array_filter($workers, fn($pid) => file_exists("/proc/$pid")) ? 'NO' : 'yes', "\n";
$log = loom_fpm_log($fpm);
echo "log: ", preg_match('/Finishing \.\.\..*exiting, bye-bye!/s', $log) ? 'Finishing ... exiting, bye-bye!' : "NO:\n$log", "\n";
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECT--
page in flight 0: finished, all 100 tokens
page in flight 1: finished, all 100 tokens
master exited: yes, code 0
workers gone: yes
log: Finishing ... exiting, bye-bye!
crash lines in the FPM log: 0
