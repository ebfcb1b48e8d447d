--TEST--
Scheduler: cancelling a task parked in a foreign Fiber::suspend() takes effect at its next Loom suspension, or at script end if nothing resumes it
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$fibers = [];
$resumed = Loom\spawn(function () use (&$fibers) {
    $fibers['a'] = Fiber::getCurrent();
    Fiber::suspend();
    try { Loom\sleep(0); echo "not reached\n"; } finally { echo "a: finally\n"; }
});
$abandoned = Loom\spawn(function () use (&$fibers) {
    $fibers['b'] = Fiber::getCurrent();
    try { Fiber::suspend(); } finally { echo "b: finally (engine unwinds it)\n"; }
});
Loom\sleep(0);
$resumed->cancel();
$abandoned->cancel();
$fibers['a']->resume();
unset($fibers['a']);
try { $resumed->await(); } catch (Loom\CancelledException $e) { echo "a: ", get_class($e), "\n"; }
unset($fibers);
echo "end of script\n";
?>
--EXPECT--
a: finally
a: Loom\CancelledException
end of script
b: finally (engine unwinds it)
