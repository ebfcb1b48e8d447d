--TEST--
Poller: wait() suspends until a watched stream is readable and reports its id with READABLE
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$p = new Poller();
var_dump($p->watchStream(7, $a, Poller::READABLE));
var_dump($p->wait(0));
$writer = Loom\spawn(function () use ($b) { Loom\sleep(0.01); fwrite($b, 'x'); });
var_dump($p->wait(-1));
$writer->await();
$p->unwatch(7);
var_dump($p->count());
loom_assert_baseline();
?>
--EXPECT--
bool(true)
array(0) {
}
array(1) {
  [7]=>
  int(1)
}
int(0)
baseline: ok
