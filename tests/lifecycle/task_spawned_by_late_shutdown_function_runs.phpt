--TEST--
Lifecycle: a task spawned by a shutdown function registered after Loom's end-of-script drain still runs (a drain follows that shutdown function)
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
Loom\spawn(function () { echo "task from the script\n"; });  // Loom's drain is registered here
register_shutdown_function(function () {
    echo "late shutdown function\n";
    Loom\spawn(function () {
        Loom\sleep(0.01);
        echo "task from the late shutdown function ran\n";
    });
    register_shutdown_function(function () { loom_assert_baseline('after its drain'); });
});
echo "end of script\n";
?>
--EXPECT--
end of script
task from the script
late shutdown function
task from the late shutdown function ran
after its drain: ok
