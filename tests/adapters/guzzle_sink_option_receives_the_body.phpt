--TEST--
Adapters: Guzzle's sink option writes the body to a path, a resource or a PSR-7 stream, and the response body is that sink
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
$path = tempnam(sys_get_temp_dir(), 'loom-sink-');
$r = $guzzle->get('/bytes?n=100000&chunk=7000', ['sink' => $path]);
echo 'path: ', filesize($path), ' ', $r->getBody()->getSize(), "\n";
$fh = fopen('php://memory', 'w+');
$r = $guzzle->get('/bytes?n=5000', ['sink' => $fh]);
rewind($fh);
echo 'resource: ', strlen(stream_get_contents($fh)), ' ', $r->getBody()->getMetadata('uri'), "\n";
$stream = GuzzleHttp\Psr7\Utils::streamFor('');
$r = $guzzle->get('/json?n=3', ['sink' => $stream]);
echo 'stream: ', $r->getBody() === $stream ? 'same object' : 'other object', ' ', $stream, "\n";
unlink($path);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
path: 100000 100000
resource: 5000 php://memory
stream: same object {"items":[0,1,2]}
baseline: ok
