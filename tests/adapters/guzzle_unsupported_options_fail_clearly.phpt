--TEST--
Adapters: Guzzle options Loom cannot honour (curl, debug, stream_context, force_ip_resolve, crypto_method, decode_content false, ...) fail with an InvalidArgumentException naming the option and why, before any I/O
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
$cases = [
    ['curl' => [CURLOPT_VERBOSE => true]],
    ['debug' => true],
    ['stream_context' => ['http' => ['method' => 'GET']]],
    ['force_ip_resolve' => 'v4'],
    ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT],
    ['decode_content' => false],
    ['auth' => ['u', 'p', 'digest']],
    ['on_headers' => 'not a callable'],
];
foreach ($cases as $o) {
    try {
        $guzzle->get('/echo', $o);
        echo key($o), ": accepted\n";
    } catch (InvalidArgumentException $e) {
        echo key($o), ': ', $e->getMessage(), "\n";
    }
}
// Their "off" values (Guzzle's own defaults) are fine.
echo $guzzle->get('/echo', ['debug' => false, 'curl' => [], 'stream_context' => [], 'decode_content' => true])->getStatusCode(), "\n";
echo json_decode(file_get_contents("{$srv['url']}/counters"), true)['requests'], " requests reached the server\n";
loom_test_server_stop($srv);
?>
--EXPECT--
curl: The "curl" request option is not supported: Loom\Guzzle\Handler does not use ext/curl handles; use the "loom" request option for Loom\Http options
debug: The "debug" request option is not supported: Loom\Guzzle\Handler has no debug output
stream_context: The "stream_context" request option is not supported: Loom\Guzzle\Handler does not use PHP stream contexts
force_ip_resolve: The "force_ip_resolve" request option is not supported: Loom\Http\Client cannot force IPv4 or IPv6
crypto_method: The "crypto_method" request option is not supported: Loom\Http\Client cannot pin a TLS version
decode_content: The "decode_content" request option cannot be false: Loom\Http\Client always decodes gzip/deflate/br bodies
auth: The "curl" request option is not supported: Loom\Guzzle\Handler does not use ext/curl handles; use the "loom" request option for Loom\Http options
on_headers: The "on_headers" request option must be callable
200
2 requests reached the server
