--TEST--
Scheduler: a task cannot suspend inside an ob_start() output handler (Loom\Exception naming the handler); the buffered output is still delivered and other tasks are unaffected
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$log = [];
$t = Loom\spawn(function () use (&$log) {
    ob_start(function (string $buf) use (&$log) {
        try {
            Loom\sleep(0);
            $log[] = 'handler suspended';
        } catch (Loom\Exception $e) {
            $log[] = get_class($e) . ': ' . $e->getMessage();
        }
        return strtoupper($buf);
    });
    echo "task output\n";
    ob_end_flush();
    return 'done';
});
$other = Loom\spawn(function () { Loom\sleep(0); return 'other ok'; });
echo $t->await(), "\n", $other->await(), "\n";
echo implode("\n", $log), "\n";
loom_assert_baseline();
?>
--EXPECT--
TASK OUTPUT
done
other ok
Loom\Exception: Loom\sleep(): cannot suspend here: an output buffer handler (Closure::__invoke) is running; output handlers must not wait, or other tasks' output would be lost
baseline: ok
