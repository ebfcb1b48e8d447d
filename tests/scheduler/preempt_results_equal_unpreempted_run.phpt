--TEST--
Scheduler: computations preempted every millisecond (recursion, arrays, strings, closures, generators, array_map, references) give exactly the results of the same code run unpreempted
--INI--
loom.preempt_ms=1
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
function fib(int $n): int { return $n < 2 ? $n : fib($n - 1) + fib($n - 2); }
function gen(int $n) { for ($i = 0; $i < $n; $i++) yield $i => $i * $i; }
function work(int $seed, int $scale): string {
    $h = hash_init('sha256');
    hash_update($h, (string)fib(18 + $seed % 3));
    $a = [];
    for ($i = 0; $i < 20000 * $scale; $i++) $a[] = ($i * 7919 + $seed) % 1000;
    sort($a);
    hash_update($h, implode(',', array_slice($a, 0, 50)));
    $s = '';
    for ($i = 0; $i < 5000 * $scale; $i++) $s .= chr(65 + ($i + $seed) % 26);
    hash_update($h, strrev($s));
    $f = fn($x) => $x * 3 + $seed;
    hash_update($h, (string)array_sum(array_map($f, range(1, 5000 * $scale))));
    $sum = 0;
    foreach (gen(20000 * $scale) as $k => $v) $sum += $v - $k;
    hash_update($h, (string)$sum);
    $r = [1, 2, 3];
    foreach ($r as &$ref) { for ($i = 0; $i < 10000 * $scale; $i++) $ref = ($ref * 31 + $i) % 65521; }
    unset($ref);
    hash_update($h, implode(',', $r));
    return hash_final($h);
}
$scale = loom_scale(10, 1);
$expected = [];
foreach ([1, 2, 3, 4] as $seed) $expected[$seed] = work($seed, $scale);    // top level: never preempted
$tasks = [];
foreach ([1, 2, 3, 4] as $seed) $tasks[$seed] = Loom\spawn('work', $seed, $scale);
$got = Loom\all($tasks);
echo 'results identical: ', $got === $expected ? 'yes' : 'NO', "\n";
echo 'preempted: ', Loom\stats()['preemptions'] > 0 ? 'yes' : 'no', "\n";
loom_assert_baseline();
?>
--EXPECT--
results identical: yes
preempted: yes
baseline: ok
