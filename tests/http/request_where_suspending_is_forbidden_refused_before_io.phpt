--TEST--
Http: Client::request() where Loom cannot suspend (a destructor before PHP 8.4, in a task or at top level) is refused naming Loom\Http\Client::request() before any I/O: its body generator is not read and the server sees no connection and no request; PHP 8.4 allows fiber switches in destructors, and there the same requests go through
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$counters = function () use ($srv): array {
    // A separate client on a fresh connection each time: the counting request adds exactly one of each.
    $r = (new Loom\Http\Client(['headers' => ['Connection' => 'close']]))->request('GET', $srv['url'] . '/counters');
    return $r->json();
};

final class RequestsOnDestruct
{
    public array $read = [];
    public function __construct(private Loom\Http\Client $c) {}
    public function __destruct()
    {
        $body = (function () { $this->read[] = 'chunk'; yield 'data'; })();
        try {
            $this->c->request('POST', '/echo', ['body' => $body]);
            echo "request() went through\n";
        } catch (Loom\Exception $e) {
            echo get_class($e), ': ', $e->getMessage(), "\n";
        }
        echo 'body chunks read: ', count($this->read), "\n";
    }
}

$before = $counters();
ob_start();
$t = Loom\spawn(function () use ($c) {
    $d = new RequestsOnDestruct($c);
    unset($d);
    return 'task done';
});
echo $t->await(), "\n";
$d = new RequestsOnDestruct($c);
unset($d);
$after = $counters();
echo 'server saw: ', $after['connections'] - $before['connections'] - 1, ' connections, ',
    $after['requests'] - $before['requests'] - 1, " requests\n";
$out = ob_get_clean();
// PHP 8.1-8.3 forbid fiber switches in destructors; 8.4 allows them (the request is made, on the kept
// connection: no new connection).
$want = PHP_VERSION_ID < 80400 ? <<<'OUT'
    Loom\Exception: Loom\Http\Client::request(): cannot suspend here: PHP forbids switching fibers inside a destructor, during garbage collection or while a fiber is being destroyed
    body chunks read: 0
    task done
    Loom\Exception: Loom\Http\Client::request(): cannot suspend here: PHP forbids switching fibers inside a destructor, during garbage collection or while a fiber is being destroyed
    body chunks read: 0
    server saw: 0 connections, 0 requests

    OUT : <<<'OUT'
    request() went through
    body chunks read: 1
    task done
    request() went through
    body chunks read: 1
    server saw: 0 connections, 2 requests

    OUT;
echo $out === $want ? 'as expected on PHP ' . (PHP_VERSION_ID < 80400 ? '< 8.4' : '>= 8.4') . "\n" : "unexpected:\n$out";
unset($t);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECTF--
as expected on PHP %s 8.4
baseline: ok
