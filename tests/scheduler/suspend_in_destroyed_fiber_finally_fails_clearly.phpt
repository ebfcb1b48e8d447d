--TEST--
Scheduler: a Loom suspending call in the finally block of a fiber being destroyed raises a clear Loom\Exception, never a crash or a hang
--FILE--
<?php
$f = new Fiber(function () {
    try {
        Fiber::suspend();
    } finally {
        try {
            Loom\sleep(0.01);
        } catch (Loom\Exception $e) {
            echo get_class($e), ": ", $e->getMessage(), "\n";
        }
    }
});
$f->start();
unset($f);   // destroys the suspended fiber: its finally block runs now
echo "after destroy\n";
?>
--EXPECT--
Loom\Exception: Loom\sleep(): cannot suspend here: this fiber is being destroyed (its finally blocks run at shutdown or after its last reference was dropped) and PHP forbids suspending it
after destroy
