--TEST--
Http: request() returns once the headers arrive, before a slow body is complete; status(), headers() and header() are readable then
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
// The idle timeout only turns a request() that waits for the body into a failure instead of a hang.
$c = new Loom\Http\Client(['timeout' => ['idle' => 20]]);
// Headers and the first token go out at once; the rest waits at a gate that opens only below.
$r = $c->request('GET', "{$srv['url']}/v1/chat/completions?tokens=2&ttft_ms=0&interval_ms=10&gate=body");
var_dump($r->status());
var_dump($r->header('content-type'), $r->header('CONTENT-TYPE'), $r->header('Content-Type'));
var_dump($r->headers()['content-type'], $r->header('x-not-sent'));
var_dump(array_keys($r->headers()) === array_map('strtolower', array_keys($r->headers())));
echo 'transfer still running: ', Loom\stats()['curl_handles'], "\n";
echo file_get_contents("{$srv['url']}/open?gate=body");
$body = $r->body();
var_dump(substr_count($body, "\n\n"), str_ends_with($body, "data: [DONE]\n\n"));
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
open
int(4)
bool(true)
baseline: ok
