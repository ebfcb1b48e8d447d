--TEST--
Scheduler: an unbuffered Channel hands each value from sender to receiver; send waits for a receiver
--FILE--
<?php
$ch = new Loom\Channel();
$log = [];
$p = Loom\spawn(function () use ($ch, &$log) {
    foreach (['x', 'y'] as $v) { $log[] = "send $v"; $ch->send($v); $log[] = "sent $v"; }
});
Loom\sleep(0.01);
$log[] = 'receiver starts';
$log[] = 'got ' . $ch->receive();
$log[] = 'got ' . $ch->receive();
$p->await();
echo implode("\n", $log), "\n";
?>
--EXPECT--
send x
receiver starts
got x
sent x
send y
sent y
got y
