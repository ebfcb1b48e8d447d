--TEST--
Hook: while a task waits in curl_multi_select(), another task removes the handles and closes (and drops) the multi: the wait ends cleanly; cancelling a task that waits in curl_multi_select() gives it Loom\CancelledException and leaves the multi usable
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
// Drives $mh until its request to /hang is sent: from then on its socket stays quiet.
$sent = function ($mh, $h) {
    for ($i = 0; $i < 200 && curl_getinfo($h, CURLINFO_REQUEST_SIZE) === 0; $i++) {
        curl_multi_exec($mh, $running);
        curl_multi_select($mh, 0.05);
    }
    curl_multi_exec($mh, $running);
    return curl_getinfo($h, CURLINFO_REQUEST_SIZE) > 0;
};
$mh = curl_multi_init();
$h = curl_init($srv['url'] . '/hang');
curl_multi_add_handle($mh, $h);
echo 'request sent: ', var_export($sent($mh, $h), true), "\n";
$stop = false;
$waiter = Loom\spawn(function () use (&$mh, &$stop) {
    $m = $mh;
    // select can also return for curl's own timer: keep waiting until told to stop.
    $worst = 0;
    while (!$stop) {
        $n = curl_multi_select($m, 1.0);
        $worst = min($worst, $n);
        curl_multi_exec($m, $running);
    }
    // Plain PHP can never get here (one thing runs at a time): any count is fine, an error is not.
    return $worst >= 0 ? 'select returned without error' : "select returned $worst";
});
loom_wait_until(fn() => Loom\stats()['waiting'] >= 1, 'the task to wait in curl_multi_select');
curl_multi_remove_handle($mh, $h);
curl_multi_close($mh);
unset($h, $mh);
$stop = true;
echo $waiter->await(), "\n";

// Cancellation.
$mh = curl_multi_init();
$h = curl_init($srv['url'] . '/hang');
curl_multi_add_handle($mh, $h);
echo 'request sent: ', var_export($sent($mh, $h), true), "\n";
$t = Loom\spawn(function () use ($mh) {
    try {
        for (;;) curl_multi_select($mh, 30.0);  // returns early only for curl's timer: wait again
    } catch (Loom\CancelledException $e) {
        return get_class($e);
    }
});
loom_wait_until(fn() => Loom\stats()['waiting'] >= 1, 'the task to wait in curl_multi_select');
$t->cancel();
echo $t->await(), "\n";
curl_multi_remove_handle($mh, $h);
$h2 = curl_init($srv['url'] . '/json?n=1');
curl_setopt($h2, CURLOPT_RETURNTRANSFER, true);
curl_multi_add_handle($mh, $h2);
do {
    curl_multi_select($mh, 1.0);
    curl_multi_exec($mh, $running);
} while ($running);
echo 'multi still works: ', curl_multi_getcontent($h2), "\n";
curl_multi_remove_handle($mh, $h2);
unset($h, $h2, $mh);
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
request sent: true
select returned without error
request sent: true
Loom\CancelledException
multi still works: {"items":[0]}
baseline: ok
