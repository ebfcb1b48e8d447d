--TEST--
Http: while a Client::stream() covers a response (from the call on), body(), json(), chunks() and events() on it in another task throw LogicException at once; the stream still gets every byte and reports the end once
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$a = $c->request('GET', '/sse?data=' . rawurlencode("data: one\n\ndata: two\n\n") . '&chunk=5&interval_ms=30');
$expected = "data: one\n\ndata: two\n\n";

$s = $c->stream([$a]);
$other = Loom\spawn(function () use ($a) {
    foreach ([
        'body' => fn() => $a->body(),
        'json' => fn() => $a->json(),
        'chunks' => fn() => iterator_to_array($a->chunks()),
        'events' => fn() => iterator_to_array($a->events()),
    ] as $how => $read) {
        try {
            $read();
            echo "$how: read\n";
        } catch (LogicException $e) {
            echo "$how: ", get_class($e), ': ', $e->getMessage(), "\n";
        }
    }
});
$other->await();  // the stream covers $a from stream() on, before it is iterated
Loom\timeout(20, function () use ($s, $expected) {  // a bound, so a wrong answer fails instead of hanging
    $body = '';
    $ends = 0;
    foreach ($s as $r => $chunk) {
        $body .= $chunk;
        $ends += $chunk === '' ? 1 : 0;
    }
    echo 'stream: ', $body === $expected ? 'every byte' : json_encode($body), ", ends $ends\n";
});
// Once the stream reported the end, the response is no longer covered: the body is simply consumed.
echo 'body after: ', json_encode($a->body()), "\n";
unset($a, $s, $r, $other);
loom_test_server_stop($srv);
loom_assert_http_baseline();
?>
--EXPECTF--
body: LogicException: Loom\Http\Response::body(): the response from http://127.0.0.1:%d/sse?%s is being read by a Loom\Http\Client::stream() that has not reported its end; a response's body has one reader at a time
json: LogicException: Loom\Http\Response::json(): the response from http://127.0.0.1:%d/sse?%s is being read by a Loom\Http\Client::stream() that has not reported its end; a response's body has one reader at a time
chunks: LogicException: Loom\Http\Response::chunks(): the response from http://127.0.0.1:%d/sse?%s is being read by a Loom\Http\Client::stream() that has not reported its end; a response's body has one reader at a time
events: LogicException: Loom\Http\Response::events(): the response from http://127.0.0.1:%d/sse?%s is being read by a Loom\Http\Client::stream() that has not reported its end; a response's body has one reader at a time
stream: every byte, ends 1
body after: ""
baseline: ok
