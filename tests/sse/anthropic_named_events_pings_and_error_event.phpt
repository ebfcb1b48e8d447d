--TEST--
SSE: Anthropic-style streams: named events with any number of pings and unknown types are all delivered in order; an "event: error" (overloaded_error) after HTTP 200 arrives as an Event of type error
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
$ev = fn(string $type, array $data) => "event: $type\ndata: " . json_encode($data) . "\n\n";
$raw = $ev('message_start', ['type' => 'message_start', 'message' => ['id' => 'msg_1', 'role' => 'assistant']])
    . $ev('ping', ['type' => 'ping'])
    . $ev('content_block_start', ['type' => 'content_block_start', 'index' => 0, 'content_block' => ['type' => 'text', 'text' => '']])
    . $ev('ping', ['type' => 'ping'])
    . $ev('content_block_delta', ['type' => 'content_block_delta', 'index' => 0, 'delta' => ['type' => 'text_delta', 'text' => 'Hello']])
    . $ev('some_future_event', ['type' => 'some_future_event'])
    . $ev('content_block_delta', ['type' => 'content_block_delta', 'index' => 0, 'delta' => ['type' => 'text_delta', 'text' => ', world']])
    . $ev('error', ['type' => 'error', 'error' => ['type' => 'overloaded_error', 'message' => 'Overloaded']]);
$text = '';
$types = [];
foreach ($c->request('GET', "{$srv['url']}/sse?chunk=13&data=" . rawurlencode($raw))->events() as $e) {
    $types[] = $e->type;
    $j = $e->json();
    if ($e->type === 'content_block_delta') $text .= $j['delta']['text'];
    if ($e->type === 'error') echo "error event: {$j['error']['type']} ({$j['error']['message']})\n";
}
echo implode(' ', $types), "\n", $text, "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
error event: overloaded_error (Overloaded)
message_start ping content_block_start ping content_block_delta some_future_event content_block_delta error
Hello, world
baseline: ok
