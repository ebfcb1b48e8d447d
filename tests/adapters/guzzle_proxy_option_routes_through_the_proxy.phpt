--TEST--
Adapters: Guzzle's proxy option (a URL, or per scheme with a "no" list) sends requests through the proxy, and hosts in "no" go direct
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$proxy = loom_test_peer_start(<<<'PHP'
for (;;) {
    $c = peer_accept($server);
    while ($req = peer_read_request($c)) {
        $body = 'proxied: ' . $req['line'];
        fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: " . strlen($body) . "\r\n\r\n$body");
    }
    fclose($c);
}
PHP);
$guzzle = loom_guzzle();
echo $guzzle->get('http://llm.example.invalid/v1/models', ['proxy' => $proxy['url']])->getBody(), "\n";
echo $guzzle->get('http://llm.example.invalid/a', ['proxy' => ['http' => $proxy['url'], 'no' => ['127.0.0.1']]])->getBody(), "\n";
$direct = $guzzle->get("{$srv['url']}/echo", ['proxy' => ['http' => $proxy['url'], 'no' => ['127.0.0.1']]]);
echo 'direct: ', json_decode((string)$direct->getBody(), true)['path'], "\n";
loom_test_peer_stop($proxy);
loom_test_server_stop($srv);
?>
--EXPECT--
proxied: GET http://llm.example.invalid/v1/models HTTP/1.1
proxied: GET http://llm.example.invalid/a HTTP/1.1
direct: /echo
