--TEST--
Http: Client::stream() refuses a response another stream covers until that stream reports its end or is dropped; the first stream still gets every byte and the end once
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$a = $c->request('GET', '/drip?n=6&interval_ms=30&body=abc');
$b = $c->request('GET', '/bytes?n=10');

$first = $c->stream([$a]);
try {
    $c->stream([$b, $a]);
    echo "accepted\n";
} catch (Loom\Http\InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// The refused call covered nothing: $b reads normally.
echo 'b: ', $b->body(), "\n";

Loom\timeout(20, function () use ($first) {  // a bound, so a wrong answer fails instead of hanging
    $body = '';
    $ends = 0;
    foreach ($first as $r => $chunk) {
        $body .= $chunk;
        $ends += $chunk === '' ? 1 : 0;
    }
    echo "first stream: $body, ends $ends\n";
});
// Its end reported, $a may be streamed again: only its end is left.
foreach ($c->stream([$a]) as $r => $chunk) echo 'again: ', json_encode($chunk), "\n";

// Dropping a stream mid-body releases its responses too.
$d = $c->request('GET', '/drip?n=4&interval_ms=30&body=xyz');
$s = $c->stream([$d]);
foreach ($s as $r => $head) break;
unset($s);
$rest = '';
foreach ($c->stream([$d]) as $r => $chunk) $rest .= $chunk;
echo 'after drop: ', $head, ' + ', strlen($rest), ' more = ', $head . $rest, "\n";
unset($a, $b, $d, $r, $first);
loom_test_server_stop($srv);
loom_assert_http_baseline(2);
?>
--EXPECTF--
Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at index 1 is already covered by another Loom\Http\Client::stream() that has not reported its end; a response is streamed by one stream at a time
b: xxxxxxxxxx
first stream: abcabc, ends 1
again: ""
after drop: %s + %d more = xyzx
baseline: ok
