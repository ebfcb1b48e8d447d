--TEST--
Http: cancelling a task parked in request(), chunks() or events() delivers CancelledException there and frees its transfer and connection
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$parked = [
    'request' => fn() => $c->request('GET', '/v1/chat/completions?fault=slow_headers&delay_ms=5000'),
    'chunks' => function () use ($c) { foreach ($c->request('GET', '/stall')->chunks() as $_) {} },
    'events' => function () use ($c) { foreach ($c->request('GET', '/v1/chat/completions?ttft_ms=5000')->events() as $_) {} },
    'body' => fn() => $c->request('GET', '/drip?n=100&interval_ms=100')->body(),
];
$tasks = [];
$finally = [];
foreach ($parked as $name => $fn) {
    $tasks[$name] = Loom\spawn(function () use ($name, $fn, &$finally) {
        try {
            $fn();
            return "$name: finished (wrong)";
        } catch (Loom\CancelledException $e) {
            return "$name: CancelledException";
        } finally {
            $finally[] = $name;
        }
    });
}
Loom\sleep(0.2);
$s = Loom\stats();
echo "in flight: {$s['curl_handles']} transfers, {$s['sockets']} sockets\n";
foreach ($tasks as $t) $t->cancel();
foreach ($tasks as $t) echo $t->await(), "\n";
sort($finally);
echo 'finally ran in: ', implode(', ', $finally), "\n";
$s = Loom\stats();
echo "after: {$s['curl_handles']} transfers, {$s['sockets']} sockets\n";
loom_assert_http_baseline(0);
loom_test_server_stop($srv);
?>
--EXPECT--
in flight: 4 transfers, 4 sockets
request: CancelledException
chunks: CancelledException
events: CancelledException
body: CancelledException
finally ran in: body, chunks, events, request
after: 0 transfers, 0 sockets
baseline: ok
