--TEST--
Revolt: an AMPHP DeferredFuture completed from a Loom task wakes its awaiter in {main}; a failed one rethrows; Loom\stats() counts the waiting
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$deferred = new Amp\DeferredFuture();
$t = Loom\spawn(function () use ($deferred) { Loom\sleep(0.02); $deferred->complete('done'); });
var_dump($deferred->getFuture()->await());
$t->await();
$d2 = new Amp\DeferredFuture();
$waiter = Amp\async(fn() => $d2->getFuture()->await());
$probe = Loom\spawn(function () use ($d2) {
    Loom\sleep(0.01);
    echo "waiting contexts: ", Loom\stats()['waiting'] >= 1 ? 'counted' : 'none', "\n";
    $d2->error(new DomainException('failed in Loom'));
});
try { $waiter->await(); } catch (DomainException $e) { echo $e->getMessage(), "\n"; }
$probe->await();
loom_revolt_baseline();
?>
--EXPECTF--
string(4) "done"
waiting contexts: counted
failed in Loom
baseline: ok
