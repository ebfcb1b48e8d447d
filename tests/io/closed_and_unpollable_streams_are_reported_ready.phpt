--TEST--
Poller: a plain file cannot be polled (watchStream() false) and is always ready; a stream fclose()d under its watch is reported ready once and stops being polled
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
$file = fopen(__FILE__, 'r');
$p = new Poller();
var_dump($p->watchStream(1, $file, Poller::READABLE));
var_dump($p->wait(-1));
$p->unwatch(1);
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$p->watchStream(2, $a, Poller::READABLE);
fclose($a);
var_dump($p->wait(-1));
$p->unwatch(2);
loom_assert_baseline();
?>
--EXPECT--
bool(false)
array(1) {
  [1]=>
  int(1)
}
array(1) {
  [2]=>
  int(1)
}
baseline: ok
