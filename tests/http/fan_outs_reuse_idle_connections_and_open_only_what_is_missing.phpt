--TEST--
HTTP: a fan-out with no idle connection opens one per request, the next fan-out reuses every idle one, and a larger one opens only the connections missing
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
// Connections the server accepted so far (asked on a connection of its own, not counted).
$accepted = static fn (): int => json_decode(file_get_contents($srv['url'] . '/counters'), true)['connections'] - 1;
$fanOut = static function (int $n) use ($c): int {
    $tasks = [];
    for ($i = 0; $i < $n; $i++) {
        $tasks[] = Loom\spawn(static fn () => count(iterator_to_array(
            $c->request('GET', '/v1/chat/completions?tokens=3&interval_ms=5&ttft_ms=20')->events())));
    }
    return array_sum(Loom\all($tasks));
};
$before = $accepted() + 1;  // that /counters call
foreach ([20, 20, 30] as $n) {
    $events = $fanOut($n);
    $now = $accepted();
    echo "$n requests: $events events, ", $now - $before, " new connection(s), ", Loom\stats()['sockets'], " open\n";
    $before = $now + 1;  // the /counters call itself
}
loom_test_server_stop($srv);
loom_assert_http_baseline(30);
?>
--EXPECT--
20 requests: 100 events, 20 new connection(s), 20 open
20 requests: 100 events, 0 new connection(s), 20 open
30 requests: 150 events, 10 new connection(s), 30 open
baseline: ok
