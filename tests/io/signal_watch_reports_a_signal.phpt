--TEST--
Poller: watchSignal() reports SIGNAL for its id when the process gets the signal; a bad number is a ValueError
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
use Loom\Internal\Poller;
$p = new Poller();
$p->watchSignal(3, SIGUSR2);
posix_kill(getmypid(), SIGUSR2);
var_dump($p->wait(-1));
try { $p->watchSignal(4, 0); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
$p->unwatch(3);
loom_assert_baseline();
?>
--EXPECT--
array(1) {
  [3]=>
  int(4)
}
Loom\Internal\Poller::watchSignal(): Argument #2 ($signal) must be a valid signal number
baseline: ok
