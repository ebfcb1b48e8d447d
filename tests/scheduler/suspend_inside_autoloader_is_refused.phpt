--TEST--
Scheduler: a task cannot suspend inside an autoloader (Loom\Exception naming the class), so another task using that class meanwhile never sees "Class not found"
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
spl_autoload_register(function (string $class) {
    if ($class !== 'Lazy') return;
    try {
        Loom\sleep(0);                      // a loader that waits (a remote fetch, a lock)
        echo "autoloader suspended\n";
    } catch (Loom\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    eval('class Lazy { public function hi(): string { return "hi"; } }');
});
$use = fn(string $who) => $who . ': ' . (new Lazy())->hi();
$a = Loom\spawn($use, 'a');
$b = Loom\spawn($use, 'b');
echo $a->await(), "\n", $b->await(), "\n";
// Outside an autoloader the same call suspends as usual.
Loom\spawn(fn() => Loom\sleep(0))->await();
echo "sleep outside the autoloader: ok\n";
loom_assert_baseline();
?>
--EXPECT--
Loom\Exception: Loom\sleep(): cannot suspend here: class lazy is being autoloaded, and any other task using it meanwhile would fail with "Class not found"; do the waiting before or after the class is loaded, not inside the autoloader
a: hi
b: hi
sleep outside the autoloader: ok
baseline: ok
