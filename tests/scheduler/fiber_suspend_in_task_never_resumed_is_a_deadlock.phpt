--TEST--
Scheduler: a task suspended by Fiber::suspend() that nothing resumes is reported as a deadlock, and the script ends instead of spinning
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$t = Loom\spawn(function () { Fiber::suspend(); echo "never\n"; });
try { $t->await(); } catch (Loom\DeadlockException $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
// Loom's own work still runs afterwards.
var_dump(Loom\spawn(fn() => 42)->await());
echo "end\n";
?>
--EXPECTF--
Loom\DeadlockException: Deadlock: every remaining task is waiting and nothing can wake it: top-level code waits in await of task #1; task #1 (spawned at %s:3) is suspended by Fiber::suspend() outside Loom and nothing resumes it
int(42)
end

Warning: Loom: task #1 failed and nobody awaited it: Loom\DeadlockException: Deadlock: every remaining task is waiting and nothing can wake it: task #1 (spawned at %s:3) is suspended by Fiber::suspend() outside Loom and nothing resumes it in %s on line 3
