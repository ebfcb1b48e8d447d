--TEST--
Hook: three tasks run select/exec loops on one shared multi at the same time (as tasks sharing one Guzzle or Symfony client do): none fails or hangs, every transfer completes, and curl_multi_select() returns what plain PHP allows (>= 0)
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
$mh = curl_multi_init();
$hs = [];
for ($i = 0; $i < 6; $i++) {
    $hs[$i] = curl_init($srv['url'] . '/drip?n=4&interval_ms=' . (20 + 10 * $i));
    curl_setopt($hs[$i], CURLOPT_RETURNTRANSFER, true);
    curl_multi_add_handle($mh, $hs[$i]);
}
$done = [];
$loop = function (string $who) use ($mh, &$done) {
    $selects = 0;
    $negative = 0;
    do {
        $n = curl_multi_select($mh, 1.0);
        if ($n < 0) $negative++;
        $selects++;
        curl_multi_exec($mh, $running);
        while ($info = curl_multi_info_read($mh)) $done[] = $info['result'];
    } while ($running);
    return "$who: " . ($negative ? "$negative negative selects" : 'ok');
};
$tasks = [Loom\spawn($loop, 'a'), Loom\spawn($loop, 'b'), Loom\spawn($loop, 'c')];
foreach (Loom\all($tasks) as $line) echo $line, "\n";
echo 'transfers done: ', count($done), ', results: ', json_encode(array_count_values($done)), "\n";
foreach ($hs as $h) {
    echo curl_multi_getcontent($h), ' ';
    curl_multi_remove_handle($mh, $h);
}
echo "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
a: ok
b: ok
c: ok
transfers done: 6, results: [6]
xxxx xxxx xxxx xxxx xxxx xxxx 
baseline: ok
