--TEST--
Http: when the server closes an idle kept-alive connection between requests, the next request succeeds on a fresh connection
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
// Keep-alive responses; each connection is closed by the server 100 ms after its first response.
$peer = loom_test_peer_start(<<<'PEER'
$n = 0;
while ($c = peer_accept($server)) {
    $n++;
    $req = peer_read_request($c);
    if ($req) fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: keep-alive\r\n\r\nconn$n\n");
    usleep(100000);
    fclose($c);
    fwrite(STDERR, "closed connection $n\n");
}
PEER);
$c = new Loom\Http\Client(['base_uri' => $peer['url']]);
// Waits until the peer says it closed connection $n (its log is its STDERR), not for a fixed time.
$closed = fn(int $n) => loom_wait_until(fn() => str_contains((string)file_get_contents($peer['log']), "closed connection $n\n"),
    "the peer to close connection $n");
echo $c->request('GET', '/one')->body();
echo 'idle sockets kept: ', Loom\stats()['sockets'], "\n";
$closed(1);   // the server has closed the kept connection meanwhile
echo $c->request('GET', '/two')->body();
$closed(2);
echo $c->request('POST', '/three', ['body' => 'x'])->body();
$closed(3);
echo trim(loom_test_peer_stop($peer)), "\n";
loom_assert_http_baseline(1);
?>
--EXPECT--
conn1
idle sockets kept: 1
conn2
conn3
closed connection 1
closed connection 2
closed connection 3
baseline: ok
