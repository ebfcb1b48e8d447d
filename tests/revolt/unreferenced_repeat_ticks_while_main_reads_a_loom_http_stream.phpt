--TEST--
Revolt: an unreferenced repeat ticks while {main} reads a Loom HTTP stream (the only other work), and does not hold the script once the stream is done
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
$ticks = 0;
EventLoop::unreference(EventLoop::repeat(0.01, function () use (&$ticks) { $ticks++; }));
$events = 0;
$first = null;
// 20 tokens 10 ms apart: the stream lasts at least 0.2 s however slow this process runs.
foreach ($client->request('GET', '/v1/chat/completions?tokens=20&interval_ms=10&ttft_ms=0')->events() as $e) {
    if (++$events === 1) $first = $ticks;
}
echo "events: $events\n";
echo $ticks > $first ? "the repeat ticked while the stream was read\n" : "no tick during the stream\n";
unset($client);
loom_test_server_stop($srv);
register_shutdown_function(function () {
    $s = Loom\stats();
    echo $s['tasks'] === 0 && $s['uv_handles'] === 0 ? "nothing left after the drain\n" : json_encode($s) . "\n";
});
?>
--EXPECT--
events: 22
the repeat ticked while the stream was read
nothing left after the drain
