--TEST--
Adapters: Guzzle's headers, body (string, json, form_params, a 2 MiB stream of unknown size) and version options reach the server as sent
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url'], 'headers' => ['X-Client' => 'c', 'X-Both' => 'client']]);
$echo = fn(string $method, array $o) => json_decode((string)$guzzle->request($method, '/echo', $o)->getBody(), true);
$e = $echo('PUT', ['headers' => ['X-Both' => 'request', 'X-List' => ['a', 'b']], 'body' => 'plain body']);
echo $e['method'], ' ', $e['headers']['x-client'], ' ', $e['headers']['x-both'], ' ', $e['headers']['x-list'], ' ', $e['body'], "\n";
$e = $echo('POST', ['json' => ['a' => 1]]);
echo $e['headers']['content-type'], ' ', $e['body'], "\n";
$e = $echo('POST', ['form_params' => ['q' => 'x y']]);
echo $e['headers']['content-type'], ' ', $e['body'], "\n";
// A body whose size is unknown is streamed in pieces (chunked), not read into one string first.
$big = str_repeat('0123456789abcdef', 131072);
$stream = new GuzzleHttp\Psr7\PumpStream(function (int $n) use (&$big) {
    if ($big === '') return false;
    $piece = substr($big, 0, 65536);
    $big = substr($big, 65536);
    return $piece;
});
$e = $echo('POST', ['body' => $stream]);
echo strlen($e['body']), ' ', $e['headers']['transfer-encoding'] ?? 'no transfer-encoding', ' ', md5($e['body']) === md5(str_repeat('0123456789abcdef', 131072)) ? 'intact' : 'corrupt', "\n";
foreach (['1.1', '2'] as $v) {
    $r = $guzzle->get('/echo', ['version' => $v]);
    echo "version $v: ", $r->getStatusCode(), "\n";
}
try {
    $guzzle->get('/echo', ['version' => '1.0']);
} catch (InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
loom_test_server_stop($srv);
loom_assert_http_baseline(2);
?>
--EXPECT--
PUT c request a, b plain body
application/json {"a":1}
application/x-www-form-urlencoded q=x+y
2097152 chunked intact
version 1.1: 200
version 2: 200
InvalidArgumentException: HTTP/1.0 is not supported by Loom\Guzzle\Handler (use 1.1 or 2)
baseline: ok
