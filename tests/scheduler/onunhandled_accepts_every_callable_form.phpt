--TEST--
Scheduler: Loom\onUnhandled() accepts every callable form PHP accepts (__callStatic and __call proxies, "Class::method", a private method named inside its class, first-class callables, invokable objects) and keeps the callable alive
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$reported = new Loom\Channel(1);  // the handler sends into it; the test waits on it

class Proxy
{
    public static Loom\Channel $out;
    public static function __callStatic(string $name, array $args): void
    {
        self::$out->send("__callStatic $name: " . $args[0]->getMessage());
    }
    public function __call(string $name, array $args): void
    {
        self::$out->send("__call $name: " . $args[0]->getMessage());
    }
}
class Service
{
    public function install(): void { Loom\onUnhandled([$this, 'onFailure']); }  // private: visible here only
    private function onFailure(Throwable $e, Loom\Task $t): void
    {
        Proxy::$out->send("private method: " . $e->getMessage());
    }
    public static function report(Throwable $e): void { Proxy::$out->send("static method: " . $e->getMessage()); }
}
class Invokable
{
    public function __invoke(Throwable $e): void { Proxy::$out->send("__invoke: " . $e->getMessage()); }
}
Proxy::$out = $reported;

function fail_and_wait(Loom\Channel $reported, string $label): void
{
    Loom\spawn(function () use ($label) { throw new RuntimeException($label); });
    echo $reported->receive(), "\n";
}

Loom\onUnhandled([Proxy::class, 'error']);
fail_and_wait($reported, 'one');
fail_and_wait($reported, 'one again');  // the trampoline is resolved afresh on each call
Loom\onUnhandled('Proxy::warning');
fail_and_wait($reported, 'two');
Loom\onUnhandled([new Proxy(), 'error']);  // the handler holds the only reference to this object
gc_collect_cycles();
fail_and_wait($reported, 'three');
(new Service())->install();
gc_collect_cycles();
fail_and_wait($reported, 'four');
Loom\onUnhandled('Service::report');
fail_and_wait($reported, 'five');
Loom\onUnhandled(Service::report(...));
fail_and_wait($reported, 'six');
Loom\onUnhandled(new Invokable());
fail_and_wait($reported, 'seven');
Loom\onUnhandled(null);
loom_assert_baseline();
?>
--EXPECT--
__callStatic error: one
__callStatic error: one again
__callStatic warning: two
__call error: three
private method: four
static method: five
static method: six
__invoke: seven
baseline: ok
