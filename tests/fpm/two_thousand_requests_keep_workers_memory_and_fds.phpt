--TEST--
FPM: 2,000 requests of 10 streams each through 2 static workers: every page complete, same workers, no crash, RSS and fds stable
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$total = loom_scale(2000, 100);
$warmup = intdiv($total, 10);
$fpm = loom_fpm_start(['max_children' => 2]);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'fanout.php', LOOM_FPM_FANOUT_PAGE);
$query = ['url' => $up['url'], 'k' => 10, 'tokens' => 5, 'interval_ms' => 1, 'ttft_ms' => 1];

$bad = [];
$served = [];
$run = function (int $n) use ($fpm, $query, &$bad, &$served): void {
    // Four connections at a time: both workers stay busy and one request always waits in the backlog.
    $results = loom_fpm_requests($fpm, array_fill(0, $n, ['script' => 'fanout.php', 'query' => $query]), 4);
    foreach ($results as $r) {
        $page = json_decode($r['body'], true);
        if ($r['status'] !== 200 || !$r['ended'] || !is_array($page) || $page['tokens'] !== 50 || $page['errors']) {
            $bad[] = [$r['status'], $r['error'], substr($r['body'], 0, 200), substr($r['stderr'], 0, 200)];
            continue;
        }
        $served[$page['pid']] = ($served[$page['pid']] ?? 0) + 1;
    }
};

$workersBefore = loom_fpm_workers($fpm);
$run($warmup);
$rssWarm = array_map('loom_fpm_rss_kb', $workersBefore);
$fdsWarm = array_map('loom_fpm_settled_fd_count', $workersBefore);
$t0 = microtime(true);
$run($total - $warmup);
$elapsed = microtime(true) - $t0;
$workersAfter = loom_fpm_workers($fpm);
$rssEnd = array_map('loom_fpm_rss_kb', $workersBefore);
$fdsEnd = array_map('loom_fpm_settled_fd_count', $workersBefore);

echo "incomplete pages: ", count($bad), "\n";
foreach (array_slice($bad, 0, 3) as $b) {
    echo '  ', json_encode($b), "\n";
}
echo "pages served: ", array_sum($served) === $total ? 'all' : array_sum($served), "\n";
echo "both workers served: ", count($served) === 2 ? 'yes' : json_encode($served), "\n";
echo "same worker PIDs: ", $workersBefore === $workersAfter && array_keys($served) == array_intersect(array_keys($served), $workersBefore)
    ? 'yes' : json_encode([$workersBefore, $workersAfter, array_keys($served)]), "\n";
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
$growth = [];
foreach ($workersBefore as $i => $pid) {
    $growth[] = $rssEnd[$i] - $rssWarm[$i];
    printf("worker %d: VmRSS %d KiB after %d warm-up requests, %d KiB after %d (%+d KiB); fds %d -> %d\n",
        $i + 1, $rssWarm[$i], $warmup, $rssEnd[$i], $total, $rssEnd[$i] - $rssWarm[$i], $fdsWarm[$i], $fdsEnd[$i]);
}
printf("%d requests after warm-up in %.1f s (%.0f/s)\n", $total - $warmup, $elapsed, ($total - $warmup) / $elapsed);
echo "RSS growth after warm-up < 8 MiB: ", max($growth) < 8 * 1024 ? 'yes' : 'NO: ' . json_encode($growth) . ' KiB', "\n";
echo "fd counts back to the warm-up baseline: ", $fdsWarm === $fdsEnd ? 'yes' : 'NO: ' . json_encode([$fdsWarm, $fdsEnd]), "\n";
?>
--EXPECTF--
incomplete pages: 0
pages served: all
both workers served: yes
same worker PIDs: yes
crash lines in the FPM log: 0
worker 1: VmRSS %d KiB after %d warm-up requests, %d KiB after %d (%s KiB); fds %d -> %d
worker 2: VmRSS %d KiB after %d warm-up requests, %d KiB after %d (%s KiB); fds %d -> %d
%d requests after warm-up in %f s (%d/s)
RSS growth after warm-up < 8 MiB: yes
fd counts back to the warm-up baseline: yes
