--TEST--
Scheduler: a user Fiber parked in Loom that user code resumes early gets a clear Loom\Exception, and Loom never resumes it again
--FILE--
<?php
$f = new Fiber(function () {
    try { Loom\sleep(0.05); } catch (Loom\Exception $e) { echo $e->getMessage(), "\n"; }
    return 'ok';
});
$f->start();
$f->resume();
var_dump($f->getReturn());
Loom\sleep(0.1);
echo "no double resume\n";
?>
--EXPECT--
A fiber waiting in Loom (sleep) was resumed by other code; only Loom may resume a fiber it suspended
string(2) "ok"
no double resume
