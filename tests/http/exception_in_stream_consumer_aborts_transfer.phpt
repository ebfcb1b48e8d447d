--TEST--
Http: an exception thrown by the code consuming events() or chunks() in a task surfaces at await (the same object), and the abandoned transfer is stopped and its connection closed
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$mine = new DomainException('consumer gave up at token 3');
$t = Loom\spawn(function () use ($c, $mine) {
    $n = 0;
    foreach ($c->request('GET', '/v1/chat/completions?tokens=100000&interval_ms=10&ttft_ms=0')->events() as $e) {
        if (++$n === 3) throw $mine;
    }
});
$u = Loom\spawn(function () use ($c) {
    foreach ($c->request('GET', '/bytes?n=100000000&chunk=65536')->chunks() as $chunk) {
        throw new LengthException('too much: ' . strlen($chunk) . ' bytes in one piece is enough');
    }
});
try {
    $t->await();
} catch (DomainException $e) {
    var_dump($e === $mine);
}
try {
    $u->await();
} catch (LengthException $e) {
    echo get_class($e), "\n";
}
// Both transfers ended with their tasks: nothing in flight, their connections closed mid-body.
$s = Loom\stats();
echo "transfers {$s['curl_handles']}, sockets {$s['sockets']}\n";
// The client carries on.
var_dump($c->request('GET', '/echo')->status());
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
bool(true)
LengthException
transfers 0, sockets 0
int(200)
baseline: ok
