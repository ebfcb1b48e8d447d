--TEST--
Http: a body cut short of its Content-Length delivers the bytes that came, then TransportException phase body (curl 18, partial file)
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$r = $c->request('GET', '/length-lie?n=10');
var_dump($r->status(), $r->header('content-length'));
$got = '';
try {
    foreach ($r->chunks() as $chunk) $got .= $chunk;
    echo "no exception (wrong)\n";
} catch (Loom\Http\TransportException $e) {
    echo get_class($e), ' ', $e->getPhase(), ' ', $e->getCurlCode(), "\n";
    echo str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
}
var_dump($got);
// body() reports the same failure.
try {
    $c->request('GET', '/length-lie?n=10')->body();
} catch (Loom\Http\TransportException $e) {
    echo 'body(): ', $e->getCurlCode(), "\n";
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECTF--
int(200)
string(2) "20"
Loom\Http\TransportException body 18
Failed reading the response body from URL/length-lie?n=10: %s10 bytes%s
string(10) "xxxxxxxxxx"
body(): 18
baseline: ok
