--TEST--
Hook: curl_exec() inside a plain user Fiber suspends only that fiber (the top level goes on, Loom resumes it), and over HTTPS (the test CA, HTTP/2 by ALPN) 5 tasks share the work with plain PHP's results
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
if (!loom_test_have_nghttpd()) die('skip nghttpd (package nghttp2-server) is not installed');
if (!loom_test_have_openssl()) die('skip the openssl binary is needed to make test certificates');
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
$f = new Fiber(function () use ($srv) {
    $ch = curl_init($srv['url'] . '/v1/chat/completions?stream=0&tokens=1&ttft_ms=200');
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    return json_decode(curl_exec($ch), true)['choices'][0]['message']['content'];
});
$f->start();
echo 'after start: ', $f->isSuspended() ? 'fiber suspended in curl_exec' : 'fiber did not suspend', "\n";
loom_wait_until(fn() => $f->isTerminated(), 'the fiber to finish');
echo 'fiber returned: ', $f->getReturn(), "\n";

$dir = loom_test_make_certs(['good']);
$h2 = loom_test_nghttpd_start(['a.txt' => 'alpha'], ['key' => "$dir/good.key", 'cert' => "$dir/good.pem"]);
$get = function () use ($h2, $dir) {
    $ch = curl_init($h2['url'] . '/a.txt');
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_CAINFO => "$dir/ca.pem"]);
    $b = curl_exec($ch);
    return [$b, curl_errno($ch), curl_getinfo($ch, CURLINFO_HTTP_VERSION)];
};
$tasks = [];
for ($i = 0; $i < 5; $i++) $tasks[] = Loom\spawn($get);
echo 'https in tasks: ', json_encode(array_count_values(array_map('json_encode', Loom\all($tasks)))), "\n";
$ch = curl_init($h2['url'] . '/a.txt');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
echo 'unknown CA: ', var_export(curl_exec($ch), true), ' errno ', curl_errno($ch), "\n";
loom_test_nghttpd_stop($h2);
loom_test_server_stop($srv);
unset($ch);
loom_assert_http_baseline(8);
?>
--EXPECT--
after start: fiber suspended in curl_exec
fiber returned: t0 
https in tasks: {"[\"alpha\",0,3]":5}
unknown CA: false errno 60
baseline: ok
