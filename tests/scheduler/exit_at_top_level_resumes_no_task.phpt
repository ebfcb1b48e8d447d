--TEST--
Scheduler: exit() in top-level code with tasks pending ends the script without resuming them
--FILE--
<?php
Loom\spawn(function () { echo "task started\n"; Loom\sleep(0.01); echo "task resumed (wrong)\n"; });
Loom\sleep(0);
echo "exiting\n";
exit(0);
?>
--EXPECT--
task started
exiting
