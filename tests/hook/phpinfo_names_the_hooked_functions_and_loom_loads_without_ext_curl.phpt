--TEST--
Hook: phpinfo() names the hooked functions; Loom loads without ext/curl (then nothing is hooked and phpinfo says so) and with it before or after Loom in the load order
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
$curl = ini_get('extension_dir') . '/curl.so';
if (!is_file($curl)) die('skip ext/curl is not a loadable curl.so');
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$line = function (string $info): string {
    return preg_match('/curl functions hooked => (.*)/', $info, $m) ? $m[1] : 'no line';
};
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
echo 'this process: ', $line($info), "\n";
[, $loom] = loom_test_extension_args();
$code = 'ob_start(); phpinfo(INFO_MODULES); $i = ob_get_clean(); preg_match("/curl functions hooked => (.*)/", $i, $m);'
    . ' echo $m[1] ?? "no line", " | curl loaded: ", var_export(extension_loaded("curl"), true);'
    . ' $c = function_exists("curl_init") ? curl_init("file:///dev/null") : null; if ($c) curl_setopt($c, CURLOPT_RETURNTRANSFER, true);'
    . ' echo " | curl_exec: ", $c ? var_export(curl_exec($c), true) : "n/a";';
foreach (['without ext/curl' => [$loom], 'curl before loom' => ['extension=curl', $loom], 'curl after loom' => [$loom, 'extension=curl']] as $name => $exts) {
    $cmd = [PHP_BINARY, '-n'];
    foreach ($exts as $e) array_push($cmd, '-d', $e);
    array_push($cmd, '-r', $code);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    proc_close($p);
    echo "$name: ", trim($out), "\n";
}
?>
--EXPECT--
this process: curl_exec, curl_multi_exec, curl_multi_select
without ext/curl: no (ext/curl is not loaded) | curl loaded: false | curl_exec: n/a
curl before loom: curl_exec, curl_multi_exec, curl_multi_select | curl loaded: true | curl_exec: ''
curl after loom: curl_exec, curl_multi_exec, curl_multi_select | curl loaded: true | curl_exec: ''
