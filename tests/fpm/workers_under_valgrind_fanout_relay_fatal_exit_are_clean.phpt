--TEST--
FPM under valgrind: a one-worker pool whose worker runs under memcheck serves fan-out, SSE relay, fatal-error and exit() pages with streams in flight, twice each; the worker exits with no memory errors and no definite or indirect leak that a worker without Loom (same pages minus Loom) does not also have
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(true); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$up = loom_fpm_upstream();
// Worker environments are cleared: the module stays mapped at exit so leak stacks name loom.so frames.
$pool = ['max_children' => 1, 'valgrind' => true, 'request_terminate_timeout' => '300s',
         'php_admin' => ['pcre.jit' => 0, 'opcache.enable' => 0], 'env' => ['ZEND_DONT_UNLOAD_MODULES' => 1]];

// The yardstick: PHP-FPM itself leaks a little under USE_ZEND_ALLOC=0 (at start-up, and the op_array
// of a script a fatal error bails out of). The same kinds of pages without Loom show what is PHP's own.
$plain = loom_fpm_start(['extension' => null] + $pool);
loom_fpm_page($plain, 'ok.php', '<?php echo "ok";');
loom_fpm_page($plain, 'fault.php', '<?php echo "before"; if ($_GET["fault"] === "exit") exit(3); trigger_error("fatal", E_USER_ERROR);');
for ($round = 1; $round <= 2; $round++) {
    foreach (['ok.php' => [], 'fault.php' => ['fault' => 'fatal'], 'fault.php ' => ['fault' => 'exit']] as $page => $q) {
        loom_fpm_request($plain, trim($page), ['query' => $q, 'timeout' => 120]);
    }
}
$known = [];
foreach (loom_fpm_valgrind_reports($plain) as $rep) $known += loom_fpm_valgrind_problems($rep['log'])['leaks'];
loom_fpm_stop($plain);
echo 'PHP-FPM without Loom: ', $known ? 'has its own leaks (ignored below)' : 'no leaks', "\n";

$fpm = loom_fpm_start($pool);
loom_fpm_page($fpm, 'fanout.php', LOOM_FPM_FANOUT_PAGE);
loom_fpm_page($fpm, 'relay.php', file_get_contents(__DIR__ . '/../../examples/sse_relay.php'));
loom_fpm_page($fpm, 'fault.php', <<<'PAGE'
<?php
$client = new Loom\Http\Client(['base_uri' => $_GET['url']]);
$first = new Loom\Channel(5);
for ($i = 0; $i < 5; $i++) {
    Loom\spawn(function () use ($client, $first) {
        foreach ($client->request('GET', '/v1/chat/completions?tokens=1000&interval_ms=20&ttft_ms=0')->events() as $e) {
            $first->send(true);
            Loom\sleep(3600);
        }
    });
}
for ($i = 0; $i < 5; $i++) $first->receive();   // every stream is mid-body, every task parked
echo "streams in flight\n";
if ($_GET['fault'] === 'exit') exit(3);
trigger_error('page fatal with streams in flight', E_USER_ERROR);
PAGE);

for ($round = 1; $round <= 2; $round++) {
    $r = json_decode(loom_fpm_request($fpm, 'fanout.php', ['query' => ['url' => $up['url'], 'k' => 5, 'tokens' => 5],
        'timeout' => 120])['body'], true);
    echo "round $round fan-out: tokens ", $r['tokens'] ?? 'none', ', errors ', json_encode($r['errors'] ?? null), "\n";
    $r = loom_fpm_request($fpm, 'relay.php', ['query' => ['upstream' => "{$up['url']}/v1/chat/completions",
        'tokens' => 5, 'interval_ms' => 1, 'ttft_ms' => 1], 'timeout' => 120]);
    echo "round $round relay: status {$r['status']}, tokens ", substr_count($r['body'], 'data: {"content"'), "\n";
    foreach (['fatal', 'exit'] as $kind) {
        $r = loom_fpm_request($fpm, 'fault.php', ['query' => ['url' => $up['url'], 'fault' => $kind], 'timeout' => 120]);
        echo "round $round $kind: ended ", $r['ended'] ? 'yes' : 'no', ', body ', json_encode(trim($r['body'])), "\n";
    }
}
$reports = loom_fpm_valgrind_reports($fpm);
echo 'workers: ', count($reports), "\n";
foreach ($reports as $pid => $rep) {
    $p = loom_fpm_valgrind_problems($rep['log']);
    $new = array_diff_key($p['leaks'], $known);
    echo 'worker exited and valgrind summarised it: ', $rep['complete'] ? 'yes' : 'no', "\n";
    echo 'memory errors: ', count($p['errors']), "\n";
    echo 'leaks a worker without Loom does not have: ', count($new), "\n";
    foreach (array_merge($p['errors'], array_map(fn($s, $b) => "$b bytes $s", array_keys($new), $new)) as $line) echo "  $line\n";
}
echo 'crash lines in the FPM log: ', count(loom_fpm_log_crashes($fpm)), "\n";
loom_fpm_stop($fpm);
?>
--EXPECT--
PHP-FPM without Loom: has its own leaks (ignored below)
round 1 fan-out: tokens 25, errors []
round 1 relay: status 200, tokens 5
round 1 fatal: ended yes, body "streams in flight"
round 1 exit: ended yes, body "streams in flight"
round 2 fan-out: tokens 25, errors []
round 2 relay: status 200, tokens 5
round 2 fatal: ended yes, body "streams in flight"
round 2 exit: ended yes, body "streams in flight"
workers: 1
worker exited and valgrind summarised it: yes
memory errors: 0
leaks a worker without Loom does not have: 0
crash lines in the FPM log: 0
