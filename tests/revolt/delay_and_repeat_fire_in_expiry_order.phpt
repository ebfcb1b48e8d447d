--TEST--
Revolt: delay() and repeat() fire in order of expiry; repeat fires every interval until cancelled
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$start = hrtime(true);
EventLoop::delay(0.06, function () { echo "delay 0.06\n"; });
EventLoop::delay(0.02, function () { echo "delay 0.02\n"; });
$n = 0;
EventLoop::repeat(0.025, function ($id) use (&$n) {
    echo "repeat ", ++$n, "\n";
    if ($n === 3) EventLoop::cancel($id);
});
EventLoop::run();
$elapsed = (hrtime(true) - $start) / 1e9;
echo $elapsed >= 0.075 ? "took at least 3 intervals\n" : "too fast: $elapsed\n";
loom_revolt_baseline();
?>
--EXPECTF--
delay 0.02
repeat 1
repeat 2
delay 0.06
repeat 3
took at least 3 intervals
baseline: ok
