--TEST--
Adapters: Guzzle then() chains run as transfers finish, with nobody calling wait() (the results arrive over a Loom channel)
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
$results = new Loom\Channel(5);
$promises = [];
foreach ([3, 1, 4, 1, 5] as $k => $n) {
    $promises[$k] = $guzzle->getAsync("/json?n=$n")
        ->then(fn($r) => json_decode((string)$r->getBody(), true)['items'])
        ->then(fn(array $items) => array_sum($items))
        ->then(function (int $sum) use ($results, $k) { $results->send([$k, $sum]); return $sum; });
}
// Only the channel is waited on: the chains must run by themselves.
$got = [];
for ($i = 0; $i < 5; $i++) {
    [$k, $sum] = $results->receive();
    $got[$k] = $sum;
}
ksort($got);
echo json_encode($got), "\n";
echo implode(' ', array_map(fn($p) => $p->getState(), $promises)), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(5);
?>
--EXPECT--
[3,0,6,0,10]
fulfilled fulfilled fulfilled fulfilled fulfilled
baseline: ok
