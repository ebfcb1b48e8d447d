--TEST--
Http: 1,000 concurrent chat streams in one process, one task each, every token of every stream counted
--INI--
memory_limit=512M
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$n = loom_scale(1000, 50);
// One socket per stream (HTTP/1.1): make sure the soft fd limit allows it.
if (function_exists('posix_getrlimit')) {
    $lim = posix_getrlimit();
    $want = $n + 256;
    if ($lim['soft openfiles'] !== 'unlimited' && (int)$lim['soft openfiles'] < $want) {
        posix_setrlimit(POSIX_RLIMIT_NOFILE, min($want, $lim['hard openfiles'] === 'unlimited' ? $want : (int)$lim['hard openfiles']), $lim['hard openfiles'] === 'unlimited' ? -1 : (int)$lim['hard openfiles']);
    }
}
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$tokens = 20;
$t0 = hrtime(true);
$tasks = [];
for ($i = 0; $i < $n; $i++) {
    $tasks[] = Loom\spawn(function () use ($c, $tokens, $i) {
        $r = $c->request('GET', "/v1/chat/completions?tokens=$tokens&interval_ms=10&ttft_ms=50&id=$i");
        $count = 0;
        $done = false;
        $text = '';
        foreach ($r->events() as $e) {
            if ($e->data === '[DONE]') { $done = true; continue; }
            $content = $e->json()['choices'][0]['delta']['content'] ?? null;
            if ($content !== null) { $count++; $text .= $content; }
        }
        return $done && $text === implode(' ', array_map(fn($k) => "t$k", range(0, $tokens - 1))) . ' ' ? $count : -1;
    });
}
$peakSockets = 0;
$monitor = Loom\spawn(function () use (&$peakSockets, $tasks) {
    while (array_filter($tasks, fn($t) => !$t->isFinished())) {
        $peakSockets = max($peakSockets, Loom\stats()['sockets']);
        Loom\sleep(0.05);
    }
});
$counts = Loom\all($tasks);
$monitor->await();
$ms = (hrtime(true) - $t0) / 1e6;
var_dump(array_sum($counts) === $n * $tokens, count(array_filter($counts, fn($c) => $c !== $tokens)));
printf("%d streams x %d tokens in %.0f ms, peak %d sockets, peak %.1f MiB PHP memory\n", $n, $tokens, $ms, $peakSockets,
    memory_get_peak_usage() / 1048576);
unset($tasks, $counts);
loom_test_server_stop($srv);
loom_assert_http_baseline($n);
?>
--EXPECTF--
bool(true)
int(0)
%d streams x 20 tokens in %d ms, peak %d sockets, peak %f MiB PHP memory
baseline: ok
