--TEST--
Http: the json option sends the value as JSON with Content-Type application/json, unless the request sets its own Content-Type
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$e = $c->request('POST', '/echo', ['json' => ['model' => 'm', 'messages' => [['role' => 'user', 'content' => 'héllo/"x"']], 'n' => 1.5]])->json();
var_dump($e['method'], $e['headers']['content-type'], $e['body']);
var_dump(json_decode($e['body'], true)['messages'][0]['content']);
$e = $c->request('POST', '/echo', ['json' => [1, 2], 'headers' => ['content-type' => 'application/vnd.x+json']])->json();
var_dump($e['headers']['content-type'], $e['body']);
try {
    $c->request('POST', '/echo', ['json' => NAN]);
} catch (Loom\Http\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
string(4) "POST"
string(16) "application/json"
string(75) "{"model":"m","messages":[{"role":"user","content":"héllo/\"x\""}],"n":1.5}"
string(10) "héllo/"x""
string(22) "application/vnd.x+json"
string(5) "[1,2]"
Option "json" could not be encoded as JSON (json_last_error() 7)
baseline: ok
