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
$gate = 'unref-repeat-' . getmypid();
// The stream below stops after its first token until the gate opens, and only the repeat opens it, on
// its second tick: the stream cannot end unless the repeat ticks while {main} reads it.
EventLoop::unreference(EventLoop::repeat(0.01, function () use (&$ticks, $srv, $gate) {
    if (++$ticks === 2) file_get_contents($srv['url'] . '/open?gate=' . $gate);
}));
$events = 0;
try {
    foreach ($client->request('GET', "/v1/chat/completions?tokens=20&interval_ms=10&ttft_ms=0&gate=$gate", ['timeout' => ['idle' => 20]])->events() as $e) {
        $events++;
    }
} catch (Loom\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";   // the repeat never ticked: the stream stalled
}
echo "events: $events\n";
// All 22 events came, so the gate opened while {main} was reading: the repeat ticked then.
echo $events === 22 && $ticks >= 2 ? "the repeat ticked while the stream was read\n" : "no tick during the stream\n";
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
