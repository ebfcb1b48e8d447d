--TEST--
Http: max_response_bytes stops a 200 MB body right after the limit with ResponseTooLargeException phase body; a body of exactly the limit passes
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$limit = 1 << 20;
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'max_response_bytes' => $limit]);
$got = 0;
$t0 = hrtime(true);
try {
    foreach ($c->request('GET', '/bytes?n=200000000&chunk=65536')->chunks() as $chunk) $got += strlen($chunk);
    echo "no exception (wrong)\n";
} catch (Loom\Http\ResponseTooLargeException $e) {
    echo get_class($e), ' phase ', $e->getPhase(), "\n";
    echo str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
    var_dump($e instanceof Loom\Http\TransportException, $got <= $limit, (hrtime(true) - $t0) / 1e9 < 10);
}
var_dump(strlen($c->request('GET', "/bytes?n=$limit")->body()));
try {
    $c->request('GET', '/bytes?n=' . ($limit + 1))->body();
} catch (Loom\Http\ResponseTooLargeException $e) {
    echo "one byte over: ResponseTooLargeException\n";
}
// Per request, and 0 means no limit.
var_dump(strlen($c->request('GET', '/bytes?n=3000000', ['max_response_bytes' => 0])->body()));
try {
    $c->request('GET', '/bytes?n=101', ['max_response_bytes' => 100])->body();
} catch (Loom\Http\ResponseTooLargeException $e) {
    echo str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
Loom\Http\ResponseTooLargeException phase body
Response body from URL/bytes?n=200000000&chunk=65536 exceeds max_response_bytes (1048576 bytes)
bool(true)
bool(true)
bool(true)
int(1048576)
one byte over: ResponseTooLargeException
int(3000000)
Response body from URL/bytes?n=101 exceeds max_response_bytes (100 bytes)
baseline: ok
