--TEST--
Adapters: Guzzle's on_headers (before the body; a throw fails the request), on_stats (success and failure), progress and on_trailers options are called as Guzzle documents
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
$log = [];
$r = $guzzle->get('/sse?data=abcdef&chunk=3&gate=hdr', [
    'on_headers' => function ($r) use (&$log, $srv) {
        $log[] = 'headers ' . $r->getStatusCode() . ' body so far: ' . $r->getBody()->getSize();
        loom_adapters_open_gate($srv, 'hdr');   // the rest of the body is sent only now
    },
    'on_stats' => function (GuzzleHttp\TransferStats $s) use (&$log) {
        $log[] = sprintf('stats %d %s time>0:%s', $s->getResponse()->getStatusCode(), $s->getEffectiveUri()->getPath(),
            var_export($s->getTransferTime() > 0, true));
    },
]);
$log[] = 'body ' . $r->getBody();
echo implode("\n", $log), "\n";

try {
    $guzzle->get('/json', ['on_headers' => function () { throw new DomainException('no thanks'); }]);
} catch (GuzzleHttp\Exception\RequestException $e) {
    echo get_class($e), ': ', $e->getMessage(), ' / ', get_class($e->getPrevious()), ': ', $e->getPrevious()->getMessage(), "\n";
}

$port = loom_test_free_port();
try {
    $guzzle->get("http://127.0.0.1:$port/", ['on_stats' => function (GuzzleHttp\TransferStats $s) {
        echo 'failure stats: response ', var_export($s->hasResponse(), true), ', error ', get_class($s->getHandlerErrorData()), "\n";
    }]);
} catch (GuzzleHttp\Exception\ConnectException $e) {
}

$calls = [];
$guzzle->post('/bytes?n=50000&chunk=10000', ['body' => 'xyz', 'progress' => function (...$a) use (&$calls) { $calls[] = $a; }]);
$last = end($calls);
echo 'progress: ', count($calls) >= 2 ? 'several calls' : 'one call', ', first ', json_encode($calls[0]), ', last ', json_encode($last), "\n";

$trailer = rawurlencode('X-Checksum: 42');
$guzzle->get("/bytes?n=10&trailer=$trailer", ['on_trailers' => function (array $trailers, $r) {
    echo 'trailers: ', json_encode($trailers), ' after a body of ', $r->getBody()->getSize(), "\n";
}]);
loom_test_server_stop($srv);
loom_assert_http_baseline(2);
?>
--EXPECT--
headers 200 body so far: 0
stats 200 /sse time>0:true
body abcdef
GuzzleHttp\Exception\RequestException: An error was encountered during the on_headers event / DomainException: no thanks
failure stats: response false, error Loom\Http\TransportException
progress: several calls, first [0,0,3,3], last [0,50000,3,3]
trailers: {"x-checksum":["42"]} after a body of 10
baseline: ok
