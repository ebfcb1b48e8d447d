--TEST--
Scheduler: huge finite durations (sleep(PHP_INT_MAX), sleep(1e308), timeout(PHP_INT_MAX)) saturate and wait instead of overflowing and firing at once
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$woke = [];
$tasks = [];
foreach (['PHP_INT_MAX' => PHP_INT_MAX, '1e308' => 1e308, 'PHP_FLOAT_MAX' => PHP_FLOAT_MAX] as $name => $d) {
    $tasks[$name] = Loom\spawn(function () use ($name, $d, &$woke) {
        Loom\sleep($d);
        $woke[] = $name;
    });
}
// Had any conversion overflowed, its timer would fire at 0 ms: give the loop time to run it.
Loom\sleep(0.05);
var_dump($woke);
// timeout() with a huge bound waits for the work and returns its value.
var_dump(Loom\timeout(PHP_INT_MAX, function () { Loom\sleep(0.01); return "done"; }));
foreach ($tasks as $name => $t) {
    $t->cancel();
    try {
        $t->await();
    } catch (Loom\CancelledException $e) {
        echo "$name: cancelled\n";
    }
}
loom_assert_baseline();
?>
--EXPECT--
array(0) {
}
string(4) "done"
PHP_INT_MAX: cancelled
1e308: cancelled
PHP_FLOAT_MAX: cancelled
baseline: ok
