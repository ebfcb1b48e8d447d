--TEST--
Scheduler: all() returns values keyed like the input, in input order, whatever the completion order; accepts generators
--FILE--
<?php
$mk = fn($v, $ms) => Loom\spawn(function () use ($v, $ms) { Loom\sleep($ms / 1000); return $v; });
var_dump(Loom\all(['slow' => $mk('S', 30), 5 => $mk('F', 1), 'mid' => $mk('M', 10)]));
$gen = (function () use ($mk) { yield 'g1' => $mk(1, 5); yield 'g2' => $mk(2, 1); })();
var_dump(Loom\all($gen));
var_dump(Loom\all([]));
?>
--EXPECT--
array(3) {
  ["slow"]=>
  string(1) "S"
  [5]=>
  string(1) "F"
  ["mid"]=>
  string(1) "M"
}
array(2) {
  ["g1"]=>
  int(1)
  ["g2"]=>
  int(2)
}
array(0) {
}
