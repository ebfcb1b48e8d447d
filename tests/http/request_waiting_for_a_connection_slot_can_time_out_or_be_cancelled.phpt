--TEST--
Http: a request waiting for a max_connections_per_host slot keeps its total timeout (TimeoutException phase total) and leaves the queue when its task is cancelled; the next one waiting gets the slot
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'max_connections_per_host' => 1, 'timeout' => ['idle' => 60]]);
$holder = $c->request('GET', '/stall');  // holds the one slot until cancelled

try {
    $c->request('GET', '/echo', ['timeout' => ['total' => 0.2, 'idle' => 60]]);
} catch (Loom\Http\TimeoutException $e) {
    echo get_class($e), ' phase ', $e->getPhase(), ': ', str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
}

$cancelled = Loom\spawn(fn() => $c->request('GET', '/echo'));
$next = Loom\spawn(fn() => $c->request('GET', '/echo?next')->json()['query']);
Loom\sleep(0);  // both tasks are now waiting for the slot
$cancelled->cancel();
try {
    $cancelled->await();
} catch (Loom\CancelledException $e) {
    echo "cancelled while waiting for a slot\n";
}
echo 'still waiting: ', var_export(!$next->isFinished(), true), "\n";
$holder->cancel();
echo 'next got the slot: ', $next->await(), "\n";
unset($holder, $cancelled, $next, $c);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
Loom\Http\TimeoutException phase total: Request to URL/echo timed out after 0.2 seconds (total timeout): still waiting for a connection (max_connections_per_host=1)
cancelled while waiting for a slot
still waiting: true
next got the slot: next
baseline: ok
