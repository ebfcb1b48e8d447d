--TEST--
Scheduler: two tasks looping on Loom\sleep(0) no longer starve the loop: every round of the run queue also polls timers and sockets, so a 50 ms timer fires and an SSE stream completes while they spin
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$stop = false;
$rounds = [0, 0];
$yielders = [];
foreach ([0, 1] as $i) {
    $yielders[] = Loom\spawn(function () use (&$stop, &$rounds, $i) {
        while (!$stop) {
            $rounds[$i]++;
            Loom\sleep(0);
        }
    });
}
$timer = Loom\spawn(function () { Loom\sleep(0.05); return 'timer fired'; });
$stream = Loom\spawn(function () use ($srv) {
    $c = new Loom\Http\Client(['base_uri' => $srv['url']]);
    $n = 0;
    foreach ($c->request('GET', '/v1/chat/completions?tokens=5&interval_ms=5&ttft_ms=0')->events() as $e) $n++;
    return "stream completed with $n events";
});
// Without the fix the loop never polls while the yielders are ready: this await never returns.
echo $timer->await(), "\n", $stream->await(), "\n";
$stop = true;
foreach ($yielders as $y) $y->await();
echo 'both yielders kept running: ', $rounds[0] > 0 && $rounds[1] > 0 ? 'yes' : 'no', "\n";
loom_assert_http_baseline(1);
loom_test_server_stop($srv);
?>
--EXPECT--
timer fired
stream completed with 7 events
both yielders kept running: yes
baseline: ok
