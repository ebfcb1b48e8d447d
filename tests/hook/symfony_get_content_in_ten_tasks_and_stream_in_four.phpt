--TEST--
Hook: Symfony HttpClient::create() (CurlHttpClient), one client shared by all tasks: request()->getContent() in 10 tasks in about one 300 ms call's time, and stream() over 5 responses in each of 4 tasks, every chunk delivered
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
// Symfony keeps 6 connections per host by default: 10 let every task run at once.
$client = Symfony\Component\HttpClient\HttpClient::create([], 10);
echo get_class($client), "\n";
// Under valgrind (and the load of a CI run) the elapsed time says nothing: 10 sequential calls take
// 3 s, and valgrind alone can add that much. The results are still checked there.
$bound = getenv('LOOM_TEST_SCALE') === 'valgrind' ? INF : 0.6;
$t0 = microtime(true);
$tasks = [];
for ($i = 0; $i < 10; $i++) {
    $tasks[] = Loom\spawn(fn() => json_decode($client->request('GET', $srv['url'] . "/v1/chat/completions?stream=0&tokens=2&interval_ms=0&ttft_ms=300&i=$i")->getContent(), true)['choices'][0]['message']['content']);
}
$results = Loom\all($tasks);
$elapsed = microtime(true) - $t0;
echo 'getContent: ', json_encode(array_count_values($results)), $elapsed < $bound ? ' concurrently' : " NOT concurrently ($elapsed s)", "\n";
$tasks = [];
for ($t = 0; $t < 4; $t++) {
    $tasks[] = Loom\spawn(function () use ($client, $srv, $t) {
        $responses = [];
        for ($i = 0; $i < 5; $i++) $responses[] = $client->request('GET', $srv['url'] . '/drip?n=6&interval_ms=20&body=abcdef', ['user_data' => $i]);
        $bodies = array_fill(0, 5, '');
        $last = 0;
        foreach ($client->stream($responses) as $response => $chunk) {
            if ($chunk->isLast()) $last++;
            $bodies[$response->getInfo('user_data')] .= $chunk->getContent();
        }
        return implode(',', $bodies) . " last=$last";
    });
}
foreach (Loom\all($tasks) as $t => $r) echo "stream task $t: $r\n";
loom_test_server_stop($srv);
unset($client, $tasks);
gc_collect_cycles();
loom_assert_http_baseline(8);
?>
--EXPECT--
Symfony\Component\HttpClient\CurlHttpClient
getContent: {"t0 t1 ":10} concurrently
stream task 0: abcdef,abcdef,abcdef,abcdef,abcdef last=5
stream task 1: abcdef,abcdef,abcdef,abcdef,abcdef last=5
stream task 2: abcdef,abcdef,abcdef,abcdef,abcdef last=5
stream task 3: abcdef,abcdef,abcdef,abcdef,abcdef last=5
baseline: ok
