--TEST--
Http: TLS to a certificate from an unknown CA, for another host, or expired fails by default with phase tls (curl 60) and the reason; an explicit ca_file (or verify false) is what makes it pass
--SKIPIF--
<?php
require __DIR__ . '/../inc/http.inc';
if (!loom_test_have_openssl()) die('skip the openssl binary is needed to make test certificates');
?>
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$dir = loom_test_make_certs(['good', 'other', 'expired']);
$serve = <<<'PEER'
while ($c = peer_accept($server)) {
    if (peer_read_request($c)) fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
    fclose($c);
}
PEER;
$peers = [];
foreach (['good', 'other', 'expired'] as $w) {
    $peers[$w] = loom_test_peer_start($serve, ['local_cert' => "$dir/$w.pem", 'local_pk' => "$dir/$w.key", 'verify_peer' => false]);
}
$try = function (string $label, string $which, array $opts) use ($peers, $dir) {
    try {
        $r = (new Loom\Http\Client($opts))->request('GET', "{$peers[$which]['url']}/");
        echo "$label: ", $r->status(), ' ', $r->body(), "\n";
    } catch (Loom\Http\TransportException $e) {
        printf("%s: %s phase %s, curl %d: %s\n", $label, get_class($e), $e->getPhase(), $e->getCurlCode(),
            str_replace($dir, 'DIR', explode(': ', $e->getMessage(), 2)[1]));
    }
};
$try('unknown CA, default options', 'good', []);
$try('unknown CA, ca_file', 'good', ['ca_file' => "$dir/ca.pem"]);
$try('unknown CA, verify false', 'good', ['verify' => false]);
$try('other host, ca_file', 'other', ['ca_file' => "$dir/ca.pem"]);
$try('expired, ca_file', 'expired', ['ca_file' => "$dir/ca.pem"]);
$try('ca_file that does not exist', 'good', ['ca_file' => "$dir/missing.pem"]);
foreach ($peers as $p) loom_test_peer_stop($p);
loom_assert_http_baseline(0);
?>
--EXPECTF--
unknown CA, default options: Loom\Http\TransportException phase tls, curl 60: SSL certificate problem: unable to get local issuer certificate
unknown CA, ca_file: 200 ok
unknown CA, verify false: 200 ok
other host, ca_file: Loom\Http\TransportException phase tls, curl 60: SSL: no alternative certificate subject name matches target %s '127.0.0.1'
expired, ca_file: Loom\Http\TransportException phase tls, curl 60: SSL certificate problem: certificate has expired
ca_file that does not exist: Loom\Http\TransportException phase tls, curl 77: error setting certificate file: DIR/missing.pem
baseline: ok
