--TEST--
Relay: SIGTERM stops accepting new streams, lets a running stream finish, ends the one still running at the drain bound with a final shutdown event, reports both, and exits 0
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1, 'drain_timeout' => 5]);
$client = new Loom\Http\Client(['timeout' => ['idle' => 30]]);
$gateA = 'drain-a-' . getmypid();
$gateB = 'drain-b-' . getmypid();   // never opened
$open = function (string $n, string $gate) use ($s, $client) {
    $r = $client->request('GET', loom_relay_chat_url($s, ['tokens' => 4, 'interval_ms' => 5, 'ttft_ms' => 0, 'gate' => $gate], ['n' => $n]));
    $events = $r->events();
    $events->rewind();   // token 0 is here: the stream runs in the relay
    return [$r, $events];
};
[$a, $eventsA] = $open('a', $gateA);
[$b, $eventsB] = $open('b', $gateB);
posix_kill($s['relay']['pid'], SIGTERM);
loom_wait_until(fn() => !file_exists($s['relay']['socket']), 'the relay to stop accepting');
$late = $client->request('GET', loom_relay_chat_url($s, ['tokens' => 2]));
echo "a new chat page after SIGTERM: ", $late->status(), "\n";
echo "its worker says why: ", str_contains(loom_fpm_log($s['fpm']), 'refused or is unreachable') ? 'yes' : 'no', "\n";

file_get_contents("{$s['up']['url']}/open?gate=$gateA");
$rest = [];
for ($eventsA->next(); $eventsA->valid(); $eventsA->next()) {
    $rest[] = $eventsA->current()->data === '[DONE]' ? '[DONE]' : (json_decode($eventsA->current()->data, true)['choices'][0]['delta']['content'] ?? '(stop)');
}
echo "stream A finished during the drain: ", implode('|', $rest), "\n";
$last = null;
for ($eventsB->next(); $eventsB->valid(); $eventsB->next()) {
    $last = $eventsB->current();
}
echo "stream B's last event: {$last->type} {$last->data}\n";
echo "relay exit code: ", loom_relay_stop($s['relay'], 0, 30), "\n";
echo "relay log: ", str_replace("\n", ' / ', preg_replace('/\S*relay\.sock \(pid \d+\)/', 'SOCK', trim(file_get_contents($s['relay']['log'])))), "\n";
foreach (['a', 'b'] as $n) {
    $r = loom_relay_wait_report($s, $n);
    echo "report $n: ok=", var_export($r['ok'], true), " error=", var_export($r['error'], true), " text='{$r['text']}'\n";
}
?>
--EXPECT--
a new chat page after SIGTERM: 500
its worker says why: yes
stream A finished during the drain: t1 |t2 |t3 |(stop)|[DONE]
stream B's last event: error {"error":"shutdown"}
relay exit code: 0
relay log: loom-relay: listening on SOCK / loom-relay: stopped
report a: ok=true error=NULL text='t0 t1 t2 t3 '
report b: ok=false error='shutdown' text='t0 '
