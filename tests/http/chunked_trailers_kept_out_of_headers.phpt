--TEST--
Http: chunked trailer fields are kept out of headers() and header() (RFC 9110 6.5.1) and come from trailers() once the body was read (the test server's /bytes trailer= knob); a response without trailers has none
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$r = $c->request('GET', '/bytes?n=5&trailer=' . rawurlencode('X-Checksum: abc123'));
echo 'body: ', $r->body(), "\n";
echo 'headers: ', implode(',', array_keys($r->headers())), "\n";
var_dump($r->header('X-Checksum'));
echo 'trailers: ', json_encode($r->trailers()), "\n";
// Read by chunks() too; and a trailer named like a header field does not replace it.
$r = $c->request('GET', '/bytes?n=3&chunk=1&trailer=' . rawurlencode('Content-Type: text/x-trailer'));
foreach ($r->chunks() as $chunk) {}
echo 'content-type: ', $r->header('content-type'), '; trailers: ', json_encode($r->trailers()), "\n";
// The connection is reused after a response with trailers.
$r = $c->request('GET', '/bytes?n=2');
echo $r->body(), ' trailers: ', json_encode($r->trailers()), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
body: xxxxx
headers: server,content-type,transfer-encoding,trailer
NULL
trailers: {"x-checksum":["abc123"]}
content-type: application/octet-stream; trailers: {"content-type":["text\/x-trailer"]}
xx trailers: []
baseline: ok
