--TEST--
Scheduler: new Channel(PHP_INT_MAX) allocates nothing up front; its buffer grows with the values held and keeps FIFO order
--INI--
; The order below is cooperative order: a preemption of the sender (a slow valgrind run) would reorder it.
loom.preempt_ms=0
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$before = memory_get_usage();
$c = new Loom\Channel(PHP_INT_MAX);
var_dump(memory_get_usage() - $before < 4096);
for ($i = 0; $i < 1000; $i++) $c->send($i);       // never waits: far below the bound
$ok = true;
for ($i = 0; $i < 500; $i++) $ok = $ok && $c->receive() === $i;
for ($i = 1000; $i < 1700; $i++) $c->send($i);    // wraps the ring, then grows it again
for ($i = 500; $i < 1700; $i++) $ok = $ok && $c->receive() === $i;
var_dump($ok);
// A small bound still makes send() wait once it is full.
$small = new Loom\Channel(2);
$order = [];
$t = Loom\spawn(function () use ($small, &$order) {
    foreach ([1, 2, 3] as $v) { $small->send($v); $order[] = "sent $v"; }
});
Loom\sleep(0);
$order[] = "got " . $small->receive();
$t->await();
$order[] = "got " . $small->receive();
$order[] = "got " . $small->receive();
echo implode(", ", $order), "\n";
$c->close();
unset($c, $small, $t);
loom_assert_baseline();
?>
--EXPECT--
bool(true)
bool(true)
sent 1, sent 2, got 1, sent 3, got 2, got 3
baseline: ok
