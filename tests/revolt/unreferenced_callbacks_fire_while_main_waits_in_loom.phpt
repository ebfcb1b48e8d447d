--TEST--
Revolt: run() with only unreferenced callbacks returns at once; they fire later while {main} waits in Loom, but a wait only they could end is still a deadlock
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$fired = [];
EventLoop::unreference(EventLoop::defer(function () use (&$fired) { $fired[] = 'defer'; }));
EventLoop::unreference(EventLoop::delay(0.01, function () use (&$fired) { $fired[] = 'delay'; }));
$t0 = hrtime(true);
EventLoop::run();
echo "run() returned, fired: ", json_encode($fired), "\n";
echo (hrtime(true) - $t0) / 1e9 < 5 ? "at once\n" : "late\n";
// {main} waits in Loom (sleeps, 10 ms at a time): the loop runs meanwhile.
loom_wait_until(function () use (&$fired) { return count($fired) === 2; }, 'the unreferenced defer and delay');
echo "fired: ", json_encode($fired), "\n";
// Nothing referenced can send on this channel: Loom reports the deadlock at once, as Revolt ends its
// loop; the unreferenced repeat that would have sent does not count (and the report does not name it).
$ch = new Loom\Channel(1);
$sent = false;
EventLoop::unreference(EventLoop::repeat(0.005, function ($id) use ($ch, &$sent) { EventLoop::cancel($id); $ch->send(1); $sent = true; }));
try {
    $ch->receive();
} catch (Loom\DeadlockException $e) {
    echo str_contains($e->getMessage(), 'Poller') ? $e->getMessage() . "\n" : "deadlock, naming only: top-level code\n";
}
// Now {main} sleeps in Loom: the repeat fires (its send fills the channel).
loom_wait_until(function () use (&$sent) { return $sent; }, 'the unreferenced repeat');
echo "channel: ", $ch->receive(), "\n";
var_dump(EventLoop::getIdentifiers());
loom_revolt_baseline();
?>
--EXPECT--
run() returned, fired: []
at once
fired: ["defer","delay"]
deadlock, naming only: top-level code
channel: 1
array(0) {
}
baseline: ok
