--TEST--
Revolt: an unreferenced repeat ticks while a Loom task sleeps (Loom's scheduler runs the loop); the script then ends at once, an unreferenced 30 s delay not waited for
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$start = hrtime(true);
$ticks = 0;
EventLoop::unreference(EventLoop::repeat(0.01, function () use (&$ticks) { $ticks++; }));
EventLoop::unreference(EventLoop::delay(30, function () { echo "never\n"; }));
// A Loom task sleeps 10 ms at a time until the repeat has ticked three times (only the loop can tick it).
Loom\spawn(function () use (&$ticks) {
    loom_wait_until(function () use (&$ticks) { return $ticks >= 3; }, 'three ticks of the unreferenced repeat');
})->await();
echo $ticks >= 3 ? "repeat ticked while the task slept\n" : "repeat ticked $ticks times\n";
var_dump(EventLoop::getDriver()->isRunning());   // the loop only waits for unreferenced callbacks
register_shutdown_function(function () use ($start) {
    // Runs after Loom's end-of-script drain (registered by the first Loom wait above).
    $s = (hrtime(true) - $start) / 1e9;
    echo $s < 10 ? "ended without waiting for the unreferenced delay\n" : "took $s s\n";
    loom_assert_baseline();
});
echo "end\n";
?>
--EXPECT--
repeat ticked while the task slept
bool(false)
end
ended without waiting for the unreferenced delay
baseline: ok
