--TEST--
SSE: OpenAI streams: [DONE] is delivered as an ordinary event (not JSON; the caller treats it as the end), reading on to EOF keeps the connection pooled; a mid-stream data: {"error":...} is delivered as an event and the caller decides
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
// Three streams in a row, each read to its end: one connection serves them all.
for ($i = 0; $i < 3; $i++) {
    $last = null;
    $n = 0;
    foreach ($c->request('GET', '/v1/chat/completions?tokens=4&interval_ms=2&ttft_ms=0')->events() as $e) { $last = $e; $n++; }
    echo "stream $i: $n events, last ", json_encode($last->data), ', open sockets ', Loom\stats()['sockets'], "\n";
}
try {
    $last->json();
} catch (JsonException $e) {
    echo "[DONE] is not JSON: JsonException\n";
}
// fault=error_event: two tokens, then data: {"error":...}, then the stream ends cleanly without [DONE].
// Loom yields every event; spotting the error (and the missing [DONE]) is the caller's decision.
$seen = [];
foreach ($c->request('GET', '/v1/chat/completions?fault=error_event&k=2&interval_ms=2&ttft_ms=0')->events() as $e) {
    $j = $e->data === '[DONE]' ? null : $e->json();
    if (isset($j['error'])) {
        $seen[] = "error event: {$j['error']['type']}: {$j['error']['message']}";
    } else {
        $seen[] = $e->data === '[DONE]' ? '[DONE]' : 'token ' . $j['choices'][0]['delta']['content'];
    }
}
echo implode("\n", $seen), "\n";
echo 'ended without [DONE]: ', json_encode(!in_array('[DONE]', $seen, true)), "\n";
// fault=malformed: one event whose data is not JSON, then the stream carries on.
$bad = 0;
$tokens = 0;
foreach ($c->request('GET', '/v1/chat/completions?fault=malformed&k=3&tokens=6&interval_ms=2&ttft_ms=0')->events() as $e) {
    if ($e->data === '[DONE]') continue;
    try {
        if (($e->json()['choices'][0]['delta']['content'] ?? null) !== null) $tokens++;
    } catch (JsonException) {
        $bad++;
    }
}
echo "malformed: $bad bad event, $tokens tokens\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
stream 0: 6 events, last "[DONE]", open sockets 1
stream 1: 6 events, last "[DONE]", open sockets 1
stream 2: 6 events, last "[DONE]", open sockets 1
[DONE] is not JSON: JsonException
token t0 
token t1 
error event: server_error: overloaded
ended without [DONE]: true
malformed: 1 bad event, 6 tokens
baseline: ok
