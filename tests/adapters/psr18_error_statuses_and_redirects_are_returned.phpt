--TEST--
Adapters: PSR-18 sendRequest() returns 4xx, 5xx and 3xx responses (redirects are not followed unless max_redirects is given) with their headers and bodies
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$client = new Loom\Psr18\Client();
$factory = new GuzzleHttp\Psr7\HttpFactory();
foreach (['/status/404', '/status/500', '/v1/chat/completions?fault=429&retry_after=3', '/redirect/1'] as $path) {
    $r = $client->sendRequest($factory->createRequest('GET', $srv['url'] . $path));
    printf("%d %s retry-after=%s location=%s body=%s\n", $r->getStatusCode(), $r->getReasonPhrase(),
        $r->getHeaderLine('Retry-After'), $r->getHeaderLine('Location'), trim(substr((string)$r->getBody(), 0, 40)));
}
$following = new Loom\Psr18\Client(['max_redirects' => 5]);
$r = $following->sendRequest($factory->createRequest('GET', "{$srv['url']}/redirect/2"));
echo $r->getStatusCode(), ' ', json_decode((string)$r->getBody(), true)['path'], "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(2);
?>
--EXPECT--
404 Not Found retry-after= location= body=404 Not Found
500 Internal Server Error retry-after= location= body=500 Internal Server Error
429 Too Many Requests retry-after=3 location= body={"error":{"message":"Rate limit reached"
302 Found retry-after= location=/redirect/0 body=redirecting
200 /echo
baseline: ok
