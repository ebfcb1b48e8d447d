--TEST--
Scheduler: plain user Fibers may wait on Loom (Loom suspends and resumes them) and mix with tasks; Fiber::suspend/resume by the user still works
--FILE--
<?php
$t = Loom\spawn(function () { Loom\sleep(0.02); return 'task'; });
$got = new Loom\Channel(1);
$f = new Fiber(function () use ($t, $got) {
    echo "fiber waits on task\n";
    $v = $t->await();
    echo "fiber got $v\n";
    $got->send($v);           // buffered: does not suspend; the fiber goes straight on to suspend itself
    $x = Fiber::suspend('user suspend');
    echo "fiber resumed by user with $x\n";
    return 'fiber done';
});
var_dump($f->start());        // the fiber parked itself in Loom: start() returns
$got->receive();              // Loom resumes the fiber; it then suspends itself
var_dump($f->isSuspended());
$f->resume('hello');
var_dump($f->getReturn());

// A user fiber started inside a task waits too; the task continues meanwhile.
$outer = Loom\spawn(function () {
    $inner = new Fiber(function () { Loom\sleep(0.01); echo "inner fiber done\n"; });
    $inner->start();
    echo "task continues while inner fiber waits\n";
    Loom\sleep(0.03);
    return $inner->isTerminated();
});
var_dump($outer->await());
?>
--EXPECT--
fiber waits on task
NULL
fiber got task
bool(true)
fiber resumed by user with hello
string(10) "fiber done"
task continues while inner fiber waits
inner fiber done
bool(true)
