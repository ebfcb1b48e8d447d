--TEST--
Http: https:// to a peer that accepts TCP but never answers the TLS ClientHello raises TimeoutException phase connect (the connect timeout covers the handshake)
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
// The kernel completes the TCP handshake for a listener that never accepts; nothing answers TLS.
$l = stream_socket_server('tcp://127.0.0.1:0');
$name = stream_socket_get_name($l, false);
$c = new Loom\Http\Client(['timeout' => ['connect' => 0.5]]);
$t0 = hrtime(true);
try {
    $c->request('GET', "https://$name/v1/models");
    echo "no exception (wrong)\n";
} catch (Loom\Http\TimeoutException $e) {
    $s = (hrtime(true) - $t0) / 1e9;
    echo get_class($e), ' phase ', $e->getPhase(), ', curl ', $e->getCurlCode(), "\n";
    echo str_replace($name, 'HOST:PORT', explode(': ', $e->getMessage(), 2)[0]), "\n";
    var_dump($s >= 0.45 && $s < 10);   // generous: under valgrind loading the CA bundle alone takes seconds
}
// The total timeout, when nearer, ends it too, and is named.
try {
    $c->request('GET', "https://$name/", ['timeout' => ['connect' => 5, 'total' => 0.3]]);
} catch (Loom\Http\TimeoutException $e) {
    echo 'total: phase ', $e->getPhase(), "\n";
}
loom_assert_http_baseline(0);
?>
--EXPECT--
Loom\Http\TimeoutException phase connect, curl 28
Request to https://HOST:PORT/v1/models timed out after 0.5 seconds (connect timeout)
bool(true)
total: phase total
baseline: ok
