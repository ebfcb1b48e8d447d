--TEST--
Scheduler: exit() inside a task ends the script with its exit code; output is flushed and no other task resumes
--FILE--
<?php
register_shutdown_function(function () { echo "shutdown function ran\n"; });
// Due long after the exit (but well within the 30 s drain bound, so a drain at exit would show it).
Loom\spawn(function () { Loom\sleep(2); echo "other task resumed (wrong)\n"; });
Loom\spawn(function () { echo "before exit\n"; Loom\sleep(0.01); exit(3); });
Loom\sleep(30);
echo "not reached\n";
?>
--EXPECT--
before exit
shutdown function ran
