--TEST--
Relay: a stream over its max_seconds budget (the upstream stalls after token 0) ends with a timeout error event and a failed report
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1]);
$client = new Loom\Http\Client(['timeout' => ['idle' => 60]]);
// The gate is never opened: without the budget the stream would wait for the 60 s idle timeout.
$r = $client->request('GET', loom_relay_chat_url($s, ['tokens' => 5, 'interval_ms' => 1, 'ttft_ms' => 0, 'gate' => 'stall-' . getmypid()],
    ['max_seconds' => 1, 'n' => 'slow']));
$t = microtime(true);
$seen = [];
foreach ($r->events() as $e) {
    $seen[] = $e->type === 'error' ? "error $e->data" : json_decode($e->data, true)['choices'][0]['delta']['content'];
}
echo "events: ", implode('|', $seen), "\n";
echo "ended within 10 s: ", microtime(true) - $t < 10 ? 'yes' : 'no', "\n";
$report = loom_relay_wait_report($s, 'slow');
echo "report: ok=", var_export($report['ok'], true), " error={$report['error']} text='{$report['text']}'\n";
?>
--EXPECT--
events: t0 |error {"error":"timeout"}
ended within 10 s: yes
report: ok=false error=timeout text='t0 '
