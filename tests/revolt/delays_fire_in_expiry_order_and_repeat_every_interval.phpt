--TEST--
Revolt: delay() callbacks fire in order of expiry; repeat() fires every interval (never sooner) until cancelled
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
// Registered out of order: they fire in order of expiry (also when several are due at once).
EventLoop::delay(0.06, function () { echo "delay 0.06\n"; });
EventLoop::delay(0.02, function () { echo "delay 0.02\n"; });
EventLoop::delay(0.04, function () { echo "delay 0.04\n"; });
$times = [];
EventLoop::repeat(0.025, function ($id) use (&$times) {
    $times[] = hrtime(true) / 1e9;
    if (count($times) === 3) EventLoop::cancel($id);
});
$start = hrtime(true) / 1e9;
EventLoop::run();
echo "repeat fired ", count($times), " times\n";
$gaps = [$times[0] - $start, $times[1] - $times[0], $times[2] - $times[1]];
echo min($gaps) >= 0.024 ? "each at least one interval after the last\n" : "too early: " . json_encode($gaps) . "\n";
loom_revolt_baseline();
?>
--EXPECTF--
delay 0.02
delay 0.04
delay 0.06
repeat fired 3 times
each at least one interval after the last
baseline: ok
