--TEST--
Scheduler: an onUnhandled handler that throws still gets every pending failure; what it throws becomes the script's uncaught exception (Fatal error, the script ends), never an exception out of an unrelated await
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
// What users get: each failure reaches the handler; each exception the handler throws is reported like an
// exception nobody caught at the top level ("Fatal error: Uncaught ..."), and the script ends there, as
// after any uncaught exception: the await that happened to run the loop neither returns nor throws, and
// the tasks left are cancelled at script end (their finally blocks run).
Loom\onUnhandled(function (Throwable $e, Loom\Task $t) {
    echo "handler: ", $e->getMessage(), "\n";
    throw new LogicException('handler failed on ' . $e->getMessage());
});
register_shutdown_function(function () { loom_assert_baseline('after the drain'); });
$gate = new Loom\Channel();
$bystander = Loom\spawn(function () use ($gate) {
    try {
        return $gate->receive();
    } finally {
        echo "bystander finally\n";
    }
});
Loom\spawn(function () { throw new RuntimeException('first'); });
Loom\spawn(function () { throw new RuntimeException('second'); });
try {
    $bystander->await();
    echo "await returned (wrong)\n";
} catch (Throwable $e) {
    echo "await threw (wrong): ", get_class($e), ": ", $e->getMessage(), "\n";
}
echo "after await (wrong)\n";
?>
--EXPECTF--
handler: first
handler: second

Fatal error: Uncaught LogicException: handler failed on first in %s:%d
Stack trace:
%A
Fatal error: Uncaught LogicException: handler failed on second in %s:%d
Stack trace:
%A
bystander finally
after the drain: ok
