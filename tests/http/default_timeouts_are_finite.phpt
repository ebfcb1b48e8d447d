--TEST--
Http: with no timeout option a connect that never completes still ends, after the default 10 s connect timeout (the idle default of 120 s is not waited for here)
--SKIPIF--
<?php
$ctx = stream_context_create(['socket' => ['backlog' => 0]]);
$l = stream_socket_server('tcp://127.0.0.1:0', $en, $es, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
$name = stream_socket_get_name($l, false);
$fill = [@stream_socket_client("tcp://$name", $en, $es, 0.3), @stream_socket_client("tcp://$name", $en, $es, 0.3)];
if (@stream_socket_client("tcp://$name", $en, $es, 0.3)) die('skip this kernel completes connects to a listener with a full accept queue, so no connect can be made to hang');
?>
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$ctx = stream_context_create(['socket' => ['backlog' => 0]]);
$l = stream_socket_server('tcp://127.0.0.1:0', $en, $es, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
$name = stream_socket_get_name($l, false);
$fill = [@stream_socket_client("tcp://$name", $en, $es, 0.3), @stream_socket_client("tcp://$name", $en, $es, 0.3)];
$t0 = hrtime(true);
try {
    (new Loom\Http\Client())->request('GET', "http://$name/");
    echo "connected (wrong)\n";
} catch (Loom\Http\TimeoutException $e) {
    $s = (hrtime(true) - $t0) / 1e9;
    echo get_class($e), ' phase ', $e->getPhase(), "\n";
    echo str_replace($name, 'HOST:PORT', explode(': ', $e->getMessage(), 2)[0]), "\n";
    var_dump($s > 9.5 && $s < 13);
}
loom_assert_http_baseline(0);
?>
--EXPECT--
Loom\Http\TimeoutException phase connect
Request to http://HOST:PORT/ timed out after 10 seconds (connect timeout)
bool(true)
baseline: ok
