--TEST--
Hook: Guzzle 7 with its default handler stack, one client shared by all tasks: $client->get() in 10 tasks and getAsync()->wait() in 10 tasks each finish in about one 300 ms call's time, results intact
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_vendor_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
loom_curl_hook_vendor();
$srv = loom_test_server_start();
$client = new GuzzleHttp\Client(['base_uri' => $srv['url']]);
$path = '/v1/chat/completions?stream=0&tokens=2&interval_ms=0&ttft_ms=300';
// Under valgrind (and the load of a CI run) the elapsed time says nothing: 10 sequential calls take
// 3 s, and valgrind alone can add that much. The results are still checked there.
$bound = getenv('LOOM_TEST_SCALE') === 'valgrind' ? INF : 0.6;
foreach (['get' => fn($i) => $client->get("$path&i=$i"), 'getAsync()->wait()' => fn($i) => $client->getAsync("$path&i=$i")->wait()] as $name => $call) {
    $t0 = microtime(true);
    $tasks = [];
    for ($i = 0; $i < 10; $i++) {
        $tasks[] = Loom\spawn(function () use ($call, $i) {
            $r = $call($i);
            return $r->getStatusCode() . ' ' . json_decode((string)$r->getBody(), true)['choices'][0]['message']['content'];
        });
    }
    $results = Loom\all($tasks);
    $elapsed = microtime(true) - $t0;
    echo "$name: ", json_encode(array_count_values($results)), $elapsed < $bound ? ' concurrently' : " NOT concurrently ($elapsed s)", "\n";
}
loom_test_server_stop($srv);
unset($client);
gc_collect_cycles();
loom_assert_http_baseline(8);
?>
--EXPECT--
get: {"200 t0 t1 ":10} concurrently
getAsync()->wait(): {"200 t0 t1 ":10} concurrently
baseline: ok
