--TEST--
Adapters: PSR-18 sendRequest() in 10 tasks runs the 10 requests at once (all reach the server before any response may complete)
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$client = new Loom\Psr18\Client();
$factory = new GuzzleHttp\Psr7\HttpFactory();
$tasks = [];
for ($i = 0; $i < 10; $i++) {
    $tasks[$i] = Loom\spawn(function () use ($client, $factory, $srv) {
        $response = $client->sendRequest($factory->createRequest('GET', "{$srv['url']}/sse?data=abcd&chunk=2&gate=psr"));
        return (string)$response->getBody();
    });
}
$all = loom_wait_until(fn() => loom_adapters_open_connections($srv) >= 10, '10 requests in flight at once');
echo $all ? "10 requests in flight at once\n" : '';
loom_adapters_open_gate($srv, 'psr');
var_dump(array_unique(Loom\all($tasks)));
loom_test_server_stop($srv);
loom_assert_http_baseline(10);
?>
--EXPECT--
10 requests in flight at once
array(1) {
  [0]=>
  string(4) "abcd"
}
baseline: ok
