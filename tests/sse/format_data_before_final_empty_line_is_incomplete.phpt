--TEST--
SSE: format-data-before-final-empty-line: an event not closed by a blank line at EOF is discarded and the stream is reported incomplete (IncompleteStreamException); a trailing comment is a clean end
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
$show = fn(string $label, string $raw) => print("$label:\n" . implode("\n", loom_test_sse_lines($c, $srv['url'], $raw)) . "\n");
$show('data without newline at EOF', "data: 1\n\ndata: 2");
$show('data line without blank line at EOF', "data: 1\n\ndata: 2\n");
$show('event field only at EOF', "data: 1\n\nevent: x\n");
$show('comment after the last event', "data: 1\n\n: bye\n");
$show('ends with the blank line', "data: 1\n\n");
// The exception carries the phase and URL like every transfer error.
try {
    foreach ($c->request('GET', "{$srv['url']}/sse?data=" . rawurlencode("data: 1\n\ndata: 2")) ->events() as $e) {}
} catch (Loom\Http\IncompleteStreamException $e) {
    echo get_class($e), ' phase ', $e->getPhase(), ': ', preg_replace('/\?.*? ended/', ' ended', str_replace($srv['url'], 'URL', $e->getMessage())), "\n";
    var_dump($e instanceof Loom\Http\TransportException);
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
data without newline at EOF:
["message","1","",null]
end: Loom\Http\IncompleteStreamException
data line without blank line at EOF:
["message","1","",null]
end: Loom\Http\IncompleteStreamException
event field only at EOF:
["message","1","",null]
end: Loom\Http\IncompleteStreamException
comment after the last event:
["message","1","",null]
end: ok
ends with the blank line:
["message","1","",null]
end: ok
Loom\Http\IncompleteStreamException phase body: The event stream from URL/sse ended inside an event
bool(true)
baseline: ok
