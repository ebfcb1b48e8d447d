--TEST--
Http: the query option is appended to the URL's own query, RFC 3986-encoded
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$q = fn(string $url, array $query) => $c->request('GET', $url, ['query' => $query])->json()['query'];
var_dump($q('/echo?a=1', ['b' => 2, 'c' => 'x y', 'd' => 'é&=']));
var_dump($q('/echo', ['only' => 'this']));
var_dump($q('/echo?kept=1', []));
var_dump($q('/echo?list=0', ['n' => [1, 2]]));
// The URL's own query is sent as written.
var_dump($q('/echo?sig=%2Fa%2b', ['t' => 1]));
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
string(30) "a=1&b=2&c=x%20y&d=%C3%A9%26%3D"
string(9) "only=this"
string(6) "kept=1"
string(28) "list=0&n%5B0%5D=1&n%5B1%5D=2"
string(15) "sig=%2Fa%2b&t=1"
baseline: ok
