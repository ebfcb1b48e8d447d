--TEST--
Http: Response::cancel() from another task mid-stream: its reader gets CancelledException, its connection is closed, the other streams get every token
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
// Every stream sends its first token, then waits at the server's gate until the test opens it: all
// three are mid-stream when the victim is cancelled, whatever the machine's speed.
$url = '/v1/chat/completions?tokens=30&interval_ms=5&ttft_ms=0&gate=others';
$victim = $c->request('GET', $url);
$others = [$c->request('GET', $url), $c->request('GET', $url)];
$first = new Loom\Channel(3);   // each reader reports its first event here
$count = function (Loom\Http\Response $r) use ($first) {
    $n = 0;
    try {
        foreach ($r->events() as $e) {
            if (++$n === 1) $first->send(true);
        }
        return "completed with $n events";
    } catch (Loom\CancelledException $e) {
        return "CancelledException after $n events: " . str_replace($GLOBALS['srv']['url'], 'URL', $e->getMessage());
    }
};
$readers = array_map(fn($r) => Loom\spawn($count, $r), [$victim, ...$others]);
$canceller = Loom\spawn(function () use ($victim, $first, $srv) {
    for ($i = 0; $i < 3; $i++) $first->receive();
    $s = Loom\stats();
    echo "before cancel: sockets={$s['sockets']} transfers={$s['curl_handles']}\n";
    $victim->cancel();
    $s = Loom\stats();
    echo "after cancel: sockets={$s['sockets']} transfers={$s['curl_handles']}\n";
    // Let the two others go on (a plain PHP request: not one of the client's connections).
    echo file_get_contents("{$srv['url']}/open?gate=others");
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
before cancel: sockets=3 transfers=3
after cancel: sockets=2 transfers=2
open
CancelledException after 1 events: The request to URL/v1/chat/completions?tokens=30&interval_ms=5&ttft_ms=0&gate=others was cancelled
completed with 32 events
completed with 32 events
body(): CancelledException
int(200)
baseline: ok
int(2)
