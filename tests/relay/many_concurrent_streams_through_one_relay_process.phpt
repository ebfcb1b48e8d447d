--TEST--
Relay: 50 browsers at once through nginx, 2 FPM workers and one relay process: every stream gets every token in order, none sees another's, and a plain page is served meanwhile
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 2]);
$n = loom_scale(50, 10);
$tokens = 20;
$gate = 'many-' . getmypid();
$client = new Loom\Http\Client(['timeout' => ['idle' => 60]]);
// Each stream's tokens are its own: the upstream numbers them t0..t19 and the stream's id is in its URL.
// All streams are held after token 0 until every one of them has started: then 50 are open at once.
$started = 0;
$tasks = [];
for ($i = 0; $i < $n; $i++) {
    $tasks[$i] = Loom\spawn(function () use ($s, $client, $i, $tokens, $gate, &$started) {
        $r = $client->request('GET', loom_relay_chat_url($s, ['tokens' => $tokens, 'interval_ms' => 10, 'ttft_ms' => 0,
            'gate' => $gate], ['n' => "m$i"]));
        $got = [];
        foreach ($r->events() as $e) {
            if ($e->data === '[DONE]') {
                $got[] = 'DONE';
                continue;
            }
            $c = json_decode($e->data, true)['choices'][0]['delta']['content'] ?? null;
            if ($c !== null) {
                $got[] = $c;
                if ($c === 't0 ') {
                    $started++;
                }
            }
        }
        return implode('', $got);
    });
}
loom_wait_until(function () use (&$started, $n) { return $started === $n; }, "all $n streams to start", 60);
$st = loom_relay_status($s['relay']);
echo "streams open in the relay at once: ", $st['streams'] === $n ? 'all' : $st['streams'], "\n";
$t = microtime(true);
$plain = $client->request('GET', "{$s['nginx']['url']}/plain.php")->body();
echo "a plain page meanwhile: ", strtok($plain, ' '), (microtime(true) - $t) < 2 ? ' (under 2 s)' : ' (SLOW)', "\n";
file_get_contents("{$s['up']['url']}/open?gate=$gate");
$expected = implode('', array_map(fn($k) => "t$k ", range(0, $tokens - 1))) . 'DONE';
$bad = 0;
foreach ($tasks as $i => $task) {
    if ($task->await() !== $expected) {
        $bad++;
    }
}
echo "streams with every token in order: ", $n - $bad, " of $n\n";
$reports = 0;
for ($i = 0; $i < $n; $i++) {
    $r = loom_relay_wait_report($s, "m$i");
    if ($r && $r['ok'] && $r['text'] === substr($expected, 0, -4) && $r['meta']['n'] === "m$i") {
        $reports++;
    }
}
echo "on_complete reports with the right answer: $reports of $n\n";
echo "FPM pages handed off: ", count(file("{$s['fpm']['out']}/handoff-pids")), "\n";
echo "relay exit on SIGTERM: ", loom_relay_stop($s['relay']), "\n";
echo "tasks and transfers left here: ", Loom\stats()['tasks'] + Loom\stats()['curl_handles'], "\n";
?>
--EXPECT--
streams open in the relay at once: all
a plain page meanwhile: plain (under 2 s)
streams with every token in order: 50 of 50
on_complete reports with the right answer: 50 of 50
FPM pages handed off: 50
relay exit on SIGTERM: 0
tasks and transfers left here: 0
