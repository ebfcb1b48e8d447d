--TEST--
Http: client and request headers merge; the request's value wins per name, case-insensitively; lists are joined with ", "
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'headers' => [
    'X-Api-Version' => '1', 'X-Keep' => 'client', 'Accept' => 'text/plain', 'X-List' => ['a', 'b'],
]]);
$h = $c->request('GET', '/echo', ['headers' => ['x-api-version' => '2', 'ACCEPT' => 'application/json', 'X-New' => 42]])->json()['headers'];
var_dump($h['x-api-version'], $h['x-keep'], $h['accept'], $h['x-list'], $h['x-new']);
// The client itself is not changed by a request's headers.
$h = $c->request('GET', '/echo')->json()['headers'];
var_dump($h['x-api-version'], $h['accept'], isset($h['x-new']));
// An empty value is sent as an empty header.
$h = $c->request('GET', '/echo', ['headers' => ['X-Empty' => '']])->json()['headers'];
var_dump($h['x-empty']);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
string(1) "2"
string(6) "client"
string(16) "application/json"
string(4) "a, b"
string(2) "42"
string(1) "1"
string(10) "text/plain"
bool(false)
string(0) ""
baseline: ok
