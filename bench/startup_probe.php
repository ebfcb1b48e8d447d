<?php
/*
 * When a fan-out's first tokens come (bench/analysis.md, "Issue 14", N = 1,000 wall): one process starts
 * N tasks that each request() a chat stream and read its events, and prints, in ms from the first spawn,
 * when the tasks started, when request() returned (headers) and when the first token came (p0/p50/p99).
 * The floor's and the other clients' TTFT are in bench/RESULTS.md; this splits Loom's.
 *
 *   php -d extension=modules/loom.so bench/startup_probe.php --n 1000 \
 *       --url 'http://127.0.0.1:PORT/v1/chat/completions?tokens=50&interval_ms=20&ttft_ms=200'
 *
 * Not run by bench/run.sh.
 */
declare(strict_types=1);

require __DIR__ . '/lib/common.php';

$o = LoomBench\options($argv, ['n' => 1000, 'url' => '']);
if ($o['url'] === '') {
    fwrite(STDERR, "--url is required\n");
    exit(2);
}
$client = new Loom\Http\Client(['headers' => ['Content-Type' => 'application/json']]);
$started = $heads = $first = [];
$t0 = hrtime(true);
$tasks = [];
for ($i = 0; $i < $o['n']; $i++) {
    $tasks[] = Loom\spawn(function () use ($i, $client, $o, $t0, &$started, &$heads, &$first): void {
        $started[$i] = hrtime(true) - $t0;
        $r = $client->request('POST', $o['url'], ['body' => LoomBench\REQUEST_BODY]);
        $heads[$i] = hrtime(true) - $t0;
        foreach ($r->events() as $e) {
            $first[$i] ??= hrtime(true) - $t0;
        }
    });
}
[, $errors] = Loom\settle($tasks);
if ($errors) {
    fwrite(STDERR, count($errors) . " streams failed, the first: " . reset($errors)->getMessage() . "\n");
    exit(1);
}
$ms = static function (array $a, float $p): float {
    sort($a);
    return $a[(int)floor((count($a) - 1) * $p)] / 1e6;
};
printf("N=%d  tasks started p0 %.1f p50 %.1f p100 %.1f | headers p0 %.1f p50 %.1f p99 %.1f | first token p0 %.1f p50 %.1f p99 %.1f | all done %.1f ms\n",
    $o['n'], $ms($started, 0), $ms($started, .5), $ms($started, 1), $ms($heads, 0), $ms($heads, .5), $ms($heads, .99),
    $ms($first, 0), $ms($first, .5), $ms($first, .99), (hrtime(true) - $t0) / 1e6);
