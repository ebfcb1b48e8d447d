<?php
/*
 * The curl hook: the same SDK-style code (one synchronous call per task, one client shared by all
 * tasks) with Guzzle's default handler stack and Symfony's HttpClient::create(), run with
 * loom.hook_curl=1 and =0. Each case runs in its own PHP process; wall, CPU (user+sys) and peak RSS
 * (VmHWM) come from that process.
 *
 *   php bench/hook.php [--n 100] [--tokens 50] [--runs 3]     (needs bench/vendor: composer install -d bench)
 *
 * Each call is a non-streamed chat completion from the bundled server taking ttft 200 ms + tokens x 2 ms.
 */
declare(strict_types=1);

$opts = getopt('', ['n:', 'tokens:', 'runs:', 'child:', 'url:']);
$n = (int)($opts['n'] ?? 100);
$tokens = (int)($opts['tokens'] ?? 50);
$runs = (int)($opts['runs'] ?? 3);

if (isset($opts['child'])) {
    require __DIR__ . '/vendor/autoload.php';
    $url = $opts['url'] . "/v1/chat/completions?stream=0&ttft_ms=200&interval_ms=2&tokens=$tokens";
    $t0 = microtime(true);
    if ($opts['child'] === 'guzzle') {
        $client = new GuzzleHttp\Client();
        $call = fn() => (string)$client->post($url, ['body' => '{"stream":false}'])->getBody();
    } else {
        // 6 connections per host is Symfony's default; every task gets one here, as with Guzzle.
        $client = Symfony\Component\HttpClient\HttpClient::create([], $n);
        $call = fn() => $client->request('POST', $url, ['body' => '{"stream":false}'])->getContent();
    }
    $tasks = [];
    for ($i = 0; $i < $n; $i++) $tasks[] = Loom\spawn($call);
    $ok = 0;
    foreach (Loom\all($tasks) as $body) $ok += (int)str_contains($body, '"finish_reason":"stop"');
    $wall = microtime(true) - $t0;
    $ru = getrusage();
    preg_match('/VmHWM:\s+(\d+)/', file_get_contents('/proc/self/status'), $m);
    echo json_encode(['ok' => $ok, 'wall' => $wall,
        'cpu' => $ru['ru_utime.tv_sec'] + $ru['ru_utime.tv_usec'] / 1e6 + $ru['ru_stime.tv_sec'] + $ru['ru_stime.tv_usec'] / 1e6,
        'rss_mb' => (int)$m[1] / 1024]), "\n";
    exit;
}

require __DIR__ . '/../tests/inc/server.inc';
$srv = loom_test_server_start();
$so = getenv('LOOM_SO') ?: __DIR__ . '/../modules/loom.so';
$rows = [];
for ($r = 0; $r < $runs; $r++) {
    foreach (['guzzle', 'symfony'] as $client) {
        foreach ([1, 0] as $hook) {
            $cmd = [PHP_BINARY, '-d', "extension=$so", '-d', "loom.hook_curl=$hook", '-d', 'memory_limit=1G',
                // Preemption off: with the hook off a task blocks in curl for a whole call, and being preempted
                // inside Symfony's guarded perform() makes the next task's call fail ("Userland callback...").
                '-d', 'loom.preempt_ms=0', __FILE__,
                '--child', $client, '--url', $srv['url'], '--n', (string)$n, '--tokens', (string)$tokens];
            $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
            $out = stream_get_contents($pipes[1]);
            $err = stream_get_contents($pipes[2]);
            proc_close($p);
            $res = json_decode($out, true);
            if (!$res) {
                fwrite(STDERR, "$client hook=$hook failed: $err\n");
                continue;
            }
            $rows["$client|$hook"][] = $res;
        }
    }
}
loom_test_server_stop($srv);
$median = function (array $xs) { sort($xs); return $xs[intdiv(count($xs), 2)]; };
printf("%d calls, one per task, one shared client; each call ~%d ms; medians of %d runs\n", $n, 200 + 2 * $tokens, $runs);
printf("%-28s %6s %9s %9s %9s\n", 'client', 'ok', 'wall s', 'CPU s', 'RSS MB');
foreach ($rows as $key => $rs) {
    [$client, $hook] = explode('|', $key);
    printf("%-28s %6d %9.3f %9.3f %9.1f\n", "$client, hook " . ($hook ? 'on' : 'off'), $median(array_column($rs, 'ok')),
        $median(array_column($rs, 'wall')), $median(array_column($rs, 'cpu')), $median(array_column($rs, 'rss_mb')));
}
