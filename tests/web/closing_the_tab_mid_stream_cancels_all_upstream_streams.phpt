--TEST--
Web: closing the tab while ten answers stream makes the relay cancel all ten upstream streams (the server sees them closed within 2 s) and the FPM worker is free for the next request
--SKIPIF--
<?php require __DIR__ . '/web.inc'; web_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/web.inc';
// One worker: the probe below is served only once the relay's request has ended.
$web = web_start(['max_children' => 1]);
$up = $web['up'];
$fpm = $web['fpm'];
loom_fpm_page($fpm, 'probe.php', '<?php echo json_encode(["pid" => getmypid(), "stats" => Loom\stats()]);');
[$worker] = loom_fpm_workers($fpm);
// Three tokens each, then the streams wait at a gate that is never opened: only the relay's heartbeat
// writes can reveal that the browser left.
$gate = web_gate('close-tab');
$query = ['prompt' => 'Tell me a long story.', 'n' => 10, 'tokens' => 50, 'interval_ms' => 20, 'ttft_ms' => 50,
          'gate' => $gate, 'gate_at' => 3];

$b = loom_browser_start();
$tab = loom_browser_open($b, $web['url'] . '?' . http_build_query($query));
loom_browser_wait_until($b, $tab, 'loom-web:update',
    'document.querySelectorAll("#panels .panel .text").length === 10 && ' .
    '[...document.querySelectorAll("#panels .panel .text")].every(el => el.textContent === "t0 t1 t2 ")');
echo "all ten panels mid-answer: yes\n";
echo "upstream connections open at the server: ", web_counters($up)['open'] - 1, "\n";
echo "of them from the worker: ", loom_fpm_connections_to($worker, $up['port']), "\n";

loom_browser_close_tab($b, $tab);
$closedAt = microtime(true);
do {
    $open = web_counters($up)['open'] - 1;
} while ($open > 0 && microtime(true) - $closedAt < 5 && usleep(10000) === null);
$took = microtime(true) - $closedAt;
echo "upstream connections closed within 2 s: ", $open === 0 && $took < 2 ? 'yes' : sprintf('NO (%d open after %.2f s)', $open, $took), "\n";

$p = loom_fpm_request($fpm, 'probe.php', ['timeout' => 10]);
$free = microtime(true) - $closedAt;
$probe = json_decode($p['body'], true) ?: ['pid' => 0, 'stats' => []];
echo "the worker serves the next request within 2 s: ", $p['ended'] && $free < 2 ? 'yes' : sprintf('NO (%.2f s, %s)', $free, $p['error']), "\n";
echo "same worker: ", $probe['pid'] === $worker ? 'yes' : 'NO', "\n";
echo "it finds: ", implode(' ', array_map(fn($k) => "$k=" . ($probe['stats'][$k] ?? '?'), ['tasks', 'curl_handles', 'timers', 'sockets'])), "\n";
// The relay ended the request itself (it was not killed): it says so in the log.
echo "the relay logged the cancellation: ",
    preg_match('/the browser left after \d+ ms; 10 of 10 streams were cancelled/', loom_fpm_log($fpm)) ? 'yes' : "NO\n" . loom_fpm_log($fpm), "\n";
file_put_contents(loom_browser_artifact_path('web-close-tab.json'),
    json_encode(['upstream_closed_after_s' => round($took, 3), 'worker_free_after_s' => round($free, 3)], JSON_PRETTY_PRINT) . "\n");
loom_browser_stop($b);
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECT--
all ten panels mid-answer: yes
upstream connections open at the server: 10
of them from the worker: 10
upstream connections closed within 2 s: yes
the worker serves the next request within 2 s: yes
same worker: yes
it finds: tasks=0 curl_handles=0 timers=0 sockets=0
the relay logged the cancellation: yes
crash lines in the FPM log: 0
