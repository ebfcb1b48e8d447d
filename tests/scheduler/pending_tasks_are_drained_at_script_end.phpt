--TEST--
Scheduler: tasks still running when the script ends are run to completion (loom.shutdown=drain, the default)
--FILE--
<?php
register_shutdown_function(function () { echo "user shutdown function\n"; });
for ($i = 1; $i <= 3; $i++) {
    Loom\spawn(function ($i) {
        Loom\sleep(0.01 * $i);
        echo "task $i finished\n";
    }, $i);
}
class D { function __destruct() { echo "destructor after drain\n"; } }
$d = new D;
echo "script end\n";
?>
--EXPECT--
script end
user shutdown function
task 1 finished
task 2 finished
task 3 finished
destructor after drain
