--TEST--
Scheduler: a task cancelled while it runs (not suspended) sees the cancellation at its next suspension point
--FILE--
<?php
$t = Loom\spawn(function () use (&$t) {
    $t->cancel();           // cancels itself while running
    echo "still running\n";
    try {
        Loom\sleep(0);      // next suspension point
    } catch (Loom\CancelledException $e) {
        echo "seen at next suspension\n";
        return 'recovered';
    }
});
var_dump($t->await());
?>
--EXPECT--
still running
seen at next suspension
string(9) "recovered"
