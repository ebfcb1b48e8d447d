--TEST--
Http: the proxy option sends requests through an HTTP proxy (absolute-form request line; the target is never resolved by Loom: .invalid would fail); the environment's http_proxy is ignored
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
require __DIR__ . '/../inc/http.inc';
// A minimal forward proxy that answers for every target itself, echoing what it was asked.
$proxy = loom_test_peer_start(<<<'PHP'
for (;;) {
    $c = peer_accept($server);
    while ($req = peer_read_request($c)) {
        $body = json_encode(['request_line' => $req['line'],
                             'host' => preg_match('/^host:\s*(.+?)\r?$/mi', $req['head'], $m) ? $m[1] : null]);
        fwrite($c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " . strlen($body) . "\r\n\r\n$body");
    }
    fclose($c);
}
PHP);
putenv("http_proxy=http://127.0.0.1:1");    // must not be used: proxies come only from the option
$c = new Loom\Http\Client(['proxy' => $proxy['url']]);
$r = $c->request('GET', 'http://llm.example.invalid/v1/models?limit=2');
var_dump($r->status(), $r->json());
loom_test_peer_stop($proxy);
?>
--EXPECT--
int(200)
array(2) {
  ["request_line"]=>
  string(57) "GET http://llm.example.invalid/v1/models?limit=2 HTTP/1.1"
  ["host"]=>
  string(19) "llm.example.invalid"
}
