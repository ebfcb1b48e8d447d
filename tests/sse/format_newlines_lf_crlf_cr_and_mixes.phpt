--TEST--
SSE: format-newlines: LF, CRLF, CR and mixes give the same events, and a CR ending one chunk with the LF starting the next is one line break
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
$template = "data: one{N}data: two{N}{N}event: e2{N}data: three{N}{N}";
$outputs = [];
foreach (['LF' => "\n", 'CRLF' => "\r\n", 'CR' => "\r"] as $name => $nl) {
    $outputs[$name] = loom_test_sse_lines($c, $srv['url'], str_replace('{N}', $nl, $template));
}
$mixed = "data: one\rdata: two\r\n\nevent: e2\r\ndata: three\n\r";
$outputs['mixed'] = loom_test_sse_lines($c, $srv['url'], $mixed);
// "data: one\r" is 10 bytes: with 10-byte chunks every CR of a CRLF ends a chunk and its LF starts the next.
$crlf = str_replace('{N}', "\r\n", "data: one{N}data: tw{N}{N}");
$outputs['CR|LF split'] = loom_test_sse_lines($c, $srv['url'], $crlf, ['chunk' => 10, 'interval_ms' => 15]);
echo implode("\n", $outputs['LF']), "\n";
foreach ($outputs as $name => $lines) {
    if ($name === 'CR|LF split') continue;
    echo $name, ': ', $lines === $outputs['LF'] ? 'same' : 'DIFFERENT ' . json_encode($lines), "\n";
}
echo "CR|LF split:\n", implode("\n", $outputs['CR|LF split']), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
["message","one\ntwo","",null]
["e2","three","",null]
end: ok
LF: same
CRLF: same
CR: same
mixed: same
CR|LF split:
["message","one\ntw","",null]
end: ok
baseline: ok
