--TEST--
Scheduler: race() returns the first task to finish (value or exception) and cancels the others
--FILE--
<?php
$mk = fn($v, $ms) => Loom\spawn(function () use ($v, $ms) {
    try { Loom\sleep($ms / 1000); return $v; } finally { if ($ms > 20) echo "$v cancelled or done\n"; }
});
// The slow ones would take 30 s: they lose whatever the machine's speed, and are cancelled.
var_dump(Loom\race([$mk('slow', 30000), $mk('fast', 5)]));
try {
    Loom\race([$mk('slow2', 30000), Loom\spawn(function () { Loom\sleep(0.005); throw new LogicException('failed first'); })]);
} catch (LogicException $e) { echo "race threw: ", $e->getMessage(), "\n"; }
?>
--EXPECT--
string(4) "fast"
slow cancelled or done
race threw: failed first
slow2 cancelled or done
