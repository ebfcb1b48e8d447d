--TEST--
Relay: handoff frees the only FPM worker at once; a plain page is served while the handed-off stream still streams, and the stream then completes in order
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1]);
$gate = 'free-' . getmypid();
// 8 tokens; after token 0 the upstream holds the stream until the gate opens.
$url = loom_relay_chat_url($s, ['tokens' => 8, 'interval_ms' => 5, 'ttft_ms' => 0, 'gate' => $gate]);
$client = new Loom\Http\Client(['timeout' => ['idle' => 30]]);
$r = $client->request('GET', $url);
echo "chat: ", $r->status(), " ", strtok($r->header("content-type"), ";"), "\n";
$events = $r->events();
$events->rewind();
$first = $events->current();
echo "token 0 arrived before the gate opened: ", json_decode($first->data, true)['choices'][0]['delta']['content'], "\n";

// The one worker is free although the stream is still held at the gate.
$t = microtime(true);
$plain = $client->request('GET', "{$s['nginx']['url']}/plain.php");
$body = $plain->body();
$elapsed = microtime(true) - $t;
echo "plain page while the stream is held: ", $plain->status(), " ", strtok($body, ' '), "\n";
echo "served by the worker that handed off: ", trim(file_get_contents("{$s['fpm']['out']}/handoff-pids")) === substr($body, 6) ? 'yes' : 'no', "\n";
echo "plain page under 2 s: ", $elapsed < 2 ? 'yes' : "no ($elapsed)", "\n";

file_get_contents("{$s['up']['url']}/open?gate=$gate");
$tokens = [];
$events->next();
for (; $events->valid(); $events->next()) {
    $e = $events->current();
    $tokens[] = $e->data === '[DONE]' ? '[DONE]' : (json_decode($e->data, true)['choices'][0]['delta']['content'] ?? '(stop)');
}
echo "rest: ", implode('|', $tokens), "\n";
$status = loom_relay_status($s['relay']);
echo "relay: registered {$status['registered']}, attached {$status['attached']}, refused {$status['refused']}, streams now ",
    loom_wait_until(fn() => loom_relay_status($s['relay'])['streams'] === 0, 'the stream to end') ? 0 : 'some', "\n";
echo "relay log has no secret: ", str_contains(file_get_contents($s['relay']['log']), LOOM_RELAY_SECRET) ? 'NO' : 'yes', "\n";
echo "relay exit on SIGTERM: ", loom_relay_stop($s['relay']), "\n";
?>
--EXPECT--
chat: 200 text/event-stream
token 0 arrived before the gate opened: t0 
plain page while the stream is held: 200 plain
served by the worker that handed off: yes
plain page under 2 s: yes
rest: t1 |t2 |t3 |t4 |t5 |t6 |t7 |(stop)|[DONE]
relay: registered 1, attached 1, refused 0, streams now 0
relay log has no secret: yes
relay exit on SIGTERM: 0
