--TEST--
Web under valgrind: a one-worker pool whose worker runs under memcheck serves examples/web/stream.php complete, with failing streams, and abandoned by its client mid-stream; the worker exits with no memory errors and no leak that a worker without Loom does not also have
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(true); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$up = loom_fpm_upstream();
$pool = ['max_children' => 1, 'valgrind' => true, 'request_terminate_timeout' => '300s',
         'php_admin' => ['pcre.jit' => 0, 'opcache.enable' => 0],
         'env' => ['ZEND_DONT_UNLOAD_MODULES' => 1, 'LOOM_WEB_BASE_URL' => "{$up['url']}/v1", 'LOOM_WEB_KNOBS' => '1']];

// The yardstick: what PHP-FPM itself leaks under USE_ZEND_ALLOC=0, with a page that does not use Loom.
$plain = loom_fpm_start(['extension' => null] + $pool);
loom_fpm_page($plain, 'ok.php', '<?php ignore_user_abort(true); header("Content-Type: text/event-stream"); echo "ok"; flush();');
loom_fpm_request($plain, 'ok.php', ['timeout' => 120]);
$known = [];
foreach (loom_fpm_valgrind_reports($plain) as $rep) $known += loom_fpm_valgrind_problems($rep['log'])['leaks'];
loom_fpm_stop($plain);

$fpm = loom_fpm_start($pool);
loom_fpm_page($fpm, 'stream.php', file_get_contents(__DIR__ . '/../../examples/web/stream.php'));
$events = fn(string $body, string $type) => substr_count($body, "event: $type\n");

$r = loom_fpm_request($fpm, 'stream.php', ['query' => ['n' => 5, 'tokens' => 5, 'interval_ms' => 5, 'ttft_ms' => 5], 'timeout' => 120]);
preg_match('/event: summary\ndata: (.*)\n/', $r['body'], $m);
$s = json_decode($m[1] ?? '{}', true);
echo "complete: {$events($r['body'], 'token')} tokens, {$events($r['body'], 'done')} done, summary ", json_encode([$s['ok'] ?? null, $s['failed'] ?? null]), "\n";

$r = loom_fpm_request($fpm, 'stream.php', ['query' => ['n' => 3, 'tokens' => 5, 'interval_ms' => 5, 'ttft_ms' => 5,
    'fail' => [1 => '500', 2 => 'reset_after'], 'fail_k' => 2], 'timeout' => 120]);
echo "failing: {$events($r['body'], 'done')} done, {$events($r['body'], 'failed')} failed\n";

// The client reads until every stream has sent a token, then hangs up; the streams would run 20 s more.
$r = loom_fpm_request($fpm, 'stream.php', ['query' => ['n' => 5, 'tokens' => 1000, 'interval_ms' => 20, 'ttft_ms' => 5],
    'timeout' => 120, 'close_when' => fn(array $r) => substr_count($r['body'], '"ttft_ms"') >= 5]);
echo "abandoned: the client hung up: ", $r['closed_by_us'] ? 'yes' : 'no', "\n";
$p = loom_fpm_request($fpm, 'stream.php', ['query' => ['n' => 1, 'tokens' => 1, 'ttft_ms' => 1], 'timeout' => 120]);
echo "the next request is served: ", $events($p['body'], 'summary') === 1 ? 'yes' : 'no', "\n";
echo "the relay logged the cancellation: ", preg_match('/the browser left after \d+ ms; 5 of 5 streams were cancelled/', loom_fpm_log($fpm)) ? 'yes' : 'no', "\n";

$reports = loom_fpm_valgrind_reports($fpm);
echo 'workers: ', count($reports), "\n";
foreach ($reports as $pid => $rep) {
    $pr = loom_fpm_valgrind_problems($rep['log']);
    $new = array_diff_key($pr['leaks'], $known);
    echo 'worker exited and valgrind summarised it: ', $rep['complete'] ? 'yes' : 'no', "\n";
    echo 'memory errors: ', count($pr['errors']), "\n";
    echo 'leaks a worker without Loom does not have: ', count($new), "\n";
    foreach (array_merge($pr['errors'], array_map(fn($s, $b) => "$b bytes $s", array_keys($new), $new)) as $line) echo "  $line\n";
}
echo 'crash lines in the FPM log: ', count(loom_fpm_log_crashes($fpm)), "\n";
loom_fpm_stop($fpm);
?>
--EXPECT--
complete: 25 tokens, 5 done, summary [5,0]
failing: 1 done, 2 failed
abandoned: the client hung up: yes
the next request is served: yes
the relay logged the cancellation: yes
workers: 1
worker exited and valgrind summarised it: yes
memory errors: 0
leaks a worker without Loom does not have: 0
crash lines in the FPM log: 0
