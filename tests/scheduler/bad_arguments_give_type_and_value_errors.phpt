--TEST--
Scheduler: bad arguments raise TypeError/ValueError naming the function and parameter (sleep -1/NaN/INF, non-callable, concurrency 0, capacity < 0, non-task elements, empty race/any)
--FILE--
<?php
$cases = [
    fn() => Loom\sleep(-1),
    fn() => Loom\sleep(NAN),
    fn() => Loom\sleep(INF),
    fn() => Loom\sleep('soon'),
    fn() => Loom\spawn('no_such_function'),
    fn() => Loom\spawn(42),
    fn() => Loom\timeout(-0.5, fn() => 1),
    fn() => Loom\timeout(1, 'nope'),
    fn() => Loom\map([1, 2], fn($x) => $x, 0),
    fn() => Loom\map([1, 2], 'nope', 1),
    fn() => new Loom\Channel(-1),
    fn() => Loom\all([Loom\spawn(fn() => 1), 'not a task']),
    fn() => Loom\race([]),
    fn() => Loom\any([]),
    fn() => Loom\all(42),
    fn() => (Loom\spawn(fn() => 1))->cancel('not a throwable'),
    fn() => new Loom\Task(),
];
foreach ($cases as $case) {
    try {
        $case();
        echo "no error\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
ValueError: Loom\sleep(): Argument #1 ($seconds) must be a finite number greater than or equal to 0
ValueError: Loom\sleep(): Argument #1 ($seconds) must be a finite number greater than or equal to 0
ValueError: Loom\sleep(): Argument #1 ($seconds) must be a finite number greater than or equal to 0
TypeError: Loom\sleep(): Argument #1 ($seconds) must be of type float, string given
TypeError: Loom\spawn(): Argument #1 ($fn) must be a valid callback, string given
TypeError: Loom\spawn(): Argument #1 ($fn) must be a valid callback, int given
ValueError: Loom\timeout(): Argument #1 ($seconds) must be a finite number greater than or equal to 0
TypeError: Loom\timeout(): Argument #2 ($fn) must be a valid callback, string given
ValueError: Loom\map(): Argument #3 ($concurrency) must be greater than or equal to 1
TypeError: Loom\map(): Argument #2 ($fn) must be a valid callback, string given
ValueError: Loom\Channel::__construct(): Argument #1 ($capacity) must be greater than or equal to 0
TypeError: Loom\all(): Argument #1 ($tasks) must contain only Loom\Task objects, string found
ValueError: Loom\race(): Argument #1 ($tasks) must contain at least one task
ValueError: Loom\any(): Argument #1 ($tasks) must contain at least one task
TypeError: Loom\all(): Argument #1 ($tasks) must be of type Traversable|array, int given
TypeError: Loom\Task::cancel(): Argument #1 ($reason) must be of type ?Throwable, string given
Error: Call to private Loom\Task::__construct() from global scope
