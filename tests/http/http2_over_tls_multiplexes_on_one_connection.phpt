--TEST--
Http: over TLS, ALPN picks HTTP/2 by default and 20 concurrent requests share one connection (multiplexed); http_version '1.1' asks for HTTP/1.1 (which nghttpd refuses)
--SKIPIF--
<?php
require __DIR__ . '/../inc/http.inc';
if (!loom_test_have_nghttpd()) die('skip nghttpd (package nghttp2-server) is not installed');
if (!loom_test_have_openssl()) die('skip the openssl binary is needed to make test certificates');
?>
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$dir = loom_test_make_certs(['good']);
// Bodies stay within HTTP/2's initial 64 KiB connection window: past it nghttpd 1.52 with libcurl 7.88
// sometimes leaves a multiplexed stream unfinished (reproduced with ext/curl; not with Node's server).
$h2 = loom_test_nghttpd_start(['a.txt' => 'alpha', 'big.bin' => str_repeat('z', 10000)], ['key' => "$dir/good.key", 'cert' => "$dir/good.pem"]);
$c = new Loom\Http\Client(['base_uri' => $h2['url'], 'ca_file' => "$dir/ca.pem"]);
$peak = 0;
$tasks = [];
for ($i = 0; $i < 20; $i++) {
    $tasks[] = Loom\spawn(function () use ($c, $i, &$peak) {
        $r = $c->request('GET', $i % 4 ? '/a.txt' : '/big.bin');
        $peak = max($peak, Loom\stats()['sockets']);
        return strlen($r->body());
    });
}
$lens = array_count_values(Loom\all($tasks));
ksort($lens);
var_dump($lens);
echo 'connections used: ', $peak, ', open now: ', Loom\stats()['sockets'], "\n";
// The pooled HTTP/2 connection serves later requests too.
echo $c->request('GET', '/a.txt')->body(), ' on ', Loom\stats()['sockets'], " connection\n";
// http_version '1.1' offers only http/1.1 in ALPN; this server has nothing else to offer.
$c11 = new Loom\Http\Client(['base_uri' => $h2['url'], 'ca_file' => "$dir/ca.pem", 'http_version' => '1.1']);
try {
    $status = $c11->request('GET', '/a.txt')->status();
    echo "HTTP/1.1: $status\n";
} catch (Loom\Http\TransportException $e) {
    echo 'HTTP/1.1: ', get_class($e), ' (nghttpd speaks only HTTP/2)', "\n";
}
loom_test_nghttpd_stop($h2);
loom_assert_http_baseline(2);
?>
--EXPECT--
array(2) {
  [5]=>
  int(15)
  [10000]=>
  int(5)
}
connections used: 1, open now: 1
alpha on 1 connection
HTTP/1.1: Loom\Http\TransportException (nghttpd speaks only HTTP/2)
baseline: ok
