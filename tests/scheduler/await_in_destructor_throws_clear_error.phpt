--TEST--
Scheduler: suspending inside a destructor raises a clear Loom\Exception where PHP forbids fiber switches there (8.1-8.3), and simply suspends on PHP 8.4, which allows them; never a crash
--FILE--
<?php
class Holder {
    function __destruct() {
        try {
            Loom\sleep(0.01);
            echo "slept in the destructor\n";
        } catch (Loom\Exception $e) {
            echo get_class($e), ": ", $e->getMessage(), "\n";
        }
    }
}
ob_start();
$t = Loom\spawn(function () { $h = new Holder; unset($h); return 'task ok'; });
var_dump($t->await());
$h = new Holder; unset($h);
$out = ob_get_clean();
// PHP 8.1-8.3 forbid fiber switches in destructors; 8.4 allows them.
$want = PHP_VERSION_ID < 80400 ? <<<'OUT'
    Loom\Exception: Loom\sleep(): cannot suspend here: PHP forbids switching fibers inside a destructor, during garbage collection or while a fiber is being destroyed
    string(7) "task ok"
    Loom\Exception: Loom\sleep(): cannot suspend here: PHP forbids switching fibers inside a destructor, during garbage collection or while a fiber is being destroyed

    OUT : <<<'OUT'
    slept in the destructor
    string(7) "task ok"
    slept in the destructor

    OUT;
echo $out === $want ? 'as expected on PHP ' . (PHP_VERSION_ID < 80400 ? '< 8.4' : '>= 8.4') . "\n" : "unexpected:\n$out";
?>
--EXPECTF--
as expected on PHP %s 8.4
