--TEST--
Hook: cancelling a task that waits in curl_exec() aborts that wait (the task sees Loom\CancelledException, its finally runs), the transfer is gone from the server, and the same handle works afterwards
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
$ch = curl_init($srv['url'] . '/hang');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
$t = Loom\spawn(function () use ($ch) {
    try {
        curl_exec($ch);
        echo "returned\n";
    } finally {
        echo "finally ran\n";
    }
});
loom_wait_until(fn() => Loom\stats()['curl_handles'] === 1, 'the task to wait in curl_exec');
$t->cancel();
try {
    $t->await();
} catch (Loom\CancelledException $e) {
    echo get_class($e), "\n";
}
echo 'curl_handles: ', Loom\stats()['curl_handles'], "\n";
loom_wait_until(fn() => json_decode(file_get_contents($srv['url'] . '/counters'), true)['open'] === 1, 'the server to see the hung connection close');
echo "hung connection closed\n";
curl_setopt($ch, CURLOPT_URL, $srv['url'] . '/json?n=2');
echo Loom\spawn(fn() => curl_exec($ch))->await(), "\n";
unset($ch);
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
finally ran
Loom\CancelledException
curl_handles: 0
hung connection closed
{"items":[0,1]}
baseline: ok
