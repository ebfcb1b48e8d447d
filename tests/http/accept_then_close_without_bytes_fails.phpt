--TEST--
Http: a server that accepts and closes without a byte gives TransportException phase headers (curl 52, empty reply)
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
try {
    $c->request('GET', '/close');
} catch (Loom\Http\TransportException $e) {
    echo get_class($e), ' ', $e->getPhase(), ' ', $e->getCurlCode(), "\n";
    echo str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
}
// The client is still usable.
var_dump($c->request('GET', '/echo')->status());
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
Loom\Http\TransportException headers 52
Failed reading the response headers from URL/close: Empty reply from server
int(200)
baseline: ok
