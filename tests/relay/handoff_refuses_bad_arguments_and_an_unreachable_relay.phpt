--TEST--
Relay: handoff() refuses bad arguments before any I/O, says when nginx passes no binding or the relay is unreachable, and keeps the URL and options out of stack traces
--FILE--
<?php
ob_start();   // the CLI sends its headers with the first output: keep them unsent, as in a page
$try = function (callable $f) {
    try {
        $f();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
};
$try(fn() => Loom\Relay\handoff('GET', 'http://127.0.0.1:1/x'));
$_SERVER['LOOM_RELAY_BIND'] = 'rid 127.0.0.1:1';
ini_set('loom.relay_socket', sys_get_temp_dir() . '/loom-no-relay-' . getmypid() . '.sock');
$try(fn() => Loom\Relay\handoff("GE T", 'http://127.0.0.1:1/x'));
$try(fn() => Loom\Relay\handoff('GET', ''));
$try(fn() => Loom\Relay\handoff('GET', 'http://127.0.0.1:1/x', ['body' => fopen('php://memory', 'r')]));
$try(fn() => Loom\Relay\handoff('GET', 'http://127.0.0.1:1/x', ['json' => ['f' => fn() => 1]]));
$try(fn() => Loom\Relay\handoff('GET', 'http://127.0.0.1:1/x', [], ['format' => 'xml']));
$try(fn() => Loom\Relay\handoff('GET', 'http://127.0.0.1:1/x', [], ['headers' => ['X-A' => "a\r\nSet-Cookie: x"]]));
$try(fn() => Loom\Relay\handoff('GET', 'http://127.0.0.1:1/x', [], ['location' => 'relative/']));
$try(fn() => Loom\Relay\handoff('GET', 'http://127.0.0.1:1/x', [], ['colour' => 'blue']));
try {
    Loom\Relay\handoff('GET', 'http://127.0.0.1:1/x?key=sk-url-secret', ['headers' => ['Authorization' => 'Bearer sk-opt-secret']]);
} catch (Loom\Exception $e) {
    echo preg_replace('/loom-no-relay-\d+/', 'loom-no-relay-N', $e->getMessage()), "\n";
    echo "secrets in the trace: ", str_contains($e->getTraceAsString(), 'sk-') ? 'YES' : 'no', "\n";
}
$try(fn() => Loom\Relay\serve('/tmp/x.sock', ['token_ttl' => -1]));
$try(fn() => Loom\Relay\serve('/tmp/x.sock', ['bogus' => 1]));
// libuv reports a missing directory as EACCES (as Windows does).
$try(fn() => Loom\Relay\serve(sys_get_temp_dir() . '/loom-missing-dir-' . getmypid() . '/relay.sock'));
$file = sys_get_temp_dir() . '/loom-not-a-socket-' . getmypid();
file_put_contents($file, 'precious');
$try(fn() => Loom\Relay\serve($file));
echo "a regular file at the socket path is left alone: ", file_get_contents($file) === 'precious' ? 'yes' : 'no', "\n";
unlink($file);
echo preg_replace(['#\S*/loom-missing-dir-\d+#', '#\S*/loom-not-a-socket-\d+#'], ['MISSING', 'FILE'], ob_get_clean());
?>
--EXPECT--
Loom\Exception: Loom\Relay\handoff(): $_SERVER['LOOM_RELAY_BIND'] is missing: nginx must pass fastcgi_param LOOM_RELAY_BIND "$request_id $remote_addr:$remote_port" (see the README)
ValueError: Loom\Relay\handoff(): Argument #1 ($method) must be an HTTP method
ValueError: Loom\Relay\handoff(): Argument #2 ($url) must not be empty
ValueError: Loom\Relay\handoff(): Argument #3 ($options) must hold only scalars and arrays (the relay process receives a copy)
ValueError: Loom\Relay\handoff(): Argument #3 ($options) must hold only scalars and arrays (the relay process receives a copy)
ValueError: Loom\Relay\handoff(): Argument #4 ($relay) option "format" must be "sse" or "raw"
ValueError: Loom\Relay\handoff(): Argument #4 ($relay) option "headers" must map header names to values without CR, LF or NUL
ValueError: Loom\Relay\handoff(): Argument #4 ($relay) option "location" must be a path starting with /
ValueError: Loom\Relay\handoff(): Argument #4 ($relay) has an unknown option "colour"
Loom\Relay\handoff(): the relay at /tmp/loom-no-relay-N.sock refused or is unreachable: No such file or directory
secrets in the trace: no
ValueError: Loom\Relay\serve(): Argument #2 ($options) option "token_ttl" must be between 0 and 86400 seconds
ValueError: Loom\Relay\serve(): Argument #2 ($options) has an unknown option "bogus"
Loom\Exception: Loom\Relay\serve(): cannot listen on MISSING/relay.sock: permission denied
Loom\Exception: Loom\Relay\serve(): cannot listen on FILE: address already in use
a regular file at the socket path is left alone: yes
