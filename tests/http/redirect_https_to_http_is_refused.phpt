--TEST--
Http: a redirect from https to http is refused (TransportException phase redirect), while https to https is followed
--SKIPIF--
<?php
require __DIR__ . '/../inc/http.inc';
if (!loom_test_have_openssl()) die('skip the openssl binary is needed to make test certificates');
?>
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$dir = loom_test_make_certs(['good']);
$peer = loom_test_peer_start(<<<'PEER'
while ($c = peer_accept($server)) {
    $req = peer_read_request($c);
    if (!$req) { fclose($c); continue; }
    $target = urldecode(substr(explode(' ', $req['line'])[1], strlen('/to?')));
    if ($target === 'done') fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\ndone");
    else fwrite($c, "HTTP/1.1 302 Found\r\nLocation: $target\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    fclose($c);
}
PEER, ['local_cert' => "$dir/good.pem", 'local_pk' => "$dir/good.key", 'verify_peer' => false]);
$c = new Loom\Http\Client(['ca_file' => "$dir/ca.pem", 'headers' => ['Authorization' => 'Bearer sk-secret']]);
try {
    $c->request('GET', "{$peer['url']}/to?" . urlencode("{$srv['url']}/echo"));
    echo "followed (wrong)\n";
} catch (Loom\Http\TransportException $e) {
    echo get_class($e), ' phase ', $e->getPhase(), "\n";
    echo str_replace([$peer['url'], $srv['url'], urlencode($srv['url'])], ['HTTPS', 'HTTP', 'HTTP'], $e->getMessage()), "\n";
    var_dump(str_contains($e->getMessage(), 'sk-secret'));
}
$r = $c->request('GET', "{$peer['url']}/to?" . urlencode("{$peer['url']}/to?done"));
echo $r->status(), ' ', $r->body(), "\n";
loom_test_peer_stop($peer);
loom_test_server_stop($srv);
loom_assert_http_baseline(0);
?>
--EXPECT--
Loom\Http\TransportException phase redirect
Refused redirect from HTTPS/to?HTTP%2Fecho to HTTP/echo: https to http downgrade
bool(false)
200 done
baseline: ok
