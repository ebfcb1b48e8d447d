--TEST--
Http: credentials never show: user:password in URLs is removed from messages, getUrl() and url(); header values are never echoed; var_dump/print_r show no options; stack traces hide the url and options arguments
--INI--
zend.exception_ignore_args=0
zend.exception_string_param_max_len=100
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$port = loom_test_free_port();
$secrets = ['hunter2', 'sk-live-123', 'cookie-456', 'key-789'];
$leaks = function (string $where, string $text) use ($secrets) {
    foreach ($secrets as $s) if (str_contains($text, $s)) echo "LEAK of $s in $where\n";
};
$c = new Loom\Http\Client(['headers' => ['Authorization' => 'Bearer sk-live-123', 'Cookie' => 'cookie-456']]);
$calls = [
    'refused' => fn() => $c->request('GET', "http://alice:hunter2@127.0.0.1:$port/v1", ['headers' => ['X-Api-Key' => 'key-789']]),
    'bad scheme' => fn() => $c->request('GET', 'ftp://alice:hunter2@127.0.0.1/'),
    'malformed' => fn() => $c->request('GET', 'http://alice:hunter2@exa mple.com/'),
    'bad base_uri' => fn() => $c->request('GET', 'x', ['base_uri' => 'alice:hunter2@:::']),
    'bad header' => fn() => $c->request('GET', "{$srv['url']}/", ['headers' => ['Authorization' => "Bearer sk-live-123\r\n"]]),
    'timeout' => fn() => $c->request('GET', "http://alice:hunter2@127.0.0.1:{$srv['port']}/hang", ['timeout' => ['idle' => 0.2]]),
    'too many redirects' => fn() => $c->request('GET', "http://alice:hunter2@127.0.0.1:{$srv['port']}/redirect/3", ['max_redirects' => 1]),
];
foreach ($calls as $label => $call) {
    try {
        $call();
        echo "$label: no exception (wrong)\n";
    } catch (Exception $e) {
        $text = $e->getMessage() . "\n" . $e->getTraceAsString() . "\n" . $e . "\n" . print_r($e, true);
        if ($e instanceof Loom\Http\TransportException) $text .= $e->getUrl();
        $leaks($label, $text);
        echo "$label: ", get_class($e), ', trace args hidden: ', json_encode(str_contains($e->getTraceAsString(), 'SensitiveParameterValue')), "\n";
    }
}
// user:password in the URL is still used (as Basic auth), just never shown.
$r = (new Loom\Http\Client())->request('GET', "http://alice:hunter2@127.0.0.1:{$srv['port']}/echo");
$leaks('url()', $r->url());
echo 'server saw: ', $r->json()['headers']['authorization'] === 'Basic ' . base64_encode('alice:hunter2') ? 'Basic alice:***' : 'something else', "\n";
echo str_replace($srv['url'], 'URL', $r->url()), "\n";
$dump = print_r($c, true) . var_export($c, true) . print_r($r, true);
ob_start();
var_dump($c, $r);
$dump .= ob_get_clean();
$leaks('dumps', $dump);
echo "dumps: ", trim(preg_replace('/\s+/', ' ', print_r($c, true))), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
refused: Loom\Http\TransportException, trace args hidden: true
bad scheme: Loom\Http\InvalidArgumentException, trace args hidden: true
malformed: Loom\Http\InvalidArgumentException, trace args hidden: true
bad base_uri: Loom\Http\InvalidArgumentException, trace args hidden: true
bad header: Loom\Http\InvalidArgumentException, trace args hidden: true
timeout: Loom\Http\TimeoutException, trace args hidden: true
too many redirects: Loom\Http\TransportException, trace args hidden: true
server saw: Basic alice:***
URL/echo
dumps: Loom\Http\Client Object ( )
baseline: ok
