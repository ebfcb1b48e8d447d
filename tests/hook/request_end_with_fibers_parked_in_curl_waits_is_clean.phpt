--TEST--
Hook: a request that ends while user Fibers (kept in globals, so the engine destroys them only after Loom's request end) wait in curl_exec() and curl_multi_select() ends cleanly: both fibers unwind (their finally blocks run; the script end may also wake them first), no crash, nothing used after it was freed (valgrind)
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--INI--
loom.shutdown_timeout=0.3
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
// A listener that never accepts: connections complete in its backlog, requests are sent, no reply ever
// comes, and nothing closes it before the process ends.
$listener = stream_socket_server('tcp://127.0.0.1:0');
$url = 'http://' . stream_socket_get_name($listener, false) . '/';
$ch = curl_init($url);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
$GLOBALS['exec'] = new Fiber(function () use ($ch) {
    try {
        curl_exec($ch);
        echo "curl_exec returned\n";
    } finally {
        echo "exec fiber unwound\n";
    }
});
$GLOBALS['exec']->start();
$mh = curl_multi_init();
$h = curl_init($url);
curl_multi_add_handle($mh, $h);
for ($i = 0; $i < 200 && curl_getinfo($h, CURLINFO_REQUEST_SIZE) === 0; $i++) {
    curl_multi_exec($mh, $running);
    curl_multi_select($mh, 0.05);
}
$GLOBALS['select'] = new Fiber(function () use ($mh) {
    try {
        curl_multi_select($mh, 60.0);
        echo "select returned\n";
    } finally {
        echo "select fiber unwound\n";
    }
});
$GLOBALS['select']->start();
echo 'parked: ', var_export($GLOBALS['exec']->isSuspended() && $GLOBALS['select']->isSuspended(), true), "\n";
echo 'curl_handles: ', Loom\stats()['curl_handles'], "\n";
?>
--EXPECTREGEX--
parked: true
curl_handles: 1
(?=[\s\S]*exec fiber unwound)(?=[\s\S]*select fiber unwound)[\s\S]*
