--TEST--
FPM: with the curl hook, a page making 10 curl_exec() calls of a 300 ms endpoint from 10 tasks finishes in about one call's time; 500 such pages leave the worker's fds and memory flat
--SKIPIF--
<?php
require __DIR__ . '/../inc/fpm.inc';
loom_fpm_skipif();
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 1]);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'curl.php', <<<'PAGE'
<?php
$t0 = hrtime(true);
$tasks = [];
for ($i = 0; $i < 10; $i++) {
    $tasks[] = Loom\spawn(function () use ($i) {
        $ch = curl_init($_GET['url'] . '/v1/chat/completions?stream=0&tokens=1&interval_ms=0&ttft_ms=' . (int)$_GET['ms']);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        $body = curl_exec($ch);
        return curl_errno($ch) === 0 && str_contains((string)$body, '"t0 "');
    });
}
$ok = count(array_filter(Loom\all($tasks)));
echo json_encode(['pid' => getmypid(), 'ok' => $ok, 'wall' => (hrtime(true) - $t0) / 1e9, 'hooked' => ini_get('loom.hook_curl'),
    'stats' => Loom\stats()]);
PAGE);
$r = loom_fpm_request($fpm, 'curl.php', ['query' => ['url' => $up['url'], 'ms' => 300]]);
$page = json_decode($r['body'], true);
echo "status: {$r['status']}, calls ok: {$page['ok']}\n";
$bound = getenv('LOOM_TEST_SCALE') === 'valgrind' ? 3.0 : 0.6;
echo 'about one call\'s time: ', $page['wall'] < $bound ? 'yes' : "NO ({$page['wall']} s)", "\n";
echo "curl_handles at the end: {$page['stats']['curl_handles']}, tasks: {$page['stats']['tasks']}\n";

$total = loom_scale(500, 40);
$warmup = intdiv($total, 10);
[$pid] = loom_fpm_workers($fpm);
$spec = ['script' => 'curl.php', 'query' => ['url' => $up['url'], 'ms' => 1]];
$bad = 0;
$count = function (array $results) use (&$bad) {
    foreach ($results as $r) {
        $p = json_decode($r['body'], true);
        if ($r['status'] !== 200 || !is_array($p) || $p['ok'] !== 10) $bad++;
    }
};
$count(loom_fpm_requests($fpm, array_fill(0, $warmup, $spec), 2));
$rssWarm = loom_fpm_rss_kb($pid);
$fdsWarm = loom_fpm_settled_fd_count($pid);
$count(loom_fpm_requests($fpm, array_fill(0, $total - $warmup, $spec), 2));
$rssEnd = loom_fpm_rss_kb($pid);
$fdsEnd = loom_fpm_settled_fd_count($pid);
echo "incomplete pages: $bad\n";
echo 'same worker: ', loom_fpm_workers($fpm) === [$pid] ? 'yes' : 'no', "\n";
echo 'fds flat: ', $fdsEnd === $fdsWarm ? 'yes' : "NO ($fdsWarm -> $fdsEnd)", "\n";
echo 'RSS growth < 4 MiB: ', $rssEnd - $rssWarm < 4096 ? 'yes' : 'NO (' . ($rssEnd - $rssWarm) . ' KiB)', "\n";
echo "crashes in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECT--
status: 200, calls ok: 10
about one call's time: yes
curl_handles at the end: 0, tasks: 0
incomplete pages: 0
same worker: yes
fds flat: yes
RSS growth < 4 MiB: yes
crashes in the FPM log: 0
