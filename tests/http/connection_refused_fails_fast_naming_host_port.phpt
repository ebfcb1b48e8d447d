--TEST--
Http: a refused connection fails fast with TransportException phase connect naming 127.0.0.1:port; other streams keep running
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$port = loom_test_free_port();
$c = new Loom\Http\Client();
$other = Loom\spawn(function () use ($c, $srv) {
    $n = 0;
    foreach ($c->request('GET', "{$srv['url']}/v1/chat/completions?tokens=10&interval_ms=10&ttft_ms=0")->events() as $e) $n++;
    return $n;
});
$t0 = hrtime(true);
try {
    $c->request('GET', "http://127.0.0.1:$port/v1/models");
} catch (Loom\Http\TransportException $e) {
    $ms = (hrtime(true) - $t0) / 1e6;
    echo get_class($e), "\n";
    var_dump($e->getPhase(), $e->getCurlCode(), $e->getUrl() === "http://127.0.0.1:$port/v1/models");
    var_dump(str_contains($e->getMessage(), "127.0.0.1:$port"), $ms < 5000);   // far below the 10 s connect timeout
    echo str_replace((string)$port, 'PORT', $e->getMessage()), "\n";
}
var_dump($other->await());
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECTF--
Loom\Http\TransportException
string(7) "connect"
int(7)
bool(true)
bool(true)
bool(true)
Could not connect to http://127.0.0.1:PORT/v1/models: Failed to connect to 127.0.0.1 port PORT after %d ms: Could%S connect to server
int(12)
baseline: ok
