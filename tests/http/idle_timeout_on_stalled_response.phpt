--TEST--
Http: headers then a permanent stall, or no response at all, raise TimeoutException phase idle naming the seconds, after about that long; header lines count as data
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'timeout' => ['idle' => 0.4]]);
$t0 = hrtime(true);
$r = $c->request('GET', '/stall');
var_dump($r->status());
try {
    foreach ($r->chunks() as $chunk) {}
} catch (Loom\Http\TimeoutException $e) {
    $s = (hrtime(true) - $t0) / 1e9;
    echo get_class($e), ' phase ', $e->getPhase(), "\n", str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
    var_dump($s > 0.35 && $s < 5);
}
// A stalled response after 5 tokens: the events so far, then the timeout.
$n = 0;
try {
    foreach ($c->request('GET', '/v1/chat/completions?fault=stall_after&k=5&ttft_ms=0&interval_ms=5')->events() as $e) $n++;
} catch (Loom\Http\TimeoutException $e) {
    echo "stall_after: $n events, then phase ", $e->getPhase(), "\n";
}
// Headers after 1.5 s, the first token 1.5 s later: never 2.5 s of silence, so no idle timeout, though
// 3 s pass before the first token (the header lines count as data). 1 s of slack for a slow client.
$n = 0;
foreach ($c->request('GET', '/v1/chat/completions?fault=slow_headers&delay_ms=1500&ttft_ms=1500&tokens=2&interval_ms=5', ['timeout' => ['idle' => 2.5]])->events() as $e) $n++;
echo "slow headers, slow first token: $n events\n";
// No response at all: the idle timer runs from the start of the request.
try {
    $c->request('GET', '/hang', ['timeout' => ['idle' => 0.3]]);
} catch (Loom\Http\TimeoutException $e) {
    echo 'hang: phase ', $e->getPhase(), ': ', str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
int(200)
Loom\Http\TimeoutException phase idle
No data from URL/stall for 0.4 seconds (idle timeout)
bool(true)
stall_after: 5 events, then phase idle
slow headers, slow first token: 4 events
hang: phase idle: No data from URL/hang for 0.3 seconds (idle timeout)
baseline: ok
