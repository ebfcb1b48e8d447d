--TEST--
Scheduler: timeout() throws TimeoutException when the work overruns, and the work is cancelled (finally runs)
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
try {
    Loom\timeout(0.05, function () {
        try { Loom\sleep(30); echo "not reached\n"; }
        finally { echo "work cancelled, finally ran\n"; }
    });
} catch (Loom\TimeoutException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
Loom\sleep(0.01);
loom_assert_baseline();
?>
--EXPECT--
Loom\TimeoutException: Loom\timeout(): timed out after 0.05 seconds
work cancelled, finally ran
baseline: ok
