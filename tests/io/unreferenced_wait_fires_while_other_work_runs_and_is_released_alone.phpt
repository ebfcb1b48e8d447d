--TEST--
Poller: an unreferenced wait() reports readiness while another task keeps Loom running, and returns null (released) when nothing else is left
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$p = new Poller();
$p->watchStream(7, $a, Poller::READABLE);
// Alone, an unreferenced wait keeps nothing waiting: it is released at once, not reported as a deadlock.
var_dump($p->wait(-1, false));
// A task keeps Loom running (it sleeps, then writes): the unreferenced wait sees the stream.
$writer = Loom\spawn(function () use ($b) {
    Loom\sleep(0.02);
    fwrite($b, 'x');
    try {
        Loom\sleep(30);   // keeps Loom running until cancelled
    } catch (Loom\CancelledException) {
    }
});
var_dump($p->wait(-1, false));
fread($a, 1);
// Its deadline is unreferenced too: the writer's sleep keeps Loom going, so the deadline fires.
var_dump($p->wait(0.001, false));
$writer->cancel();
$writer->await();
var_dump($p->wait(30, false));   // nothing else left: released at once, not after 30 s
$p->unwatch(7);
loom_assert_baseline();
?>
--EXPECT--
NULL
array(1) {
  [7]=>
  int(1)
}
array(0) {
}
NULL
baseline: ok
