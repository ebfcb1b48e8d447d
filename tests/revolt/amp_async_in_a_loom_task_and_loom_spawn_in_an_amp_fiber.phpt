--TEST--
Revolt: Amp\async() inside a Loom task and Loom\spawn() inside an AMPHP fiber both work, awaited across the two
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$task = Loom\spawn(function () {
    $f = Amp\async(function (int $x) { Amp\delay(0.01); return $x * 2; }, 21);
    return $f->await();
});
var_dump($task->await());
$future = Amp\async(function () {
    $t = Loom\spawn(function () { Loom\sleep(0.01); return 'spawned from an AMPHP fiber'; });
    return $t->await();
});
var_dump($future->await());
$r = Amp\Future\await([Amp\async(fn() => Loom\spawn(fn() => 1)->await()), Amp\async(fn() => 2)]);
ksort($r);
var_dump($r);
loom_revolt_baseline();
?>
--EXPECTF--
int(42)
string(27) "spawned from an AMPHP fiber"
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
baseline: ok
