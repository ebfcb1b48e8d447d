--TEST--
Scheduler: suspending inside a destructor raises a clear Loom\Exception (PHP 8.2 forbids fiber switches there), never a crash
--SKIPIF--
<?php if (PHP_VERSION_ID >= 80400) die('skip PHP 8.4 allows switching fibers in destructors'); ?>
--FILE--
<?php
class Holder {
    function __destruct() {
        try {
            Loom\sleep(0.01);
        } catch (Loom\Exception $e) {
            echo get_class($e), ": ", $e->getMessage(), "\n";
        }
    }
}
$t = Loom\spawn(function () { $h = new Holder; unset($h); return 'task ok'; });
var_dump($t->await());
$h = new Holder; unset($h);
?>
--EXPECT--
Loom\Exception: Loom\sleep(): cannot suspend here: PHP forbids switching fibers inside a destructor, during garbage collection or while a fiber is being destroyed
string(7) "task ok"
Loom\Exception: Loom\sleep(): cannot suspend here: PHP forbids switching fibers inside a destructor, during garbage collection or while a fiber is being destroyed
