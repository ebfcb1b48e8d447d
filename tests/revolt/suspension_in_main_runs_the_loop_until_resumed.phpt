--TEST--
Revolt: a {main} suspension runs the loop (and Loom tasks) until resumed; getSuspension() returns the same object in one context
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$s = EventLoop::getSuspension();
var_dump($s === EventLoop::getSuspension());
$task = Loom\spawn(function () use ($s) {
    Loom\sleep(0.01);
    echo "loom task ran\n";
    EventLoop::delay(0.01, fn() => $s->resume('value'));  // a Revolt timer resumes {main}
});
var_dump($s->suspend());
EventLoop::defer(fn() => $s->throw(new RuntimeException('thrown in')));
try { $s->suspend(); } catch (RuntimeException $e) { echo $e->getMessage(), "\n"; }
try { $s->resume(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
$task->await();
loom_revolt_baseline();
?>
--EXPECTF--
bool(true)
loom task ran
string(5) "value"
thrown in
Must call suspend() before calling resume()
baseline: ok
