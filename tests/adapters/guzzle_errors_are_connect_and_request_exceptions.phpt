--TEST--
Adapters: Guzzle errors are Guzzle's own: ConnectException for refused, timed out and empty replies, RequestException (with the response when there is one) otherwise, each with the handler context
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$refused = loom_test_free_port();
$guzzle = loom_guzzle();
$try = function (string $label, string $url, array $options = []) use ($guzzle) {
    try {
        $r = $guzzle->get($url, $options);
        echo "$label: ", $r->getStatusCode(), "\n";
    } catch (GuzzleHttp\Exception\TransferException $e) {
        $ctx = method_exists($e, 'getHandlerContext') ? $e->getHandlerContext() : [];
        printf("%s: %s errno %s phase %s, response %s, previous %s\n", $label, get_class($e), $ctx['errno'] ?? '-',
            $ctx['phase'] ?? '-', method_exists($e, 'getResponse') && $e->getResponse() ? $e->getResponse()->getStatusCode() : 'none',
            $e->getPrevious() ? get_class($e->getPrevious()) : 'none');
    }
};
$try('refused', "http://127.0.0.1:$refused/");
$try('idle timeout', "{$srv['url']}/stall", ['read_timeout' => 0.2]);
$try('total timeout', "{$srv['url']}/drip?n=50&interval_ms=100", ['timeout' => 0.3]);
$try('empty reply', "{$srv['url']}/close");
$try('body cut short', "{$srv['url']}/length-lie?n=10");
$try('bad scheme', "ftp://127.0.0.1:$refused/");
$try('404 (http_errors)', "{$srv['url']}/status/404");
$try('503 (http_errors)', "{$srv['url']}/status/503");
$try('404 (http_errors false)', "{$srv['url']}/status/404", ['http_errors' => false]);
try {
    $guzzle->get("http://127.0.0.1:$refused/");
} catch (GuzzleHttp\Exception\ConnectException $e) {
    echo $e->getMessage() === "cURL error 7: {$e->getPrevious()->getMessage()} (Loom, phase connect)" ? "message names curl code and phase\n" : $e->getMessage();
    echo $e->getRequest()->getUri() == "http://127.0.0.1:$refused/" ? "request kept\n" : "request lost\n";
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
refused: GuzzleHttp\Exception\ConnectException errno 7 phase connect, response none, previous Loom\Http\TransportException
idle timeout: GuzzleHttp\Exception\ConnectException errno 28 phase idle, response none, previous Loom\Http\TimeoutException
total timeout: GuzzleHttp\Exception\ConnectException errno 28 phase total, response none, previous Loom\Http\TimeoutException
empty reply: GuzzleHttp\Exception\ConnectException errno 52 phase headers, response none, previous Loom\Http\TransportException
body cut short: GuzzleHttp\Exception\RequestException errno 18 phase body, response 200, previous Loom\Http\TransportException
bad scheme: GuzzleHttp\Exception\RequestException errno 0 phase -, response none, previous Loom\Http\InvalidArgumentException
404 (http_errors): GuzzleHttp\Exception\ClientException errno - phase -, response 404, previous none
503 (http_errors): GuzzleHttp\Exception\ServerException errno - phase -, response 503, previous none
404 (http_errors false): 404
message names curl code and phase
request kept
baseline: ok
