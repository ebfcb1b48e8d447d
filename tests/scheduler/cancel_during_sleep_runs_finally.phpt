--TEST--
Scheduler: cancelling a task parked in sleep delivers CancelledException there, runs finally, and await throws it
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$t = Loom\spawn(function () {
    try {
        Loom\sleep(5);
        echo "not reached\n";
    } finally {
        echo "finally ran\n";
    }
});
Loom\sleep(0.01);
$t0 = microtime(true);
$t->cancel();
try {
    $t->await();
} catch (Loom\CancelledException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump(microtime(true) - $t0 < 1.0);
loom_assert_baseline();
?>
--EXPECT--
finally ran
Loom\CancelledException: Task #1 was cancelled
bool(true)
baseline: ok
