--TEST--
Http: max_event_bytes bounds one SSE line and one event's data (ResponseTooLargeException phase body, events before it delivered); exactly the limit passes; 0 means no limit; an endless line is stopped early
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$sse = function (string $raw, array $opts = []) use ($c, $srv) {
    $seen = [];
    try {
        foreach ($c->request('GET', '/sse?chunk=7&data=' . rawurlencode($raw), $opts)->events() as $e) $seen[] = strlen($e->data);
        return 'events ' . json_encode($seen);
    } catch (Loom\Http\ResponseTooLargeException $e) {
        return 'events ' . json_encode($seen) . ', then ' . get_class($e) . ' phase ' . $e->getPhase() . ': '
            . str_replace($srv['url'], 'URL', preg_replace('/\?.*? exceeds/', ' exceeds', $e->getMessage()));
    }
};
$limit = ['max_event_bytes' => 100];
echo 'line at the limit: ', $sse("data: ok\n\n" . 'data:' . str_repeat('a', 95) . "\n\n", $limit), "\n";
echo 'line over: ', $sse("data: ok\n\n" . 'data:' . str_repeat('a', 96) . "\n\n", $limit), "\n";
echo 'event over: ', $sse("data: ok\n\n" . str_repeat('data:' . str_repeat('b', 40) . "\n", 3) . "\n", $limit), "\n";
// Both in one write (one piece of body): the event before the overflow still comes first.
$seen = [];
try {
    foreach ($c->request('GET', '/sse?data=' . rawurlencode("data: ok\n\ndata: fine\n\ndata:" . str_repeat('a', 200) . "\n\n"), $limit)->events() as $e) $seen[] = $e->data;
} catch (Loom\Http\ResponseTooLargeException $e) {
    echo 'one piece: events ', json_encode($seen), ", then ResponseTooLargeException\n";
}
echo 'no limit: ', $sse('data:' . str_repeat('c', 3000) . "\n\n", ['max_event_bytes' => 0]), "\n";
echo 'default (1 MiB): ', $sse('data:' . str_repeat('d', 3000) . "\n\n"), "\n";
// A peer streaming one endless line with no newline: stopped at the default limit, long before its end.
$peer = loom_test_peer_start(<<<'PEER'
while ($c = peer_accept($server)) {
    peer_read_request($c);
    fwrite($c, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\ndata: ");
    $piece = str_repeat('z', 65536);
    for ($i = 0; $i < 1600 && @fwrite($c, $piece); $i++) {}  // 100 MiB, if nobody stops it
    fclose($c);
}
PEER);
$t0 = hrtime(true);
try {
    foreach ($c->request('GET', $peer['url'] . '/')->events() as $e) echo "event (wrong)\n";
} catch (Loom\Http\ResponseTooLargeException $e) {
    echo 'endless line: ', get_class($e), ', ', (hrtime(true) - $t0) / 1e9 < 10 ? 'stopped early' : 'slow', "\n";
}
loom_test_peer_stop($peer);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
line at the limit: events [2,95]
line over: events [2], then Loom\Http\ResponseTooLargeException phase body: An event or line from URL/sse exceeds max_event_bytes (100 bytes)
event over: events [2], then Loom\Http\ResponseTooLargeException phase body: An event or line from URL/sse exceeds max_event_bytes (100 bytes)
one piece: events ["ok","fine"], then ResponseTooLargeException
no limit: events [3000]
default (1 MiB): events [3000]
endless line: Loom\Http\ResponseTooLargeException, stopped early
baseline: ok
