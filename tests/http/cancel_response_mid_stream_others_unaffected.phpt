--TEST--
Http: Response::cancel() from another task mid-stream: its reader gets CancelledException, its connection is closed, the other streams get every token
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$url = '/v1/chat/completions?tokens=30&interval_ms=15&ttft_ms=0';
$victim = $c->request('GET', $url);
$others = [$c->request('GET', $url), $c->request('GET', $url)];
$count = function (Loom\Http\Response $r) {
    $n = 0;
    try {
        foreach ($r->events() as $e) $n++;
        return "completed with $n events";
    } catch (Loom\CancelledException $e) {
        return "CancelledException after " . ($n >= 1 && $n < 32 ? 'some' : $n) . " events: " . str_replace($GLOBALS['srv']['url'], 'URL', $e->getMessage());
    }
};
$readers = array_map(fn($r) => Loom\spawn($count, $r), [$victim, ...$others]);
$canceller = Loom\spawn(function () use ($victim) {
    Loom\sleep(0.1);
    echo 'open sockets before cancel: ', Loom\stats()['sockets'], "\n";
    $victim->cancel();
    echo 'transfers after cancel: ', Loom\stats()['curl_handles'], "\n";
});
foreach (Loom\all($readers) as $line) echo $line, "\n";
$canceller->await();
// Reading a cancelled response again reports the cancellation too; cancel() again is harmless.
try {
    $victim->body();
} catch (Loom\CancelledException $e) {
    echo "body(): CancelledException\n";
}
$victim->cancel();
var_dump($victim->status());
// The cancelled connection was closed; the two finished ones stay in the pool.
loom_assert_http_baseline(2);
var_dump(Loom\stats()['sockets']);
loom_test_server_stop($srv);
?>
--EXPECT--
open sockets before cancel: 3
transfers after cancel: 2
CancelledException after some events: The request to URL/v1/chat/completions?tokens=30&interval_ms=15&ttft_ms=0 was cancelled
completed with 32 events
completed with 32 events
body(): CancelledException
int(200)
baseline: ok
int(2)
