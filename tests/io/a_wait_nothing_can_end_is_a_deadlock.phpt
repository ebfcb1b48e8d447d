--TEST--
Poller: wait() with no limit and nothing that can wake it ends in Loom\DeadlockException naming the poller
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
$p = new Poller();
try {
    $p->wait(-1);
} catch (Loom\DeadlockException $e) {
    echo str_contains($e->getMessage(), 'Loom\Internal\Poller::wait') ? "deadlock names the poller\n" : $e->getMessage();
}
loom_assert_baseline();
?>
--EXPECT--
deadlock names the poller
baseline: ok
