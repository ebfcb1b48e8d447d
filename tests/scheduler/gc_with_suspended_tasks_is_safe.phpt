--TEST--
Scheduler: gc_collect_cycles() while tasks in closure/task cycles are suspended frees nothing in use; they finish correctly
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$n = 200;
for ($i = 0; $i < $n; $i++) {
    $o = new stdClass;
    $o->self = $o;
    $o->task = Loom\spawn(function () use ($o, $i) { Loom\sleep(0.02); return $i + count((array)$o); });
    unset($o);
}
Loom\sleep(0.005);
gc_collect_cycles();
while (Loom\stats()['tasks'] > 0) { Loom\sleep(0.01); }   // no fixed sleep: valgrind is slow
gc_collect_cycles();
loom_assert_baseline();
echo "no crash\n";
?>
--EXPECT--
baseline: ok
no crash
