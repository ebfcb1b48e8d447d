--TEST--
Http: a chunked body cut off before its last chunk, or with a malformed chunk size, raises TransportException phase body after the good bytes
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$peer = loom_test_peer_start(<<<'PEER'
while ($c = peer_accept($server)) {
    $req = peer_read_request($c);
    $head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    if ($req && str_contains($req['line'], '/truncated-in-chunk')) fwrite($c, $head . "5\r\nhello\r\n10\r\nabc");
    elseif ($req && str_contains($req['line'], '/no-last-chunk')) fwrite($c, $head . "5\r\nhello\r\n");
    elseif ($req) fwrite($c, $head . "5\r\nhello\r\nzz\r\nxx\r\n0\r\n\r\n");
    fclose($c);
}
PEER);
$c = new Loom\Http\Client(['base_uri' => $peer['url']]);
foreach (['/truncated-in-chunk', '/no-last-chunk', '/bad-size'] as $path) {
    $got = '';
    try {
        foreach ($c->request('GET', $path)->chunks() as $chunk) $got .= $chunk;
        echo "$path: no exception (wrong)\n";
    } catch (Loom\Http\TransportException $e) {
        printf("%s: %s phase %s, curl %d, got %s\n", $path, get_class($e), $e->getPhase(), $e->getCurlCode(), json_encode($got));
        echo '  ', str_replace($peer['url'], 'URL', $e->getMessage()), "\n";
    }
}
loom_test_peer_stop($peer);
loom_assert_http_baseline(0);
?>
--EXPECTF--
/truncated-in-chunk: Loom\Http\TransportException phase body, curl 18, got "helloabc"
  Failed reading the response body from URL/truncated-in-chunk: transfer closed with outstanding read data remaining
/no-last-chunk: Loom\Http\TransportException phase body, curl 18, got "hello"
  Failed reading the response body from URL/no-last-chunk: transfer closed with outstanding read data remaining
/bad-size: Loom\Http\TransportException phase body, curl 56, got "hello"
  Failed reading the response body from URL/bad-size: %s
baseline: ok
