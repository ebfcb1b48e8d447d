--TEST--
Http: while one task's body(), chunks() or events() waits for a response's bytes, a read of that body in another task throws LogicException at once; the first reader gets the whole body
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$sse = '/sse?data=' . rawurlencode("data: one\n\ndata: two\n\n") . '&chunk=4&interval_ms=30';
$readers = [
    'body' => fn($r) => $r->body(),
    'chunks' => fn($r) => implode('', iterator_to_array($r->chunks(), false)),
    'events' => fn($r) => implode(',', array_map(fn($e) => $e->data, iterator_to_array($r->events(), false))),
];

foreach ($readers as $firstHow => $first) {
    foreach ($readers as $secondHow => $second) {
        $r = $c->request('GET', $sse);
        $reading = false;
        $reader = Loom\spawn(function () use ($r, $first, &$reading) {
            $reading = true;
            return $first($r);
        });
        while (!$reading) Loom\sleep(0);  // the first reader has started and is now waiting for bytes
        try {
            $second($r);
            $outcome = 'read it too';
        } catch (LogicException $e) {
            $outcome = get_class($e) . (str_contains($e->getMessage(), "::$secondHow(): the response from ")
                && str_contains($e->getMessage(), 'is being read by another task') ? ' naming the call' : ': ' . $e->getMessage());
        }
        echo "$firstHow then $secondHow: $outcome; first got ", json_encode(Loom\timeout(20, fn() => $reader->await())), "\n";
        unset($r, $reader);
    }
}
loom_test_server_stop($srv);
loom_assert_http_baseline();
?>
--EXPECT--
body then body: LogicException naming the call; first got "data: one\n\ndata: two\n\n"
body then chunks: LogicException naming the call; first got "data: one\n\ndata: two\n\n"
body then events: LogicException naming the call; first got "data: one\n\ndata: two\n\n"
chunks then body: LogicException naming the call; first got "data: one\n\ndata: two\n\n"
chunks then chunks: LogicException naming the call; first got "data: one\n\ndata: two\n\n"
chunks then events: LogicException naming the call; first got "data: one\n\ndata: two\n\n"
events then body: LogicException naming the call; first got "one,two"
events then chunks: LogicException naming the call; first got "one,two"
events then events: LogicException naming the call; first got "one,two"
baseline: ok
