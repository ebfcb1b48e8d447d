--TEST--
Http: CR, LF or NUL in a header name or value, the method or the URL (or base_uri) raise Loom\Http\InvalidArgumentException before anything is sent
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
// A peer that logs every connection: it must see none.
$peer = loom_test_peer_start(<<<'PEER'
while ($c = peer_accept($server)) { fwrite(STDERR, "connection\n"); fclose($c); }
PEER);
$u = $peer['url'];
$cases = [
    'value with CRLF' => ['GET', "$u/", ['headers' => ['X-A' => "ok\r\nX-Injected: 1"]]],
    'value with LF' => ['GET', "$u/", ['headers' => ['X-A' => "ok\nX-Injected: 1"]]],
    'value with NUL' => ['GET', "$u/", ['headers' => ['X-A' => "ok\0"]]],
    'value in a list' => ['GET', "$u/", ['headers' => ['X-A' => ['fine', "bad\r"]]]],
    'name with CRLF' => ['GET', "$u/", ['headers' => ["X-A\r\nX-B" => 'v']]],
    'name with NUL' => ['GET', "$u/", ['headers' => ["X-A\0" => 'v']]],
    'name with colon' => ['GET', "$u/", ['headers' => ['X-A: v' => 'v']]],
    'name with space' => ['GET', "$u/", ['headers' => ['X A' => 'v']]],
    'method with CRLF' => ["GET / HTTP/1.1\r\nX: y\r\n\r\nGET", "$u/", []],
    'method with NUL' => ["GET\0", "$u/", []],
    'URL with CRLF' => ['GET', "$u/\r\nX-Injected: 1", []],
    'URL with LF' => ['GET', "$u/a\nb", []],
    'URL with NUL' => ['GET', "$u/a\0b", []],
    'base_uri with CRLF' => ['GET', 'x', ['base_uri' => "$u/\r\n"]],
    'client header with LF' => null,
];
foreach ($cases as $label => $case) {
    try {
        if ($case === null) {
            new Loom\Http\Client(['headers' => ['Authorization' => "Bearer x\nX-Injected: 1"]]);
        } else {
            (new Loom\Http\Client())->request(...$case);
        }
        echo "$label: accepted (wrong)\n";
    } catch (Loom\Http\InvalidArgumentException $e) {
        echo "$label: ", str_replace(["\r", "\n", "\0"], ['\r', '\n', '\0'], $e->getMessage()), "\n";
    }
}
Loom\sleep(0.1);
var_dump(loom_test_peer_stop($peer));
loom_assert_baseline('nothing started');
?>
--EXPECT--
value with CRLF: Header "X-A" must not contain CR, LF or NUL characters
value with LF: Header "X-A" must not contain CR, LF or NUL characters
value with NUL: Header "X-A" must not contain CR, LF or NUL characters
value in a list: Header "X-A" must not contain CR, LF or NUL characters
name with CRLF: Header name "X-A\r\nX-B" is not a valid HTTP token (no spaces, colons, CR, LF or NUL)
name with NUL: Header name "X-A" is not a valid HTTP token (no spaces, colons, CR, LF or NUL)
name with colon: Header name "X-A: v" is not a valid HTTP token (no spaces, colons, CR, LF or NUL)
name with space: Header name "X A" is not a valid HTTP token (no spaces, colons, CR, LF or NUL)
method with CRLF: Invalid HTTP method "GET / HTTP/1.1\r\nX: y\r\n\r\nGET"
method with NUL: Invalid HTTP method "GET"
URL with CRLF: URL must not contain CR, LF or NUL characters
URL with LF: URL must not contain CR, LF or NUL characters
URL with NUL: URL must not contain CR, LF or NUL characters
base_uri with CRLF: Option "base_uri" must not contain CR, LF or NUL characters
client header with LF: Header "Authorization" must not contain CR, LF or NUL characters
string(0) ""
nothing started: ok
