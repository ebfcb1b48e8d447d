--TEST--
Scheduler: a bounded Channel buffers up to its capacity; send waits while full and resumes when a receiver takes a value
--FILE--
<?php
$ch = new Loom\Channel(2);
$t = Loom\spawn(function () use ($ch) {
    for ($i = 1; $i <= 4; $i++) { $ch->send($i); echo "sent $i\n"; }
});
Loom\sleep(0.01);
echo "receiver takes ", $ch->receive(), "\n";
Loom\sleep(0.01);
echo "receiver takes ", $ch->receive(), $ch->receive(), $ch->receive(), "\n";
$t->await();
?>
--EXPECT--
sent 1
sent 2
receiver takes 1
sent 3
receiver takes 234
sent 4
