--TEST--
Lifecycle: with loom.keep_connections=1 (default) a request's idle upstream connection is kept for the next request of the same process; with 0 it is closed at request end
--SKIPIF--
<?php if (getenv('LOOM_TEST_SCALE') === 'valgrind') die('skip php --repeat child is not run under valgrind here'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/server.inc';
$srv = loom_test_server_start();
$page = tempnam(sys_get_temp_dir(), 'loom-keep') . '.php';
file_put_contents($page, '<?php
$before = Loom\stats()["sockets"];
$c = new Loom\Http\Client();
$c->request("GET", getenv("LOOM_UPSTREAM") . "/json?n=3")->body();
echo "sockets at request start: $before\n";
');
$so = null;
foreach (file('/proc/self/maps') as $line) {
    if (preg_match('#\s(/\S+/loom\.so)$#', trim($line), $m)) { $so = $m[1]; break; }
}
foreach (['1', '0'] as $keep) {
    $cmd = [PHP_BINARY, '-n', '-d', "extension=$so", '-d', "loom.keep_connections=$keep", '--repeat', '2', $page];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['LOOM_UPSTREAM' => $srv['url']]);
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    proc_close($p);
    // --repeat adds its own lines ("Executing for the first time..."): keep the page's.
    echo "keep_connections=$keep\n", implode("\n", preg_grep('/^sockets/', explode("\n", $out))), "\n";
}
unlink($page);
loom_test_server_stop($srv);
?>
--EXPECT--
keep_connections=1
sockets at request start: 0
sockets at request start: 1
keep_connections=0
sockets at request start: 0
sockets at request start: 0
