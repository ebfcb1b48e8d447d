--TEST--
Http: a TCP RST mid-body (curl 56, phase body) or while the request body is still uploading fails that request only; other streams get every token
--EXTENSIONS--
sockets
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
// A peer that reads the request head only, then resets while the client is still sending 32 MiB.
$peer = loom_test_peer_start(<<<'PEER'
while ($c = peer_accept($server)) {
    $head = '';
    while (!str_contains($head, "\r\n\r\n") && ($b = fread($c, 1)) !== '' && $b !== false) $head .= $b;
    usleep(50000);
    peer_reset($c);
}
PEER);
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$others = [];
for ($i = 0; $i < 3; $i++) {
    $others[] = Loom\spawn(function () use ($c) {
        $n = 0;
        foreach ($c->request('GET', '/v1/chat/completions?tokens=30&interval_ms=5&ttft_ms=0')->events() as $e) $n++;
        return $n;
    });
}
$tokens = 0;
// The reset waits at a gate until the client has read the 6 events before it: a RST throws away whatever
// the receiver has not read yet, so without the gate a slow client would lose the headers too.
$gate = 'reset-' . getmypid();
try {
    $url = "/v1/chat/completions?fault=reset_after&k=6&gate=$gate&gate_at=6&tokens=30&interval_ms=5&ttft_ms=0";
    foreach ($c->request('GET', $url)->events() as $e) {
        if (++$tokens === 6) file_get_contents("{$srv['url']}/open?gate=$gate");
    }
    echo "mid-body: no exception (wrong)\n";
} catch (Loom\Http\TransportException $e) {
    // libcurl 7 (Debian 12) reports the reset as "Recv failure: Connection reset by peer" (56); libcurl 8.14
    // (Debian 13) as "transfer closed with outstanding read data remaining" (18).
    $code = $e->getCurlCode();
    echo 'mid-body: ', get_class($e), ' phase ', $e->getPhase(), ', curl ', in_array($code, [18, 56], true) ? '56 or 18' : $code,
        " after $tokens events\n";
    echo str_replace([$srv['url'], "&gate=$gate"], ['URL', ''], $e->getMessage()), "\n";
}
$t0 = hrtime(true);
try {
    $c->request('POST', "{$peer['url']}/upload", ['body' => str_repeat('u', 32 << 20), 'timeout' => ['idle' => 10]]);
    echo "mid-upload: no exception (wrong)\n";
} catch (Loom\Http\TransportException $e) {
    // Reported as a reset (POLLERR) or, when the reset reached curl as a plain read, as a dropped connection.
    echo 'mid-upload: ', get_class($e), ' phase ', $e->getPhase(), ', curl ', $e->getCurlCode(), "\n";
    var_dump(str_contains($e->getMessage(), 'Send failure: '), (hrtime(true) - $t0) / 1e9 < 5);
}
foreach ($others as $t) echo 'other stream: ', $t->await(), " events\n";
loom_test_peer_stop($peer);
loom_test_server_stop($srv);
loom_assert_http_baseline(3);
?>
--EXPECTF--
mid-body: Loom\Http\TransportException phase body, curl 56 or 18 after 6 events
Failed reading the response body from URL/v1/chat/completions?fault=reset_after&k=6&gate_at=6&tokens=30&interval_ms=5&ttft_ms=0: %r(Recv failure: Connection reset by peer|transfer closed with outstanding read data remaining)%r
mid-upload: Loom\Http\TransportException phase send, curl 55
bool(true)
bool(true)
other stream: 32 events
other stream: 32 events
other stream: 32 events
baseline: ok
