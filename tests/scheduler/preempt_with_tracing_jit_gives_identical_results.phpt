--TEST--
Scheduler: under OPcache's tracing JIT preemption stays on and preempted computations give the same results as unpreempted ones
--EXTENSIONS--
opcache
--SKIPIF--
<?php
if (getenv('LOOM_TEST_SCALE') === 'valgrind') die('skip the JIT under valgrind');
?>
--INI--
opcache.enable=1
opcache.enable_cli=1
opcache.jit_buffer_size=16M
opcache.jit=tracing
loom.preempt_ms=1
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
function checksum(int $seed): int {
    $h = $seed;
    for ($i = 0; $i < 3000000; $i++) $h = ($h * 31 + $i) & 0xFFFFFFF;
    return $h;
}
$expected = array_map('checksum', [1, 2, 3, 4]);
$got = Loom\all(array_map(fn($s) => Loom\spawn('checksum', $s), [1, 2, 3, 4]));
echo 'identical: ', $got === $expected ? 'yes' : 'NO ' . json_encode([$got, $expected]), "\n";
echo 'preempted: ', Loom\stats()['preemptions'] > 0 ? 'yes' : 'no', "\n";
loom_assert_baseline();
?>
--EXPECT--
identical: yes
preempted: yes
baseline: ok
