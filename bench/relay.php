<?php
/*
 * Handoff vs relaying inside FPM: C browsers at once each open a chat page that streams an answer of
 * `tokens` tokens `interval_ms` apart, through nginx and a php-fpm pool of `workers` workers.
 *   handoff: the page calls Loom\Relay\handoff() and one relay process streams (tests/inc/relay.inc's chat.php)
 *   in-fpm:  the page relays the stream itself (examples/sse_relay.php), holding its worker
 * Prints, per mode: wall time for all streams, streams with every token, the latency of a plain page
 * requested while they run, and (handoff) the relay's RSS. Uses the test bed of tests/inc (real nginx,
 * php-fpm, the bundled LLM server, the relay process).
 *
 *   php -d extension=modules/loom.so bench/relay.php [--clients=50] [--workers=5] [--tokens=40] [--interval-ms=50]
 *       [--memory=N]   then N short streams through the relay in waves of `clients`: the relay's RSS as they go
 */
require __DIR__ . '/../tests/inc/relay.inc';

function relay_rss(array $s): int
{
    preg_match('/^VmRSS:\s+(\d+)/m', file_get_contents("/proc/{$s['relay']['pid']}/status"), $m);
    return (int)$m[1];
}
$o = getopt('', ['clients:', 'workers:', 'tokens:', 'interval-ms:', 'memory:']);
$clients = (int)($o['clients'] ?? 50);
$workers = (int)($o['workers'] ?? 5);
$tokens = (int)($o['tokens'] ?? 40);
$interval = (int)($o['interval-ms'] ?? 50);
$ideal = $tokens * $interval / 1000;
printf("%d browsers, %d FPM workers, answers of %d tokens %d ms apart (%.1f s each)\n", $clients, $workers, $tokens, $interval, $ideal);

$s = loom_relay_stack(['max_children' => $workers, 'request_terminate_timeout' => '600s']);
loom_fpm_page($s['fpm'], 'infpm.php', file_get_contents(__DIR__ . '/../examples/sse_relay.php'));
$client = new Loom\Http\Client(['timeout' => ['idle' => 600, 'connect' => 60]]);
$knobs = ['tokens' => $tokens, 'interval_ms' => $interval, 'ttft_ms' => 0];
$modes = [
    'handoff' => fn() => loom_relay_chat_url($s, $knobs),
    'in-fpm' => fn() => "{$s['nginx']['url']}/infpm.php?" . http_build_query($knobs + ['upstream' => "{$s['up']['url']}/v1/chat/completions"]),
];
foreach ($modes as $mode => $url) {
    $t0 = microtime(true);
    $tasks = [];
    for ($i = 0; $i < $clients; $i++) {
        $tasks[] = Loom\spawn(fn() => $client->request('GET', $url())->body());
    }
    Loom\sleep($ideal / 2);   // mid-stream: how long does a plain page take now?
    $p0 = microtime(true);
    $client->request('GET', "{$s['nginx']['url']}/plain.php")->body();
    $plain = microtime(true) - $p0;
    $complete = 0;
    foreach ($tasks as $t) {
        $n = substr_count($t->await(), '"t');
        $complete += $n >= $tokens ? 1 : 0;
    }
    $wall = microtime(true) - $t0;
    $rss = $mode === 'handoff' ? relay_rss($s) : null;
    printf("%-8s wall %6.2f s (%.1fx one answer), complete %d/%d, plain page mid-stream %6.0f ms%s\n", $mode, $wall,
        $wall / $ideal, $complete, $clients, $plain * 1000, $rss ? ", relay RSS {$rss} kB" : '');
}

$total = (int)($o['memory'] ?? 0);
if ($total > 0) {
    $url = loom_relay_chat_url($s, ['tokens' => 3, 'interval_ms' => 1, 'ttft_ms' => 0]);
    $done = $bad = 0;
    $t0 = microtime(true);
    $next = max(1, intdiv($total, 10));
    while ($done < $total) {
        $wave = [];
        for ($i = 0; $i < min($clients, $total - $done); $i++) {
            $wave[] = Loom\spawn(fn() => $client->request('GET', $url)->body());
        }
        foreach ($wave as $t) {
            $bad += substr_count($t->await(), '[DONE]') === 1 ? 0 : 1;
        }
        $done += count($wave);
        if ($done >= $next || $done === $total) {
            printf("memory: %6d streams, relay RSS %6d kB, failed %d, %.0f streams/s\n", $done, relay_rss($s), $bad, $done / (microtime(true) - $t0));
            $next += max(1, intdiv($total, 10));
        }
    }
}
