--TEST--
Http: body() returns the whole body, json() decodes it to arrays, and invalid JSON raises JsonException
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$body = $c->request('GET', '/bytes?n=300000&chunk=4096')->body();
var_dump(strlen($body), $body === str_repeat('x', 300000));
var_dump($c->request('GET', '/json?n=4')->json());
$done = $c->request('POST', '/v1/chat/completions', ['json' => ['stream' => false, 'tokens' => 3, 'ttft_ms' => 0, 'interval_ms' => 0]])->json();
var_dump($done['object'], $done['choices'][0]['message']['content']);
$r = $c->request('POST', '/v1/chat/completions?fault=malformed', ['json' => ['stream' => false, 'tokens' => 3, 'ttft_ms' => 0, 'interval_ms' => 0]]);
var_dump($r->status());
try {
    $r->json();
} catch (JsonException $e) {
    echo get_class($e), "\n";
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
int(300000)
bool(true)
array(1) {
  ["items"]=>
  array(4) {
    [0]=>
    int(0)
    [1]=>
    int(1)
    [2]=>
    int(2)
    [3]=>
    int(3)
  }
}
string(15) "chat.completion"
string(9) "t0 t1 t2 "
int(200)
JsonException
baseline: ok
