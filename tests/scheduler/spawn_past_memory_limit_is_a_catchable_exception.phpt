--TEST--
Scheduler: spawning past what memory_limit can hold (every task needs a fiber) throws a catchable Loom\Exception naming memory_limit and the remedy; the tasks already spawned all run and their finally blocks run
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0' && getenv('USE_TRACKED_ALLOC') !== '1') die('skip memory_limit is not enforced without Zend MM');
?>
--INI--
memory_limit=32M
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$started = 0;
$finally = 0;
$tasks = [];
$body = function () use (&$started, &$finally) {
    $started++;
    try {
        Loom\sleep(3600);
    } finally {
        $finally++;
    }
};
try {
    for ($i = 0; $i < 100000; $i++) $tasks[] = Loom\spawn($body);
    echo "never refused\n";
} catch (Loom\Exception $e) {
    echo get_class($e), "\n";
    echo preg_replace('/\d+/', 'N', $e->getMessage()), "\n";
}
$n = count($tasks);
echo $n > 300 ? "refused after more than 300 tasks: ok\n" : "refused too early: $n\n";
// timeout() and map() check the same budget.
foreach ([fn() => Loom\timeout(1, fn() => 1), fn() => Loom\map([1, 2], fn($x) => $x, 2)] as $f) {
    try {
        $f();
        echo "not refused\n";
    } catch (Loom\Exception $e) {
        echo strstr($e->getMessage(), ':', true), "\n";
    }
}
// Every accepted task gets its fiber: no fatal "Allowed memory size" (a round of the run queue may preempt some: go on until all ran).
for ($i = 0; $started < $n && $i < 1000; $i++) Loom\sleep(0);
echo $started === $n ? "all started\n" : "started $started of $n\n";
foreach ($tasks as $t) $t->cancel();
for ($i = 0; $finally < $n && $i < 1000; $i++) Loom\sleep(0);
echo $finally === $n ? "all finally blocks ran\n" : "finally ran $finally of $n\n";
unset($tasks, $t);
var_dump(Loom\timeout(1, fn() => 'room again'));
loom_assert_baseline();
?>
--EXPECT--
Loom\Exception
Loom\spawn(): cannot start another task within memory_limit (N MiB): N tasks are live (N not started yet) and each needs about N KiB for its fiber, on top of the N MiB in use. Bound concurrency with Loom\map($items, $fn, $concurrency) or a Loom\Channel worker pool, or raise memory_limit
refused after more than 300 tasks: ok
Loom\timeout()
Loom\map()
all started
all finally blocks ran
string(10) "room again"
baseline: ok
