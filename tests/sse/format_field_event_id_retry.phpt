--TEST--
SSE: format-field-event, -id, -id-null, -retry: event sets the type (empty is "message") and resets after dispatch; id persists, a bare id resets it, an id with NUL is ignored; retry only with digits; a blank line with no data dispatches nothing
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
$show = fn(string $label, string $raw) => print("$label:\n" . implode("\n", loom_test_sse_lines($c, $srv['url'], $raw)) . "\n");
$show('event', "event: custom\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\nevent: a\nevent: b\ndata: 4\n\n");
$show('id', "id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 2\ndata: d\n\nid: x\0y\ndata: e\n\nid:\ndata: f\n\n");
$show('retry', "retry: 1500\ndata: a\n\ndata: b\n\nretry: 10a\ndata: c\n\nretry: -5\ndata: d\n\nretry:\ndata: e\n\nretry: 0\ndata: f\n\n");
$show('nothing to dispatch', "event: lonely\n\nid: 7\n\nretry: 100\n\n\n\ndata: after\n\n");
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
event:
["custom","1","",null]
["message","2","",null]
["message","3","",null]
["b","4","",null]
end: ok
id:
["message","a","1",null]
["message","b","1",null]
["message","c","",null]
["message","d","2",null]
["message","e","2",null]
["message","f","",null]
end: ok
retry:
["message","a","",1500]
["message","b","",null]
["message","c","",null]
["message","d","",null]
["message","e","",null]
["message","f","",0]
end: ok
nothing to dispatch:
["message","after","7",null]
end: ok
baseline: ok
