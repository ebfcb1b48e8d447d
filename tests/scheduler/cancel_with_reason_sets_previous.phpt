--TEST--
Scheduler: cancel($reason) delivers CancelledException whose getPrevious() is the reason
--FILE--
<?php
$reason = new RuntimeException('user left');
$t = Loom\spawn(function () { Loom\sleep(5); });
Loom\sleep(0);
$t->cancel($reason);
try { $t->await(); } catch (Loom\CancelledException $e) {
    echo $e->getMessage(), "\n";
    var_dump($e->getPrevious() === $reason);
}
?>
--EXPECT--
Task #1 was cancelled: user left
bool(true)
