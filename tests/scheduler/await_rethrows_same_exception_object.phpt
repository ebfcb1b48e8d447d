--TEST--
Scheduler: await rethrows the very exception object the task threw, with its original trace; siblings are unaffected
--FILE--
<?php
$thrown = null;
$bad = Loom\spawn(function () use (&$thrown) {
    Loom\sleep(0.01);
    throw $thrown = new DomainException('bad input', 7);
});
$good = Loom\spawn(function () { Loom\sleep(0.02); return 'sibling ok'; });
try {
    $bad->await();
} catch (DomainException $e) {
    var_dump($e === $thrown, $e->getMessage(), $e->getCode(), $e->getLine());
    echo $e->getTrace()[0]['function'], "\n";
}
try { $bad->await(); } catch (DomainException $e2) { var_dump($e2 === $thrown); }
var_dump($good->await());
?>
--EXPECTF--
bool(true)
string(9) "bad input"
int(7)
int(5)
{closure%S}
bool(true)
string(10) "sibling ok"
