--TEST--
Scheduler: one task parks in Fiber::suspend() and another task resumes its fiber; both complete once and stats stay exact
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$ch = new Loom\Channel(1);
$a = Loom\spawn(function () use ($ch) {
    $ch->send(Fiber::getCurrent());
    $got = Fiber::suspend();
    return "a got $got";
});
$b = Loom\spawn(function () use ($ch) {
    $fiber = $ch->receive();
    while (!$fiber->isSuspended()) Loom\sleep(0);
    $fiber->resume('b');     // runs the rest of task a on this stack
    return 'b done';
});
var_dump(Loom\all([$a, $b]));
var_dump(Loom\stats()['tasks']);
for ($i = 0; $i < 3; $i++) Loom\spawn(fn() => $i)->await();
echo "pool healthy\n";
loom_assert_baseline();
?>
--EXPECT--
array(2) {
  [0]=>
  string(7) "a got b"
  [1]=>
  string(6) "b done"
}
int(0)
pool healthy
baseline: ok
