--TEST--
Scheduler: stats() counts live tasks and timers while they exist and returns to zero afterwards
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
loom_assert_baseline('before');
$ts = [Loom\spawn(fn() => Loom\sleep(0.02)), Loom\spawn(fn() => Loom\sleep(0.02))];
Loom\sleep(0);
$s = Loom\stats();
var_dump($s['tasks'], $s['timers'] >= 2, $s['uv_handles'] >= 1);
Loom\all($ts);
loom_assert_baseline('after');
?>
--EXPECT--
before: ok
int(2)
bool(true)
bool(true)
after: ok
