--TEST--
Poller: wait() in a task lets other tasks run; a writable stream and a readable one report separately
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$p = new Poller();
$p->watchStream(1, $a, Poller::READABLE);
$waiter = Loom\spawn(fn() => $p->wait(-1));
$other = Loom\spawn(function () { echo "other task runs while the poller waits\n"; });
$other->await();
$p->watchStream(2, $b, Poller::WRITABLE);
var_dump($waiter->await());
fwrite($b, 'y');
$r = $p->wait(-1);
ksort($r);
var_dump($r);
unset($p);
loom_assert_baseline();
?>
--EXPECT--
other task runs while the poller waits
array(1) {
  [2]=>
  int(2)
}
array(2) {
  [1]=>
  int(1)
  [2]=>
  int(2)
}
baseline: ok
