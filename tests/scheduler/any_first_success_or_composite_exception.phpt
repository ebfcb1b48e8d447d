--TEST--
Scheduler: any() returns the first success (failures skipped, others cancelled); when all fail it throws CompositeException keyed like the input
--FILE--
<?php
$fail = fn($msg, $ms) => Loom\spawn(function () use ($msg, $ms) { Loom\sleep($ms / 1000); throw new RuntimeException($msg); });
$ok = fn($v, $ms) => Loom\spawn(function () use ($v, $ms) { Loom\sleep($ms / 1000); return $v; });
var_dump(Loom\any([$fail('early failure', 1), $ok('winner', 10), $ok('late', 300)]));
try {
    Loom\any(['x' => $fail('fx', 1), 'y' => $fail('fy', 2)]);
} catch (Loom\CompositeException $e) {
    echo $e->getMessage(), "\n";
    foreach ($e->getErrors() as $k => $err) echo "$k: ", $err->getMessage(), "\n";
}
?>
--EXPECT--
string(6) "winner"
Loom\any(): all 2 tasks failed
x: fx
y: fy
