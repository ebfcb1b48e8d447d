--TEST--
Revolt: onReadable() on a raw TCP server: accepts clients and reads their bytes while Loom tasks write to it
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
stream_set_blocking($server, false);
$addr = stream_socket_get_name($server, false);
$received = [];
$done = new Amp\DeferredFuture();
EventLoop::onReadable($server, function ($id, $server) use (&$received, $done) {
    $conn = stream_socket_accept($server, 0);
    stream_set_blocking($conn, false);
    EventLoop::onReadable($conn, function ($id, $conn) use (&$received, $done) {
        $data = fread($conn, 8192);
        if ($data === '' && !feof($conn)) return;  // nothing yet (non-blocking)
        if ($data === '' || $data === false) {
            EventLoop::cancel($id);
            fclose($conn);
            if (count($received) === 3 && !$done->isComplete()) $done->complete();
            return;
        }
        $received[] = $data;
    });
});
$clients = [];
foreach (['one', 'two', 'three'] as $word) {
    $clients[] = Loom\spawn(function () use ($addr, $word) {
        $c = stream_socket_client("tcp://$addr");
        Loom\sleep(0.01);
        fwrite($c, $word);
        Loom\sleep(0.02);
        fclose($c);
    });
}
Loom\all($clients);
$done->getFuture()->await();
sort($received);
echo implode(',', $received), "\n";
foreach (EventLoop::getIdentifiers() as $id) EventLoop::cancel($id);
fclose($server);
loom_revolt_baseline();
?>
--EXPECTF--
one,three,two
baseline: ok
