--TEST--
Scheduler: an uncaught exception in top-level code cancels pending tasks (finally runs) instead of draining them
--FILE--
<?php
Loom\spawn(function () {
    try { Loom\sleep(10); echo "drained (wrong)\n"; } finally { echo "finally ran\n"; }
});
Loom\sleep(0);
throw new RuntimeException('top-level failure');
?>
--EXPECTF--
Fatal error: Uncaught RuntimeException: top-level failure in %s:%d
Stack trace:
#0 {main}
  thrown in %s on line %d
finally ran
