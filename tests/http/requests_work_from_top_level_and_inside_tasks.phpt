--TEST--
Http: request(), body(), events() and stream() work from top-level code and inside tasks, concurrently
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$tokens = function (Loom\Http\Response $r): int {
    $n = 0;
    foreach ($r->events() as $e) if ($e->data !== '[DONE]' && ($e->json()['choices'][0]['delta']['content'] ?? null) !== null) $n++;
    return $n;
};
$inTask = [
    'events' => Loom\spawn(fn() => $tokens($c->request('GET', '/v1/chat/completions?tokens=10&interval_ms=5&ttft_ms=20'))),
    'body' => Loom\spawn(fn() => strlen($c->request('GET', '/bytes?n=50000')->body())),
    'stream' => Loom\spawn(function () use ($c) {
        $total = 0;
        foreach ($c->stream([$c->request('GET', '/bytes?n=1000'), $c->request('GET', '/drip?n=3&interval_ms=20')]) as $r => $chunk) {
            $total += strlen($chunk);
        }
        return $total;
    }),
    'nested' => Loom\spawn(fn() => Loom\spawn(fn() => $c->request('GET', '/json?n=3')->json()['items'])->await()),
];
// Top-level code, while the tasks run.
echo 'top-level events: ', $tokens($c->request('GET', '/v1/chat/completions?tokens=7&interval_ms=5&ttft_ms=0')), "\n";
echo 'top-level body: ', $c->request('GET', '/echo')->json()['method'], "\n";
$total = 0;
foreach ($c->stream([$c->request('GET', '/bytes?n=300'), $c->request('GET', '/bytes?n=400')]) as $chunk) $total += strlen($chunk);
echo "top-level stream: $total\n";
foreach (Loom\all($inTask) as $k => $v) echo "task $k: ", json_encode($v), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
top-level events: 7
top-level body: GET
top-level stream: 700
task events: 10
task body: 50000
task stream: 1003
task nested: [0,1,2]
baseline: ok
