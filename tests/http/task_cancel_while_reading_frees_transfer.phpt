--TEST--
Http: cancelling a task parked in request(), chunks() or events() delivers CancelledException there and frees its transfer and connection
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
// Each task reports (a buffered send: it does not suspend) right before it parks where it is named;
// nothing the server sends would end any of them within a minute.
$parkedAt = new Loom\Channel(4);
$parked = [
    'request' => function () use ($c, $parkedAt) {
        $parkedAt->send('request');
        $c->request('GET', '/v1/chat/completions?fault=slow_headers&delay_ms=60000');
    },
    'chunks' => function () use ($c, $parkedAt) {
        $r = $c->request('GET', '/stall');
        $parkedAt->send('chunks');
        foreach ($r->chunks() as $_) {}
    },
    'events' => function () use ($c, $parkedAt) {
        $r = $c->request('GET', '/v1/chat/completions?ttft_ms=60000');
        $parkedAt->send('events');
        foreach ($r->events() as $_) {}
    },
    'body' => function () use ($c, $parkedAt) {
        $r = $c->request('GET', '/drip?n=1000&interval_ms=100');
        $parkedAt->send('body');
        $r->body();
    },
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
for ($i = 0; $i < 4; $i++) $parkedAt->receive();
// The request still waiting for its headers may not have connected yet.
loom_wait_until(fn() => Loom\stats()['sockets'] === 4, 'four connected sockets');
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
