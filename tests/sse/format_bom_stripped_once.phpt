--TEST--
SSE: format-bom and format-bom-2: a leading UTF-8 BOM is stripped once (also when split across chunks); a second BOM makes the first field name unknown
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
$bom = "\xEF\xBB\xBF";
echo "one BOM:\n", implode("\n", loom_test_sse_lines($c, $srv['url'], "{$bom}data: 1\n\ndata: 2\n\n")), "\n";
echo "one BOM, 1-byte chunks:\n", implode("\n", loom_test_sse_lines($c, $srv['url'], "{$bom}data: 1\n\n", ['chunk' => 1, 'interval_ms' => 5])), "\n";
echo "two BOMs:\n", implode("\n", loom_test_sse_lines($c, $srv['url'], "{$bom}{$bom}data: 1\n\ndata: 2\n\n")), "\n";
// Later BOMs are ordinary bytes: "\u{FEFF}data" is an unknown field, "data: \u{FEFF}3" keeps it.
$later = loom_test_sse_lines($c, $srv['url'], "data: 1\n\n{$bom}data: 2\n\ndata: {$bom}3\n\n");
echo "BOM later in the stream:\n", str_replace("\u{FEFF}", '<BOM>', implode("\n", $later)), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
one BOM:
["message","1","",null]
["message","2","",null]
end: ok
one BOM, 1-byte chunks:
["message","1","",null]
end: ok
two BOMs:
["message","2","",null]
end: ok
BOM later in the stream:
["message","1","",null]
["message","<BOM>3","",null]
end: ok
baseline: ok
