--TEST--
Http: unknown option keys, wrong option types and negative, NAN or infinite timeouts raise Loom\Http\InvalidArgumentException naming the option and what was given
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$bad = [
    ['timeout_ms' => 1000],
    ['query' => ['a' => 1]],
    ['json' => []],
    [5 => 'x'],
    ['headers' => 'Authorization: x'],
    ['headers' => ['Authorization: x']],
    ['headers' => ['X' => null]],
    ['headers' => ['X' => ['a', ['b']]]],
    ['timeout' => -1],
    ['timeout' => -0.5],
    ['timeout' => NAN],
    ['timeout' => INF],
    ['timeout' => '30'],
    ['timeout' => ['connect' => -1]],
    ['timeout' => ['idle' => INF]],
    ['timeout' => ['read' => 5]],
    ['verify' => 'yes'],
    ['verify' => 1],
    ['max_redirects' => -1],
    ['max_redirects' => '5'],
    ['max_redirects' => 2.0],
    ['max_connections_per_host' => -2],
    ['max_response_bytes' => null],
    ['max_event_bytes' => -1],
    ['http_version' => '3'],
    ['http_version' => 2.0],
    ['proxy' => 'ftp://127.0.0.1:21'],
    ['ca_file' => ['a']],
    ['base_uri' => 80],
    ['retry' => 'yes'],
    ['retry' => ['tries' => 3]],
    ['retry' => ['max' => -1]],
    ['retry' => ['max' => 1.5]],
    ['retry' => ['statuses' => [429, '503']]],
    ['retry' => ['delay' => -0.1]],
    ['retry' => ['max_delay' => NAN]],
];
foreach ($bad as $opts) {
    try {
        new Loom\Http\Client($opts);
        echo json_encode($opts), ": accepted (wrong)\n";
    } catch (Loom\Http\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
// Per request: the same checks, plus the per-request keys.
$c = new Loom\Http\Client();
foreach ([['bogus' => 1], ['query' => 'a=1'], ['body' => 42], ['timeout' => -3]] as $opts) {
    try {
        $c->request('GET', 'http://127.0.0.1:9/', $opts);
    } catch (Loom\Http\InvalidArgumentException $e) {
        echo 'request: ', $e->getMessage(), "\n";
    }
}
try {
    $c->request('GE T', 'http://127.0.0.1:9/');
} catch (Loom\Http\InvalidArgumentException $e) {
    echo 'request: ', $e->getMessage(), "\n";
}
// Valid edge values are accepted.
new Loom\Http\Client(['timeout' => 0, 'max_redirects' => 0, 'http_version' => null, 'proxy' => null, 'retry' => null,
    'timeout' => ['connect' => 0.25, 'idle' => 0, 'total' => 2], 'headers' => ['X-N' => 5, 'X-L' => ['a', 1.5]]]);
echo "valid options accepted\n";
loom_assert_baseline('nothing started');
?>
--EXPECT--
Unknown option "timeout_ms"
Unknown option "query" for a Client (it is a per-request option)
Unknown option "json" for a Client (it is a per-request option)
Options must be keyed by name; got an integer key
Option "headers" must be an array of name => value, string given
Option "headers" must be keyed by header name ("Name" => "value")
Header "X" must be a string or a list of strings, null given
Header "X" must be a string or a list of strings, array given
Option "timeout" must be a finite number of seconds >= 0 or an array of connect/idle/total, -1 given
Option "timeout" must be a finite number of seconds >= 0 or an array of connect/idle/total, -0.5 given
Option "timeout" must be a finite number of seconds >= 0 or an array of connect/idle/total, NAN given
Option "timeout" must be a finite number of seconds >= 0 or an array of connect/idle/total, INF given
Option "timeout" must be a finite number of seconds >= 0 or an array of connect/idle/total, string given
Timeout "connect" must be a finite number of seconds >= 0, -1 given
Timeout "idle" must be a finite number of seconds >= 0, INF given
Unknown timeout "read"; expected connect, idle or total
Option "verify" must be a bool, string given
Option "verify" must be a bool, int given
Option "max_redirects" must be an int >= 0, -1 given
Option "max_redirects" must be an int >= 0, string given
Option "max_redirects" must be an int >= 0, float given
Option "max_connections_per_host" must be an int >= 0, -2 given
Option "max_response_bytes" must be an int >= 0, null given
Option "max_event_bytes" must be an int >= 0, -1 given
Option "http_version" must be null, "1.1", "2" or "2-prior-knowledge", "3" given
Option "http_version" must be a string or null, float given
Option "proxy" must be an http://, https:// or socks5:// URL
Option "ca_file" must be a string or null, array given
Option "base_uri" must be a string or null, int given
Option "retry" must be an array or null, string given
Unknown retry key "tries"; expected max, statuses, delay or max_delay
Retry "max" must be an int >= 0, -1 given
Retry "max" must be an int >= 0, float given
Retry "statuses" must be a list of ints
Retry "delay" must be a finite number of seconds >= 0, -0.1 given
Retry "max_delay" must be a finite number of seconds >= 0, NAN given
request: Unknown option "bogus"
request: Option "query" must be an array, string given
request: Option "body" must be a string, a stream resource or an iterable of strings, int given
request: Option "timeout" must be a finite number of seconds >= 0 or an array of connect/idle/total, -3 given
request: Invalid HTTP method "GE T"
valid options accepted
nothing started: ok
