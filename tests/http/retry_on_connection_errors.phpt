--TEST--
Http: with the retry option a request whose connection failed before any response (empty reply, refused) is retried; without it the error is thrown at once
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
// Closes the first connection of every key without a byte, answers the second.
$peer = loom_test_peer_start(<<<'PEER'
$seen = [];
while ($c = peer_accept($server)) {
    $req = peer_read_request($c);
    if (!$req) { fclose($c); continue; }
    $key = explode(' ', $req['line'])[1];
    $n = $seen[$key] = ($seen[$key] ?? 0) + 1;
    fwrite(STDERR, "$key $n\n");
    if ($n >= 2) fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
    fclose($c);
}
PEER);
$c = new Loom\Http\Client(['base_uri' => $peer['url']]);
$r = $c->request('GET', '/a', ['retry' => ['max' => 2, 'delay' => 0.05]]);
echo 'empty reply then ok: ', $r->status(), ' ', $r->body(), "\n";
try {
    $c->request('GET', '/b');
} catch (Loom\Http\TransportException $e) {
    echo 'without retry: ', $e->getPhase(), ' ', $e->getCurlCode(), "\n";
}
// A refused port is retried max times, then the last error is thrown.
$port = loom_test_free_port();
$t0 = hrtime(true);
try {
    $c->request('GET', "http://127.0.0.1:$port/", ['retry' => ['max' => 2, 'delay' => 0.1]]);
} catch (Loom\Http\TransportException $e) {
    $s = (hrtime(true) - $t0) / 1e9;
    echo 'refused, retried: ', $e->getPhase(), ' ', $e->getCurlCode(), ', backoff ', $s >= 0.25 && $s < 5 ? 'waited (0.1 + 0.2 s)' : "$s s", "\n";
}
$log = loom_test_peer_stop($peer);
echo trim($log), "\n";
loom_assert_http_baseline(0);
?>
--EXPECT--
empty reply then ok: 200 ok
without retry: headers 52
refused, retried: connect 7, backoff waited (0.1 + 0.2 s)
/a 1
/a 2
/b 1
baseline: ok
