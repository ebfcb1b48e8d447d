--TEST--
Scheduler: when an error handler turns Loom's unawaited-failure warning into an ErrorException, every failure is still reported and each ErrorException goes to set_exception_handler() (as an uncaught exception), not out of the await of a task that succeeded
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
// A framework's setup: warnings become ErrorException, uncaught exceptions go to its handler.
set_error_handler(function (int $no, string $msg, string $file, int $line) {
    throw new ErrorException($msg, 0, $no, $file, $line);
});
set_exception_handler(function (Throwable $e) {
    echo "exception handler: ", get_class($e), ": ", $e->getMessage(), "\n";
});
$gate = new Loom\Channel(1);
$ok = Loom\spawn(function () use ($gate) { return $gate->receive(); });
register_shutdown_function(function () { loom_assert_baseline('after the drain'); });  // runs after Loom's
Loom\spawn(function () { throw new RuntimeException('first'); });
Loom\spawn(function () use ($gate) { $gate->send('late'); throw new RuntimeException('second'); });
try {
    var_dump($ok->await());
    echo "await returned (wrong)\n";
} catch (Throwable $e) {
    echo "await threw (wrong): ", $e->getMessage(), "\n";
}
?>
--EXPECT--
exception handler: ErrorException: Loom: task #2 failed and nobody awaited it: RuntimeException: first
exception handler: ErrorException: Loom: task #3 failed and nobody awaited it: RuntimeException: second
after the drain: ok
