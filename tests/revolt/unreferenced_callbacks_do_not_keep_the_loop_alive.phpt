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
$r = EventLoop::repeat(0.01, function () use (&$ticks) { $ticks++; });
EventLoop::unreference($r);
var_dump(EventLoop::isReferenced($r));
EventLoop::run();
echo "run() returned at once, ticks=$ticks\n";
EventLoop::delay(0.1, function () { echo "referenced delay\n"; });
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
referenced delay
unreferenced repeat fired meanwhile
run() returned after the cancel
end
