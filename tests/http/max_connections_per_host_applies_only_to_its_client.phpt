--TEST--
Http: max_connections_per_host holds for the client that set it and for no other: a later client without it runs N requests to the same host at once (N connections open at the server), while the first client still admits one at a time
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$n = 6;
$serverOpen = function () use ($srv): int {
    // Counted by the server; its own connection (fresh: Connection: close) is not one of ours.
    $r = (new Loom\Http\Client(['headers' => ['Connection' => 'close']]))->request('GET', $srv['url'] . '/counters');
    return $r->json()['open'] - 1;
};
// /stall sends its headers and then nothing: a response holds its connection until it is cancelled.
$limited = new Loom\Http\Client(['base_uri' => $srv['url'], 'max_connections_per_host' => 1, 'timeout' => ['idle' => 60]]);

// Client A, limit 1: the second request waits for a slot while the first holds the connection.
$first = Loom\spawn(fn() => $limited->request('GET', '/stall'));
$second = Loom\spawn(fn() => $limited->request('GET', '/stall'));
$r1 = $first->await();
echo 'A: first has headers; second finished: ', var_export($second->isFinished(), true),
    '; transfers in curl: ', Loom\stats()['curl_handles'], "\n";
$r1->cancel();
$r2 = $second->await();
echo 'A: second got its headers once the first was cancelled; transfers in curl: ', Loom\stats()['curl_handles'], "\n";
$r2->cancel();
unset($r1, $r2, $first, $second);

// Client B, created after A and with no limit: all N requests are in flight at once.
$free = new Loom\Http\Client(['base_uri' => $srv['url'], 'timeout' => ['idle' => 60]]);
$tasks = [];
for ($i = 0; $i < $n; $i++) $tasks[] = Loom\spawn(fn() => $free->request('GET', '/stall'));
$responses = Loom\all($tasks);
$s = Loom\stats();
echo "B: $n responses with headers at once; transfers in curl: ", $s['curl_handles'], '; sockets >= N: ',
    var_export($s['sockets'] >= $n, true), '; open at the server >= N: ', var_export($serverOpen() >= $n, true), "\n";
foreach ($responses as $r) $r->cancel();
unset($responses, $tasks, $r);

// A again, after B: its limit still holds, for it alone.
$first = Loom\spawn(fn() => $limited->request('GET', '/stall'));
$second = Loom\spawn(fn() => $limited->request('GET', '/stall'));
$other = Loom\spawn(fn() => $free->request('GET', '/stall'));
$r1 = $first->await();
$r3 = $other->await();
echo 'A again: second finished: ', var_export($second->isFinished(), true), ' (B meanwhile got its response: ',
    $r3->status(), '); transfers in curl: ', Loom\stats()['curl_handles'], "\n";
$r1->cancel();
$r2 = $second->await();
echo 'A again: second admitted after the first ended: ', $r2->status(), "\n";
$r2->cancel();
$r3->cancel();
unset($r1, $r2, $r3, $first, $second, $other, $limited, $free);
loom_test_server_stop($srv);
loom_assert_http_baseline($n + 2);
?>
--EXPECT--
A: first has headers; second finished: false; transfers in curl: 1
A: second got its headers once the first was cancelled; transfers in curl: 1
B: 6 responses with headers at once; transfers in curl: 6; sockets >= N: true; open at the server >= N: true
A again: second finished: false (B meanwhile got its response: 200); transfers in curl: 2
A again: second admitted after the first ended: 200
baseline: ok
