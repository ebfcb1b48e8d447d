--TEST--
Scheduler: all() throws the first failure as soon as it happens and cancels the other tasks
--FILE--
<?php
$slow = Loom\spawn(function () { try { Loom\sleep(30); } finally { echo "slow task cancelled\n"; } });
$fail = Loom\spawn(function () { Loom\sleep(0.01); throw new RuntimeException('first failure'); });
$t0 = microtime(true);
try { Loom\all([$slow, $fail]); } catch (RuntimeException $e) { echo "thrown: ", $e->getMessage(), "\n"; }
var_dump(microtime(true) - $t0 < 10);   // far from the 30 s all() would take waiting for the slow task
Loom\sleep(0);
try { $slow->await(); } catch (Loom\CancelledException $e) { echo "slow: cancelled\n"; }
?>
--EXPECT--
thrown: first failure
bool(true)
slow task cancelled
slow: cancelled
