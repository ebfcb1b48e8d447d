--TEST--
Http: max_response_bytes counts decoded bytes, so a gzip bomb (small on the wire, 1 GB decoded) is stopped right after the limit
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$limit = 1 << 20;
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'max_response_bytes' => $limit]);
$got = 0;
$t0 = hrtime(true);
try {
    foreach ($c->request('GET', '/gzip?n=1000000000')->chunks() as $chunk) $got += strlen($chunk);
    echo "no exception (wrong)\n";
} catch (Loom\Http\ResponseTooLargeException $e) {
    echo get_class($e), ' phase ', $e->getPhase(), "\n";
    var_dump($got <= $limit, (hrtime(true) - $t0) / 1e9 < 10);
}
var_dump(strlen($c->request('GET', "/gzip?n=$limit")->body()));
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
Loom\Http\ResponseTooLargeException phase body
bool(true)
bool(true)
int(1048576)
baseline: ok
