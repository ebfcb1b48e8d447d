--TEST--
Http: a chunked body sent as 1-byte chunks, all at once or dripped over time, is reassembled exactly
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$body = $c->request('GET', '/bytes?n=20000&chunk=1')->body();
var_dump(strlen($body), $body === str_repeat('x', 20000));
$text = 'The quick brown fox: ünïcödé → bytes';
$got = '';
foreach ($c->request('GET', '/drip?interval_ms=3&body=' . rawurlencode($text))->chunks() as $chunk) $got .= $chunk;
var_dump($got === $text);
$events = [];
foreach ($c->request('GET', '/sse?chunk=1&interval_ms=1&data=' . rawurlencode("data: é1\n\ndata: ü2\r\n\r\n"))->events() as $e) $events[] = $e->data;
var_dump($events);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
int(20000)
bool(true)
bool(true)
array(2) {
  [0]=>
  string(3) "é1"
  [1]=>
  string(3) "ü2"
}
baseline: ok
