--TEST--
FPM: behind nginx (fastcgi_buffering on, its default) examples/sse_relay.php still streams token by token, thanks to its X-Accel-Buffering: no header
--SKIPIF--
<?php
require __DIR__ . '/../inc/fpm.inc';
loom_fpm_skipif();
if (loom_fpm_nginx_binary() === null) die('skip nginx not installed');
?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 2]);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'relay.php', file_get_contents(__DIR__ . '/../../examples/sse_relay.php'));
// The control: the same relay without its X-Accel-Buffering header.
loom_fpm_page($fpm, 'relay_no_header.php',
    '<?php header_register_callback(fn() => header_remove("X-Accel-Buffering")); require __DIR__ . "/relay.php";');
$nginx = loom_fpm_nginx_start($fpm);
// 20 tokens 50 ms apart after 50 ms: about one second upstream.
$query = http_build_query(['upstream' => "{$up['url']}/v1/chat/completions", 'tokens' => 20, 'interval_ms' => 50, 'ttft_ms' => 50]);

foreach (['relay.php', 'relay_no_header.php'] as $page) {
    $r = loom_fpm_http_get("{$nginx['url']}/$page?$query");
    $firstOffset = strpos($r['raw_body'], '"t0 "');
    $first = INF;
    foreach ($r['arrivals'] as [$t, $bytes]) {
        if ($bytes > $firstOffset) {
            $first = $t;
            break;
        }
    }
    echo "$page: ", strtok($r['head'], "\r\n"), ", ", substr_count($r['raw_body'], 'data: {"content"'), " tokens, ",
        str_contains($r['raw_body'], "event: done") ? 'done' : 'NOT done', "\n";
    echo "  first token before a third of the response time: ", $first < $r['elapsed'] / 3 ? 'yes' : 'no', "\n";
    echo "  arrived in 15 or more pieces: ", count($r['arrivals']) >= 15 ? 'yes' : 'no', "\n";
}
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECT--
relay.php: HTTP/1.1 200 OK, 20 tokens, done
  first token before a third of the response time: yes
  arrived in 15 or more pieces: yes
relay_no_header.php: HTTP/1.1 200 OK, 20 tokens, done
  first token before a third of the response time: no
  arrived in 15 or more pieces: no
crash lines in the FPM log: 0
