--TEST--
Lifecycle: pcntl_fork() with streams in flight: the child gets a fresh loop and connection pool (its inherited transfers fail with TransportException naming pcntl_fork(), its timers still fire, new requests work) and the parent's streams get every token, untouched by the child
--EXTENSIONS--
pcntl
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$url = '/v1/chat/completions?tokens=40&interval_ms=10&ttft_ms=0';
$first = new Loom\Channel(3);
$read = function (Loom\Http\Response $r) use ($first) {
    $n = 0;
    try {
        foreach ($r->events() as $e) {
            if (++$n === 1) $first->send(true);
        }
        return "completed with $n events";
    } catch (Loom\Http\TransportException $e) {
        return get_class($e) . ' (phase ' . $e->getPhase() . '): ' . str_replace($GLOBALS['srv']['url'], 'URL', $e->getMessage());
    }
};
$readers = [];
for ($i = 0; $i < 3; $i++) $readers[] = Loom\spawn($read, $c->request('GET', $url));
$sleeper = Loom\spawn(function () { Loom\sleep(0.05); return 'timer fired'; });
for ($i = 0; $i < 3; $i++) $first->receive();   // every stream is mid-body
$out = tempnam(sys_get_temp_dir(), 'loom-fork');

$pid = pcntl_fork();
if ($pid === 0) {
    unset($GLOBALS['__loom_test_servers'][$srv['pid']]);   // the parent owns the test server
    $lines = [];
    foreach (Loom\all($readers) as $line) $lines[] = "child reader: $line";
    $lines[] = 'child sleeper: ' . $sleeper->await();
    $lines[] = 'child new request: ' . json_encode($c->request('GET', '/json?n=3')->json());
    $s = Loom\stats();
    $lines[] = "child stats: tasks={$s['tasks']} curl_handles={$s['curl_handles']} sockets={$s['sockets']}";
    file_put_contents($out, implode("\n", $lines) . "\n");
    exit(0);
}
pcntl_waitpid($pid, $status);
echo 'child exit status: ', pcntl_wexitstatus($status), "\n";
echo file_get_contents($out);
unlink($out);
foreach (Loom\all($readers) as $line) echo "parent reader: $line\n";
echo 'parent sleeper: ', $sleeper->await(), "\n";
loom_assert_http_baseline(3);
loom_test_server_stop($srv);
?>
--EXPECT--
child exit status: 0
child reader: Loom\Http\TransportException (phase body): The request to URL/v1/chat/completions?tokens=40&interval_ms=10&ttft_ms=0 was started before pcntl_fork() and belongs to the parent process; a forked child cannot continue it (the connection is shared with the parent). Start the request again in the child
child reader: Loom\Http\TransportException (phase body): The request to URL/v1/chat/completions?tokens=40&interval_ms=10&ttft_ms=0 was started before pcntl_fork() and belongs to the parent process; a forked child cannot continue it (the connection is shared with the parent). Start the request again in the child
child reader: Loom\Http\TransportException (phase body): The request to URL/v1/chat/completions?tokens=40&interval_ms=10&ttft_ms=0 was started before pcntl_fork() and belongs to the parent process; a forked child cannot continue it (the connection is shared with the parent). Start the request again in the child
child sleeper: timer fired
child new request: {"items":[0,1,2]}
child stats: tasks=0 curl_handles=0 sockets=1
parent reader: completed with 42 events
parent reader: completed with 42 events
parent reader: completed with 42 events
parent sleeper: timer fired
baseline: ok
