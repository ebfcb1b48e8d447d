--TEST--
Http: buffer_size (libcurl's receive buffer) at its smallest and largest keeps large, gzip and SSE bodies byte-exact
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$events = static function (Loom\Http\Client $c): array {
    $seen = [];
    foreach ($c->request('POST', '/v1/chat/completions?tokens=30&interval_ms=0', ['json' => ['stream' => true]])->events() as $e) {
        // Each event's text (chunk ids and timestamps differ from stream to stream).
        $seen[] = $e->data === '[DONE]' ? '[DONE]' : ($e->json()['choices'][0]['delta']['content'] ?? '');
    }
    return $seen;
};
$reference = $events(new Loom\Http\Client(['base_uri' => $srv['url']]));
echo count($reference), " events with libcurl's default buffer\n";
foreach ([1024, 4096, 10 * 1024 * 1024] as $size) {
    $c = new Loom\Http\Client(['base_uri' => $srv['url'], 'buffer_size' => $size]);
    $len = 0;
    $exact = true;
    foreach ($c->request('GET', '/bytes?n=3000000&chunk=65536')->chunks() as $chunk) {
        $len += strlen($chunk);
        $exact = $exact && $chunk === str_repeat('x', strlen($chunk));
    }
    $gz = $c->request('GET', '/gzip?n=1000000')->body();
    // Per request, overriding the client's.
    $per = $c->request('GET', '/bytes?n=100000&chunk=3000', ['buffer_size' => 2048])->body();
    printf("%d: %d %s, gzip %s, per request %s, events %s\n", $size, $len, $exact ? 'exact' : 'CORRUPT',
        $gz === str_repeat('x', 1000000) ? 'exact' : 'CORRUPT', $per === str_repeat('x', 100000) ? 'exact' : 'CORRUPT', $events($c) === $reference ? 'identical' : 'DIFFERENT');
}
foreach ([-1, 1000, 10 * 1024 * 1024 + 1, '4096'] as $bad) {
    try {
        new Loom\Http\Client(['buffer_size' => $bad]);
    } catch (Loom\Http\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
new Loom\Http\Client(['buffer_size' => 0]);  // libcurl's default
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
32 events with libcurl's default buffer
1024: 3000000 exact, gzip exact, per request exact, events identical
4096: 3000000 exact, gzip exact, per request exact, events identical
10485760: 3000000 exact, gzip exact, per request exact, events identical
Option "buffer_size" must be an int >= 0, -1 given
Option "buffer_size" must be 0 (libcurl's default) or from 1024 to 10485760 bytes, 1000 given
Option "buffer_size" must be 0 (libcurl's default) or from 1024 to 10485760 bytes, 10485761 given
Option "buffer_size" must be an int >= 0, string given
baseline: ok
