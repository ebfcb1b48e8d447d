--TEST--
Adapters: Guzzle's decode_content (true, or an Accept-Encoding value) gets the decoded body, and delay waits before sending without blocking other tasks
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
$r = $guzzle->get('/gzip?n=100000');
echo $r->getHeaderLine('Content-Encoding'), ' ', strlen((string)$r->getBody()), "\n";
$r = $guzzle->get('/echo', ['decode_content' => 'gzip']);
echo json_decode((string)$r->getBody(), true)['headers']['accept-encoding'], "\n";
$r = $guzzle->get('/gzip?n=1000', ['decode_content' => 'gzip', 'stream' => true]);
echo strlen($r->getBody()->getContents()), "\n";

$order = [];
$t0 = hrtime(true);
$delayed = Loom\spawn(function () use ($guzzle, &$order, $t0) {
    $guzzle->get('/json', ['delay' => 300]);
    $order[] = sprintf('delayed request done after >= 300 ms: %s', var_export((hrtime(true) - $t0) / 1e6 >= 300, true));
});
$other = Loom\spawn(function () use ($guzzle, &$order) {
    $guzzle->get('/json');
    $order[] = 'undelayed request done';
});
Loom\all([$delayed, $other]);
echo implode("\n", $order), "\n";
loom_test_server_stop($srv);
?>
--EXPECT--
gzip 100000
gzip
1000
undelayed request done
delayed request done after >= 300 ms: true
