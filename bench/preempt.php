<?php
/*
 * What preemption costs and what it buys, measured in one run (medians of --runs runs each):
 *
 *   php bench/preempt.php [--loom-so modules/loom.so] [--n 1000] [--runs 5]
 *
 * 1. Cost for I/O-bound work: bench/loom_tasks.php (one task per stream, request() + events(), N streams
 *    of 50 tokens from the bundled server) with loom.preempt_ms=10 against loom.preempt_ms=0: CPU seconds
 *    and wall time, and their ratio (target: CPU within 2 %).
 * 2. Fairness: a 20 ms ticker task beside 4 CPU-bound tasks for 1 s: how late each tick is (p50, p90,
 *    max), preemption on (tasks that never yield) against off (tasks that yield by hand every 100k
 *    iterations: without preemption, tasks that never yield would starve the ticker for good).
 */
declare(strict_types=1);

$opt = ['loom-so' => dirname(__DIR__) . '/modules/loom.so', 'n' => '1000', 'runs' => '5'];
for ($i = 1; $i + 1 < $argc; $i += 2) {
    $k = ltrim($argv[$i], '-');
    if (!array_key_exists($k, $opt)) {
        fwrite(STDERR, "unknown option {$argv[$i]}\n");
        exit(2);
    }
    $opt[$k] = $argv[$i + 1];
}
$so = realpath($opt['loom-so']) ?: exit("no loom.so at {$opt['loom-so']}\n");
$n = (int)$opt['n'];
$runs = max(1, (int)$opt['runs']);

function median(array $v): float
{
    sort($v);
    $c = count($v);
    return $c % 2 ? $v[intdiv($c, 2)] : ($v[$c / 2 - 1] + $v[$c / 2]) / 2;
}

function php_run(string $so, int $ms, array $args): array
{
    $cmd = array_merge([PHP_BINARY, '-n', '-d', "extension=$so", '-d', 'memory_limit=-1', '-d', "loom.preempt_ms=$ms"], $args);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($p);
    $last = trim((string)substr($out, (int)strrpos(rtrim($out), "\n")));
    $j = json_decode($last, true);
    if (!is_array($j)) {
        fwrite(STDERR, "run failed: " . implode(' ', $args) . "\n$out\n$err\n");
        exit(1);
    }
    return $j;
}

// The bundled server.
require dirname(__DIR__) . '/tests/inc/server.inc';
$srv = loom_test_server_start();
$url = $srv['url'] . '/v1/chat/completions?tokens=50&interval_ms=20&ttft_ms=100';

echo "Loom preemption bench: N=$n streams, $runs runs each, " . php_uname('n') . ', ' . date('Y-m-d H:i') . "\n\n";

$io = ['on' => ['cpu' => [], 'wall' => []], 'off' => ['cpu' => [], 'wall' => []]];
for ($r = 0; $r < $runs; $r++) {
    foreach (['off' => 0, 'on' => 10] as $k => $ms) {   // interleaved, so load drifts hit both alike
        $j = php_run($so, $ms, [__DIR__ . '/loom_tasks.php', '--url', $url, '--n', (string)$n]);
        if ($j['failures'] ?? 1) {
            fwrite(STDERR, "stream run failed: " . json_encode($j) . "\n");
            exit(1);
        }
        $io[$k]['cpu'][] = $j['work_cpu_s'];
        $io[$k]['wall'][] = $j['wall_s'];
    }
}
$cpuOn = median($io['on']['cpu']);
$cpuOff = median($io['off']['cpu']);
$wallOn = median($io['on']['wall']);
$wallOff = median($io['off']['wall']);
echo "1. I/O-bound: $n streams x 50 tokens, task per stream\n";
printf("   %-22s %10s %10s\n", '', 'CPU s', 'wall s');
printf("   %-22s %10.3f %10.3f\n", 'preempt_ms=0 (off)', $cpuOff, $wallOff);
printf("   %-22s %10.3f %10.3f\n", 'preempt_ms=10 (on)', $cpuOn, $wallOn);
printf("   %-22s %9.3fx %9.3fx\n\n", 'on / off', $cpuOn / $cpuOff, $wallOn / $wallOff);

$fair = <<<'PHP'
$late = [];
$stop = false;
$cpu = [];
for ($i = 0; $i < 4; $i++) $cpu[] = Loom\spawn(function () use (&$stop) { $x = 0; while (!$stop) $x++; });
$ticker = Loom\spawn(function () use (&$late, &$stop) {
    for ($i = 0; $i < 50; $i++) {
        $due = hrtime(true) + 20e6;
        Loom\sleep(0.02);
        $late[] = (hrtime(true) - $due) / 1e6;   // how long after its timer was due the ticker ran
    }
    $stop = true;
});
$ticker->await();
foreach ($cpu as $t) $t->await();
sort($late);
$p = fn($q) => $late[(int)round($q * (count($late) - 1))];
echo json_encode(['p50' => $p(0.5), 'p90' => $p(0.9), 'max' => end($late), 'preemptions' => Loom\stats()['preemptions']]), "\n";
PHP;
$res = ['off' => [], 'on' => []];
for ($r = 0; $r < $runs; $r++) {
    foreach (['off' => 0, 'on' => 10] as $k => $ms) {
        // With preemption off, tasks that never yield would keep the ticker from ever running (the run
        // would not end), so "off" measures what a user can do by hand: yield every 100k iterations.
        $code = $ms === 0 ? str_replace('while (!$stop) $x++;', 'while (!$stop) { if (++$x % 100000 === 0) Loom\sleep(0); }', $fair) : $fair;
        $res[$k][] = php_run($so, $ms, ['-r', $code]);
    }
}
echo "2. Fairness: a task sleeping 20 ms at a time beside 4 CPU-bound tasks (how late it wakes, 50 sleeps, ms)\n";
printf("   %-44s %8s %8s %8s\n", '', 'p50', 'p90', 'max');
foreach (['off' => 'off, tasks yield every 100k iterations', 'on' => 'on (10 ms), tasks never yield'] as $k => $label) {
    printf("   %-44s %8.2f %8.2f %8.2f\n", $label, median(array_column($res[$k], 'p50')),
        median(array_column($res[$k], 'p90')), median(array_column($res[$k], 'max')));
}
printf("   preemptions per run (on): %d\n", (int)median(array_column($res['on'], 'preemptions')));
loom_test_server_stop($srv);
