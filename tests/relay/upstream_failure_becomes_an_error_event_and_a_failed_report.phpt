--TEST--
Relay: an upstream 500, 429 or reset becomes a final SSE error event for the browser (no upstream details) and an on_complete report with the failure
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1]);
$client = new Loom\Http\Client(['timeout' => ['idle' => 30]]);
foreach (['500' => ['fault' => 500], '429' => ['fault' => 429]] as $n => $knobs) {
    $r = $client->request('GET', loom_relay_chat_url($s, $knobs + ['tokens' => 5, 'interval_ms' => 5, 'ttft_ms' => 0], ['n' => "f$n"]));
    $body = $r->body();
    preg_match_all('/^event: error\ndata: (.*)\n\n/m', $body, $m);
    echo "$n: browser ", $r->status(), ", tokens '", implode('', loom_relay_tokens($body)), "', error events: ", implode(' ', $m[1]), "\n";
    echo "  ends with the error event: ", str_ends_with($body, $m[0][0] ?? "\0") ? 'yes' : 'no', "\n";
    echo "  secret or upstream address in the body: ", str_contains($body, LOOM_RELAY_SECRET) || str_contains($body, (string)$s['up']['port']) ? 'YES' : 'no', "\n";
    $report = loom_relay_wait_report($s, "f$n");
    echo "  report: ok=", var_export($report['ok'], true), " status={$report['status']} error={$report['error']} text='{$report['text']}'\n";
}
// A reset discards what the relay has not read yet: the upstream resets only after the browser has token 1.
$gate = 'reset-' . getmypid();
$r = $client->request('GET', loom_relay_chat_url($s, ['fault' => 'reset_after', 'k' => 2, 'gate' => $gate, 'gate_at' => 2,
    'tokens' => 5, 'interval_ms' => 5, 'ttft_ms' => 0], ['n' => 'freset']));
$seen = [];
foreach ($r->events() as $e) {
    $seen[] = $e->type === 'error' ? "error $e->data" : json_decode($e->data, true)['choices'][0]['delta']['content'];
    if ($seen === ['t0 ', 't1 ']) {
        file_get_contents("{$s['up']['url']}/open?gate=$gate");
    }
}
echo "reset: browser ", $r->status(), ", events: ", implode('|', $seen), "\n";
$report = loom_relay_wait_report($s, 'freset');
echo "  report: ok=", var_export($report['ok'], true), " status={$report['status']} error={$report['error']} text='{$report['text']}'\n";
?>
--EXPECT--
500: browser 200, tokens '', error events: {"error":"upstream_status","status":500}
  ends with the error event: yes
  secret or upstream address in the body: no
  report: ok=false status=500 error=upstream_status text=''
429: browser 200, tokens '', error events: {"error":"upstream_status","status":429}
  ends with the error event: yes
  secret or upstream address in the body: no
  report: ok=false status=429 error=upstream_status text=''
reset: browser 200, events: t0 |t1 |error {"error":"transport"}
  report: ok=false status=200 error=transport text='t0 t1 '
