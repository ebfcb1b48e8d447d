--TEST--
Revolt: Amp\delay(0.2) and Loom\sleep(0.2) in two tasks overlap (about 0.2 s in all, not 0.4)
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$start = hrtime(true);
$log = [];
$a = Loom\spawn(function () use (&$log) { $log[] = 'amp starts'; Amp\delay(0.2); $log[] = 'amp ends'; return 'amp'; });
$b = Loom\spawn(function () use (&$log) { $log[] = 'loom starts'; Loom\sleep(0.2); $log[] = 'loom ends'; return 'loom'; });
var_dump(Loom\all([$a, $b]));
$elapsed = (hrtime(true) - $start) / 1e9;
// Overlap shown by events: both waits began before either ended (one loop blocking the other would
// serialise them). The duration bound is loose, and off under valgrind.
$firstEnd = min(array_search('amp ends', $log), array_search('loom ends', $log));
echo max(array_search('amp starts', $log), array_search('loom starts', $log)) < $firstEnd ? "overlapped\n" : implode(', ', $log) . "\n";
echo $elapsed >= 0.19 && (getenv('LOOM_TEST_SCALE') === 'valgrind' || $elapsed < 0.38) ? "about 0.2 s\n" : "took $elapsed s\n";
loom_revolt_baseline();
?>
--EXPECTF--
array(2) {
  [0]=>
  string(3) "amp"
  [1]=>
  string(4) "loom"
}
overlapped
about 0.2 s
baseline: ok
