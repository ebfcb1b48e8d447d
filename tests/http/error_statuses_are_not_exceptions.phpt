--TEST--
Http: 4xx and 5xx responses (and 429 with Retry-After) are not exceptions by default; status, headers and body stay readable
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
foreach ([400, 401, 404, 500, 503] as $code) {
    $r = $c->request('GET', "/status/$code");
    echo $code, ': ', $r->status(), ' ', json_encode(trim($r->body()) !== ''), "\n";
}
$r = $c->request('GET', '/status/503?retry_after=7');
echo '503 Retry-After: ', $r->header('retry-after'), "\n";
$r = $c->request('POST', '/v1/chat/completions?fault=429&retry_after=1', ['json' => ['stream' => true]]);
echo '429: ', $r->status(), ' ', $r->header('Retry-After'), ' ', $r->header('content-type'), "\n";
var_dump($r->json()['error']['type']);
$r = $c->request('GET', '/nowhere');
echo 'unknown path: ', $r->status(), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
400: 400 true
401: 401 true
404: 404 true
500: 500 true
503: 503 true
503 Retry-After: 7
429: 429 1 application/json
string(16) "rate_limit_error"
unknown path: 404
baseline: ok
