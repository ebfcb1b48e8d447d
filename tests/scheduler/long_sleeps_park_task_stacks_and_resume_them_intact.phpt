--TEST--
Scheduler: tasks sleeping 50 ms or more give back their C stack pages while they sleep (stats parked_stacks) and resume with every frame intact, whether cancelled or woken by their deadline; short sleeps and running tasks are not parked
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
// Ten levels through array_map() (loom_dive()) put real C frames on each task's stack.
$n = loom_scale(200, 40);
$tasks = [];
for ($i = 0; $i < $n; $i++) {
    $tasks[] = Loom\spawn(fn() => loom_dive(10, $i, function () use ($i): int {
        try {
            Loom\sleep(600);  // parked until main cancels it
            return -1;
        } catch (Loom\CancelledException) {
            // resumed on its copied-back stack: a short sleep (not parked), then a parked one that its
            // deadline ends
            Loom\sleep(0.001);
            Loom\sleep(0.06);
            return $i * 100;
        }
    }));
}
loom_wait_until(fn() => Loom\stats()['parked_stacks'] === $n, 'every task parked in its long sleep');
echo 'parked while sleeping: ', Loom\stats()['parked_stacks'] === $n ? 'all' : Loom\stats()['parked_stacks'], "\n";
foreach ($tasks as $t) {
    $t->cancel();
}
$ok = 0;
foreach ($tasks as $i => $t) {
    $ok += $t->await() === $i * 100 ? 1 : 0;  // it caught the cancellation and returned
}
echo 'results after cancellation right: ', $ok === $n ? 'all' : $ok, "; frames changed: ", loom_frames_changed(), "\n";
$ok = 0;

// Results, when the parked sleep ends by its deadline rather than by a cancellation.
$tasks = [];
for ($i = 0; $i < $n; $i++) {
    $tasks[] = Loom\spawn(fn() => loom_dive(10, $i, function () use ($i): int {
        Loom\sleep(0.06);
        return $i * 100;
    }));
}
foreach (Loom\all($tasks) as $i => $r) {
    $ok += $r === $i * 100 ? 1 : 0;
}
echo "results right: ", $ok === $n ? 'all' : $ok, "; frames changed: ", loom_frames_changed(), "\n";

// A busy task beside sleeping ones is never parked; a 10 ms sleep is not either.
$spin = Loom\spawn(function (): int {
    $x = 0;
    for ($k = 0; $k < 50; $k++) {
        $x += $k;
        Loom\sleep(0.01);
    }
    return $x;
});
$maxParked = 0;
while (!$spin->isFinished()) {
    $maxParked = max($maxParked, Loom\stats()['parked_stacks']);
    Loom\sleep(0.005);
}
echo "short sleeps parked: $maxParked; spin result ", $spin->await(), "\n";
loom_assert_baseline();
?>
--EXPECT--
parked while sleeping: all
results after cancellation right: all; frames changed: 0
results right: all; frames changed: 0
short sleeps parked: 0; spin result 1225
baseline: ok
