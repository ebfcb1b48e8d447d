--TEST--
Scheduler: sleep(0) yields: ready tasks interleave in FIFO order
--FILE--
<?php
$log = [];
$mk = function ($name) use (&$log) {
    return Loom\spawn(function () use ($name, &$log) {
        for ($i = 0; $i < 3; $i++) { $log[] = "$name$i"; Loom\sleep(0); }
    });
};
Loom\all([$mk('a'), $mk('b')]);
echo implode(' ', $log), "\n";
?>
--EXPECT--
a0 b0 a1 b1 a2 b2
