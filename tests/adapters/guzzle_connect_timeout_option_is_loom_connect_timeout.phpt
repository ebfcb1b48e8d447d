--TEST--
Adapters: Guzzle's connect_timeout is Loom's connect timeout (a connect that never completes fails with ConnectException after it, not after Loom's 10 s default)
--SKIPIF--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_skipif();
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
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$ctx = stream_context_create(['socket' => ['backlog' => 0]]);
$l = stream_socket_server('tcp://127.0.0.1:0', $en, $es, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
$name = stream_socket_get_name($l, false);
$fill = [@stream_socket_client("tcp://$name", $en, $es, 0.3), @stream_socket_client("tcp://$name", $en, $es, 0.3)];
$guzzle = loom_guzzle();
// Warm up (Guzzle's classes load on first use, which takes seconds under valgrind): a refused request.
try {
    $guzzle->get('http://127.0.0.1:' . loom_test_free_port() . '/', ['connect_timeout' => 0.5]);
} catch (GuzzleHttp\Exception\ConnectException $e) {
}
$t0 = hrtime(true);
try {
    $guzzle->get("http://$name/", ['connect_timeout' => 0.5, 'timeout' => 30]);
    echo "connected (wrong)\n";
} catch (GuzzleHttp\Exception\ConnectException $e) {
    $s = (hrtime(true) - $t0) / 1e9;
    $ctx = $e->getHandlerContext();
    echo get_class($e), ' errno ', $ctx['errno'], ' phase ', $ctx['phase'], "\n";
    echo str_replace($name, 'HOST:PORT', explode(': ', $e->getPrevious()->getMessage(), 2)[0]), "\n";
    var_dump($s >= 0.45, $s < 0.5 + 2.5);
}
loom_assert_http_baseline(0);
?>
--EXPECT--
GuzzleHttp\Exception\ConnectException errno 28 phase connect
Request to http://HOST:PORT/ timed out after 0.5 seconds (connect timeout)
bool(true)
bool(true)
baseline: ok
