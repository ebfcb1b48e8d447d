--TEST--
Scheduler: exit() inside a task ends the script with its exit code; output is flushed and no other task resumes
--FILE--
<?php
register_shutdown_function(function () { echo "shutdown function ran\n"; });
Loom\spawn(function () { Loom\sleep(0.05); echo "other task resumed (wrong)\n"; });
Loom\spawn(function () { echo "before exit\n"; Loom\sleep(0.01); exit(3); });
Loom\sleep(1);
echo "not reached\n";
?>
--EXPECT--
before exit
shutdown function ran
