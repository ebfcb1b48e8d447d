--TEST--
Revolt: ReactPHP promises (react/promise v3) settled by Revolt callbacks or Loom tasks are awaited through Revolt suspensions on Loom's driver, in a Loom task and in {main}
--SKIPIF--
<?php
require __DIR__ . '/revolt.inc'; loom_revolt_skipif();
if (getenv('LOOM_ADAPTERS_REQUIRED') !== '1' && !is_dir(loom_revolt_vendor() . '/react/promise')) die('skip react/promise is not installed (composer install in tests/revolt)');
?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
use React\Promise\Deferred;
use React\Promise\PromiseInterface;

// What react/async's await() does on a Revolt loop: suspend the current context until the promise settles.
function react_await(PromiseInterface $promise): mixed
{
    $suspension = EventLoop::getSuspension();
    $promise->then(fn($v) => $suspension->resume($v), fn(Throwable $e) => $suspension->throw($e));
    return $suspension->suspend();
}

function react_delay(float $seconds, mixed $value): PromiseInterface
{
    $deferred = new Deferred();
    EventLoop::delay($seconds, fn() => $deferred->resolve($value));
    return $deferred->promise();
}

// In a Loom task: promises resolved by Revolt timers, chained and combined by React.
$task = Loom\spawn(function () {
    $doubled = react_await(react_delay(0.02, 21)->then(fn($v) => $v * 2));
    $all = react_await(React\Promise\all([react_delay(0.03, 'a'), react_delay(0.01, 'b')]));
    return [$doubled, $all];
});
// Meanwhile {main} awaits a promise a Loom task settles after Loom\sleep(), and a rejected one.
$deferred = new Deferred();
Loom\spawn(function () use ($deferred) { Loom\sleep(0.02); $deferred->resolve('from a Loom task'); });
echo react_await($deferred->promise()), "\n";
try {
    react_await(react_delay(0.01, null)->then(fn() => throw new DomainException('rejected')));
} catch (DomainException $e) {
    echo "caught: ", $e->getMessage(), "\n";
}
echo json_encode($task->await()), "\n";
loom_revolt_baseline();
?>
--EXPECT--
from a Loom task
caught: rejected
[42,["a","b"]]
baseline: ok
