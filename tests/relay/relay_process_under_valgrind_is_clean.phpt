--TEST--
Relay: the relay process under valgrind's memcheck relays streams through nginx, an upstream failure, a browser that leaves, a refused token and SIGTERM with no memory errors and no definite leaks
--SKIPIF--
<?php
require __DIR__ . '/../inc/relay.inc';
loom_relay_skipif();
if (getenv("LOOM_TEST_SCALE") === "valgrind") die("skip runs the relay under valgrind itself, in the normal pass");
if (!is_executable('/usr/bin/valgrind')) die('skip needs /usr/bin/valgrind');
?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 2, 'relay_valgrind' => true, 'drain_timeout' => 30]);
$client = new Loom\Http\Client(['timeout' => ['idle' => 120]]);
$streams = [];
for ($i = 0; $i < 4; $i++) {
    $streams[] = Loom\spawn(fn() => $client->request('GET', loom_relay_chat_url($s, ['tokens' => 5, 'interval_ms' => 5, 'ttft_ms' => 0], ['n' => "v$i"]))->body());
}
$ok = 0;
foreach ($streams as $t) {
    $ok += loom_relay_tokens($t->await()) === ['t0 ', 't1 ', 't2 ', 't3 ', 't4 '] ? 1 : 0;
}
echo "complete streams: $ok of 4\n";
$failed = $client->request('GET', loom_relay_chat_url($s, ['fault' => 500]))->body();
echo "upstream 500: ", str_contains($failed, 'event: error') ? 'error event' : 'NO error event', "\n";

$r = $client->request('GET', loom_relay_chat_url($s, ['tokens' => 50, 'interval_ms' => 5, 'ttft_ms' => 0, 'gate' => 'vg-' . getmypid()]));
$ev = $r->events();
$ev->rewind();
$open = fn() => json_decode(file_get_contents("{$s['up']['url']}/counters"), true)['open'];
$before = $open();   // the held stream's, this request's, and the relay's idle kept-alive ones
$r->cancel();
loom_wait_until(fn() => $open() === $before - 1, 'the upstream to be cancelled', 60);
echo "left browser's upstream cancelled\n";
echo "reused token: ", strtok(loom_relay_raw_request($s['relay'], "GET /loom-relay/" . str_repeat('0', 32) . " HTTP/1.1\r\nX-Loom-Bind: x\r\n\r\n"), "\r\n"), "\n";
echo "relay exit on SIGTERM: ", loom_relay_stop($s['relay'], SIGTERM, 120), "\n";
$log = file_get_contents("{$s['fpm']['dir']}/vg-relay.log");
echo "memcheck ran to its summary: ", preg_match('/Memcheck.*\n(.|\n)*ERROR SUMMARY/', $log) ? 'yes' : 'no', "\n";
$p = loom_fpm_valgrind_problems($log);
echo "memcheck errors: ", count($p['errors']), "\n", implode("\n", $p['errors']);
$definite = array_filter($p['leaks'], fn($k) => str_starts_with($k, 'definitely'), ARRAY_FILTER_USE_KEY);
echo "definite leaks: ", count($definite), "\n", implode("\n", array_keys($definite));
?>
--EXPECT--
complete streams: 4 of 4
upstream 500: error event
left browser's upstream cancelled
reused token: HTTP/1.1 404 Not Found
relay exit on SIGTERM: 0
memcheck ran to its summary: yes
memcheck errors: 0
definite leaks: 0
