--TEST--
Hook: with loom.hook_curl=0 curl_exec() blocks as in plain PHP (three 300 ms calls in three tasks take 0.9 s, one after another) and phpinfo() says the hook is off
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if (!extension_loaded('curl')) die('skip ext/curl is not loaded');
?>
--INI--
loom.hook_curl=0
loom.preempt_ms=0
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
$url = $srv['url'] . '/v1/chat/completions?stream=0&tokens=1&ttft_ms=300';
$order = [];
$t0 = microtime(true);
$tasks = [];
for ($i = 0; $i < 3; $i++) {
    $tasks[] = Loom\spawn(function () use ($url, $i, &$order) {
        $order[] = "start $i";
        $ch = curl_init($url);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        $ok = strlen(curl_exec($ch)) > 0;
        $order[] = "end $i";
        return $ok;
    });
}
var_dump(Loom\all($tasks));
$elapsed = microtime(true) - $t0;
echo implode(', ', $order), "\n";
echo $elapsed >= 0.85 ? "sequential\n" : "NOT sequential ($elapsed)\n";
ob_start();
phpinfo(INFO_MODULES);
preg_match('/curl functions hooked => (.*)/', ob_get_clean(), $m);
echo $m[1], "\n";
loom_test_server_stop($srv);
?>
--EXPECT--
array(3) {
  [0]=>
  bool(true)
  [1]=>
  bool(true)
  [2]=>
  bool(true)
}
start 0, end 0, start 1, end 1, start 2, end 2
sequential
off (loom.hook_curl=0)
