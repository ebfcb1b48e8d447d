--TEST--
Web: in headless Chromium, through nginx -> php-fpm -> Loom, ten answer panels fill at the same time (partial text in all ten while the streams run), all complete, and the wall time is one stream's, not ten
--SKIPIF--
<?php require __DIR__ . '/web.inc'; web_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/web.inc';
$web = web_start();
$up = $web['up'];
$gate = web_gate('ten-side-by-side');
// Each stream sends three tokens, then waits at the gate until the test has seen all ten panels mid-answer.
$expected = implode('', array_map(fn($i) => "t$i ", range(0, 19)));
$query = ['prompt' => "Why fibers?\nWhy libuv?", 'n' => 10, 'tokens' => 20, 'interval_ms' => 20, 'ttft_ms' => 50,
          'gate' => $gate, 'gate_at' => 3];

$b = loom_browser_start();
$tab = loom_browser_open($b, $web['url'] . '?' . http_build_query($query));

$mid = loom_browser_wait_until($b, $tab, 'loom-web:update',
    'document.querySelectorAll("#panels .panel .text").length === 10 && ' .
    '[...document.querySelectorAll("#panels .panel .text")].every(el => el.textContent === "t0 t1 t2 ")',
    '({panels: ' . WEB_PANELS_JS . ', summary: document.querySelector("#summary").dataset.state})');
$open = web_counters($up)['open'] - 1; // minus the counters request itself
echo "while the streams wait at the gate:\n";
echo "  panels: ", count($mid['panels']), "\n";
echo "  each shows its first three tokens: ", count(array_filter($mid['panels'], fn($p) => $p['text'] === 't0 t1 t2 ')), "\n";
echo "  each is streaming, with a TTFT: ", count(array_filter($mid['panels'], fn($p) => $p['state'] === 'streaming' && str_ends_with($p['ttft'], ' s'))), "\n";
echo "  summary: {$mid['summary']}\n";
echo "  upstream connections open at the server: $open\n";
loom_browser_screenshot($b, $tab, loom_browser_artifact_path('web-ten-answers-mid-stream.png'));

web_open_gate($up, $gate);
$end = loom_browser_wait_until($b, $tab, 'loom-web:update', 'loomWeb.summary !== null',
    '({panels: ' . WEB_PANELS_JS . ', summary: loomWeb.summary, ms: loomWeb.panels.map(p => p.ms),' .
    ' html: document.documentElement.outerHTML})');
$shot = loom_browser_artifact_path('web-ten-answers.png');
$bytes = loom_browser_screenshot($b, $tab, $shot, true);

echo "at the end:\n";
echo "  complete panels: ", count(array_filter($end['panels'], fn($p) => $p['state'] === 'done' && $p['text'] === $expected)), "\n";
echo "  panels with tokens/s: ", count(array_filter($end['panels'], fn($p) => is_numeric($p['tps']) && $p['tps'] > 0)), "\n";
$s = $end['summary'];
echo "  summary: {$s['ok']} ok, {$s['failed']} failed of {$s['n']}\n";
$longest = max($end['ms']);
echo "  wall time within 1.5x the longest stream: ", $s['wall_ms'] <= 1.5 * $longest ? 'yes' : "NO ({$s['wall_ms']} ms vs $longest ms)", "\n";
echo "  the calls added up at least 5x the wall time: ", $s['sum_ms'] >= 5 * $s['wall_ms'] ? 'yes' : "NO ({$s['sum_ms']} ms vs {$s['wall_ms']} ms)", "\n";
echo "  page never shows the upstream or the key: ",
    !str_contains($end['html'], (string)$up['port']) && !str_contains($end['html'], WEB_TEST_API_KEY) ? 'yes' : 'NO', "\n";
echo "screenshot saved: ", $bytes > 10000 && file_get_contents($shot, false, null, 0, 4) === "\x89PNG" ? 'yes' : 'NO', "\n";
// Kept beside the screenshot: what this run measured.
file_put_contents(loom_browser_artifact_path('web-ten-answers.json'), json_encode(['summary' => $s, 'stream_ms' => $end['ms'],
    'upstream_open_mid_stream' => $open], JSON_PRETTY_PRINT) . "\n");
loom_browser_stop($b);
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($web['fpm'])), "\n";
?>
--EXPECT--
while the streams wait at the gate:
  panels: 10
  each shows its first three tokens: 10
  each is streaming, with a TTFT: 10
  summary: running
  upstream connections open at the server: 10
at the end:
  complete panels: 10
  panels with tokens/s: 10
  summary: 10 ok, 0 failed of 10
  wall time within 1.5x the longest stream: yes
  the calls added up at least 5x the wall time: yes
  page never shows the upstream or the key: yes
screenshot saved: yes
crash lines in the FPM log: 0
