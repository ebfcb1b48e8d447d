--TEST--
Scheduler: eight tasks recursing through internal calls to 60-80 % of fiber.stack_size all suspend and resume at that depth with every frame intact, and a task 100,000 user calls deep returns
--INI--
fiber.stack_size=1M
memory_limit=-1
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
// loom_dive() recurses through array_map(): about 600 bytes of C stack a level on PHP 8.2 and 770 on
// 8.4 (x86-64), so 1,000 levels fill 60-77 % of the 1 MiB set above. A task's fiber gets
// fiber.stack_size; if it got less, the dive would crash.
$depth = 1000;
$arrived = 0;
$ch = new Loom\Channel(8);
$tasks = [];
for ($i = 0; $i < 8; $i++) {
    $tasks[] = Loom\spawn(function () use ($i, $depth, $ch, &$arrived): int {
        return loom_dive($depth, $i, function () use ($i, $ch, &$arrived): int {
            $arrived++;
            while ($arrived < 8) {
                Loom\sleep(0);  // every task reaches the bottom before any climbs back: eight deep stacks at once
            }
            $ch->send($i);
            Loom\sleep(0.001);  // a timer wait, at full depth
            return $i * 10000;
        });
    });
}
$got = [];
for ($i = 0; $i < 8; $i++) {
    $got[] = $ch->receive();
}
sort($got);
echo 'at the bottom: ', implode(',', $got), "\n";
$ok = 0;
foreach (Loom\all($tasks) as $i => $r) {
    $ok += $r === $i * 10000 ? 1 : 0;
}
echo "results right: $ok of 8; frames changed: ", loom_frames_changed(), "\n";

// User functions call each other without C recursion: 100,000 deep only grows the task's VM stack.
function climb(int $n): int
{
    if ($n === 0) {
        Loom\sleep(0);
        return 0;
    }
    return climb($n - 1) + 1;
}
$n = loom_scale(100000, 20000);
var_dump(Loom\spawn(fn() => climb($n))->await() === $n);
loom_assert_baseline();
?>
--EXPECT--
at the bottom: 0,1,2,3,4,5,6,7
results right: 8 of 8; frames changed: 0
bool(true)
baseline: ok
