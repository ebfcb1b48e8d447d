--TEST--
Http: a gzip-encoded response is decoded transparently (Accept-Encoding is sent; Content-Encoding stays visible)
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$r = $c->request('GET', '/gzip?n=1000000');
echo $r->header('content-encoding'), "\n";
$body = $r->body();
var_dump(strlen($body), $body === str_repeat('x', 1000000));
$pieces = 0;
$len = 0;
foreach ($c->request('GET', '/gzip?n=300000')->chunks() as $chunk) { $pieces++; $len += strlen($chunk); }
var_dump($len, $pieces >= 1);
var_dump(str_contains($c->request('GET', '/echo')->json()['headers']['accept-encoding'], 'gzip'));
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
gzip
int(1000000)
bool(true)
int(300000)
bool(true)
bool(true)
baseline: ok
