--TEST--
FPM: a page that fans out 10 chat streams gets every token and takes about one stream's time, not ten
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 1]);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'fanout.php', LOOM_FPM_FANOUT_PAGE);

// Each stream: 100 ms to the first token, then 19 more 20 ms apart (about 0.48 s).
$query = ['url' => $up['url'], 'k' => 10, 'tokens' => 20, 'interval_ms' => 20, 'ttft_ms' => 100];
$r = loom_fpm_request($fpm, 'fanout.php', ['query' => $query]);
$page = json_decode($r['body'], true);
echo "status: {$r['status']}\n";
echo "tokens: {$page['tokens']}\n";
echo "per stream: ", implode(',', $page['per_stream']), "\n";
echo "errors: ", count($page['errors']), "\n";
// Sequentially the ten calls would take the sum of their durations; at once, about one of them.
$ratio = $page['wall'] / $page['sum'];
echo "wall < 0.6 x sequential sum: ", $ratio < 0.6 ? 'yes' : sprintf('NO (wall %.3f s, sum %.3f s)', $page['wall'], $page['sum']), "\n";
echo "client saw the response within 0.6 x the sum: ", $r['elapsed'] < 0.6 * $page['sum'] ? 'yes' : sprintf('NO (%.3f s)', $r['elapsed']), "\n";
echo "transfers left at the end: {$page['stats_end']['curl_handles']}, tasks: {$page['stats_end']['tasks']}\n";
echo "crashes in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECT--
status: 200
tokens: 200
per stream: 20,20,20,20,20,20,20,20,20,20
errors: 0
wall < 0.6 x sequential sum: yes
client saw the response within 0.6 x the sum: yes
transfers left at the end: 0, tasks: 0
crashes in the FPM log: 0
