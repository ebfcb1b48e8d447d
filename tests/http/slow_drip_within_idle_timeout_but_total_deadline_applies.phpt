--TEST--
Http: a 1-byte-per-300-ms drip stays within the idle timeout and reassembles exactly, while the total deadline still ends a long one (TimeoutException phase total)
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
// Bytes 300 ms apart against a 2 s idle timeout: 1.7 s of slack for a slow client.
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'timeout' => ['idle' => 2]]);
var_dump($c->request('GET', '/drip?body=drip!&interval_ms=300')->body());
$t0 = hrtime(true);
$got = '';
try {
    // 15 s of drip, cut by the 2.5 s total deadline after about 9 bytes.
    foreach ($c->request('GET', '/drip?n=50&interval_ms=300', ['timeout' => ['idle' => 2, 'total' => 2.5]])->chunks() as $chunk) $got .= $chunk;
    echo "no timeout (wrong)\n";
} catch (Loom\Http\TimeoutException $e) {
    $s = (hrtime(true) - $t0) / 1e9;
    echo get_class($e), ' phase ', $e->getPhase(), ', curl ', $e->getCurlCode(), "\n";
    echo preg_replace('/after \d+ milliseconds with \d+ bytes/', 'after N milliseconds with N bytes', str_replace($srv['url'], 'URL', $e->getMessage())), "\n";
    var_dump(strlen($got) >= 3 && strlen($got) <= 10, $s > 2.4 && $s < 6);
}
// A number is the total timeout.
try {
    $c->request('GET', '/drip?n=50&interval_ms=100', ['timeout' => 0.5])->body();
} catch (Loom\Http\TimeoutException $e) {
    echo 'timeout => 0.5: phase ', $e->getPhase(), "\n";
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
string(5) "drip!"
Loom\Http\TimeoutException phase total, curl 28
Request to URL/drip?n=50&interval_ms=300 timed out after 2.5 seconds (total timeout): Operation timed out after N milliseconds with N bytes received
bool(true)
bool(true)
timeout => 0.5: phase total
baseline: ok
