--TEST--
Revolt: a raw TCP server read with onReadable() gets every byte while Loom HTTP streams run in the same loop, and neither holds the other back
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
require __DIR__ . '/../inc/server.inc';
loom_revolt_load();
use Revolt\EventLoop;

$srv = loom_test_server_start();
$client = new Loom\Http\Client(['base_uri' => $srv['url']]);

// The raw server: AMPHP-style, one onReadable per connection, reading as bytes arrive.
$server = stream_socket_server('tcp://127.0.0.1:0');
stream_set_blocking($server, false);
$addr = stream_socket_get_name($server, false);
$bytes = 0;
$reads = 0;
$closed = new Amp\DeferredFuture();
EventLoop::onReadable($server, function ($id, $server) use (&$bytes, &$reads, $closed) {
    EventLoop::cancel($id);
    $conn = stream_socket_accept($server, 0);
    stream_set_blocking($conn, false);
    EventLoop::onReadable($conn, function ($id, $conn) use (&$bytes, &$reads, $closed) {
        $data = fread($conn, 65536);
        if ($data === '' && !feof($conn)) return;  // nothing yet (non-blocking)
        if ($data === '' || $data === false) {
            EventLoop::cancel($id);
            fclose($conn);
            $closed->complete();
            return;
        }
        $bytes += strlen($data);
        $reads++;
    });
});

// An AMPHP fiber writes 1 KiB every 5 ms until the three Loom tasks streaming 40 tokens each (42 events:
// 40 tokens, the final chunk, [DONE]) are done.
$streamsDone = false;
$written = 0;
$writer = Amp\async(function () use ($addr, &$streamsDone, &$written) {
    $c = stream_socket_client("tcp://$addr");
    while (!$streamsDone) {
        fwrite($c, str_repeat('x', 1024));
        $written += 1024;
        Amp\delay(0.005);
    }
    fclose($c);
});
$streams = [];
for ($i = 0; $i < 3; $i++) {
    $streams[] = Loom\spawn(function () use ($client, &$reads) {
        $tokens = 0;
        $readsMidStream = false;
        foreach ($client->request('GET', '/v1/chat/completions?tokens=40&interval_ms=5&ttft_ms=0')->events() as $e) {
            if (++$tokens === 1) {
                // With this stream open, the raw server must go on reading (the loop is not held back).
                $before = $reads;
                $readsMidStream = loom_wait_until(function () use (&$reads, $before) { return $reads > $before; }, 'the raw server reading mid-stream');
            }
        }
        return [$tokens, $readsMidStream];
    });
}
$results = Loom\all($streams);
$streamsDone = true;
$writer->await();
$closed->getFuture()->await();
echo "events per stream: ", implode(', ', array_column($results, 0)), "\n";
echo count(array_filter(array_column($results, 1))) === 3 ? "the server read while each stream was open\n" : "the server did not read while a stream was open\n";
echo $bytes === $written ? "the server got every byte written\n" : "server got $bytes of $written bytes\n";
fclose($server);
unset($client);
loom_test_server_stop($srv);
loom_revolt_baseline();
?>
--EXPECT--
events per stream: 42, 42, 42
the server read while each stream was open
the server got every byte written
baseline: ok
