--TEST--
Hook: one Guzzle client and one Symfony client, each shared by 10 tasks (get, getAsync()->wait(), request()->getContent()), beside a task spinning without suspending under 1 ms slices: the spinner is preempted so every call completes, and no shared call fails, because tasks are never preempted inside vendor/ code
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_vendor_skip_reason()) die("skip $r");
?>
--INI--
loom.preempt_ms=1
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
loom_curl_hook_vendor();
$srv = loom_test_server_start();
$guzzle = new GuzzleHttp\Client(['base_uri' => $srv['url']]);
$symfony = Symfony\Component\HttpClient\HttpClient::create([], 10);
$path = '/v1/chat/completions?stream=0&tokens=2&interval_ms=0&ttft_ms=20';
$content = fn(string $json) => json_decode($json, true)['choices'][0]['message']['content'];
$calls = [
    'guzzle get' => fn($i) => $content((string)$guzzle->get("$path&i=$i")->getBody()),
    'guzzle getAsync()->wait()' => fn($i) => $content((string)$guzzle->getAsync("$path&i=$i")->wait()->getBody()),
    'symfony getContent()' => fn($i) => $content($symfony->request('GET', $srv['url'] . "$path&i=$i")->getContent()),
];
foreach ($calls as $name => $call) {
    $before = Loom\stats()['preemptions'];
    $done = false;
    // Never suspends: without preemption the calls below never run and it gives up after 60 s.
    $spinner = Loom\spawn(function () use (&$done) {
        $deadline = hrtime(true) + 60e9;
        $x = 0;
        while (!$done && hrtime(true) < $deadline) $x++;
        return $done ? 'stopped' : 'gave up';
    });
    $outcomes = [];
    for ($round = 0; $round < 3; $round++) {
        $tasks = [];
        for ($i = 0; $i < 10; $i++) {
            $tasks[] = Loom\spawn(function () use ($call, $i) {
                try {
                    return $call($i);
                } catch (Throwable $e) {
                    return get_class($e) . ': ' . $e->getMessage();
                }
            });
        }
        foreach (Loom\all($tasks) as $r) $outcomes[$r] = ($outcomes[$r] ?? 0) + 1;
    }
    $done = true;
    echo "$name: ", json_encode($outcomes), ', spinner ', $spinner->await(),
        Loom\stats()['preemptions'] > $before ? ', preempted' : ', never preempted', "\n";
}
loom_test_server_stop($srv);
unset($guzzle, $symfony);
gc_collect_cycles();
loom_assert_http_baseline(8);
?>
--EXPECT--
guzzle get: {"t0 t1 ":30}, spinner stopped, preempted
guzzle getAsync()->wait(): {"t0 t1 ":30}, spinner stopped, preempted
symfony getContent(): {"t0 t1 ":30}, spinner stopped, preempted
baseline: ok
