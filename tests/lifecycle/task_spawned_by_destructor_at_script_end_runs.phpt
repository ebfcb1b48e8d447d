--TEST--
Lifecycle: a task spawned by a destructor that runs at script end (after the shutdown functions) still runs, at request end, and can wait in Loom there
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
class FlushOnDestruct
{
    public function __destruct()
    {
        echo "destructor at script end\n";
        Loom\spawn(function () {
            Loom\sleep(0.01);
            $inner = Loom\spawn(fn() => 'inner value');
            echo "task from the destructor ran, awaited ", $inner->await(), "\n";
            throw new RuntimeException('unawaited failure at request end');
        });
    }
}
$flusher = new FlushOnDestruct();  // destroyed after the shutdown functions
Loom\spawn(function () { echo "task from the script\n"; });
register_shutdown_function(function () { loom_assert_baseline('after the drain'); });
echo "end of script\n";
?>
--EXPECTF--
end of script
task from the script
after the drain: ok
destructor at script end
task from the destructor ran, awaited inner value

Warning: Loom: task #2 failed and nobody awaited it: RuntimeException: unawaited failure at request end in %s on line 8
