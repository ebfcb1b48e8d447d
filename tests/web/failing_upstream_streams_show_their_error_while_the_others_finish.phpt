--TEST--
Web: when the upstream fails for one stream (an HTTP 500) and cuts another off mid-answer (the connection closes), those two panels show the error and the other answers finish
--SKIPIF--
<?php require __DIR__ . '/web.inc'; web_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/web.inc';
$web = web_start();
$expected = implode('', array_map(fn($i) => "t$i ", range(0, 9)));
$query = ['prompt' => 'Hello', 'n' => 5, 'tokens' => 10, 'interval_ms' => 10, 'ttft_ms' => 20,
          'fail' => [1 => '500', 3 => 'close_after'], 'fail_k' => 3];

$b = loom_browser_start();
$tab = loom_browser_open($b, $web['url'] . '?' . http_build_query($query));
$end = loom_browser_wait_until($b, $tab, 'loom-web:update', 'loomWeb.summary !== null',
    '({panels: ' . WEB_PANELS_JS . ', summary: loomWeb.summary, verdict: document.querySelector("#s-failed").textContent})');
loom_browser_screenshot($b, $tab, loom_browser_artifact_path('web-failing-streams.png'));
foreach ($end['panels'] as $i => $p) {
    $text = $p['text'] === $expected ? 'the whole answer' : json_encode($p['text']);
    echo "#$i: {$p['state']}, $text", $p['error'] !== null ? ", error: {$p['error']}" : '', "\n";
}
echo "summary: {$end['summary']['ok']} ok, {$end['summary']['failed']} failed; the page counts {$end['verdict']} failed\n";
echo "errors name no upstream host or port: ",
    !preg_match('/127\.0\.0\.1|:' . $web['up']['port'] . '/', implode(' ', array_column($end['panels'], 'error'))) ? 'yes' : 'NO', "\n";
loom_browser_stop($b);
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($web['fpm'])), "\n";
?>
--EXPECTF--
#0: done, the whole answer
#1: failed, "", error: HTTP 500: Internal server error
#2: done, the whole answer
#3: failed, "t0 t1 t2 ", error: connection failed (body): Failed reading the response body from the upstream: %s
#4: done, the whole answer
summary: 3 ok, 2 failed; the page counts 2 failed
errors name no upstream host or port: yes
crash lines in the FPM log: 0
