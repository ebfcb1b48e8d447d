--TEST--
Http: request() returns once the headers arrive, before a slow body is complete; status(), headers() and header() are readable then
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
// Headers go out at once; the first token only 700 ms later.
$t0 = hrtime(true);
$r = $c->request('GET', "{$srv['url']}/v1/chat/completions?tokens=2&ttft_ms=700&interval_ms=10");
$atHeaders = (hrtime(true) - $t0) / 1e6;
var_dump($r->status());
var_dump($r->header('content-type'), $r->header('CONTENT-TYPE'), $r->header('Content-Type'));
var_dump($r->headers()['content-type'], $r->header('x-not-sent'));
var_dump(array_keys($r->headers()) === array_map('strtolower', array_keys($r->headers())));
echo 'transfer still running: ', Loom\stats()['curl_handles'], "\n";
$body = $r->body();
$atEnd = (hrtime(true) - $t0) / 1e6;
var_dump(substr_count($body, "\n\n"), str_ends_with($body, "data: [DONE]\n\n"));
// The server held the body back 700 ms after the headers: request() did not wait for it.
var_dump($atEnd - $atHeaders > 300);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
int(200)
string(17) "text/event-stream"
string(17) "text/event-stream"
string(17) "text/event-stream"
array(1) {
  [0]=>
  string(17) "text/event-stream"
}
NULL
bool(true)
transfer still running: 1
int(4)
bool(true)
bool(true)
baseline: ok
