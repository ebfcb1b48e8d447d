--TEST--
Scheduler: a task looping inside code from a Composer vendor/ directory (or in a callback that code calls) is never preempted, even with 1 ms slices; with loom.preempt_vendor=1 the same loop is preempted and another task runs in the middle of it
--INI--
loom.preempt_ms=1
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
// A library file under vendor/, as Composer installs one.
$dir = sys_get_temp_dir() . '/loom-preempt-vendor-' . getmypid();
@mkdir("$dir/vendor/acme/lib", 0777, true);
file_put_contents("$dir/vendor/acme/lib/spin.php", <<<'PHP'
<?php
// Runs $step until it returns true or $limit iterations passed; returns the iterations done.
function acme_spin(callable $step, int $limit): int {
    for ($i = 0; $i < $limit; $i++) if ($step()) break;
    return $i;
}
PHP);
require "$dir/vendor/acme/lib/spin.php";

// Two tasks: the first loops inside the vendor function until the second has run (or for 3M iterations,
// tens of slices even on a fast machine); the second only sets the flag. Without preemption of the first,
// the second runs after the whole loop.
function race(): string {
    $other = false;
    $limit = 3_000_000;
    $before = Loom\stats()['preemptions'];
    // The vendor function is the task's callable itself: no frame of the task's outside vendor/ runs
    // before the loop (a slow start, e.g. under valgrind, would otherwise be preempted there, before it).
    $spin = Loom\spawn('acme_spin', function () use (&$other) { return $other; }, $limit);
    $flag = Loom\spawn(function () use (&$other) { $other = true; });
    $n = $spin->await();
    $flag->await();
    // (The flag task may itself be preempted at its start, when the spinner's worker takes it in an
    // overdue slice: the count tells only that the loop was preempted when the flag task ran inside it.)
    $preempted = Loom\stats()['preemptions'] - $before;
    return $n === $limit ? 'the loop ran to its end'
        : 'the other task ran inside the loop' . ($preempted > 0 ? ', preempted' : ' WITHOUT a preemption');
}

echo 'default: ', race(), "\n";
ini_set('loom.preempt_vendor', '1');
echo 'loom.preempt_vendor=1: ', race(), "\n";

unlink("$dir/vendor/acme/lib/spin.php");
rmdir("$dir/vendor/acme/lib"); rmdir("$dir/vendor/acme"); rmdir("$dir/vendor"); rmdir($dir);
loom_assert_baseline();
?>
--EXPECT--
default: the loop ran to its end
loom.preempt_vendor=1: the other task ran inside the loop, preempted
baseline: ok
