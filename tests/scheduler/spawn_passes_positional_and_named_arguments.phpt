--TEST--
Scheduler: spawn passes positional and named arguments to the callable
--FILE--
<?php
function f(int $a, int $b = 2, int ...$rest) { return "$a $b " . implode(',', $rest); }
function g(string $x, string $y = 'y') { return "$x$y"; }
var_dump(Loom\spawn('f', 1)->await());
var_dump(Loom\spawn('f', 1, 5, 6, 7)->await());
var_dump(Loom\spawn('g', y: 'B', x: 'A')->await());
var_dump(Loom\spawn([new ArrayObject([3, 1, 2]), 'count'])->await());
?>
--EXPECT--
string(4) "1 2 "
string(7) "1 5 6,7"
string(2) "AB"
int(3)
