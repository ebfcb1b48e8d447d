--TEST--
Http: http_version '2-prior-knowledge' speaks HTTP/2 over cleartext (h2c) from the first byte; repeated and concurrent requests all succeed
--SKIPIF--
<?php
require __DIR__ . '/../inc/http.inc';
if (!loom_test_have_nghttpd()) die('skip nghttpd (package nghttp2-server) is not installed');
?>
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$h2 = loom_test_nghttpd_start(['hello.txt' => "hello over h2c\n", 'big.bin' => str_repeat('0123456789', 5000)]);
$c = new Loom\Http\Client(['base_uri' => $h2['url'], 'http_version' => '2-prior-knowledge']);
$r = $c->request('GET', '/hello.txt');
echo $r->status(), ' ', $r->header('server') !== null && str_contains($r->header('server'), 'nghttpd') ? 'nghttpd' : '?', ' ', $r->body();
// The same client again, in sequence (libcurl before 8.0.0 broke every reuse of such a connection).
for ($i = 0; $i < 3; $i++) echo $c->request('GET', '/hello.txt')->body();
// 20 at once.
$tasks = [];
for ($i = 0; $i < 20; $i++) $tasks[] = Loom\spawn(fn() => md5($c->request('GET', $i % 2 ? '/big.bin' : '/hello.txt')->body()));
$sums = array_count_values(Loom\all($tasks));
var_dump(count($sums), $sums[md5(str_repeat('0123456789', 5000))], $sums[md5("hello over h2c\n")]);
echo $c->request('GET', '/missing')->status(), "\n";
// A plain HTTP/1.1 client against the same h2c-only port fails cleanly.
try {
    (new Loom\Http\Client(['http_version' => '1.1', 'timeout' => ['idle' => 2]]))->request('GET', "{$h2['url']}/hello.txt");
    echo "HTTP/1.1 to h2c: answered\n";
} catch (Loom\Http\TransportException $e) {
    echo 'HTTP/1.1 to h2c: ', get_class($e), "\n";
}
loom_test_nghttpd_stop($h2);
loom_assert_http_baseline(20);
?>
--EXPECT--
200 nghttpd hello over h2c
hello over h2c
hello over h2c
hello over h2c
int(2)
int(10)
int(10)
404
HTTP/1.1 to h2c: Loom\Http\TransportException
baseline: ok
