--TEST--
SSE: format-field-data and format-leading-space: data lines join with "\n", the final "\n" is dropped, and only one space after the colon is stripped
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
echo implode("\n", loom_test_sse_lines($c, $srv['url'],
    "data: a\ndata: b\ndata: c\n\n" .
    "data:no-space\n\n" .
    "data:  two spaces\n\n" .
    "data:\tleading tab\n\n" .
    "data: trailing space \n\n" .
    "data:\ndata:\n\n" .
    "data: x\ndata:\n\n" .
    "data: ends with colon:\n\n")), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
["message","a\nb\nc","",null]
["message","no-space","",null]
["message"," two spaces","",null]
["message","\tleading tab","",null]
["message","trailing space ","",null]
["message","\n","",null]
["message","x\n","",null]
["message","ends with colon:","",null]
end: ok
baseline: ok
