--TEST--
Scheduler: a task that fails and is never awaited is reported once, naming the message and where it was spawned
--FILE--
<?php
Loom\spawn(function () { throw new RuntimeException('lost failure'); });
while (Loom\stats()['tasks'] > 0) Loom\sleep(0.01);   // until it has failed (and been reported)
echo "after sleep\n";
$kept = Loom\spawn(function () { throw new LogicException('kept but never awaited'); });
echo "end of script\n";
?>
--EXPECTF--
Warning: Loom: task #1 failed and nobody awaited it: RuntimeException: lost failure in %sunawaited_failure_is_reported_once.php on line 2
after sleep
end of script

Warning: Loom: task #2 failed and nobody awaited it: LogicException: kept but never awaited in %sunawaited_failure_is_reported_once.php on line 5
