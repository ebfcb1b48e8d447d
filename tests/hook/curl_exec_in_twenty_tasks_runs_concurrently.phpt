--TEST--
Hook: 20 tasks each curl_exec() a 300 ms endpoint: about 0.3 s in all (not 6 s), every result intact, curl_handles counted while they wait and back to zero after
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
$url = $srv['url'] . '/v1/chat/completions?stream=0&tokens=3&interval_ms=0&ttft_ms=300';
$peak = 0;
$t0 = microtime(true);
$tasks = [];
for ($i = 0; $i < 20; $i++) {
    $tasks[] = Loom\spawn(function () use ($url, $i) {
        $ch = curl_init($url);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode(['stream' => false, 'n' => $i]));
        $body = curl_exec($ch);
        return [json_decode($body, true)['choices'][0]['message']['content'] ?? $body, curl_errno($ch), curl_getinfo($ch, CURLINFO_HTTP_CODE)];
    });
}
$watch = Loom\spawn(function () use (&$peak, $tasks) {
    while (!$tasks[19]->isFinished()) { $peak = max($peak, Loom\stats()['curl_handles']); Loom\sleep(0.02); }
});
$results = Loom\all($tasks);
$elapsed = microtime(true) - $t0;
$watch->await();
echo 'results: ', json_encode(array_count_values(array_map('json_encode', $results))), "\n";
$bound = getenv('LOOM_TEST_SCALE') === 'valgrind' ? 3.0 : 0.6;
echo $elapsed < $bound ? "concurrent: yes\n" : "concurrent: NO ($elapsed s)\n";
echo 'curl_handles while waiting: ', $peak >= 10 ? 'counted' : "not counted ($peak)", "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
results: {"[\"t0 t1 t2 \",0,200]":20}
concurrent: yes
curl_handles while waiting: counted
baseline: ok
