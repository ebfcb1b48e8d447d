--TEST--
Http: header() is case-insensitive, joins repeated fields with ", " and gives null when absent; headers() lists every value under its lower-case name
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$peer = loom_test_peer_start(<<<'PEER'
while ($c = peer_accept($server)) {
    peer_read_request($c);
    fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Dup: one\r\nx-dup: two\r\nX-DUP: three\r\n"
        . "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-Empty:\r\nX-Padded:   padded value  \r\nConnection: close\r\n\r\nok");
    fclose($c);
}
PEER);
$c = new Loom\Http\Client();
$r = $c->request('GET', $peer['url'] . '/');
var_dump($r->header('x-dup'), $r->header('X-Dup'), $r->header('set-cookie'));
var_dump($r->header('X-Empty'), $r->header('x-padded'), $r->header('x-absent'));
$h = $r->headers();
var_dump($h['x-dup'], $h['set-cookie'], isset($h['X-Dup']));
var_dump($r->body());
loom_test_peer_stop($peer);
loom_assert_http_baseline(0);
?>
--EXPECT--
string(15) "one, two, three"
string(15) "one, two, three"
string(8) "a=1, b=2"
string(0) ""
string(12) "padded value"
NULL
array(3) {
  [0]=>
  string(3) "one"
  [1]=>
  string(3) "two"
  [2]=>
  string(5) "three"
}
array(2) {
  [0]=>
  string(3) "a=1"
  [1]=>
  string(3) "b=2"
}
bool(false)
string(2) "ok"
baseline: ok
