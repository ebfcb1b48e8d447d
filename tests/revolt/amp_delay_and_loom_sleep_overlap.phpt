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
$a = Loom\spawn(function () { Amp\delay(0.2); return 'amp'; });
$b = Loom\spawn(function () { Loom\sleep(0.2); return 'loom'; });
var_dump(Loom\all([$a, $b]));
$elapsed = (hrtime(true) - $start) / 1e9;
echo $elapsed >= 0.19 && $elapsed < 0.38 ? "overlapped\n" : "took $elapsed s\n";
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
baseline: ok
