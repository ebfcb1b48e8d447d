--TEST--
Scheduler: spawning past the kernel's memory-map budget for fiber stacks (vm.max_map_count) throws a catchable Loom\Exception naming the limit instead of the engine's "Fiber stack protect failed" or a fatal mmap() failure; every accepted task runs and is cancelled cleanly
--SKIPIF--
<?php
if (getenv('LOOM_TEST_SCALE') === 'valgrind') die('skip 30,000 fibers are too slow under valgrind');
$max = (int) @file_get_contents('/proc/sys/vm/max_map_count');
if ($max <= 0 || $max > 70000) die("skip needs Linux's default vm.max_map_count (65530), have $max");
?>
--INI--
memory_limit=-1
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
echo $n > 20000 ? "refused after more than 20000 tasks: ok\n" : "refused too early: $n\n";
// Every accepted task gets its fiber stack (a round of the run queue may preempt some: go on until all ran).
for ($i = 0; $started < $n && $i < 1000; $i++) Loom\sleep(0);
echo $started === $n ? "all started\n" : "started $started of $n\n";
foreach ($tasks as $t) $t->cancel();
for ($i = 0; $finally < $n && $i < 1000; $i++) Loom\sleep(0);
echo $finally === $n ? "all finally blocks ran\n" : "finally ran $finally of $n\n";
unset($tasks, $t);
echo Loom\spawn(fn() => 'room again')->await(), "\n";
loom_assert_baseline();
?>
--EXPECT--
Loom\Exception
Loom\spawn(): cannot start another task: N tasks are live and each needs a fiber of its own, whose stack takes N memory maps; this process may hold about N fibers (vm.max_map_count = N). Bound concurrency with Loom\map($items, $fn, $concurrency) or a Loom\Channel worker pool, or raise vm.max_map_count
refused after more than 20000 tasks: ok
all started
all finally blocks ran
room again
baseline: ok
