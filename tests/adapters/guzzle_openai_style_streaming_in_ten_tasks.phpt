--TEST--
Adapters: an openai-php-style streaming loop (lines read byte by byte from the Guzzle 'stream' => true body, data: JSON parsed) in 10 tasks runs token by token at once: all 10 have their first token before any stream may go on
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
// Every stream sends token 0, then waits at the gate "go" for the rest. The gate opens only once every
// task has parsed its first token: that can happen only if the 10 streams are read concurrently and a
// read() that has no bytes suspends just its own task.
$firstTokens = new Loom\Channel(10);
$tasks = [];
for ($i = 0; $i < 10; $i++) {
    $tasks[$i] = Loom\spawn(function () use ($guzzle, $firstTokens) {
        $response = $guzzle->post('/v1/chat/completions?tokens=6&interval_ms=5&ttft_ms=0&gate=go', [
            'json' => ['model' => 'loom-mock', 'stream' => true, 'messages' => [['role' => 'user', 'content' => 'hi']]],
            'stream' => true,
        ]);
        return implode('', loom_adapters_stream_tokens($response->getBody(), function (int $n) use ($firstTokens) {
            if ($n === 1) $firstTokens->send(true);
        }));
    });
}
$firsts = Loom\timeout(30, function () use ($firstTokens) {
    for ($n = 0; $n < 10; $n++) $firstTokens->receive();
    return $n;
});
echo "$firsts streams had their first token while all were held at the gate\n";
loom_adapters_open_gate($srv, 'go');
var_dump(array_unique(Loom\all($tasks)));
loom_test_server_stop($srv);
loom_assert_http_baseline(10);
?>
--EXPECT--
10 streams had their first token while all were held at the gate
array(1) {
  [0]=>
  string(18) "t0 t1 t2 t3 t4 t5 "
}
baseline: ok
