--TEST--
Http: schemes other than http/https (file, gopher, dict, ftp, scp, ldap, smb, telnet...) and malformed URLs raise Loom\Http\InvalidArgumentException before any I/O
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$c = new Loom\Http\Client();
$urls = ['file:///etc/passwd', 'gopher://127.0.0.1/', 'dict://127.0.0.1/', 'ftp://127.0.0.1/', 'scp://127.0.0.1/x',
    'ldap://127.0.0.1/', 'smb://127.0.0.1/share', 'telnet://127.0.0.1/', 'ws://127.0.0.1/', 'javascript:alert(1)',
    '', 'not a url', '/relative/without/base_uri', 'http://', 'http://exa mple.com/', 'http://[::1', 'http://127.0.0.1:99999/'];
foreach ($urls as $url) {
    try {
        $c->request('GET', $url);
        echo "$url: accepted (wrong)\n";
    } catch (Loom\Http\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
// The same holds for a scheme that comes from base_uri.
try {
    $c->request('GET', 'x', ['base_uri' => 'ftp://127.0.0.1/dir/']);
} catch (Loom\Http\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
var_dump((new ReflectionClass(Loom\Http\InvalidArgumentException::class))->getParentClass()->getName());
loom_assert_baseline('nothing started');
?>
--EXPECTF--
Unsupported URL scheme "file" in "file:///etc/passwd": only http and https are allowed
Unsupported URL scheme "gopher" in "gopher://127.0.0.1/": only http and https are allowed
Unsupported URL scheme "dict" in "dict://127.0.0.1/": only http and https are allowed
Unsupported URL scheme "ftp" in "ftp://127.0.0.1/": only http and https are allowed
Unsupported URL scheme "scp" in "scp://127.0.0.1/x": only http and https are allowed
Unsupported URL scheme "ldap" in "ldap://127.0.0.1/": only http and https are allowed
Unsupported URL scheme "smb" in "smb://127.0.0.1/share": only http and https are allowed
Unsupported URL scheme "telnet" in "telnet://127.0.0.1/": only http and https are allowed
Unsupported URL scheme "ws" in "ws://127.0.0.1/": only http and https are allowed
Invalid URL "javascript:alert(1)": Unsupported number of slashes following scheme
Invalid URL "": %s
Invalid URL "not a url": %s
Invalid URL "/relative/without/base_uri": Bad scheme
Invalid URL "http://": No host part in the URL
Invalid URL "http://exa mple.com/": %s
Invalid URL "http://[::1": Bad IPv6 address
Invalid URL "http://127.0.0.1:99999/": Port number was not a decimal number between 0 and 65535
Unsupported URL scheme "ftp" in "ftp://127.0.0.1/dir/x": only http and https are allowed
string(24) "InvalidArgumentException"
nothing started: ok
