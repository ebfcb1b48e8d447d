--TEST--
Scheduler: with loom.shutdown=cancel, tasks left at script end are cancelled and their finally blocks run
--INI--
loom.shutdown=cancel
--FILE--
<?php
Loom\spawn(function () {
    try {
        Loom\sleep(10);
        echo "not reached\n";
    } catch (Loom\CancelledException $e) {
        echo "cancelled: ", $e->getMessage(), "\n";
        throw $e;
    } finally {
        echo "finally ran\n";
    }
});
Loom\sleep(0);
echo "script end\n";
?>
--EXPECT--
script end
cancelled: Task #1 was cancelled
finally ran
