--TEST--
FPM: tasks a page leaves running finish (or are cancelled at loom.shutdown_timeout) before its response ends; the next request starts clean
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 1]);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'leave.php', <<<'PAGE'
<?php
$s = Loom\stats();
// Not counted: this script's own file, which PHP keeps open only while opcache has not cached it (it
// does not cache a file younger than opcache.file_update_protection, 2 s): that depends on timing.
$fds = count(array_filter(scandir('/proc/self/fd'), fn($fd) => @readlink("/proc/self/fd/$fd") !== __FILE__));
echo "pid ", getmypid(), " fds ", $fds, "\n";
echo "on entry: tasks={$s['tasks']} curl_handles={$s['curl_handles']} timers={$s['timers']} waiting={$s['waiting']}\n";
if (($_GET['leave'] ?? '') !== '1') {
    return;
}
ini_set('loom.shutdown_timeout', '2');   // the stream and the sleep end 1.7 s before it
$client = new Loom\Http\Client(['base_uri' => $_GET['url']]);
Loom\spawn(function () use ($client) {
    $n = 0;
    foreach ($client->request('GET', '/v1/chat/completions?tokens=10&interval_ms=20&ttft_ms=50')->events() as $e) {
        $n += ($e->data !== '[DONE]' && ($e->json()['choices'][0]['delta']['content'] ?? '') !== '') ? 1 : 0;
    }
    echo "streaming task drained: $n tokens\n";
});
Loom\spawn(function () {
    Loom\sleep(0.1);
    echo "sleeping task drained\n";
});
Loom\spawn(function () use ($client) {
    try {
        foreach ($client->request('GET', '/stall')->chunks() as $chunk) {
        }
        file_put_contents(__DIR__ . '/out/stalled-task-finished', 'yes');
    } finally {
        echo "stalled task cancelled at the drain bound\n";
    }
});
echo "page body done\n";
PAGE);

$t0 = microtime(true);
$first = loom_fpm_request($fpm, 'leave.php', ['query' => ['leave' => 1, 'url' => $up['url']]]);
$firstTime = microtime(true) - $t0;
echo "-- first request: status {$first['status']}, ended: ", $first['ended'] ? 'yes' : 'no', "\n";
echo preg_replace('/^pid .*\n/', '', $first['body']);
echo "took between the drain bound and 8 s: ", $firstTime >= 1.9 && $firstTime < 8 ? 'yes' : sprintf('NO (%.2f s)', $firstTime), "\n";

$second = loom_fpm_request($fpm, 'leave.php');
echo "-- second request: status {$second['status']}\n";
$pid = fn($r) => (int)explode(' ', $r['body'])[1];
echo "same worker: ", $pid($first) === $pid($second) ? 'yes' : 'no', "\n";
echo preg_replace('/^pid .*\n/', '', $second['body']);
// Once more: after the same page, the next request finds the worker with the same open fds.
loom_fpm_request($fpm, 'leave.php', ['query' => ['leave' => 1, 'url' => $up['url']]]);
$third = loom_fpm_request($fpm, 'leave.php');
$fds = fn($r) => (int)explode(' ', $r['body'])[3];
echo "fds on entry the same after each such page: ", $fds($second) === $fds($third) ? 'yes' : "NO ({$fds($second)} then {$fds($third)})", "\n";
usleep(300000);
echo "stalled task never resumed later: ", file_exists("{$fpm['out']}/stalled-task-finished") ? 'NO' : 'yes', "\n";
// The one leftover is named on the request's stderr (FastCGI), as a warning, not silently dropped.
echo "worker stderr: ", trim($first['stderr'] . $second['stderr'] . $third['stderr']) === '' ? 'none' : trim($first['stderr'] . $second['stderr'] . $third['stderr']), "\n";
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECTF--
-- first request: status 200, ended: yes
on entry: tasks=0 curl_handles=0 timers=0 waiting=0
page body done
sleeping task drained
streaming task drained: 10 tokens
stalled task cancelled at the drain bound
took between the drain bound and 8 s: yes
-- second request: status 200
same worker: yes
on entry: tasks=0 curl_handles=0 timers=0 waiting=0
fds on entry the same after each such page: yes
stalled task never resumed later: yes
worker stderr: PHP message: PHP Warning:  Loom: 1 task(s) still running after loom.shutdown_timeout=2 s at script end; cancelling them in %s
crash lines in the FPM log: 0
