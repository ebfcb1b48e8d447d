--TEST--
Scheduler: exit() while a CPU-bound task sits preempted in the run queue ends the script at once (the task is not resumed, its finally block runs when the engine destroys its fiber), shutdown functions run, no crash or leak
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
register_shutdown_function(function () { echo "shutdown function ran\n"; });
$spinner = Loom\spawn(function () {
    try {
        while (true);                 // never suspends: only preemption lets others run
    } finally {
        echo "spinner's finally ran\n";
    }
});
Loom\spawn(function () {
    while (Loom\stats()['preemptions'] === 0) Loom\sleep(0.001);
    echo "spinner was preempted; exiting\n";
    exit(0);
})->await();
echo "not reached\n";
?>
--EXPECT--
spinner was preempted; exiting
shutdown function ran
spinner's finally ran
