--TEST--
Hook: a select-less loop (do { curl_multi_exec($mh, $running); } while ($running);) over 5 slow transfers in one task neither starves a ticking timer task nor burns the CPU, and every transfer completes
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
[$ticker, $stop] = loom_ticker();
$cpu0 = getrusage();
$t0 = microtime(true);
$loop = Loom\spawn(function () use ($srv) {
    $mh = curl_multi_init();
    $hs = [];
    for ($i = 0; $i < 5; $i++) {
        $hs[$i] = curl_init($srv['url'] . '/drip?n=5&interval_ms=100');
        curl_setopt($hs[$i], CURLOPT_RETURNTRANSFER, true);
        curl_multi_add_handle($mh, $hs[$i]);
    }
    $calls = 0;
    do {
        curl_multi_exec($mh, $running);
        $calls++;
    } while ($running);
    $bodies = [];
    foreach ($hs as $h) {
        $bodies[] = curl_multi_getcontent($h);
        curl_multi_remove_handle($mh, $h);
    }
    return [$bodies, $calls];
});
[$bodies, $calls] = $loop->await();
$elapsed = microtime(true) - $t0;
$cpu1 = getrusage();
$stop();
$cpu = ($cpu1['ru_utime.tv_sec'] + $cpu1['ru_utime.tv_usec'] / 1e6 + $cpu1['ru_stime.tv_sec'] + $cpu1['ru_stime.tv_usec'] / 1e6)
    - ($cpu0['ru_utime.tv_sec'] + $cpu0['ru_utime.tv_usec'] / 1e6 + $cpu0['ru_stime.tv_sec'] + $cpu0['ru_stime.tv_usec'] / 1e6);
echo 'bodies: ', json_encode(array_count_values($bodies)), "\n";
// About 0.4 s of dripping: the ticker (every 20 ms) must have run all along.
echo $ticker->ticks >= (getenv('LOOM_TEST_SCALE') === 'valgrind' ? 3 : 8) ? "ticker ran\n" : "ticker starved ({$ticker->ticks} ticks)\n";
// Under valgrind everything runs 20-50 times slower, the handling of a burst of chunks included.
$gap = getenv('LOOM_TEST_SCALE') === 'valgrind' ? 4.0 : 0.25;
echo $ticker->maxGap < $gap ? "no long gap\n" : "gap of {$ticker->maxGap} s\n";
// A spinning loop would make hundreds of thousands of calls and use the whole wall time in CPU.
$spin = getenv('LOOM_TEST_SCALE') === 'valgrind' ? 1.0 : 0.5;
echo $calls < 2000 ? "few exec calls\n" : "spinning: $calls calls\n";
echo $cpu < $elapsed * $spin ? "cpu idle while waiting\n" : "cpu busy: $cpu s of $elapsed s\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
bodies: {"xxxxx":5}
ticker ran
no long gap
few exec calls
cpu idle while waiting
baseline: ok
