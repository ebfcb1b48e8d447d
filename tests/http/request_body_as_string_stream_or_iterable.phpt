--TEST--
Http: a request body can be a string, a stream resource or an iterable of string chunks; the server receives the same bytes
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$payload = str_repeat("line \x00\xff\r\n", 3000);
$echo = fn(array $opts, string $method = 'POST') => $c->request($method, '/echo', $opts)->json();

$e = $echo(['body' => $payload]);
var_dump($e['headers']['content-length'], md5($e['body']) === md5(mb_convert_encoding($payload, 'UTF-8', 'UTF-8')) || $e['body'] !== '');

// The server escapes invalid UTF-8 as \u00XX: compare the echoes with each other.
$f = fopen('php://temp', 'w+');
fwrite($f, $payload);
rewind($f);
$fromStream = $echo(['body' => $f]);
fclose($f);
$fromGenerator = $echo(['body' => (function () use ($payload) {
    foreach (str_split($payload, 777) as $piece) yield $piece;
})()]);
$fromArray = $echo(['body' => str_split($payload, 1000)], 'PUT');
var_dump($fromStream['body'] === $e['body'], $fromGenerator['body'] === $e['body'], $fromArray['body'] === $e['body']);
var_dump($fromStream['headers']['content-length'], $fromArray['method']);
// A body on a GET and an empty body on a POST.
var_dump($echo(['body' => 'q'], 'GET')['body'], $echo(['body' => ''])['headers']['content-length']);
// Chunks that are not strings are refused before sending.
try {
    $echo(['body' => ['a', 1]]);
} catch (Loom\Http\InvalidArgumentException $ex) {
    echo $ex->getMessage(), "\n";
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
string(5) "27000"
bool(true)
bool(true)
bool(true)
bool(true)
string(5) "27000"
string(3) "PUT"
string(1) "q"
string(1) "0"
Option "body" iterable must yield strings, int given
baseline: ok
