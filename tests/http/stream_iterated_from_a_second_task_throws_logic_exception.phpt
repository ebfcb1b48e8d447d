--TEST--
Http: a Client::stream() iterated by a second task while the first waits on it throws LogicException in the second; the first still gets every byte and each end once
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$a = $c->request('GET', '/drip?n=6&interval_ms=30&body=abc');
$s = $c->stream([$a]);
$s->rewind();  // the first chunk is already there: iterating starts without waiting

$waiting = false;
$first = Loom\spawn(function () use ($s, &$waiting) {
    $body = $s->current();
    $ends = 0;
    $waiting = true;
    for ($s->next(); $s->valid(); $s->next()) {
        $body .= $s->current();
        $ends += $s->current() === '' ? 1 : 0;
    }
    return "$body, ends $ends";
});
while (!$waiting) Loom\sleep(0);  // the first task now waits inside next()
try {
    $s->next();
    echo "second task advanced it\n";
} catch (LogicException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo 'first: ', Loom\timeout(20, fn() => $first->await()), "\n";
unset($a, $s, $first);
loom_test_server_stop($srv);
loom_assert_http_baseline();
?>
--EXPECT--
LogicException: Loom\Http\Client::stream(): this stream is already being iterated by another task; iterate a stream from one task
first: abcabc, ends 1
baseline: ok
