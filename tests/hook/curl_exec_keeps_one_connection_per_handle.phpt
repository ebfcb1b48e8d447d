--TEST--
Hook: three curl_exec() calls on one handle use one TCP connection (counted at the server), in a task and at the top level, as plain PHP does; freeing the handle closes it
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
$counters = fn() => json_decode(file_get_contents($srv['url'] . '/counters'), true);
$three = function () use ($srv) {
    $ch = curl_init($srv['url'] . '/echo');
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $paths = [];
    for ($i = 0; $i < 3; $i++) $paths[] = json_decode(curl_exec($ch), true)['path'];
    return [$paths, $ch];
};
$before = $counters();
[$paths, $ch] = Loom\spawn($three)->await();
$after = $counters();
echo implode(',', $paths), ': ', $after['connections'] - $before['connections'] - 1, " connection (task)\n";
// The handle still holds its connection open; freeing the handle closes it.
unset($ch);
$before = $counters();
[$paths, $ch] = $three();
$after = $counters();
echo implode(',', $paths), ': ', $after['connections'] - $before['connections'] - 1, " connection (top level)\n";
unset($ch);
loom_wait_until(fn() => $counters()['open'] === 1, 'the freed handles\' connections to close');
echo "open after unset: ", $counters()['open'] - 1, "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
/echo,/echo,/echo: 1 connection (task)
/echo,/echo,/echo: 1 connection (top level)
open after unset: 0
baseline: ok
