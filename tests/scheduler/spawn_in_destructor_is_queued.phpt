--TEST--
Scheduler: spawn() from a destructor is allowed: the task is queued and runs later
--FILE--
<?php
class Spawner { function __destruct() { Loom\spawn(function () { echo "task from destructor ran\n"; }); echo "destructor done\n"; } }
$s = new Spawner; unset($s);
Loom\sleep(0.01);
echo "end\n";
?>
--EXPECT--
destructor done
task from destructor ran
end
