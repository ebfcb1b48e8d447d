--TEST--
Poller: a task in an unreferenced wait() counts neither for deadlock reports (awaiting it is a deadlock that does not name it) nor for the end-of-script drain, which releases it
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
$p = new Poller();
$p->watchSignal(1, SIGUSR2);
$rounds = 0;
$waiter = Loom\spawn(function () use ($p, &$rounds) {
    while (($ready = $p->wait(-1, false)) !== null) $rounds++;
    echo "released after $rounds rounds\n";
});
Loom\sleep(0.01);
try {
    $waiter->await();
} catch (Loom\DeadlockException $e) {
    echo "deadlock\n";
    echo str_contains($e->getMessage(), 'Poller') ? "names the unreferenced wait\n" : "does not name the unreferenced wait\n";
}
var_dump($waiter->isFinished());
register_shutdown_function(function () use ($waiter, $p) {
    var_dump($waiter->isFinished());   // the end-of-script drain released it (and did not wait for it)
    $p->unwatch(1);
    loom_assert_baseline();
});
echo "end\n";
?>
--EXPECT--
deadlock
does not name the unreferenced wait
bool(false)
end
released after 0 rounds
bool(true)
baseline: ok
