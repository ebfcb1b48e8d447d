--TEST--
Scheduler: recursion through internal calls that overflows a task's C stack throws the engine's "Maximum call stack size" Error to its awaiter (PHP 8.3+), other tasks and later tasks run on
--SKIPIF--
<?php
if (PHP_VERSION_ID < 80300) die('skip PHP 8.2 has no C-stack limit (zend.max_allowed_stack_size is 8.3+): a plain Fiber crashes there too');
?>
--INI--
fiber.stack_size=512K
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
function f(int $n): array
{
    return array_map(fn($x) => f($n + 1), [1]);
}
$other = Loom\spawn(function (): string {
    Loom\sleep(0);
    return 'a task beside it finished';
});
$t = Loom\spawn(fn() => f(0));
try {
    $t->await();
    echo "no error (wrong)\n";
} catch (Error $e) {
    echo get_class($e), ': ', preg_replace('/\d+ bytes/', 'N bytes', $e->getMessage()), "\n";
}
echo $other->await(), "\n";
echo Loom\spawn(fn() => 'a later task ran')->await(), "\n";
unset($e);
loom_assert_baseline();
?>
--EXPECTF--
Error: Maximum call stack size of N bytes (zend.max_allowed_stack_size - zend.reserved_stack_size) reached. Infinite recursion?
a task beside it finished
a later task ran
baseline: ok
