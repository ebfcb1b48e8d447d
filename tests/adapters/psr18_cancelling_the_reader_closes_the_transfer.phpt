--TEST--
Adapters: cancelling a task waiting in PSR-18 sendRequest() or reading its streamed body closes the transfer; closing the body early does too
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$client = new Loom\Psr18\Client();
$f = new GuzzleHttp\Psr7\HttpFactory();
foreach (['sendRequest()' => '/hang', 'body read()' => '/stall'] as $label => $path) {
    $task = Loom\spawn(function () use ($client, $f, $srv, $path) {
        return $client->sendRequest($f->createRequest('GET', $srv['url'] . $path))->getBody()->read(10);
    });
    loom_wait_until(fn() => Loom\stats()['curl_handles'] === 1, "the $label transfer to start");
    Loom\sleep(0.05);
    $task->cancel();
    try {
        $task->await();
    } catch (Loom\CancelledException $e) {
        echo "$label: cancelled; transfers left: ", Loom\stats()['curl_handles'], "\n";
    }
}
$body = $client->sendRequest($f->createRequest('GET', "{$srv['url']}/v1/chat/completions?tokens=1000&interval_ms=10"))->getBody();
$first = $body->read(5);
$body->close();
echo "closed after ", json_encode($first), "; transfers left: ", Loom\stats()['curl_handles'], ", readable ", var_export($body->isReadable(), true), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
sendRequest(): cancelled; transfers left: 0
body read(): cancelled; transfers left: 0
closed after "data:"; transfers left: 0, readable false
baseline: ok
