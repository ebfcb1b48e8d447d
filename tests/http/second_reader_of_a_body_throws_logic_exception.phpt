--TEST--
Http: while one task's body(), chunks() or events() waits for a response's bytes, a read of that body in another task throws LogicException at once; the first reader keeps waiting, undisturbed, until the transfer ends
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$readers = [
    'body' => fn($r) => $r->body(),
    'chunks' => fn($r) => iterator_to_array($r->chunks(), false),
    'events' => fn($r) => iterator_to_array($r->events(), false),
];

foreach ($readers as $firstHow => $first) {
    foreach ($readers as $secondHow => $second) {
        // An event stream that sends one token and then nothing: the first reader waits until cancelled.
        $r = $c->request('GET', '/v1/chat/completions?fault=stall_after&k=1&ttft_ms=0');
        $reading = false;
        $reader = Loom\spawn(function () use ($r, $first, &$reading) {
            $reading = true;
            try {
                $first($r);
                return 'returned';
            } catch (Loom\CancelledException $e) {
                return 'cancelled';
            }
        });
        while (!$reading) Loom\sleep(0);  // the first reader has started and is now waiting for bytes
        try {
            $second($r);
            $outcome = 'read it too';
        } catch (LogicException $e) {
            $outcome = get_class($e) . (str_contains($e->getMessage(), "::$secondHow(): the response from ")
                && str_contains($e->getMessage(), 'is being read by another task') ? ' naming the call' : ': ' . $e->getMessage());
        }
        $stillWaiting = !$reader->isFinished();
        $r->cancel();
        echo "$firstHow then $secondHow: $outcome; first ", $stillWaiting ? 'still waiting, then ' : 'had ended: ',
            Loom\timeout(20, fn() => $reader->await()), "\n";
        unset($r, $reader);
    }
}
loom_test_server_stop($srv);
loom_assert_http_baseline(0);
?>
--EXPECT--
body then body: LogicException naming the call; first still waiting, then cancelled
body then chunks: LogicException naming the call; first still waiting, then cancelled
body then events: LogicException naming the call; first still waiting, then cancelled
chunks then body: LogicException naming the call; first still waiting, then cancelled
chunks then chunks: LogicException naming the call; first still waiting, then cancelled
chunks then events: LogicException naming the call; first still waiting, then cancelled
events then body: LogicException naming the call; first still waiting, then cancelled
events then chunks: LogicException naming the call; first still waiting, then cancelled
events then events: LogicException naming the call; first still waiting, then cancelled
baseline: ok
