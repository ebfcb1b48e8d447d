--TEST--
SSE: format-comments and format-field-parsing: ":" lines (keep-alive pings) are ignored, field names are case-sensitive, unknown fields are ignored, a line without a colon is a field with an empty value
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
$show = fn(string $label, string $raw) => print("$label:\n" . implode("\n", loom_test_sse_lines($c, $srv['url'], $raw)) . "\n");
$show('comments', ":\n: ping\n:ping with text\ndata: a\n: between lines\ndata: b\n\n:" . str_repeat('x', 5000) . "\ndata: c\n\n");
$show('case-sensitive names and unknown fields', "Data: no\nDATA: no\nfoo: bar\nevent-x: y\ndata: yes\n\n");
$show('no colon: empty value', "data\n\ndata\ndata\n\nevent\ndata: typed\n\n");
// The web-platform-tests format-field-parsing stream.
$show('wpt format-field-parsing', "data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\ndata:3\rdata:\r\n data:32\ndata:4\n\n");
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
comments:
["message","a\nb","",null]
["message","c","",null]
end: ok
case-sensitive names and unknown fields:
["message","yes","",null]
end: ok
no colon: empty value:
["message","","",null]
["message","\n","",null]
["message","typed","",null]
end: ok
wpt format-field-parsing:
["message","\u0000\n 2\n1\n3\n\n4","",null]
end: ok
baseline: ok
