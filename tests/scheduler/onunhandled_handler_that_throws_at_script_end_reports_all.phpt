--TEST--
Scheduler: during the end-of-script drain an onUnhandled handler that throws still gets every unawaited failure; each exception it throws is printed as uncaught and the tasks still running are cancelled
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
Loom\onUnhandled(function (Throwable $e, Loom\Task $t) {
    echo "handler: ", $e->getMessage(), " (task #", $t->id(), ")\n";
    throw new LogicException('handler failed on ' . $e->getMessage());
});
register_shutdown_function(function () { loom_assert_baseline('after the drain'); });  // runs after Loom's
// Kept in variables: only known to be unawaited once the drain is over.
$a = Loom\spawn(function () { throw new RuntimeException('a'); });
$b = Loom\spawn(function () { throw new RuntimeException('b'); });
// Started by the drain: the sleeper would keep it busy; the other fails, unreferenced, during the drain.
$sleeper = Loom\spawn(function () {
    try { Loom\sleep(30); echo "slept (wrong)\n"; } finally { echo "sleeper finally\n"; }
});
Loom\spawn(function () { Loom\sleep(0); throw new RuntimeException('c'); });
echo "end of script\n";
?>
--EXPECTF--
end of script
handler: c (task #4)

Fatal error: Uncaught LogicException: handler failed on c in %s:%d
Stack trace:
%A
sleeper finally
handler: a (task #1)
handler: b (task #2)

Fatal error: Uncaught LogicException: handler failed on a in %s:%d
Stack trace:
%A
Fatal error: Uncaught LogicException: handler failed on b in %s:%d
Stack trace:
%A
after the drain: ok
