--TEST--
Relay: a token serves one request only, expires unused after token_ttl, and only the request that created it can use it (another binding gets 404 and burns it; another page redirecting to it through nginx gets 404)
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1, 'token_ttl' => 3]);
$socketIni = "<?php ini_set('loom.relay_socket', " . var_export($s['relay']['socket'], true) . ");\n";
// A page that hands off but keeps the token for the test instead of redirecting nginx to it.
loom_fpm_page($s['fpm'], 'keep.php', $socketIni . <<<'PAGE'
header_register_callback(function () {
    foreach (headers_list() as $h) {
        if (stripos($h, 'X-Accel-Redirect: ') === 0) {
            file_put_contents(__DIR__ . '/out/token', substr($h, strlen('X-Accel-Redirect: ')));
        }
    }
    header_remove('X-Accel-Redirect');
    file_put_contents(__DIR__ . '/out/bind', $_SERVER['LOOM_RELAY_BIND']);
});
Loom\Relay\handoff('GET', $_GET['upstream'], [], []);
PAGE);
// Another page that redirects its own request to a token it did not create.
loom_fpm_page($s['fpm'], 'steal.php', '<?php header("X-Accel-Redirect: " . file_get_contents(__DIR__ . "/out/token"));');

$upstream = "{$s['up']['url']}/v1/chat/completions?tokens=2&interval_ms=1&ttft_ms=0";
$fresh = function () use ($s, $upstream): array {
    file_get_contents("{$s['nginx']['url']}/keep.php?" . http_build_query(['upstream' => $upstream]));
    return [file_get_contents("{$s['fpm']['out']}/token"), file_get_contents("{$s['fpm']['out']}/bind")];
};
$attach = function (string $path, ?string $bind) use ($s): string {
    $raw = loom_relay_raw_request($s['relay'], "GET $path HTTP/1.1\r\nHost: relay\r\n"
        . ($bind === null ? '' : "X-Loom-Bind: $bind\r\n") . "\r\n");
    return strtok($raw, "\r\n") . (str_contains($raw, 'data: [DONE]') ? ' (whole stream)' : '');
};

[$path, $bind] = $fresh();
echo "token shape: ", preg_match('#^/loom-relay/[0-9a-f]{32}$#', $path) ? 'ok' : $path, "; binding from nginx: ",
    preg_match('/^[0-9a-f]{32} 127\.0\.0\.1:\d+$/', $bind) ? 'ok' : $bind, "\n";
echo "first use:  ", $attach($path, $bind), "\n";
echo "second use: ", $attach($path, $bind), "\n";

[$path, $bind] = $fresh();
echo "another request's binding: ", $attach($path, '0123456789abcdef0123456789abcdef 127.0.0.1:1'), "\n";
echo "then the right one:        ", $attach($path, $bind), "\n";
[$path, $bind] = $fresh();
echo "no binding:                ", $attach($path, null), "\n";
echo "a token never issued:      ", $attach('/loom-relay/' . str_repeat('ab', 16), $bind), "\n";

[$path, $bind] = $fresh();
$r = loom_fpm_http_get("{$s['nginx']['url']}/steal.php");
echo "another page redirecting to it through nginx: ", strtok($r['head'], "\r\n"), "\n";
echo "  and its rightful request afterwards: ", $attach($path, $bind), "\n";

[$path, $bind] = $fresh();
$before = loom_relay_status($s['relay'])['expired'];
loom_wait_until(fn() => loom_relay_status($s['relay'])['expired'] > $before, 'the token to expire');
echo "after it expired: ", $attach($path, $bind), "\n";
$st = loom_relay_status($s['relay']);
echo "relay: registered {$st['registered']}, attached {$st['attached']}, refused {$st['refused']}, tokens left {$st['tokens']}\n";
?>
--EXPECT--
token shape: ok; binding from nginx: ok
first use:  HTTP/1.1 200 OK (whole stream)
second use: HTTP/1.1 404 Not Found
another request's binding: HTTP/1.1 404 Not Found
then the right one:        HTTP/1.1 404 Not Found
no binding:                HTTP/1.1 404 Not Found
a token never issued:      HTTP/1.1 404 Not Found
another page redirecting to it through nginx: HTTP/1.1 404 Not Found
  and its rightful request afterwards: HTTP/1.1 404 Not Found
after it expired: HTTP/1.1 404 Not Found
relay: registered 5, attached 1, refused 8, tokens left 0
