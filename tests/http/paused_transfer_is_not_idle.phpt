--TEST--
Http: a transfer held back at the high-water mark because its consumer stalls (stream() or chunks()) is not idle: a stall longer than the idle timeout ends in the whole body, not a TimeoutException
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$idle = loom_scale(1, 2) * 0.5;
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'timeout' => ['idle' => $idle]]);
$n = 8 << 20;  // well over the 1 MiB high-water mark: the transfer is paused during the stall

foreach (['stream', 'chunks'] as $how) {
    $r = $c->request('GET', "/bytes?n=$n&chunk=65536");
    $total = 0;
    $stalled = false;
    try {
        foreach ($how === 'stream' ? $c->stream([$r]) : $r->chunks() as $chunk) {
            $total += strlen($chunk);
            if (!$stalled) {
                $stalled = true;
                Loom\sleep($idle * 3);
            }
        }
        echo "$how: ", $total === $n ? 'all bytes' : "$total of $n bytes", "\n";
    } catch (Loom\Http\TimeoutException $e) {
        echo "$how: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
unset($r, $chunk);
loom_test_server_stop($srv);
loom_assert_http_baseline();
?>
--EXPECT--
stream: all bytes
chunks: all bytes
baseline: ok
