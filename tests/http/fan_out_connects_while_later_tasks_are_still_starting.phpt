--TEST--
Http: in a fan-out of 200 tasks spawned at once, the first requests are already connecting when the last task starts (the run loop polls sockets and timers between rounds of at most 64 ready tasks), and all 200 succeed
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$n = 200;
$socketsWhenLastStarted = null;
$tasks = [];
for ($i = 0; $i < $n; $i++) {
    $tasks[] = Loom\spawn(function () use ($c, $i, $n, &$socketsWhenLastStarted) {
        // Before this task's own request: sockets curl opened for the requests of the tasks before it.
        if ($i === $n - 1) $socketsWhenLastStarted = Loom\stats()['sockets'];
        return $c->request('GET', "/json?n=2&i=$i")->json()['items'];
    });
}
$results = Loom\all($tasks);
echo count(array_filter($results, fn($items) => $items === [0, 1])), " of $n answered\n";
echo $socketsWhenLastStarted > 0 ? "connecting before the last task started\n"
    : "no socket opened before the last task started ($socketsWhenLastStarted)\n";
unset($c);
loom_test_server_stop($srv);
loom_assert_http_baseline(200);  // the idle connections stay pooled
?>
--EXPECT--
200 of 200 answered
connecting before the last task started
baseline: ok
