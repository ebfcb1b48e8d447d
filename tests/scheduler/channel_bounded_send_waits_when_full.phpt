--TEST--
Scheduler: a bounded Channel buffers up to its capacity; send waits while full and resumes when a receiver takes a value
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$ch = new Loom\Channel(2);
$sent = 0;
$t = Loom\spawn(function () use ($ch, &$sent) {
    for ($i = 1; $i <= 4; $i++) { $ch->send($i); $sent = $i; echo "sent $i\n"; }
});
// Wait for the events themselves: the sender has filled the buffer and is parked in send().
loom_wait_until(function () use (&$sent) { return $sent === 2 && Loom\stats()['waiting'] === 1; }, 'the sender blocked on its third send');
echo "receiver takes ", $ch->receive(), "\n";
loom_wait_until(function () use (&$sent) { return $sent === 3 && Loom\stats()['waiting'] === 1; }, 'the sender blocked on its fourth send');
echo "receiver takes ", $ch->receive(), $ch->receive(), $ch->receive(), "\n";
$t->await();
loom_assert_baseline();
?>
--EXPECT--
sent 1
sent 2
receiver takes 1
sent 3
receiver takes 234
sent 4
baseline: ok
