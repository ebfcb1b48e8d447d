--TEST--
Http: under ulimit -n 256, 500 concurrent streams either complete or fail one by one with a clean TransportException (no crash); with max_connections_per_host they queue and all complete
--SKIPIF--
<?php
if (!is_executable('/bin/sh')) die('skip needs /bin/sh to lower the fd limit of a child process');
// run-tests -m traces children: valgrind fakes setrlimit(RLIMIT_NOFILE) in the shell, so the limit
// never reaches the PHP child, and the child's own Loom work would not be checked by this run anyway.
if (getenv('LOOM_TEST_SCALE') === 'valgrind') die('skip under valgrind the lowered fd limit does not reach the child process');
?>
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$n = 500;
// The limit is set in a child PHP (a phpt cannot lower its own with ulimit); it reports one line per run.
// Only the soft limit: under valgrind the hard one is valgrind's and cannot be set.
$child = <<<'CHILD'
<?php
[$_, $url, $n] = $argv;
$n = (int)$n;
foreach ([null, 100] as $perHost) {
    $c = new Loom\Http\Client(['base_uri' => $url] + ($perHost ? ['max_connections_per_host' => $perHost] : []));
    $tasks = [];
    for ($i = 0; $i < $n; $i++) {
        $tasks[] = Loom\spawn(function () use ($c) {
            $k = 0;
            foreach ($c->request('GET', '/v1/chat/completions?tokens=5&interval_ms=20&ttft_ms=50')->events() as $e) $k++;
            return $k;
        });
    }
    [$ok, $errors] = Loom\settle($tasks);
    $kinds = [];
    foreach ($errors as $e) {
        $kind = get_class($e) . ' ' . ($e instanceof Loom\Http\TransportException ? $e->getPhase() : '?');
        $kinds[$kind] = true;
        if (!$e instanceof Loom\Http\TransportException) echo 'unexpected: ', $e, "\n";
    }
    $complete = count(array_filter($ok, fn($k) => $k === 7));
    printf("%s: %s, errors: %s\n", $perHost ? "max_connections_per_host $perHost" : 'no limit',
        $complete + count($errors) === $n ? 'every request completed or failed cleanly' : "only $complete + " . count($errors),
        $perHost ? count($errors) : (count($errors) ? implode(', ', array_keys($kinds)) : 'none (fd limit not reached)'));
    if ($errors) echo '  e.g. ', preg_replace('/\d+/', 'N', reset($errors)->getMessage()), "\n";
    unset($tasks, $ok, $errors, $c);
    $s = Loom\stats();
    echo "  afterwards: {$s['curl_handles']} transfers, tasks {$s['tasks']}\n";
}
CHILD;
$file = tempnam(sys_get_temp_dir(), 'loom-fdlimit-');
file_put_contents($file, $child);
$cmd = array_merge([PHP_BINARY], loom_test_extension_args(), [$file, $srv['url'], (string)$n]);
$sh = 'ulimit -Sn 256 && exec ' . implode(' ', array_map('escapeshellarg', $cmd)) . ' 2>&1';
$out = shell_exec('/bin/sh -c ' . escapeshellarg($sh));
unlink($file);
echo $out;
loom_test_server_stop($srv);
?>
--EXPECTF--
no limit: every request completed or failed cleanly, errors: Loom\Http\TransportException connect
  e.g. Could not connect to http://N.N.N.N:N/vN/chat/completions?tokens=N&interval_ms=N&ttft_ms=N: cannot open a socket: Too many open files
  afterwards: 0 transfers, tasks 0
max_connections_per_host 100: every request completed or failed cleanly, errors: 0
  afterwards: 0 transfers, tasks 0
