--TEST--
Http: a response header block over 64 KiB, or an endless one, raises ResponseTooLargeException phase headers; a large but bounded one passes
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$r = $c->request('GET', '/big-headers?n=16000');
echo 'about 16 KB of headers: ', $r->status(), ' ', $r->body(), ' ', count(array_filter(array_keys($r->headers()), fn($k) => str_starts_with($k, 'x-big-'))) > 10 ? 'many x-big' : 'few', "\n";
try {
    $c->request('GET', '/big-headers?n=100000');
} catch (Loom\Http\ResponseTooLargeException $e) {
    echo '100 KB of headers: ', get_class($e), ' phase ', $e->getPhase(), ': ', str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
}
$peer = loom_test_peer_start(<<<'PEER'
while ($c = peer_accept($server)) {
    peer_read_request($c);
    fwrite($c, "HTTP/1.1 200 OK\r\n");
    for ($i = 0; @fwrite($c, "X-Endless-$i: " . str_repeat('v', 200) . "\r\n"); $i++) {}
    fclose($c);
}
PEER);
try {
    $c->request('GET', $peer['url'] . '/');
} catch (Loom\Http\ResponseTooLargeException $e) {
    echo 'endless headers: ', get_class($e), ' phase ', $e->getPhase(), "\n";
}
loom_test_peer_stop($peer);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
about 16 KB of headers: 200 ok many x-big
100 KB of headers: Loom\Http\ResponseTooLargeException phase headers: Response headers from URL/big-headers?n=100000 exceed 65536 bytes
endless headers: Loom\Http\ResponseTooLargeException phase headers
baseline: ok
