--TEST--
Adapters: Guzzle send() in 10 tasks runs the 10 transfers at once (all are in flight while the server holds every body at a gate)
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
// Each body is "ab" then, once the gate opens, "cd": send() cannot return before the gate is open. The gate
// opens only once all 10 requests are open on the server at the same time.
$tasks = [];
for ($i = 0; $i < 10; $i++) {
    $tasks[$i] = Loom\spawn(fn() => (string)$guzzle->send(new GuzzleHttp\Psr7\Request('GET', '/sse?data=abcd&chunk=2&gate=ten'))->getBody());
}
$all = loom_wait_until(fn() => loom_adapters_open_connections($srv) >= 10, '10 requests in flight at once');
echo $all ? "10 requests in flight at once\n" : '';
loom_adapters_open_gate($srv, 'ten');
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
