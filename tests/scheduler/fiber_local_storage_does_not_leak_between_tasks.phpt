--TEST--
Scheduler: fiber-local storage keyed by Fiber::getCurrent() (a WeakMap, as Revolt's FiberLocal does) never shows one task's data to the next
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$local = new WeakMap();
$seen = [];
// One after another (a pooled worker would be reused at once) ...
foreach (['alice', 'bob', 'carol'] as $user) {
    Loom\spawn(function () use ($local, $user, &$seen) {
        $seen[] = ($local[Fiber::getCurrent()] ?? 'nobody') . " before $user";
        $local[Fiber::getCurrent()] = $user;
    })->await();
}
// ... and many at once, interleaved.
$tasks = [];
foreach (range(1, 50) as $n) {
    $tasks[] = Loom\spawn(function () use ($local, $n) {
        $me = Fiber::getCurrent();
        $prev = $local[$me] ?? null;
        $local[$me] = $n;
        Loom\sleep(0);
        return $prev === null && $local[$me] === $n;
    });
}
var_dump($seen, count(array_filter(Loom\all($tasks))));
// WeakReference holders are treated the same way.
$refs = [];
foreach (range(1, 3) as $n) Loom\spawn(function () use (&$refs) { $refs[] = WeakReference::create(Fiber::getCurrent()); })->await();
var_dump(count(array_unique(array_map(fn($r) => spl_object_id($r), $refs))));
var_dump(array_map(fn($r) => $r->get(), $refs));
loom_assert_baseline();
?>
--EXPECT--
array(3) {
  [0]=>
  string(19) "nobody before alice"
  [1]=>
  string(17) "nobody before bob"
  [2]=>
  string(19) "nobody before carol"
}
int(50)
int(3)
array(3) {
  [0]=>
  NULL
  [1]=>
  NULL
  [2]=>
  NULL
}
baseline: ok
