--TEST--
FPM: request_terminate_timeout kills a worker mid-stream; the master respawns it and later requests succeed
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 1, 'request_terminate_timeout' => '1s']);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'fanout.php', LOOM_FPM_FANOUT_PAGE);
loom_fpm_page($fpm, 'long.php', <<<'PAGE'
<?php
while (ob_get_level()) {
    ob_end_flush();
}
$client = new Loom\Http\Client(['base_uri' => $_GET['url']]);
$tasks = [];
for ($i = 0; $i < 5; $i++) {
    $tasks[] = Loom\spawn(function () use ($client, $i) {
        // 100 tokens 50 ms apart: about 5 s, far past the 1 s request_terminate_timeout.
        foreach ($client->request('GET', '/v1/chat/completions?tokens=100&interval_ms=50&ttft_ms=10')->events() as $e) {
            if ($i === 0) {
                echo "."; // shows the stream was flowing when the worker was killed
                flush();
            }
        }
    });
}
Loom\all($tasks);
echo "finished\n";
PAGE);
$query = ['url' => $up['url'], 'k' => 10, 'tokens' => 5, 'interval_ms' => 1, 'ttft_ms' => 1];
$ok = fn(array $r) => $r['status'] === 200 && json_decode($r['body'], true)['tokens'] === 50;

echo "page before: ", $ok(loom_fpm_request($fpm, 'fanout.php', ['query' => $query])) ? 'ok' : 'FAILED', "\n";
[$old] = loom_fpm_workers($fpm);
$t0 = microtime(true);
$r = loom_fpm_request($fpm, 'long.php', ['query' => ['url' => $up['url']], 'timeout' => 10]);
$took = microtime(true) - $t0;
echo "killed page: ", $r['ended'] ? 'ended normally' : $r['error'], "\n";
echo "tokens were flowing: ", strlen($r['body']) > 3 ? 'yes' : 'NO: ' . json_encode($r['body']), "\n";
echo "not finished: ", str_contains($r['body'], 'finished') ? 'NO' : 'yes', "\n";
echo "cut near the 1 s limit: ", $took > 0.9 && $took < 3.5 ? 'yes' : sprintf('NO (%.2f s)', $took), "\n";
$new = loom_fpm_wait_workers($fpm, 1, 5.0, [$old]);
echo "respawned: ", count($new) === 1 && $new[0] !== $old ? 'yes' : 'NO: ' . json_encode($new), "\n";
$later = loom_fpm_requests($fpm, array_fill(0, 5, ['script' => 'fanout.php', 'query' => $query]), 1);
echo "later pages ok: ", count(array_filter($later, $ok)), "/5\n";
$log = loom_fpm_log($fpm);
echo "log says timed out: ", preg_match('/execution timed out \([\d.]+ sec\), terminating/', $log) ? 'yes' : 'no', "\n";
echo "log says SIGTERM: ", preg_match("/child $old exited on signal 15 \(SIGTERM\)/", $log) ? 'yes' : 'no', "\n";
echo "other crash lines: ", count(preg_grep('/SIGTERM/', loom_fpm_log_crashes($fpm), PREG_GREP_INVERT)), "\n";
?>
--EXPECT--
page before: ok
killed page: connection closed before END_REQUEST
tokens were flowing: yes
not finished: yes
cut near the 1 s limit: yes
respawned: yes
later pages ok: 5/5
log says timed out: yes
log says SIGTERM: yes
other crash lines: 0
