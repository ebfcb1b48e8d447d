--TEST--
Http: Client::stream() refuses, naming its index, a response whose body(), chunks() or events() another task is waiting on; that reader still gets the whole body
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$sse = '/sse?data=' . rawurlencode("data: one\n\ndata: two\n\n") . '&chunk=4&interval_ms=30';

foreach ([
    'body' => fn($r) => $r->body(),
    'chunks' => fn($r) => implode('', iterator_to_array($r->chunks(), false)),
    'events' => fn($r) => implode(',', array_map(fn($e) => $e->data, iterator_to_array($r->events(), false))),
] as $how => $read) {
    $idle = $c->request('GET', '/bytes?n=3');
    $r = $c->request('GET', $sse);
    $reading = false;
    $reader = Loom\spawn(function () use ($r, $read, &$reading) {
        $reading = true;
        return $read($r);
    });
    while (!$reading) Loom\sleep(0);  // the reader has started and is now waiting for bytes
    try {
        $c->stream([$idle, $r]);
        echo "$how: accepted\n";
    } catch (Loom\Http\InvalidArgumentException $e) {
        echo "$how: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
    echo "$how reader got: ", json_encode(Loom\timeout(20, fn() => $reader->await())), "\n";
    unset($idle, $r, $reader);
}
loom_test_server_stop($srv);
loom_assert_http_baseline(2);
?>
--EXPECT--
body: Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at index 1 is being read by another task (its body(), chunks() or events() is waiting for bytes); a response's body has one reader at a time
body reader got: "data: one\n\ndata: two\n\n"
chunks: Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at index 1 is being read by another task (its body(), chunks() or events() is waiting for bytes); a response's body has one reader at a time
chunks reader got: "data: one\n\ndata: two\n\n"
events: Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at index 1 is being read by another task (its body(), chunks() or events() is waiting for bytes); a response's body has one reader at a time
events reader got: "one,two"
baseline: ok
