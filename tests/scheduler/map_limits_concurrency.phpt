--TEST--
Scheduler: map() runs $fn($item) with at most $concurrency in flight and returns results keyed like the items
--FILE--
<?php
$inFlight = 0; $peak = 0;
$result = Loom\map(['a' => 1, 'b' => 2, 'c' => 3, 'd' => 4, 'e' => 5, 'f' => 6, 'g' => 7], function ($x) use (&$inFlight, &$peak) {
    $inFlight++;
    $peak = max($peak, $inFlight);
    Loom\sleep(0.001 * (8 - $x));
    $inFlight--;
    return $x * 10;
}, 3);
var_dump($peak);
echo json_encode($result), "\n";
try {
    Loom\map([1, 2, 3], function ($x) { if ($x === 2) throw new RuntimeException("item $x failed"); Loom\sleep(1); return $x; }, 3);
} catch (RuntimeException $e) { echo $e->getMessage(), "\n"; }
var_dump(Loom\stats()['tasks'] <= 3);
Loom\sleep(0);
var_dump(Loom\stats()['tasks']);
?>
--EXPECT--
int(3)
{"a":10,"b":20,"c":30,"d":40,"e":50,"f":60,"g":70}
item 2 failed
bool(true)
int(0)
