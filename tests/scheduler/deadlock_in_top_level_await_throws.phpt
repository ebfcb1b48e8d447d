--TEST--
Scheduler: when everything waits and nothing can wake it, the waiting top-level code gets DeadlockException naming the stuck tasks
--FILE--
<?php
$ch = new Loom\Channel();
$t = Loom\spawn(fn() => $ch->receive());
try {
    $t->await();
} catch (Loom\DeadlockException $e) {
    echo get_class($e), "\n";
    $m = $e->getMessage();
    var_dump(str_contains($m, 'top-level code waits in await of task #1'));
    var_dump((bool)preg_match('/task #1 \(spawned at .*deadlock_in_top_level_await_throws.php:3\) waits in channel receive/', $m));
}
$ch->close();
try { $t->await(); } catch (Loom\ChannelClosedException $e) { echo "task ended: ", $e->getMessage(), "\n"; }
?>
--EXPECT--
Loom\DeadlockException
bool(true)
bool(true)
task ended: Loom\Channel::receive(): the channel was closed while waiting
