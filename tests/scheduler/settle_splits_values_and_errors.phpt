--TEST--
Scheduler: settle() waits for every task and returns [values, errors], each keyed like the input, each key in exactly one
--FILE--
<?php
[$values, $errors] = Loom\settle([
    'a' => Loom\spawn(fn() => 'A'),
    'b' => Loom\spawn(function () { Loom\sleep(0.01); throw new RuntimeException('B failed'); }),
    7 => Loom\spawn(function () { Loom\sleep(0.02); return 7; }),
]);
var_dump($values);
foreach ($errors as $k => $e) echo "$k: ", get_class($e), " ", $e->getMessage(), "\n";
?>
--EXPECT--
array(2) {
  ["a"]=>
  string(1) "A"
  [7]=>
  int(7)
}
b: RuntimeException B failed
