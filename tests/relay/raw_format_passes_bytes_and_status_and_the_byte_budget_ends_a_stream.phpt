--TEST--
Relay: format raw passes the upstream's bytes, status and content type through unchanged; a stream over its max_bytes budget ends with a budget error event
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1]);
$client = new Loom\Http\Client(['timeout' => ['idle' => 30]]);
$knobs = ['tokens' => 3, 'interval_ms' => 1, 'ttft_ms' => 0];
$direct = $client->request('GET', "{$s['up']['url']}/v1/chat/completions?" . http_build_query($knobs))->body();
$r = $client->request('GET', loom_relay_chat_url($s, $knobs, ['format' => 'raw', 'n' => 'raw']));
$body = $r->body();
$norm = fn($b) => preg_replace('/"created":\d+/', '"created":N', $b);
echo "raw: ", $r->status(), " ", strtok($r->header("content-type"), ";"), ", same bytes as upstream: ", $norm($body) === $norm($direct) ? 'yes' : 'no', "\n";
$report = loom_relay_wait_report($s, 'raw');
echo "raw report: ok=", var_export($report['ok'], true), ", text is the body: ", $report['text'] === $body ? 'yes' : 'no', "\n";

$r = $client->request('GET', "{$s['nginx']['url']}/chat.php?" . http_build_query(['format' => 'raw',
    'upstream' => "{$s['up']['url']}/status/503", 'secret' => 'x']));
echo "raw upstream 503: ", $r->status(), "\n";

$r = $client->request('GET', loom_relay_chat_url($s, ['tokens' => 40, 'interval_ms' => 1, 'ttft_ms' => 0], ['max_bytes' => 1000, 'n' => 'budget']));
$body = $r->body();
$tokens = count(loom_relay_tokens($body));
echo "budget: ", $tokens > 0 && $tokens < 10 ? 'a few tokens' : "$tokens tokens", ", then: ", substr($body, strrpos($body, 'event:')), "";
$report = loom_relay_wait_report($s, 'budget');
echo "budget report: ok=", var_export($report['ok'], true), " error={$report['error']}\n";
?>
--EXPECT--
raw: 200 text/event-stream, same bytes as upstream: yes
raw report: ok=true, text is the body: yes
raw upstream 503: 503
budget: a few tokens, then: event: error
data: {"error":"budget"}

budget report: ok=false error=budget
