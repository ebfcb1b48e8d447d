--TEST--
Http: a Client::stream() advanced by a second task while the first waits on it throws LogicException in the second; the first keeps waiting, undisturbed, and still gets the response's end
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
// An event stream that sends one token and then nothing: the stream waits until the response is cancelled.
$a = $c->request('GET', '/v1/chat/completions?fault=stall_after&k=1&ttft_ms=0');
$s = $c->stream([$a]);

$waiting = false;
$first = Loom\spawn(function () use ($s, &$waiting) {
    $waiting = true;
    try {
        foreach ($s as $r => $chunk) {
        }
        return 'ended without an error';
    } catch (Loom\CancelledException $e) {
        return 'its end, as CancelledException';
    }
});
while (!$waiting) Loom\sleep(0);  // the first task now waits inside the stream
try {
    $s->next();
    echo "second task advanced it\n";
} catch (LogicException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$stillWaiting = !$first->isFinished();
$a->cancel();
echo 'first: ', $stillWaiting ? 'still waiting, then ' : 'had ended: ', Loom\timeout(20, fn() => $first->await()), "\n";
unset($a, $s, $first);
loom_test_server_stop($srv);
loom_assert_http_baseline();
?>
--EXPECT--
LogicException: Loom\Http\Client::stream(): this stream is already being iterated by another task; iterate a stream from one task
first: still waiting, then its end, as CancelledException
baseline: ok
