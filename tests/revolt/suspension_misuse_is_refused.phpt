--TEST--
Revolt: a Suspension refuses misuse as Revolt's does: suspend() from another fiber, suspend() again while pending, resume() or throw() with nothing suspended
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
function attempt(string $what, Closure $fn): void
{
    try {
        $fn();
        echo "$what: allowed\n";
    } catch (Error $e) {
        echo "$what: ", $e->getMessage(), "\n";
    }
}
$suspension = null;
$fiber = new Fiber(function () use (&$suspension) {
    $suspension = EventLoop::getSuspension();
    Fiber::suspend();                       // not through the suspension: it is not pending yet
    return $suspension->suspend();
});
$fiber->start();
attempt('suspend() from another fiber', fn() => $suspension->suspend());
attempt('resume() before suspend()', fn() => $suspension->resume(1));
attempt('throw() before suspend()', fn() => $suspension->throw(new Exception('x')));
$fiber->resume();                            // now it waits in $suspension->suspend()
attempt('suspend() again while pending', fn() => $suspension->suspend());
$suspension->resume('value');
attempt('resume() twice', fn() => $suspension->resume(2));
loom_wait_until(fn() => $fiber->isTerminated(), 'the resumed fiber');   // Loom resumes it
var_dump($fiber->getReturn());
loom_revolt_baseline();
?>
--EXPECT--
suspend() from another fiber: Must not call suspend() from another fiber
resume() before suspend(): Must call suspend() before calling resume()
throw() before suspend(): Must call suspend() before calling resume()
suspend() again while pending: Must call resume() or throw() before calling suspend() again
resume() twice: Must call suspend() before calling resume()
string(5) "value"
baseline: ok
