--TEST--
Http: one 200 KB response header line (over libcurl's own 100 KiB line limit) raises ResponseTooLargeException phase headers, like the 64 KiB header block limit, not "Out of memory"
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
foreach ([200000, 80000] as $n) {
    try {
        $c->request('GET', "/big-headers?n=$n&line=$n");
        echo "$n: no exception\n";
    } catch (Loom\Http\TransportException $e) {
        echo "one line of $n bytes: ", get_class($e), ' phase ', $e->getPhase(), ': ',
            str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
    }
}
// The connection it failed on is not reused half-read: the next request is fine.
echo $c->request('GET', '/big-headers?n=100&line=100')->body(), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
one line of 200000 bytes: Loom\Http\ResponseTooLargeException phase headers: Response headers from URL/big-headers?n=200000&line=200000 exceed 65536 bytes
one line of 80000 bytes: Loom\Http\ResponseTooLargeException phase headers: Response headers from URL/big-headers?n=80000&line=80000 exceed 65536 bytes
ok
baseline: ok
