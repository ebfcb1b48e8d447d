--TEST--
Http: chunks() yields body pieces as they arrive (a dripped body comes in several chunks over time) and suspends only the iterating task
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
$r = $c->request('GET', "{$srv['url']}/drip?n=6&interval_ms=150&body=abcdef");
$ticks = 0;
$ticker = Loom\spawn(function () use (&$ticks) {
    for ($i = 0; $i < 20; $i++) { Loom\sleep(0.02); $ticks++; }
});
$pieces = [];
$times = [];
$t0 = hrtime(true);
foreach ($r->chunks() as $i => $chunk) {
    $pieces[] = $chunk;
    $times[] = (hrtime(true) - $t0) / 1e6;
}
var_dump(implode('', $pieces));
var_dump(count($pieces) >= 3);               // bytes were handed over as they came, not at the end
var_dump(end($times) - $times[0] > 400);     // the last byte left the server 750 ms after the first
var_dump(array_keys($pieces) === range(0, count($pieces) - 1));
$ticker->await();
var_dump($ticks);                            // the other task ran while this one waited for bytes
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
string(6) "abcdef"
bool(true)
bool(true)
bool(true)
int(20)
baseline: ok
