--TEST--
Scheduler: Loom\onUnhandled() replaces the warning with a handler receiving the exception and the task
--FILE--
<?php
Loom\onUnhandled(function (Throwable $e, Loom\Task $t) {
    echo "handler: ", get_class($e), " '", $e->getMessage(), "' from task #", $t->id(), "\n";
});
Loom\spawn(function () { throw new RuntimeException('to the handler'); });
Loom\sleep(0.01);
Loom\onUnhandled(null);
Loom\spawn(function () { throw new RuntimeException('back to warnings'); });
?>
--EXPECTF--
handler: RuntimeException 'to the handler' from task #1

Warning: Loom: task #2 failed and nobody awaited it: RuntimeException: back to warnings in %s on line 8
