--TEST--
Poller: a task cancelled in wait() gets CancelledException and the poller can be waited on again
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$p = new Poller();
$p->watchStream(1, $a, Poller::READABLE);
$t = Loom\spawn(fn() => $p->wait(-1));
Loom\sleep(0);
$t->cancel();
try { $t->await(); } catch (Loom\CancelledException $e) { echo "cancelled\n"; }
fwrite($b, 'z');
var_dump($p->wait(-1));
unset($p);
loom_assert_baseline();
?>
--EXPECT--
cancelled
array(1) {
  [1]=>
  int(1)
}
baseline: ok
