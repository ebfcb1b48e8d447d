--TEST--
Revolt: unreferenced callbacks do not keep run() going, but fire while a referenced one does; reference() keeps the loop alive again
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$ticks = 0;
$keep = null;
$r = EventLoop::repeat(0.01, function () use (&$ticks, &$keep) {
    if (++$ticks === 2 && $keep !== null) EventLoop::cancel($keep);  // what kept the loop running
});
EventLoop::unreference($r);
var_dump(EventLoop::isReferenced($r));
EventLoop::run();
echo "run() returned at once, ticks=$ticks\n";
// A referenced repeat keeps run() going until the unreferenced one has fired twice and cancels it.
$keep = EventLoop::repeat(0.005, function () {});
EventLoop::run();
echo $ticks >= 2 ? "unreferenced repeat fired meanwhile\n" : "unreferenced repeat fired $ticks times\n";
EventLoop::reference($r);
EventLoop::delay(0.05, fn() => EventLoop::cancel($r));
EventLoop::run();
echo "run() returned after the cancel\n";
// Loom's own end of script does not wait for an unreferenced callback either.
EventLoop::unreference(EventLoop::delay(30, function () { echo "never\n"; }));
EventLoop::unreference(EventLoop::onReadable(STDIN, function () { echo "never\n"; }));
echo "end\n";
?>
--EXPECTF--
bool(false)
run() returned at once, ticks=0
unreferenced repeat fired meanwhile
run() returned after the cancel
end
