--TEST--
FPM: a graceful reload (SIGUSR2 to the master) while pages stream: the pages finish, new workers take over and serve correctly
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 2, 'process_control_timeout' => '10s']);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'fanout.php', LOOM_FPM_FANOUT_PAGE);
$old = loom_fpm_workers($fpm);
// Five streams of 30 tokens 50 ms apart per page (about 1.5 s); the reload is asked for 0.4 s in.
$query = ['url' => $up['url'], 'k' => 5, 'tokens' => 30, 'interval_ms' => 50, 'ttft_ms' => 10];
$signalled = false;
$results = loom_fpm_requests($fpm, array_fill(0, 2, ['script' => 'fanout.php', 'query' => $query, 'timeout' => 15]), 0,
    function (float $t) use ($fpm, &$signalled) {
        if (!$signalled && $t >= 0.4) {
            loom_fpm_signal($fpm, SIGUSR2);
            $signalled = true;
        }
    });
foreach ($results as $i => $r) {
    $p = json_decode($r['body'], true);
    if ($r['ended'] && $r['status'] === 200 && ($p['tokens'] ?? 0) === 150 && !$p['errors']) {
        $outcome = 'finished, all 150 tokens';
    } elseif (!$r['ended'] && $p === null) {
        $outcome = 'failed cleanly (' . $r['error'] . ')';
    } else {
        $outcome = 'BROKEN: ' . json_encode([$r['status'], $r['error'], substr($r['body'], 0, 300)]);
    }
    echo "page in flight $i: $outcome\n";
}
$new = loom_fpm_wait_workers($fpm, 2, 10.0, $old);
echo "new workers after the reload: ", count($new) === 2 && !array_intersect($new, $old) ? 'yes' : 'NO: ' . json_encode([$old, $new]), "\n";
$log = loom_fpm_log($fpm);
echo "master re-executed itself: ", str_contains($log, 'Reloading in progress') && str_contains($log, 'using inherited socket') ? 'yes' : 'NO', "\n";
$later = loom_fpm_requests($fpm, array_fill(0, 4, ['script' => 'fanout.php', 'query' => ['k' => 3, 'tokens' => 5, 'interval_ms' => 1] + $query]), 2);
echo "later pages: ", count(array_filter($later, fn($r) => (json_decode($r['body'], true)['tokens'] ?? 0) === 15)), "/4\n";
echo "served by the new workers: ", !array_diff(array_map(fn($r) => json_decode($r['body'], true)['pid'] ?? 0, $later), $new) ? 'yes' : 'NO', "\n";
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECT--
page in flight 0: finished, all 150 tokens
page in flight 1: finished, all 150 tokens
new workers after the reload: yes
master re-executed itself: yes
later pages: 4/4
served by the new workers: yes
crash lines in the FPM log: 0
