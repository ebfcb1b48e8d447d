--TEST--
Scheduler: closing a Channel wakes waiting receivers and senders with ChannelClosedException; later sends fail, buffered values still drain
--FILE--
<?php
$ch = new Loom\Channel();
$r = Loom\spawn(function () use ($ch) { try { $ch->receive(); } catch (Loom\ChannelClosedException $e) { return $e->getMessage(); } });
$full = new Loom\Channel(1); $full->send('kept');
$s = Loom\spawn(function () use ($full) { try { $full->send('dropped'); } catch (Loom\ChannelClosedException $e) { return $e->getMessage(); } });
Loom\sleep(0.01);
$ch->close(); $full->close();
echo $r->await(), "\n", $s->await(), "\n";
try { $ch->send(1); } catch (Loom\ChannelClosedException $e) { echo $e->getMessage(), "\n"; }
echo $full->receive(), "\n";
try { $full->receive(); } catch (Loom\ChannelClosedException $e) { echo $e->getMessage(), "\n"; }
var_dump($full->isClosed());
?>
--EXPECT--
Loom\Channel::receive(): the channel was closed while waiting
Loom\Channel::send(): the channel was closed while waiting
Loom\Channel::send(): the channel is closed
kept
Loom\Channel::receive(): the channel is closed and empty
bool(true)
