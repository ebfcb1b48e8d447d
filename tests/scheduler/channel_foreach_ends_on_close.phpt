--TEST--
Scheduler: foreach over a Channel yields values as they arrive and ends once it is closed and drained
--FILE--
<?php
$ch = new Loom\Channel(3);
Loom\spawn(function () use ($ch) {
    foreach (['a', 'b', 'c', 'd', 'e'] as $v) { $ch->send($v); Loom\sleep(0.001); }
    $ch->close();
});
foreach ($ch as $i => $v) echo "$i:$v ";
echo "\nloop ended\n";
$workers = new Loom\Channel();
$results = [];
$consumers = [];
for ($w = 0; $w < 3; $w++) {
    $consumers[] = Loom\spawn(function () use ($workers, &$results) { foreach ($workers as $job) { $results[] = $job * 2; } });
}
for ($j = 1; $j <= 9; $j++) $workers->send($j);
$workers->close();
Loom\all($consumers);
sort($results);
echo implode(',', $results), "\n";
?>
--EXPECT--
0:a 1:b 2:c 3:d 4:e 
loop ended
2,4,6,8,10,12,14,16,18
