--TEST--
Scheduler: map() takes any Traversable (a generator here) and keys its results like the generator's keys
--FILE--
<?php
$g = (function () { yield 'a' => 1; yield 'b' => 2; yield 3; })();
var_dump(Loom\map($g, function ($x) { Loom\sleep(0.001 * (4 - $x)); return $x * 10; }, 2));
?>
--EXPECT--
array(3) {
  ["a"]=>
  int(10)
  ["b"]=>
  int(20)
  [0]=>
  int(30)
}
