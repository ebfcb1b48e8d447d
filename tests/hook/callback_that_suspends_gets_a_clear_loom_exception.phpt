--TEST--
Hook: a curl callback that tries to suspend (Loom\sleep() inside a WRITEFUNCTION) gets a Loom\Exception naming the reason, never a hang; the exception comes out of curl_exec() and the handle stays usable
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
$run = function () use ($srv) {
    $ch = curl_init($srv['url'] . '/bytes?n=10');
    curl_setopt($ch, CURLOPT_WRITEFUNCTION, function ($h, $data) { Loom\sleep(0.01); return strlen($data); });
    try {
        curl_exec($ch);
        echo "no exception\n";
    } catch (Loom\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    curl_setopt($ch, CURLOPT_WRITEFUNCTION, fn($h, $d) => strlen($d));
    var_dump(curl_exec($ch), curl_errno($ch));
};
Loom\spawn($run)->await();
$run();
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
Loom\Exception: Loom\sleep(): cannot suspend here: a curl callback is running (CURLOPT_WRITEFUNCTION, HEADERFUNCTION, READFUNCTION, XFERINFOFUNCTION...), and curl cannot be re-entered from another task while it waits
bool(true)
int(0)
Loom\Exception: Loom\sleep(): cannot suspend here: a curl callback is running (CURLOPT_WRITEFUNCTION, HEADERFUNCTION, READFUNCTION, XFERINFOFUNCTION...), and curl cannot be re-entered from another task while it waits
bool(true)
int(0)
baseline: ok
