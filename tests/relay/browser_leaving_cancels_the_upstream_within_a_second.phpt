--TEST--
Relay: a browser that goes away mid-stream cancels the relay's upstream call within a second (the upstream's open connections), and on_complete reports it
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1]);
$counters = fn() => json_decode(file_get_contents("{$s['up']['url']}/counters"), true);
$gate = 'never-' . getmypid();   // never opened: the upstream would hold the stream forever
$client = new Loom\Http\Client(['timeout' => ['idle' => 30]]);
$r = $client->request('GET', loom_relay_chat_url($s, ['tokens' => 50, 'interval_ms' => 5, 'ttft_ms' => 0, 'gate' => $gate], ['n' => 'gone']));
$events = $r->events();
$events->rewind();
echo "got token 0: ", str_contains($events->current()->data, '"t0 "') ? 'yes' : 'no', "\n";
echo "upstream connections open (the relay's and this one): ", $counters()['open'], "\n";
$t = microtime(true);
$r->cancel();   // the browser leaves
loom_wait_until(fn() => $counters()['open'] === 1, 'the upstream connection to close');
$elapsed = microtime(true) - $t;
echo "upstream closed within a second: ", $elapsed < 1.0 ? 'yes' : "no ($elapsed s)", "\n";
$report = loom_relay_wait_report($s, 'gone');
echo "report: ok=", var_export($report['ok'], true), " error={$report['error']} text='{$report['text']}'\n";
$st = loom_relay_status($s['relay']);
echo "relay: gone {$st['gone']}, streams {$st['streams']}\n";
?>
--EXPECT--
got token 0: yes
upstream connections open (the relay's and this one): 2
upstream closed within a second: yes
report: ok=false error=cancelled text='t0 '
relay: gone 1, streams 0
