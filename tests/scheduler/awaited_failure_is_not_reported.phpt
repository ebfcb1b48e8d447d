--TEST--
Scheduler: a failed task that is awaited later (even after it finished) is not reported as unhandled
--FILE--
<?php
$t = Loom\spawn(function () { throw new RuntimeException('handled later'); });
Loom\sleep(0.02);
try { $t->await(); } catch (RuntimeException $e) { echo "caught: ", $e->getMessage(), "\n"; }
$c = Loom\spawn(function () { Loom\sleep(1); });
$c->cancel();
echo "done\n";
?>
--EXPECT--
caught: handled later
done
