--TEST--
FPM: the slowlog's ptrace stop of a worker waiting on Loom streams does not disturb them: the page completes, the log shows the Loom call it waited in
--SKIPIF--
<?php
require __DIR__ . '/../inc/fpm.inc';
loom_fpm_skipif();
if (trim((string)@file_get_contents('/proc/sys/kernel/yama/ptrace_scope')) === '3') die('skip ptrace is disabled (yama ptrace_scope 3): FPM cannot write a slowlog');
?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 1, 'request_slowlog_timeout' => '1s']);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'fanout.php', LOOM_FPM_FANOUT_PAGE);
// Five streams of 40 tokens 50 ms apart: about 2 s, so the master stops and traces the worker mid-stream.
$r = loom_fpm_request($fpm, 'fanout.php', ['query' => ['url' => $up['url'], 'k' => 5, 'tokens' => 40, 'interval_ms' => 50, 'ttft_ms' => 10]]);
$page = json_decode($r['body'], true);
echo "page: status {$r['status']}, tokens {$page['tokens']}, errors ", count($page['errors']), "\n";
$deadline = microtime(true) + 20;
while (!str_contains(loom_fpm_log($fpm), 'finished trace') && microtime(true) < $deadline) {
    usleep(20000);
}
$log = loom_fpm_log($fpm);
echo "worker was traced: ", preg_match('/executing too slow .*\n.*stopped for tracing.*\n.*about to trace.*\n.*finished trace/', $log) ? 'yes' : "NO:\n$log", "\n";
$slow = (string)@file_get_contents("{$fpm['dir']}/slow.log");
echo "slowlog names the Loom call: ", preg_match('/\] Loom\\\\settle\(\) \S+fanout\.php:\d+/', $slow) ? 'yes' : "NO:\n$slow", "\n";
$again = json_decode(loom_fpm_request($fpm, 'fanout.php', ['query' => ['url' => $up['url'], 'k' => 5, 'tokens' => 5, 'interval_ms' => 1, 'ttft_ms' => 1]])['body'], true);
echo "next page: tokens {$again['tokens']}, same worker: ", $again['pid'] === $page['pid'] ? 'yes' : 'no', "\n";
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECT--
page: status 200, tokens 200, errors 0
worker was traced: yes
slowlog names the Loom call: yes
next page: tokens 25, same worker: yes
crash lines in the FPM log: 0
