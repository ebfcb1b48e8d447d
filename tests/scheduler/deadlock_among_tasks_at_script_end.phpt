--TEST--
Scheduler: tasks deadlocked at script end each get DeadlockException instead of hanging the request
--FILE--
<?php
$a = new Loom\Channel(); $b = new Loom\Channel();
Loom\spawn(function () use ($a, $b) {
    try { $a->receive(); } catch (Loom\DeadlockException $e) { echo "task 1: deadlock reported\n"; }
});
Loom\spawn(function () use ($a, $b) {
    try { $b->receive(); } catch (Loom\DeadlockException $e) { echo "task 2: deadlock reported\n"; }
});
echo "script end\n";
?>
--EXPECTF--
script end
task %d: deadlock reported
task %d: deadlock reported
