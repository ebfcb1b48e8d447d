--TEST--
Scheduler: a worker fiber that user code kept (Fiber::getCurrent()) is not returned to the pool, so resuming it later cannot hijack the next task
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$kept = [];
for ($i = 0; $i < 3; $i++) {
    Loom\spawn(function () use (&$kept) { $kept[] = Fiber::getCurrent(); })->await();
}
var_dump(count(array_unique(array_map('spl_object_id', $kept))));
foreach ($kept as $f) {
    var_dump($f->isTerminated());
    try { $f->resume(); } catch (FiberError $e) { echo $e->getMessage(), "\n"; }
}
$kept = [];
$r = Loom\map(range(1, 20), fn($x) => $x * 2, concurrency: 4);
var_dump(array_sum($r));
loom_assert_baseline();
?>
--EXPECT--
int(3)
bool(true)
Cannot resume a fiber that is not suspended
bool(true)
Cannot resume a fiber that is not suspended
bool(true)
Cannot resume a fiber that is not suspended
int(420)
baseline: ok
