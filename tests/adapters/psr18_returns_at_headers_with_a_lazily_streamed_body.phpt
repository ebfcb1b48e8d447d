--TEST--
Adapters: PSR-18 sendRequest() returns once the headers are in; the body streams lazily (read() gives the first SSE event while the server holds the rest) and suspends only the reading task
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$client = new Loom\Psr18\Client();
$factory = new GuzzleHttp\Psr7\HttpFactory();
$data = rawurlencode("data: one\n\ndata: two\n\n");
$response = $client->sendRequest($factory->createRequest('GET', "{$srv['url']}/sse?data=$data&chunk=11&gate=lazy"));
echo $response->getStatusCode(), ' ', $response->getHeaderLine('content-type'), "\n";
$body = $response->getBody();
echo json_encode($body->read(100)), "\n";
// While this task waits in read(), another one runs and opens the gate.
$opener = Loom\spawn(function () use ($srv) {
    echo "another task runs while the reader waits\n";
    loom_adapters_open_gate($srv, 'lazy');
});
echo json_encode($body->read(100)), "\n";
echo json_encode($body->read(100)), ' eof ', var_export($body->eof(), true), "\n";
$opener->await();
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
200 text/event-stream
"data: one\n\n"
another task runs while the reader waits
"data: two\n\n"
"" eof true
baseline: ok
