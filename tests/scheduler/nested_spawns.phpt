--TEST--
Scheduler: tasks spawn and await tasks, three levels deep
--FILE--
<?php
function tree(int $depth, string $name): string {
    if ($depth === 0) { Loom\sleep(0.001); return $name; }
    $kids = [Loom\spawn('tree', $depth - 1, "$name.0"), Loom\spawn('tree', $depth - 1, "$name.1")];
    return $name . '(' . implode(',', Loom\all($kids)) . ')';
}
echo Loom\spawn('tree', 3, 'r')->await(), "\n";
?>
--EXPECT--
r(r.0(r.0.0(r.0.0.0,r.0.0.1),r.0.1(r.0.1.0,r.0.1.1)),r.1(r.1.0(r.1.0.0,r.1.0.1),r.1.1(r.1.1.0,r.1.1.1)))
