--TEST--
Scheduler: two tasks (and top-level code) awaiting the same task all get its value, or its same exception object
--FILE--
<?php
$shared = Loom\spawn(function () { Loom\sleep(0.02); return 'shared'; });
$a = Loom\spawn(fn() => 'a got ' . $shared->await());
$b = Loom\spawn(fn() => 'b got ' . $shared->await());
echo $a->await(), "\n", $b->await(), "\n", $shared->await(), "\n";
$failing = Loom\spawn(function () { Loom\sleep(0.01); throw new RuntimeException('x'); });
$c = Loom\spawn(function () use ($failing) { try { $failing->await(); } catch (Exception $e) { return $e; } });
$d = Loom\spawn(function () use ($failing) { try { $failing->await(); } catch (Exception $e) { return $e; } });
var_dump($c->await() === $d->await());
?>
--EXPECT--
a got shared
b got shared
shared
bool(true)
