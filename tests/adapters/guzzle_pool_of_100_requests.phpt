--TEST--
Adapters: a Guzzle Pool of 100 requests (concurrency 25) fulfils every request with its own response, without wait() on each
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
$n = loom_scale(100, 30);
$requests = function () use ($n) {
    for ($i = 0; $i < $n; $i++) {
        yield $i => new GuzzleHttp\Psr7\Request('GET', "/echo?i=$i");
    }
};
$ok = [];
$failed = [];
$pool = new GuzzleHttp\Pool($guzzle, $requests(), [
    'concurrency' => 25,
    'fulfilled' => function (Psr\Http\Message\ResponseInterface $r, int $i) use (&$ok) {
        $ok[$i] = json_decode((string)$r->getBody(), true)['query'] === "i=$i";
    },
    'rejected' => function ($reason, int $i) use (&$failed) { $failed[$i] = $reason->getMessage(); },
]);
$pool->promise()->wait();
ksort($ok);
var_dump(count($ok) === $n, array_keys($ok) === range(0, $n - 1), array_unique($ok), $failed);
loom_test_server_stop($srv);
loom_assert_http_baseline(25);
?>
--EXPECT--
bool(true)
bool(true)
array(1) {
  [0]=>
  bool(true)
}
array(0) {
}
baseline: ok
