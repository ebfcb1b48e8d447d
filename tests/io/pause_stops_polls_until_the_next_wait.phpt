--TEST--
Poller: pause() stops every poll (no uv handle stays active) and the next wait() restarts them
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$p = new Poller();
$p->watchStream(1, $a, Poller::READABLE);
echo "active handles while watching: ", Loom\stats()['uv_handles'] > 0 ? 'some' : 'none', "\n";
$p->pause();
echo "after pause(): ", Loom\stats()['uv_handles'], "\n";
fwrite($b, 'x');
var_dump($p->wait(-1));
$p->unwatch(1);
loom_assert_baseline();
?>
--EXPECT--
active handles while watching: some
after pause(): 0
array(1) {
  [1]=>
  int(1)
}
baseline: ok
