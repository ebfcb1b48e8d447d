--TEST--
Http: an SSE upstream that closes before [DONE] (no terminating chunk) yields the events so far, then TransportException phase body; never a silent success
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$other = Loom\spawn(function () use ($c) {
    $n = 0;
    foreach ($c->request('GET', '/v1/chat/completions?tokens=20&interval_ms=5&ttft_ms=0')->events() as $e) $n++;
    return $n;
});
$tokens = [];
try {
    foreach ($c->request('GET', '/v1/chat/completions?fault=close_after&k=4&tokens=10&interval_ms=5&ttft_ms=0')->events() as $e) {
        $tokens[] = $e->json()['choices'][0]['delta']['content'];
    }
    echo "ended quietly (wrong)\n";
} catch (Loom\Http\TransportException $e) {
    echo get_class($e), ' phase ', $e->getPhase(), ', curl ', $e->getCurlCode(), "\n";
    echo str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
}
echo implode('', $tokens), "\n";
echo 'other stream: ', $other->await(), " events\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
Loom\Http\TransportException phase body, curl 18
Failed reading the response body from URL/v1/chat/completions?fault=close_after&k=4&tokens=10&interval_ms=5&ttft_ms=0: transfer closed with outstanding read data remaining
t0 t1 t2 t3 
other stream: 22 events
baseline: ok
