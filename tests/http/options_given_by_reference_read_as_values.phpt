--TEST--
Http: option values held by PHP references (foreach by &, =&) are read as their values at every depth: client and request options, headers and header lists, timeout, retry and its statuses, query, json, body iterables
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();

// Every value below becomes a reference slot: foreach by reference leaves each element a reference.
function by_reference(array $a): array
{
    foreach ($a as &$v) {
        if (is_array($v)) $v = by_reference($v);
    }
    unset($v);
    return $a;
}

$url = $srv['url'];
$client = by_reference([
    'base_uri' => $url,
    'headers' => ['X-Client' => 'c', 'X-List' => ['a', 'b']],
    'timeout' => ['connect' => 5, 'idle' => 30, 'total' => 30],
    'retry' => ['max' => 1, 'statuses' => [503], 'delay' => 0, 'max_delay' => 1],
    'max_connections_per_host' => 0,
    'http_version' => '1.1',
    'verify' => true,
    'max_redirects' => 3,
    'max_response_bytes' => 0,
    'max_event_bytes' => 1024,
]);
$base = &$client['base_uri'];  // a reference made with =& as well
$c = new Loom\Http\Client($client);

$request = by_reference([
    'headers' => ['X-Request' => 'r', 'X-Number' => 7],
    'query' => ['q' => 'v'],
    'timeout' => 20,
]);
$e = $c->request('POST', '/echo', $request + ['body' => by_reference(['one,', 'two'])])->json();
echo $e['method'], ' ', $e['query'], ' ', $e['body'], ' ', $e['headers']['x-client'], ' ', $e['headers']['x-list'], ' ',
    $e['headers']['x-request'], ' ', $e['headers']['x-number'], "\n";

$json = by_reference(['model' => 'm', 'messages' => [['role' => 'user', 'content' => 'hi']]]);
$e = $c->request('POST', '/echo', ['json' => $json])->json();
echo $e['body'], ' ', $e['headers']['content-type'], "\n";

// A generator body whose chunks are references.
$chunks = ['x', 'y'];
$gen = (function () use (&$chunks) { foreach ($chunks as &$chunk) yield $chunk; })();
echo $c->request('PUT', '/echo', ['body' => $gen])->json()['body'], "\n";

// A wrong type behind a reference still names the referenced type.
$bad = by_reference(['headers' => ['X-Bad' => ['ok', 1.5, true]]]);
try {
    $c->request('GET', '/echo', $bad);
} catch (Loom\Http\InvalidArgumentException $ex) {
    echo get_class($ex), ': ', $ex->getMessage(), "\n";
}
$bad = by_reference(['timeout' => ['idle' => 'soon']]);
try {
    new Loom\Http\Client($bad);
} catch (Loom\Http\InvalidArgumentException $ex) {
    echo get_class($ex), ': ', $ex->getMessage(), "\n";
}
unset($c, $base);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
POST q=v one,two c a, b r 7
{"model":"m","messages":[{"role":"user","content":"hi"}]} application/json
xy
Loom\Http\InvalidArgumentException: Header "X-Bad" must be a string or a list of strings, bool given
Loom\Http\InvalidArgumentException: Timeout "idle" must be a finite number of seconds >= 0, string given
baseline: ok
