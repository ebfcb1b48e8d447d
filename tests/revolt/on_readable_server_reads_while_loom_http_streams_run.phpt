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

// An AMPHP fiber writes 40 chunks of 1 KiB, 5 ms apart, while three Loom tasks stream 40 tokens each (42 events: 40 tokens, the final chunk, [DONE]).
$writer = Amp\async(function () use ($addr) {
    $c = stream_socket_client("tcp://$addr");
    for ($i = 0; $i < 40; $i++) {
        fwrite($c, str_repeat('x', 1024));
        Amp\delay(0.005);
    }
    fclose($c);
});
$streams = [];
for ($i = 0; $i < 3; $i++) {
    $streams[] = Loom\spawn(function () use ($client, &$reads) {
        $tokens = 0;
        $readsDuring = $reads;
        foreach ($client->request('GET', '/v1/chat/completions?tokens=40&interval_ms=5&ttft_ms=0')->events() as $e) {
            $tokens++;
        }
        return [$tokens, $reads > $readsDuring];
    });
}
$results = Loom\all($streams);
$writer->await();
$closed->getFuture()->await();
echo "events per stream: ", implode(', ', array_column($results, 0)), "\n";
echo array_filter(array_column($results, 1)) ? "the server read while streams ran\n" : "the server never read while a stream ran\n";
echo "server got $bytes bytes\n";
fclose($server);
unset($client);
loom_test_server_stop($srv);
loom_revolt_baseline();
?>
--EXPECT--
events per stream: 42, 42, 42
the server read while streams ran
server got 40960 bytes
baseline: ok
