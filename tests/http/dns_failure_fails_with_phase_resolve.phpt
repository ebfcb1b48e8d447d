--TEST--
Http: a host that cannot resolve (x.invalid) raises TransportException phase resolve (curl 6) within a bounded time
--SKIPIF--
<?php
$t0 = microtime(true);
gethostbyname('loom-probe.invalid');
if (microtime(true) - $t0 > 1) die('skip resolving *.invalid takes over 1 s on this machine');
?>
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$c = new Loom\Http\Client(['timeout' => ['connect' => 5]]);
$t0 = hrtime(true);
try {
    $c->request('GET', 'http://x.invalid/v1/models');
    echo "resolved (wrong)\n";
} catch (Loom\Http\TransportException $e) {
    echo get_class($e), ' phase ', $e->getPhase(), ', curl ', $e->getCurlCode(), "\n";
    echo $e->getMessage(), "\n";
    var_dump((hrtime(true) - $t0) / 1e9 < 5);
}
loom_assert_http_baseline(0);
?>
--EXPECT--
Loom\Http\TransportException phase resolve, curl 6
Could not resolve the host of http://x.invalid/v1/models: Could not resolve host: x.invalid
bool(true)
baseline: ok
