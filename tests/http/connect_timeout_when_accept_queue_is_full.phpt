--TEST--
Http: a connect that never completes (listener with a full accept queue drops SYNs) raises TimeoutException phase connect within the limit
--SKIPIF--
<?php
// Linux drops SYNs to a listener whose accept queue is full; check this kernel really does.
$ctx = stream_context_create(['socket' => ['backlog' => 0]]);
$l = stream_socket_server('tcp://127.0.0.1:0', $en, $es, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
$name = stream_socket_get_name($l, false);
$fill = [@stream_socket_client("tcp://$name", $en, $es, 0.3), @stream_socket_client("tcp://$name", $en, $es, 0.3)];
$probe = @stream_socket_client("tcp://$name", $en, $es, 0.3);
if ($probe) die('skip this kernel completes connects to a listener with a full accept queue, so no connect can be made to hang');
?>
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$ctx = stream_context_create(['socket' => ['backlog' => 0]]);
$l = stream_socket_server('tcp://127.0.0.1:0', $en, $es, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
$name = stream_socket_get_name($l, false);
$fill = [@stream_socket_client("tcp://$name", $en, $es, 0.3), @stream_socket_client("tcp://$name", $en, $es, 0.3)];
$c = new Loom\Http\Client(['timeout' => ['connect' => 0.5]]);
$other = Loom\spawn(fn() => strlen($c->request('GET', "{$srv['url']}/drip?n=5&interval_ms=100")->body()));
$t0 = hrtime(true);
try {
    $c->request('GET', "http://$name/");
    echo "connected (wrong)\n";
} catch (Loom\Http\TimeoutException $e) {
    $s = (hrtime(true) - $t0) / 1e9;
    echo get_class($e), ' phase ', $e->getPhase(), ', curl ', $e->getCurlCode(), "\n";
    echo str_replace($name, 'HOST:PORT', explode(': ', $e->getMessage(), 2)[0]), "\n";
    var_dump($s >= 0.45, $s < 0.5 + 2.5);   // the 0.5 s limit, not the 10 s default
}
echo 'other request: ', $other->await(), " bytes\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
Loom\Http\TimeoutException phase connect, curl 28
Request to http://HOST:PORT/ timed out after 0.5 seconds (connect timeout)
bool(true)
bool(true)
other request: 5 bytes
baseline: ok
