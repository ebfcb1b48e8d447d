--TEST--
Http: 500 concurrent streams to one host with max_connections_per_host 20 all complete, never using more than 20 connections
--INI--
memory_limit=256M
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$n = loom_scale(500, 60);
$limit = 20;
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'max_connections_per_host' => $limit]);
$tasks = [];
for ($i = 0; $i < $n; $i++) {
    $tasks[] = Loom\spawn(function () use ($c) {
        $count = 0;
        foreach ($c->request('GET', '/v1/chat/completions?tokens=5&interval_ms=2&ttft_ms=5')->events() as $e) $count++;
        return $count;
    });
}
$peak = 0;
$monitor = Loom\spawn(function () use (&$peak, $tasks) {
    while (array_filter($tasks, fn($t) => !$t->isFinished())) {
        $peak = max($peak, Loom\stats()['sockets']);
        Loom\sleep(0.01);
    }
});
$counts = Loom\all($tasks);
$monitor->await();
var_dump(count($counts) === $n, array_unique($counts));
var_dump($peak > 1, $peak <= $limit);
unset($tasks);
loom_test_server_stop($srv);
loom_assert_http_baseline($limit);
?>
--EXPECT--
bool(true)
array(1) {
  [0]=>
  int(7)
}
bool(true)
bool(true)
baseline: ok
