--TEST--
SSE: events() on a body that is not text/event-stream (JSON 401/429, a proxy's HTML page) throws UnexpectedContentTypeException when iteration starts, without parsing it; status and body stay readable
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$peer = loom_test_peer_start(<<<'PEER'
while ($c = peer_accept($server)) {
    $req = peer_read_request($c);
    $body = str_contains($req['line'], '/html') ? "<html><body>502 Bad Gateway\n\ndata: not an event\n\n</body></html>" : "data: a\n\n";
    $type = str_contains($req['line'], '/html') ? 'text/html' : 'Text/Event-Stream; charset=utf-8';
    fwrite($c, "HTTP/1.1 " . (str_contains($req['line'], '/html') ? '502 Bad Gateway' : '200 OK') . "\r\nContent-Type: $type\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n$body");
    fclose($c);
}
PEER);
$c = new Loom\Http\Client();
$cases = [
    '429 JSON' => "{$srv['url']}/v1/chat/completions?fault=429",
    '500 JSON' => "{$srv['url']}/v1/chat/completions?fault=500",
    '200 JSON' => "{$srv['url']}/json?n=2",
    'proxy HTML' => "{$peer['url']}/html",
];
foreach ($cases as $label => $url) {
    $r = $c->request('GET', $url);
    $events = $r->events();   // creating the iterator is fine; starting it is not
    try {
        foreach ($events as $e) echo "$label: event (wrong)\n";
        echo "$label: no exception (wrong)\n";
    } catch (Loom\Http\UnexpectedContentTypeException $e) {
        echo "$label: ", get_class($e), ': ', preg_replace('/from \S+, got/', 'from URL, got', $e->getMessage()), "\n";
    }
    echo '  status ', $r->status(), ', body ', json_encode(substr($r->body(), 0, 40)), "\n";
}
var_dump(get_parent_class(Loom\Http\UnexpectedContentTypeException::class));
// Content-Type is matched case-insensitively and may carry parameters.
foreach ($c->request('GET', "{$peer['url']}/sse")->events() as $e) echo 'event-stream with charset: ', $e->data, "\n";
loom_test_peer_stop($peer);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
429 JSON: Loom\Http\UnexpectedContentTypeException: Expected an event stream (text/event-stream) from URL, got content-type application/json (status 429); status and body stay readable
  status 429, body "{\"error\":{\"message\":\"Rate limit reached\""
500 JSON: Loom\Http\UnexpectedContentTypeException: Expected an event stream (text/event-stream) from URL, got content-type application/json (status 500); status and body stay readable
  status 500, body "{\"error\":{\"message\":\"Internal server err"
200 JSON: Loom\Http\UnexpectedContentTypeException: Expected an event stream (text/event-stream) from URL, got content-type application/json (status 200); status and body stay readable
  status 200, body "{\"items\":[0,1]}"
proxy HTML: Loom\Http\UnexpectedContentTypeException: Expected an event stream (text/event-stream) from URL, got content-type text/html (status 502); status and body stay readable
  status 502, body "<html><body>502 Bad Gateway\n\ndata: not a"
string(14) "Loom\Exception"
event-stream with charset: a
baseline: ok
