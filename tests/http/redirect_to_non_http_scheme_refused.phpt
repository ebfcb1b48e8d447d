--TEST--
Http: a redirect to file, gopher, ftp or dict is refused with TransportException phase redirect; nothing is fetched from the target
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
foreach (['file:///etc/passwd', 'gopher://127.0.0.1:70/_x', 'ftp://127.0.0.1/pub', 'dict://127.0.0.1:2628/d:x'] as $target) {
    try {
        $c->request('GET', '/redirect-to?url=' . rawurlencode($target));
        echo "$target: followed (wrong)\n";
    } catch (Loom\Http\TransportException $e) {
        echo get_class($e), ' phase ', $e->getPhase(), ': ', str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
    }
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
Loom\Http\TransportException phase redirect: Refused redirect from URL/redirect-to?url=file%3A%2F%2F%2Fetc%2Fpasswd: Unsupported URL scheme "file" in "file:///etc/passwd": only http and https are allowed
Loom\Http\TransportException phase redirect: Refused redirect from URL/redirect-to?url=gopher%3A%2F%2F127.0.0.1%3A70%2F_x: Unsupported URL scheme "gopher" in "gopher://127.0.0.1:70/_x": only http and https are allowed
Loom\Http\TransportException phase redirect: Refused redirect from URL/redirect-to?url=ftp%3A%2F%2F127.0.0.1%2Fpub: Unsupported URL scheme "ftp" in "ftp://127.0.0.1/pub": only http and https are allowed
Loom\Http\TransportException phase redirect: Refused redirect from URL/redirect-to?url=dict%3A%2F%2F127.0.0.1%3A2628%2Fd%3Ax: Unsupported URL scheme "dict" in "dict://127.0.0.1:2628/d:x": only http and https are allowed
baseline: ok
