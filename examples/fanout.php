<?php
// Loom's main job: stream N chat completions at once from one PHP process and show the difference.
// Usage: php -d extension=loom examples/fanout.php [--n=20] [--tokens=50] [--url=http://127.0.0.1:PORT]
// Without --url it starts the bundled LLM-like server (tests/server) and stops it at the end.

$opts = getopt('', ['n::', 'tokens::', 'interval::', 'ttft::', 'url::']);
$n = (int)($opts['n'] ?? 20);
$tokens = (int)($opts['tokens'] ?? 50);
$interval = (int)($opts['interval'] ?? 20);
$ttft = (int)($opts['ttft'] ?? 200);
if (!extension_loaded('loom')) {
    fwrite(STDERR, "The loom extension is not loaded: run with php -d extension=loom (or the path to loom.so)\n");
    exit(1);
}

$server = null;
$base = $opts['url'] ?? null;
if ($base === null) {
    require __DIR__ . '/../tests/inc/server.inc';
    $server = loom_test_server_start();
    $base = $server['url'];
}

$client = new Loom\Http\Client(['base_uri' => $base, 'timeout' => ['connect' => 5, 'idle' => 30]]);
$received = array_fill(0, $n, 0);
$durations = [];
$done = 0;
$failed = 0;
$t0 = hrtime(true);

// One task per completion; each streams its tokens as they arrive.
$tasks = [];
for ($i = 0; $i < $n; $i++) {
    $tasks[$i] = Loom\spawn(function (int $i) use ($client, $tokens, $interval, $ttft, &$received, &$durations, &$done) {
        $start = hrtime(true);
        $response = $client->request('POST', "/v1/chat/completions?tokens=$tokens&interval_ms=$interval&ttft_ms=$ttft", [
            'json' => ['model' => 'loom-mock', 'stream' => true,
                       'messages' => [['role' => 'user', 'content' => "Question #$i"]]],
        ]);
        $text = '';
        foreach ($response->events() as $event) {
            if ($event->data === '[DONE]') {
                break;
            }
            $piece = $event->json()['choices'][0]['delta']['content'] ?? '';
            if ($piece !== '') {
                $received[$i]++;
                $text .= $piece;
            }
        }
        $durations[$i] = (hrtime(true) - $start) / 1e9;
        $done++;
        return $text;
    }, $i);
}

// A live progress line, redrawn every 100 ms while the streams run.
$progress = Loom\spawn(function () use ($n, &$received, &$done, $t0, $tokens) {
    while ($done < $n) {
        $total = array_sum($received);
        printf("\r  %3d/%d streams done, %6d/%d tokens, %5.2f s ", $done, $n, $total, $n * $tokens,
            (hrtime(true) - $t0) / 1e9);
        Loom\sleep(0.1);
    }
});

[$answers, $errors] = Loom\settle($tasks);
$progress->cancel();
$wall = (hrtime(true) - $t0) / 1e9;
$total = array_sum($received);
printf("\r  %3d/%d streams done, %6d/%d tokens, %5.2f s \n", count($answers), $n, $total, $n * $tokens, $wall);
foreach ($errors as $i => $e) {
    printf("  stream %d failed: %s: %s\n", $i, get_class($e), $e->getMessage());
}

$sequential = array_sum($durations);
echo "\n";
printf("Streams:          %d concurrent chat completions (%d tokens each)\n", $n, $tokens);
printf("Tokens received:  %d of %d\n", $total, $n * $tokens);
printf("Wall time:        %.2f s (all streams at once, one PHP process)\n", $wall);
printf("One after another: %.2f s (the same calls' durations added up, as blocking curl_exec would take)\n", $sequential);
printf("Speed-up:         %.1fx\n", $sequential / max($wall, 1e-9));

if ($server) {
    loom_test_server_stop($server);
}
exit($errors || $total !== $n * $tokens ? 1 : 0);
