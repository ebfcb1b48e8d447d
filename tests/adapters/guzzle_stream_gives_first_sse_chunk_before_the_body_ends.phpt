--TEST--
Adapters: Guzzle 'stream' => true returns at the headers and read() gives the first SSE chunk while the server still holds the rest
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
$data = rawurlencode("data: one\n\ndata: two\n\n");
// The first event comes at once; the second only once the gate opens, which only this test does.
$r = $guzzle->get("/sse?data=$data&chunk=11&gate=rest", ['stream' => true]);
$body = $r->getBody();
echo $r->getStatusCode(), ' ', $r->getHeaderLine('Content-Type'), "\n";
var_dump($body->isSeekable(), $body->getSize(), $body->eof());
echo json_encode($body->read(1024)), "\n";      // only what has arrived
loom_adapters_open_gate($srv, 'rest');
$rest = '';
while (!$body->eof()) {
    $rest .= $body->read(1024);
}
echo json_encode($rest), "\n";
var_dump($body->getSize(), $body->tell());
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
200 text/event-stream
bool(false)
NULL
bool(false)
"data: one\n\n"
"data: two\n\n"
int(22)
int(22)
baseline: ok
