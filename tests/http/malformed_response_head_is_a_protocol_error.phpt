--TEST--
Http: a garbage status line, duplicate or non-numeric Content-Length, a header name with "/" or a space, or a line without a colon raise TransportException before any body
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$peer = loom_test_peer_start(<<<'PEER'
$heads = [
    '/non-numeric-length' => "Content-Length: 5x\r\n",
    '/negative-length' => "Content-Length: -5\r\n",
    '/list-of-unequal-lengths' => "Content-Length: 5, 7\r\n",
    '/slash-in-name' => "Content-Length: 5\r\nX/Bad: v\r\n",
    '/space-in-name' => "Content-Length: 5\r\nX Bad: v\r\n",
    '/no-colon' => "Content-Length: 5\r\nNoColonHere\r\n",
    '/list-of-equal-lengths' => "Content-Length: 5, 5\r\n",
];
while ($c = peer_accept($server)) {
    $req = peer_read_request($c);
    if ($req) fwrite($c, "HTTP/1.1 200 OK\r\n" . ($heads[explode(' ', $req['line'])[1]] ?? '') . "Connection: close\r\n\r\nhello");
    fclose($c);
}
PEER);
$try = function (string $url) {
    try {
        $r = (new Loom\Http\Client())->request('GET', $url);
        echo basename($url), ': ', $r->status(), ' ', json_encode($r->body()), "\n";
    } catch (Loom\Http\TransportException $e) {
        printf("%s: %s phase %s, curl %d: %s\n", basename($url), get_class($e), $e->getPhase(), $e->getCurlCode(),
            explode(': ', $e->getMessage(), 2)[1]);
    }
};
$try("{$srv['url']}/bad-status");
$try("{$srv['url']}/dup-length");
foreach (['non-numeric-length', 'negative-length', 'list-of-unequal-lengths', 'slash-in-name', 'space-in-name', 'no-colon', 'list-of-equal-lengths'] as $p) {
    $try("{$peer['url']}/$p");
}
loom_test_peer_stop($peer);
loom_test_server_stop($srv);
loom_assert_http_baseline(0);
?>
--EXPECTF--
bad-status: Loom\Http\TransportException phase headers, curl 1: Unsupported HTTP%s in response
dup-length: Loom\Http\TransportException phase headers, curl 8: bad or conflicting Content-Length ("7")
non-numeric-length: Loom\Http\TransportException phase headers, curl 8: bad or conflicting Content-Length ("5x")
negative-length: Loom\Http\TransportException phase headers, curl 8: Invalid Content-Length: value
list-of-unequal-lengths: Loom\Http\TransportException phase headers, curl 8: bad or conflicting Content-Length ("5, 7")
slash-in-name: Loom\Http\TransportException phase headers, curl 8: bad header field name "x/bad"
space-in-name: Loom\Http\TransportException phase headers, curl 8: bad header field name "x bad"
no-colon: Loom\Http\TransportException phase headers, curl 8: Header without colon
list-of-equal-lengths: 200 "hello"
baseline: ok
