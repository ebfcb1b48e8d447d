--TEST--
Http: Client::stream() refuses, naming its index, a response whose body(), chunks() or events() another task is waiting on, and covers nothing; that reader keeps waiting, undisturbed, until the transfer ends
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);

foreach ([
    'body' => fn($r) => $r->body(),
    'chunks' => fn($r) => iterator_to_array($r->chunks(), false),
    'events' => fn($r) => iterator_to_array($r->events(), false),
] as $how => $read) {
    $idle = $c->request('GET', '/bytes?n=3');
    // An event stream that sends one token and then nothing: the reader waits until cancelled.
    $r = $c->request('GET', '/v1/chat/completions?fault=stall_after&k=1&ttft_ms=0');
    $reading = false;
    $reader = Loom\spawn(function () use ($r, $read, &$reading) {
        $reading = true;
        try {
            $read($r);
            return 'returned';
        } catch (Loom\CancelledException $e) {
            return 'cancelled';
        }
    });
    while (!$reading) Loom\sleep(0);  // the reader has started and is now waiting for bytes
    try {
        $c->stream([$idle, $r]);
        echo "$how: accepted\n";
    } catch (Loom\Http\InvalidArgumentException $e) {
        echo "$how: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
    echo "$how: idle response still free to read: ", $idle->body(), "\n";
    $stillWaiting = !$reader->isFinished();
    $r->cancel();
    echo "$how: reader ", $stillWaiting ? 'still waiting, then ' : 'had ended: ', Loom\timeout(20, fn() => $reader->await()), "\n";
    unset($idle, $r, $reader);
}
loom_test_server_stop($srv);
loom_assert_http_baseline(2);
?>
--EXPECT--
body: Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at index 1 is being read by another task (its body(), chunks() or events() is waiting for bytes); a response's body has one reader at a time
body: idle response still free to read: xxx
body: reader still waiting, then cancelled
chunks: Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at index 1 is being read by another task (its body(), chunks() or events() is waiting for bytes); a response's body has one reader at a time
chunks: idle response still free to read: xxx
chunks: reader still waiting, then cancelled
events: Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at index 1 is being read by another task (its body(), chunks() or events() is waiting for bytes); a response's body has one reader at a time
events: idle response still free to read: xxx
events: reader still waiting, then cancelled
baseline: ok
