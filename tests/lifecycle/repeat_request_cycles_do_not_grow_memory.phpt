--TEST--
Lifecycle: 300 request cycles in one process (php --repeat), each fanning out 10 streams, do not grow memory between cycle 50 and 300
--SKIPIF--
<?php
if (PHP_OS_FAMILY !== 'Linux') die('skip reads VmRSS from /proc');
require __DIR__ . '/../inc/fpm.inc';
if (loom_fpm_so() === null) die('skip loom.so not found (build modules/loom.so or set LOOM_SO)');
?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
// Under run-tests -m, valgrind follows the child php too (--trace-children=yes) and judges leaks across
// the cycles itself; memcheck is slow and its heap is not PHP's, so fewer cycles and no size bounds then.
$valgrind = getenv('LOOM_TEST_SCALE') === 'valgrind';
$cycles = loom_scale(300, 40);
$early = loom_scale(50, 10);
$up = loom_test_server_start();
$dir = sys_get_temp_dir() . '/loom-repeat-' . getmypid();
@mkdir($dir);
$page = "$dir/page.php";
$log = "$dir/cycles.log";
@unlink($log);
file_put_contents($page, <<<'PAGE'
<?php
// One request cycle: 10 short chat streams at once, then one line of measurements.
$client = new Loom\Http\Client(['base_uri' => getenv('LOOM_UPSTREAM')]);
$tasks = [];
for ($i = 0; $i < 10; $i++) {
    $tasks[] = Loom\spawn(fn() => substr_count(
        $client->request('GET', '/v1/chat/completions?tokens=5&interval_ms=1&ttft_ms=1')->body(), '"content":"t'));
}
$tokens = array_sum(Loom\all($tasks));
preg_match('/^VmRSS:\s+(\d+)/m', file_get_contents('/proc/self/status'), $m);
$s = Loom\stats();
// php --repeat itself dups stdin, stdout and stderr for each cycle's STDIN/STDOUT/STDERR constants and
// never closes them (3 fds per cycle without Loom too): count only the other fds.
$std = array_map(fn($fd) => readlink("/proc/self/fd/$fd"), [0, 1, 2]);
$fds = 0;
foreach (scandir('/proc/self/fd') as $fd) {
    $fds += $fd[0] !== '.' && !in_array(@readlink("/proc/self/fd/$fd"), $std, true) ? 1 : 0;
}
file_put_contents(getenv('LOOM_CYCLES_LOG'), sprintf("%d %d %d %d %d\n", $m[1], memory_get_usage(), $tokens,
    $s['tasks'] + $s['curl_handles'] + $s['timers'], $fds), FILE_APPEND);
PAGE);

// A private copy of loom.so: a rebuild during the run would rewrite the mapped file under the process.
copy(loom_fpm_so(), "$dir/loom.so");
$t0 = microtime(true);
$proc = proc_open([PHP_BINARY, '-n', '-d', "extension=$dir/loom.so", '--repeat', (string)$cycles, $page],
    [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $dir,
    ['LOOM_UPSTREAM' => $up['url'], 'LOOM_CYCLES_LOG' => $log] + getenv());
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
$rc = proc_close($proc);
$took = microtime(true) - $t0;
echo "exit code: $rc\n";
echo "stderr: ", trim($err) === '' ? 'none' : trim($err), "\n";
echo "cycles run: ", substr_count($out, 'Finished execution, repeating...') + 1 === $cycles ? 'all' : 'NOT all', "\n";
$other = trim(str_replace(['Executing for the first time...', 'Finished execution, repeating...'], '', $out));
echo "other output: ", $other === '' ? 'none' : substr($other, 0, 2000), "\n";

$rows = array_map(fn($l) => array_map('intval', explode(' ', $l)), file($log, FILE_IGNORE_NEW_LINES));
echo "cycles measured: ", count($rows) === $cycles ? 'all' : count($rows), "\n";
echo "every cycle got 50 tokens: ", array_unique(array_column($rows, 2)) === [50] ? 'yes' : 'no', "\n";
echo "tasks/transfers/timers left at each cycle's end: ", max(array_column($rows, 3)), "\n";
[$rssEarly, $memEarly, , , $fdEarly] = $rows[$early - 1];
[$rssEnd, $memEnd, , , $fdEnd] = $rows[$cycles - 1];
printf("cycle %d: VmRSS %d KiB, memory_get_usage %d B, %d fds besides the std ones\n", $early, $rssEarly, $memEarly, $fdEarly);
printf("cycle %d: VmRSS %d KiB, memory_get_usage %d B, %d fds besides the std ones\n", $cycles, $rssEnd, $memEnd, $fdEnd);
printf("(%.1f s in all)\n", $took);
// 250 cycles of 10 streams each: a leak of even 1 KiB per stream would show as 2.5 MiB.
echo "VmRSS growth from cycle $early to $cycles < 1 MiB: ", $valgrind || $rssEnd - $rssEarly < 1024 ? 'yes' : sprintf('NO (%+d KiB)', $rssEnd - $rssEarly), "\n";
echo "memory_get_usage growth < 16 KiB: ", $valgrind || $memEnd - $memEarly < 16384 ? 'yes' : sprintf('NO (%+d B)', $memEnd - $memEarly), "\n";
echo "fds at cycle $cycles = at cycle $early: ", $fdEnd === $fdEarly ? 'yes' : 'no', "\n";
@unlink($page);
@unlink("$dir/loom.so");
@unlink($log);
@rmdir($dir);
?>
--EXPECTF--
exit code: 0
stderr: none
cycles run: all
other output: none
cycles measured: all
every cycle got 50 tokens: yes
tasks/transfers/timers left at each cycle's end: 0
cycle %d: VmRSS %d KiB, memory_get_usage %d B, %d fds besides the std ones
cycle %d: VmRSS %d KiB, memory_get_usage %d B, %d fds besides the std ones
(%f s in all)
VmRSS growth from cycle %d to %d < 1 MiB: yes
memory_get_usage growth < 16 KiB: yes
fds at cycle %d = at cycle %d: yes
