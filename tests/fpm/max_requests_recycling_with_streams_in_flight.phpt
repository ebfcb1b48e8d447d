--TEST--
FPM: pm.max_requests recycles workers while other pages stream: every page completes, workers exit cleanly, respawned ones serve correctly
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 2, 'max_requests' => 5]);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'fanout.php', LOOM_FPM_FANOUT_PAGE);
// Five streams of 10 tokens 10 ms apart per page; four requests at a time, so a worker is always
// streaming while the other one is recycled.
$query = ['url' => $up['url'], 'k' => 5, 'tokens' => 10, 'interval_ms' => 10, 'ttft_ms' => 10];
$initial = loom_fpm_workers($fpm);
$results = loom_fpm_requests($fpm, array_fill(0, 40, ['script' => 'fanout.php', 'query' => $query]), 4);
$pids = [];
$bad = 0;
foreach ($results as $r) {
    $p = json_decode($r['body'], true);
    if ($r['status'] === 200 && $r['ended'] && ($p['tokens'] ?? 0) === 50 && !$p['errors'] && $p['stats_start']['curl_handles'] === 0) {
        $pids[$p['pid']] = ($pids[$p['pid']] ?? 0) + 1;
    } else {
        $bad++;
        echo json_encode([$r['status'], $r['error'], substr($r['body'], 0, 300)]), "\n";
    }
}
echo "pages complete: ", 40 - $bad, "/40\n";
echo "no worker served more than 5 requests: ", max($pids) <= 5 ? 'yes' : json_encode($pids), "\n";
echo "workers were recycled: ", count($pids) >= 8 ? 'yes' : 'NO: ' . count($pids) . ' PIDs', "\n";
$log = loom_fpm_log($fpm);
echo "clean exits logged: ", preg_match_all('/child \d+ exited with code 0 after/', $log) >= 6 ? 'yes' : 'NO', "\n";
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
$later = loom_fpm_requests($fpm, array_fill(0, 4, ['script' => 'fanout.php', 'query' => $query]), 2);
echo "later pages: ", count(array_filter($later, fn($r) => (json_decode($r['body'], true)['tokens'] ?? 0) === 50)), "/4\n";
?>
--EXPECT--
pages complete: 40/40
no worker served more than 5 requests: yes
workers were recycled: yes
clean exits logged: yes
crash lines in the FPM log: 0
later pages: 4/4
