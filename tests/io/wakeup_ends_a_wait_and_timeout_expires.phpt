--TEST--
Poller: wakeup() from another task ends a wait with nothing ready; a wakeup before the wait makes it return at once; a timeout returns empty
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
$p = new Poller();
$t = Loom\spawn(function () use ($p) { Loom\sleep(0.01); $p->wakeup(); });
var_dump($p->wait(-1));
$t->await();
$p->wakeup();
var_dump($p->wait(-1));
$start = hrtime(true);
var_dump($p->wait(0.05));
echo (hrtime(true) - $start) / 1e9 >= 0.045 ? "waited the timeout\n" : "returned early\n";
loom_assert_baseline();
?>
--EXPECT--
array(0) {
}
array(0) {
}
array(0) {
}
waited the timeout
baseline: ok
