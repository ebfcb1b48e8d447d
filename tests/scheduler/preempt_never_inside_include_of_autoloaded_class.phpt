--TEST--
Scheduler: a task is never preempted inside an autoloader's include (many slices long), so two tasks preempted every millisecond that both use the class never see "Class not found"
--INI--
loom.preempt_ms=1
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
spl_autoload_register(function (string $class) {
    if ($class === 'SlowToLoad') require __DIR__ . '/fixtures/slow_to_load_class.inc';
});
$spin = function (string $who) {
    // Preemptible work first, until some task was preempted (bounded: "preempted: no" below says so).
    $t = hrtime(true);
    while (Loom\stats()['preemptions'] === 0 && hrtime(true) - $t < 20e9);
    return $who . ': ' . SlowToLoad::hello();
};
$a = Loom\spawn($spin, 'a');
$b = Loom\spawn($spin, 'b');
try {
    echo $a->await(), "\n", $b->await(), "\n";
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo 'preempted: ', Loom\stats()['preemptions'] > 0 ? 'yes' : 'no', "\n";
loom_assert_baseline();
?>
--EXPECT--
a: loaded
b: loaded
preempted: yes
baseline: ok
