--TEST--
Adapters: Guzzle's verify (default on, a CA bundle path, false), cert and ssl_key options map to Loom's TLS options (client certificate authentication included)
--SKIPIF--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_skipif();
if (!loom_test_have_openssl()) die('skip the openssl binary is needed to make test certificates');
?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$dir = loom_test_make_certs(['good']);
// A client certificate signed by the same test CA.
$key = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes';
file_put_contents("$dir/client.ext", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
exec("cd $dir && openssl req $key -subj /CN=loom-client -keyout client.key -out client.csr 2>&1"
    . " && openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -set_serial 7 -days 2 -extfile client.ext -out client.pem 2>&1", $out, $rc);
if ($rc !== 0) echo implode("\n", $out), "\n";
// Two peers say whose client certificate they got: the first asks for none, the second requires one.
$serve = <<<'PEER'
while ($c = peer_accept($server)) {
    if (peer_read_request($c)) {
        $cert = stream_context_get_params($c)['options']['ssl']['peer_certificate'] ?? null;
        $who = $cert ? openssl_x509_parse($cert)['subject']['CN'] : 'no client certificate';
        fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: " . strlen($who) . "\r\nConnection: close\r\n\r\n$who");
    }
    fclose($c);
}
PEER;
$tls = ['local_cert' => "$dir/good.pem", 'local_pk' => "$dir/good.key", 'verify_peer' => false];
$peer = loom_test_peer_start($serve, $tls);
$mtls = loom_test_peer_start($serve, ['verify_peer' => true, 'cafile' => "$dir/ca.pem", 'capture_peer_cert' => true,
    'verify_peer_name' => false] + $tls);
$guzzle = loom_guzzle();
$try = function (string $label, string $url, array $o) use ($guzzle) {
    try {
        $body = (string)$guzzle->get($url, $o)->getBody();
        echo "$label: $body\n";
    } catch (GuzzleHttp\Exception\TransferException $e) {
        // (A peer refusing the handshake shows up as an empty reply or a reset, depending on timing.)
        echo "$label: failed in phase ", $e->getHandlerContext()['phase'], ', errno ', in_array($e->getHandlerContext()['errno'], [52, 56]) ? 'empty reply or reset' : $e->getHandlerContext()['errno'], "\n";
    }
};
$try('default verify', $peer['url'], []);
$try('verify CA path', $peer['url'], ['verify' => "$dir/ca.pem"]);
$try('verify false', $peer['url'], ['verify' => false]);
$try('client certificate required, none given', $mtls['url'], ['verify' => "$dir/ca.pem"]);
$try('cert + ssl_key', $mtls['url'], ['verify' => "$dir/ca.pem", 'cert' => "$dir/client.pem", 'ssl_key' => "$dir/client.key"]);
foreach ([['verify' => "$dir/none.pem"], ['cert' => ["$dir/client.pem", 'secret']], ['ssl_key' => "$dir/none.key"]] as $bad) {
    try {
        $guzzle->get($peer['url'], $bad);
    } catch (InvalidArgumentException $e) {
        echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
    }
}
loom_test_peer_stop($peer);
loom_test_peer_stop($mtls);
loom_assert_http_baseline(0);
?>
--EXPECT--
default verify: failed in phase tls, errno 60
verify CA path: no client certificate
verify false: no client certificate
client certificate required, none given: failed in phase headers, errno empty reply or reset
cert + ssl_key: loom-client
SSL CA bundle not found: DIR/none.pem
The "cert" request option cannot carry a password: Loom\Http\Client takes unencrypted key files only
The "ssl_key" request option must name an existing file
baseline: ok
